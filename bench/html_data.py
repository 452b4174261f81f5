"""The HTML path's training and judging data: every block of every page of both dev sets, cached.

Two conventions of what the main content is:

- WCXB dev (`../shared/wcxb-dev`, Murrough Foley, CC-BY-4.0): the page's whole main content as text. A
  block is content (1) when most of its word trigrams (short blocks: all its words, in order) occur in it,
  else boilerplate (0).
- trafeval (`../shared/trafeval`, trafilatura's evaluation set, Apache-2.0): only `with` and `without`
  snippets, labelled as `bench.labels.snippet_labels` says (1, 0, or -1 for a block no snippet touches).

Blocks come from cleaner.html.extract.page_features, as inference makes them; each block also keeps the
keys of its ancestor elements (numbered in page order), so the main-content stage can be run and trained
on the cache without parsing again. trafilatura's default `extract` output of each page is cached too
(the figures put it beside cleaner's). The cache lives in bench/out/ (git-ignored), named by a digest of the
code that makes it (`bench.cache`); `refresh` rebuilds it.
"""

from __future__ import annotations

import json
import pickle
import time
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura

import cleaner
from cleaner.config import Config
from cleaner.html.blocks import CUE_BITS
from cleaner.html.extract import page_features, parse_html, rule_out
from cleaner.html.features import Reference
from cleaner.html.meta import read_metadata
from cleaner.html.records import element_shape
from cleaner.sniff import decode

from .cache import source_digest
from .labels import CONTENT_SHARE, snippet_labels
from .run import load_pages
from .trafeval import load_trafeval

HERE = Path(__file__).parent
OUT = HERE / "out"
WCXB = "wcxb"
TRAFEVAL = "trafeval"
_COMMENT_BIT = CUE_BITS["comment"]
_DEFAULTS = Config()


def page_domains(data: Path) -> dict[str, str]:
    """WCXB's site (domain) of each page id."""
    files = json.loads((data / "metadata.json").read_text(encoding="utf-8")).get("files", {})
    domains = {key: value["domain"] for key, value in files.items() if value.get("domain")}
    for truth_file in (data / "ground-truth").glob("*.json"):
        if truth_file.stem not in domains:
            url = json.loads(truth_file.read_text(encoding="utf-8")).get("url") or truth_file.stem
            domains[truth_file.stem] = urlsplit(url).netloc.removeprefix("www.") or truth_file.stem
    return domains


@dataclass
class CachedPage:
    """One page of a dev set as the HTML model sees it."""

    set: str  # WCXB or TRAFEVAL
    id: str
    site: str  # the group for by-site held-out splits
    page_type: str  # WCXB's page type; "article" for trafeval (news and blog pages)
    truth: str  # WCXB's main content ("" for trafeval)
    with_snippets: list[str]
    without_snippets: list[str]
    texts: list[str]
    words: list[int]  # words per block
    paths: list[tuple[int, ...]]  # ancestor element keys per block, outermost first, its own last
    shapes: list[tuple[str, str]]  # each element key's tag and class (cleaner.html.records)
    comments: list[bool]  # inside an element marked as reader comments
    ruled_out: list[bool]  # gone whatever the model says (cleaner.html.extract.rule_out, default Config)
    features: list[list[float]]
    labels: list[int]  # 1 content, 0 boilerplate, -1 unlabelled
    trafilatura: str = ""  # trafilatura.extract's text (defaults)
    seconds: dict[str, float] = field(
        default_factory=dict
    )  # CPU seconds of page_features and of trafilatura.extract


def _page_blocks(html: str) -> tuple[list, list[list[float]]]:
    tree = parse_html(html)
    return page_features(tree, _DEFAULTS, read_metadata(tree).url)


def _extract(job: tuple[str, str, str, str, str, list[str], list[str], str | bytes]) -> CachedPage:
    set_name, page_id, site, page_type, truth, with_snippets, without_snippets, source = job
    html = decode(source)
    start = time.process_time()
    blocks, rows = _page_blocks(html)
    features_seconds = time.process_time() - start
    start = time.process_time()
    reference = trafilatura.extract(source) or ""
    trafilatura_seconds = time.process_time() - start
    if set_name == WCXB:
        truth_reference = Reference(truth)
        labels = [int(truth_reference.share(block.words) >= CONTENT_SHARE) for block in blocks]
    else:
        labels = snippet_labels([block.words for block in blocks], with_snippets, without_snippets)
    keys: dict[int, int] = {}
    shapes: list[tuple[str, str]] = []  # by key
    paths = []
    for block in blocks:
        for element in block.ancestors:
            if id(element) not in keys:
                keys[id(element)] = len(keys)
                shapes.append(element_shape(element))
        paths.append(tuple(keys[id(element)] for element in block.ancestors))
    return CachedPage(
        set=set_name,
        id=page_id,
        site=site,
        page_type=page_type,
        truth=truth,
        with_snippets=with_snippets,
        without_snippets=without_snippets,
        texts=[block.text for block in blocks],
        words=[len(block.words) for block in blocks],
        paths=paths,
        shapes=shapes,
        comments=[bool(block.look_any & _COMMENT_BIT) for block in blocks],
        ruled_out=[rule_out(block, _DEFAULTS) is not None for block in blocks],
        features=rows,
        labels=labels,
        trafilatura=reference,
        seconds={"features": features_seconds, "trafilatura": trafilatura_seconds},
    )


def _jobs(set_name: str, data: Path) -> list[tuple]:
    if set_name == WCXB:
        domains = page_domains(data)
        return [
            (
                WCXB,
                p.id,
                domains.get(p.id, p.id),
                p.page_type,
                p.truth,
                p.with_snippets,
                p.without_snippets,
                p.html,
            )
            for p in load_pages(data, None)
        ]
    return [
        (TRAFEVAL, p.id, p.site, "article", "", p.with_snippets, p.without_snippets, p.html)
        for p in load_trafeval(data)
    ]


def _code_key() -> str:
    """What the cached pages are made by: the HTML path, its default settings, decoding, the word rules and
    the labelling."""
    package = Path(cleaner.__file__).parent
    return source_digest(
        [
            *sorted((package / "html").glob("*.py")),
            package / "config.py",
            package / "sniff.py",
            package / "textutils.py",
            Path(__file__),
            HERE / "labels.py",
        ]
    )


def load_set(set_name: str, data: Path, refresh: bool = False) -> list[CachedPage]:
    """Every page of one dev set with its blocks, features and labels (extracted once, then cached)."""
    cache = OUT / f"html-{set_name}-{_code_key()}.pkl"
    if cache.exists() and not refresh:
        with cache.open("rb") as handle:
            cached: list[CachedPage] = pickle.load(handle)
        return cached
    jobs = _jobs(set_name, data)
    with Pool(2) as pool:
        pages = pool.map(_extract, jobs, chunksize=4)
    OUT.mkdir(exist_ok=True)
    with cache.open("wb") as handle:
        pickle.dump(pages, handle)
    return pages
