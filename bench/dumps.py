"""Both dev sets as text dumps, as the text model is trained (bench.train_text) and judged (bench.text_eval).

- WCXB dev (`../shared/wcxb-dev`, Murrough Foley, CC-BY-4.0): each page's `lines`, `glued` and `markdown`
  dumps (bench.run's `DUMPS`), with its ground-truth main content and page type.
- trafeval (`../shared/trafeval`, trafilatura's evaluation set, Apache-2.0): the dumps of each page decoded
  as a browser would (`bench.trafeval.as_dump`), with its `with` and `without` snippets only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .cache import source_digest
from .run import DUMPS as MAKE_DUMP
from .run import load_pages
from .trafeval import as_dump, load_trafeval

OUT = Path(__file__).parent / "out"
WCXB, TRAFEVAL = "wcxb", "trafeval"


@dataclass(frozen=True)
class Dump:
    id: str
    page_type: str
    site: str
    dump: str
    truth: str
    with_snippets: list[str]
    without_snippets: list[str]
    set: str = WCXB  # trafeval's dumps have no truth and no page type: their snippets label and score them


def wcxb_dumps(data: Path, shape: str, limit: int | None = None) -> Iterator[Dump]:
    make = MAKE_DUMP[shape]
    for page in load_pages(data, limit):
        site = urlsplit(page.url).netloc.removeprefix("www.") or page.id
        yield Dump(
            page.id,
            page.page_type,
            site,
            make(page.html),
            page.truth,
            page.with_snippets,
            page.without_snippets,
        )


def trafeval_dumps(data: Path, shape: str, limit: int | None = None) -> Iterator[Dump]:
    for page in load_trafeval(data, limit):
        yield Dump(
            page.id,
            "",
            page.site,
            as_dump(shape, page),
            "",
            page.with_snippets,
            page.without_snippets,
            TRAFEVAL,
        )


DUMPS = {WCXB: wcxb_dumps, TRAFEVAL: trafeval_dumps}
# The code the dumps are made by: what a cache of dumps, or of anything learnt from them, depends on.
DUMP_CODE = [Path(__file__).parent / name for name in ("dumps.py", "run.py", "trafeval.py")]


def load_dumps(set_name: str, data: Path, shape: str, limit: int | None = None) -> list[Dump]:
    """One set's `shape` dumps, built once and cached in bench/out/ (git-ignored), under a digest of the code
    that makes them."""
    key = source_digest(DUMP_CODE)
    cache = OUT / f"dumps-{set_name}-{shape}{'' if limit is None else f'-{limit}'}-{key}.jsonl"
    if not cache.exists():
        OUT.mkdir(exist_ok=True)
        with cache.open("w", encoding="utf-8") as handle:
            for dump in DUMPS[set_name](data, shape, limit):
                handle.write(json.dumps(dump.__dict__) + "\n")
    with cache.open(encoding="utf-8") as handle:
        return [Dump(**json.loads(line)) for line in handle]
