"""`make bench`: cleaner against trafilatura alone, on WCXB pages in three input shapes.

Data: the WCXB benchmark (Murrough Foley, CC-BY-4.0), dev split by default (`BENCH_DATA`).
Modes: `html` (the page), `lines` (html-text's layout-guessing text: a line dump), `glued` (every text
node run together: a glued dump) and `markdown` (the page as markdownify writes it: a Markdown export). Writes bench/RESULTS.md and per-page scores to bench/out/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import html_text
import lxml.html
import markdownify
import trafilatura

from cleaner import Cleaner, CleanerError, Result, to_markdown
from cleaner.text.segment import segment_lines

from .metrics import Score, score
from .results import RESULTS, ModeRun, mode_sections, write_section

HERE = Path(__file__).parent
MODES = ("html", "lines", "glued", "markdown")
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
# What a dump never shows: code, styles and inert templates, as BeautifulSoup's get_text() leaves them out.
# A <noscript>'s text stays, as get_text() and html-text (the line dumps) keep it: Discourse forums serve
# every post in one.
_DROPPED_TAGS = ("script", "style", "template", "meta", "link", "base")
# The page is already text: its UTF-8 bytes are read as UTF-8, whatever charset its <meta> declares.
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")


@dataclass(frozen=True)
class Page:
    id: str
    page_type: str
    html: str
    truth: str
    with_snippets: list[str]
    without_snippets: list[str]
    url: str = ""


def load_pages(data: Path, limit: int | None) -> list[Page]:
    pages = []
    for truth_file in sorted((data / "ground-truth").glob("*.json"))[:limit]:
        record = json.loads(truth_file.read_text(encoding="utf-8"))
        truth = record["ground_truth"]
        raw = gzip.decompress((data / "html" / f"{truth_file.stem}.html.gz").read_bytes())
        pages.append(
            Page(
                id=truth_file.stem,
                page_type=record["_internal"]["page_type"]["primary"],
                html=raw.decode("utf-8", errors="replace"),
                truth=truth.get("main_content") or "",
                with_snippets=truth.get("with") or [],
                without_snippets=truth.get("without") or [],
                url=record.get("url") or "",
            )
        )
    return pages


def wcxb_parser(description: str | None) -> argparse.ArgumentParser:
    """A bench command's parser with the WCXB options: --data, --limit, --results."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--results", type=Path, default=RESULTS)
    return parser


def has_wcxb(data: Path, command: str) -> bool:
    """Whether the WCXB data is at `data`; if not, say so on stderr."""
    if (data / "ground-truth").is_dir():
        return True
    print(f"{command}: no WCXB data at {data} (set BENCH_DATA)", file=sys.stderr)
    return False


def as_lines(html: str) -> str:
    """A line dump: the page's visible text, one block a line."""
    return str(html_text.extract_text(html, guess_layout=True))


def shown_page(html: str) -> tuple[str | None, lxml.html.HtmlElement] | None:
    """The page as a dump shows it: its title's text (None when it has no title), and its tree without the
    title and without the elements whose text no dump shows (`_DROPPED_TAGS`: scripts, styles); None when
    it cannot be parsed. A dump puts the title first, wherever the page has it."""
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=_UTF8_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None
    # Listed before any is dropped: a walk that drops an element holding another (a <template> with a
    # <style> in it) goes on inside the dropped one and ends there, and every script after it stayed: 14%
    # of the dev pages' glued dumps carried scripts and styles.
    for element in list(tree.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    title = tree.find(".//title")
    if title is None or title.getparent() is None:
        return None, tree
    title_text = title.text_content()
    title.drop_tree()
    return title_text, tree


def as_glued(html: str) -> str:
    """A glued dump: the text of every node run together, title first, whitespace runs made one space."""
    page = shown_page(html)
    if page is None:
        return ""
    title, tree = page
    return re.sub(r"\s+", " ", (title or "") + tree.text_content()).strip()


def as_markdown(html: str) -> str:
    """A Markdown export: the page as markdownify writes it (ATX headings), title first, as a crawler's or a
    reader's "copy as Markdown" gives it: links and images with their targets, menus as lists of links."""
    page = shown_page(html)
    if page is None:
        return ""
    title, tree = page
    body = markdownify.markdownify(lxml.html.tostring(tree, encoding="unicode"), heading_style="ATX")
    return re.sub(r"\n\s*\n", "\n\n", f"{(title or '').strip()}\n\n{body}").strip()


DUMPS: dict[str, Callable[[str], str]] = {"lines": as_lines, "glued": as_glued, "markdown": as_markdown}
PREPARE: dict[str, Callable[[str], str]] = {"html": lambda html: html, **DUMPS}


def output(result: Result, mode: str) -> str:
    """What a user takes from cleaner for an input of this mode: the text, or for a Markdown export its
    Markdown output (a link as its text: the text output keeps the export's lines, URLs and all)."""
    return to_markdown(result) if mode == "markdown" else result.text


def whole(dump: str, mode: str) -> str:
    """A dump kept whole, as a reader sees it: a Markdown export's lines without their URLs and marks."""
    if mode != "markdown":
        return dump
    return "\n".join(block.text for block in segment_lines(dump))


def systems(mode: str) -> dict[str, Callable[[str], str]]:
    cleaner = Cleaner()

    def run_cleaner(page: str) -> str:
        try:
            return output(cleaner.clean(page), mode)
        except CleanerError:
            return ""

    def run_trafilatura(page: str) -> str:
        return trafilatura.extract(page) or ""

    return {"cleaner": run_cleaner, "trafilatura": run_trafilatura}


@dataclass(frozen=True)
class PageResult:
    id: str
    page_type: str
    system: str
    mode: str
    seconds: float
    input_bytes: int
    score: Score


def run_mode(mode: str, pages: list[Page]) -> Iterator[PageResult]:
    inputs = [PREPARE[mode](page.html) for page in pages]
    for system, extract in systems(mode).items():
        for page, text in zip(pages, inputs, strict=True):
            start = time.perf_counter()
            output = extract(text)
            seconds = time.perf_counter() - start
            page_score = score(output, page.truth, page.with_snippets, page.without_snippets)
            yield PageResult(page.id, page.page_type, system, mode, seconds, len(text.encode()), page_score)


def _mean(values: list[float | None]) -> float:
    present = [value for value in values if value is not None]
    return statistics.fmean(present) if present else float("nan")


def summary_rows(results: list[PageResult], mode: str) -> list[str]:
    rows = [
        "| page type | pages | cleaner F1 | trafilatura F1 | cleaner P / R | trafilatura P / R "
        "| with found (c / t) | without kept (c / t) | ms/page (c / t) | MB/s (c / t) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page_type in ("all", *PAGE_TYPES):
        by_system = {
            system: [
                r
                for r in results
                if r.mode == mode and r.system == system and page_type in ("all", r.page_type)
            ]
            for system in ("cleaner", "trafilatura")
        }
        c, t = by_system["cleaner"], by_system["trafilatura"]
        if not c:
            continue

        def stat(rs: list[PageResult], name: str) -> float:
            return _mean([getattr(r.score, name) for r in rs])

        def speed(rs: list[PageResult]) -> tuple[float, float]:
            seconds = sum(r.seconds for r in rs)
            return 1000 * seconds / len(rs), sum(r.input_bytes for r in rs) / 1e6 / seconds

        (c_ms, c_mbs), (t_ms, t_mbs) = speed(c), speed(t)
        label = f"**{page_type}**" if page_type == "all" else page_type
        rows.append(
            f"| {label} | {len(c)} | {stat(c, 'f1'):.3f} | {stat(t, 'f1'):.3f} "
            f"| {stat(c, 'precision'):.3f} / {stat(c, 'recall'):.3f} "
            f"| {stat(t, 'precision'):.3f} / {stat(t, 'recall'):.3f} "
            f"| {stat(c, 'with_found'):.2f} / {stat(t, 'with_found'):.2f} "
            f"| {stat(c, 'without_kept'):.2f} / {stat(t, 'without_kept'):.2f} "
            f"| {c_ms:.1f} / {t_ms:.1f} | {c_mbs:.2f} / {t_mbs:.2f} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument(
        "--modes", default=",".join(MODES), help="comma-separated subset of html,lines,glued,markdown"
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth").is_dir():
        print(f"bench: no WCXB data at {args.data} (set BENCH_DATA)", file=sys.stderr)
        return 2
    pages = load_pages(args.data, args.limit)
    modes = [mode for mode in args.modes.split(",") if mode]
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    sections = [
        f"## Extraction quality and speed: cleaner against trafilatura ({len(pages)} pages)",
        "",
        "F1, precision and recall are WCXB's word-level scores averaged over pages; `with found` is the share "
        "of must-have snippets in the output, `without kept` the share of boilerplate snippets wrongly kept; "
        "c = cleaner, t = trafilatura.extract with its defaults, both run on the same input in the same run. "
        "Speed is single-process wall time per call. Modes: `html` is the page, `lines` html-text's "
        "layout-guessing text (a line dump), `glued` every text node run together (a glued dump), `markdown` "
        "the page as markdownify writes it (a Markdown export; cleaner's score is its Markdown output's, links "
        "as their text).",
    ]

    def run(mode: str) -> ModeRun:
        results = list(run_mode(mode, pages))
        return map(asdict, results), summary_rows(results, mode)

    sections += mode_sections(modes, run, lambda mode: out_dir / f"scores-{mode}.jsonl")
    write_section("quality", "\n".join(sections), args.results)
    print(f"\nwrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
