"""The glued-dump segmenter alone: its cuts against the block boundaries of the page's own HTML.

    python -m bench.segment_eval [--data ../shared/wcxb-dev] [--limit N]

Each page's glued dump is rebuilt here as bench.run's `as_glued` makes it (the title, then every text node
run together, whitespace runs made one space), remembering where a block-level element (p, div, li, td,
h1-h6, br, ...) opened or closed between two text nodes: those offsets are the true boundaries. The cuts
are where `split_glued` starts a new piece. A boundary or cut is placed at the next non-space character,
so `a. B` cut before or after the space is the same place. Precision is the share of cuts at a true
boundary, recall the share of true boundaries cut; `no space` counts only the boundaries where the dump
has no space (`contentThe`), the ones a glued dump hides. Writes the `segmentation` section of RESULTS.md.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from dataclasses import dataclass

import lxml.html

from cleaner.text.segment import is_glued, split_glued

from .results import write_section
from .run import PAGE_TYPES, as_glued, has_wcxb, shown_page, wcxb_parser

_BLOCK_TAG_NAMES = (
    "address article aside blockquote body br button caption dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html img input label legend li main nav ol option p pre "
    "section select summary table tbody td textarea tfoot th thead title tr ul"
)
BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split(" "))
_SPACE = re.compile(r"\s+")


class _Builder:
    """The glued text built piece by piece, whitespace collapsed as it goes, with the boundary offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.space = True  # leading whitespace is stripped, as after a space
        self.boundaries: set[int] = set()
        self.link_edges: set[int] = set()  # where a link opens or closes: nav items are often bare links

    def text(self, piece: str | None) -> None:
        if not piece:
            return
        collapsed = _SPACE.sub(" ", piece)
        if self.space and collapsed.startswith(" "):
            collapsed = collapsed[1:]
        if collapsed:
            self.parts.append(collapsed)
            self.length += len(collapsed)
            self.space = collapsed.endswith(" ")

    def boundary(self) -> None:
        self.boundaries.add(self.length)

    def walk(self, element: lxml.html.HtmlElement) -> None:
        if not isinstance(element.tag, str):  # a comment or processing instruction: its tail only
            return
        tag = element.tag.lower()
        block, link = tag in BLOCK_TAGS, tag == "a"
        if block:
            self.boundary()
        elif link:
            self.link_edges.add(self.length)
        self.text(element.text)
        for child in element:
            self.walk(child)
            self.text(child.tail)
        if block:
            self.boundary()
        elif link:
            self.link_edges.add(self.length)


def true_boundaries(html: str) -> tuple[str, set[int], set[int]] | None:
    """The glued dump, its block boundaries and its link edges (offsets of the next non-space
    character), or None."""
    page = shown_page(html)
    if page is None:
        return None
    title, tree = page
    builder = _Builder()
    if title is not None:
        builder.text(title)
        builder.boundary()
    builder.walk(tree)
    text = "".join(builder.parts).rstrip()

    def placed(offsets: set[int]) -> set[int]:
        return {at for at in (_next_char(text, offset) for offset in offsets) if 0 < at < len(text)}

    return text, placed(builder.boundaries), placed(builder.link_edges)


def _next_char(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] == " ":
        offset += 1
    return offset


def cuts(text: str) -> set[int]:
    """Where split_glued starts a new piece (offsets of the next non-space character)."""
    found, cursor = set(), 0
    for piece in split_glued(text) if is_glued(text) else text.splitlines():
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:
            continue
        found.add(_next_char(text, start))
        cursor = start + len(piece)
    return {at for at in found if 0 < at < len(text)}


@dataclass
class Tally:
    true: int = 0
    cut: int = 0
    hit: int = 0
    cut_at_edge: int = 0  # cuts at a block boundary or a link edge
    hidden: int = 0  # true boundaries with no space in the dump
    hidden_hit: int = 0

    def add(self, text: str, truth: set[int], links: set[int], predicted: set[int]) -> None:
        self.true += len(truth)
        self.cut += len(predicted)
        self.hit += len(truth & predicted)
        self.cut_at_edge += len(predicted & (truth | links))
        hidden = {at for at in truth if text[at - 1] != " "}
        self.hidden += len(hidden)
        self.hidden_hit += len(hidden & predicted)

    def row(self, label: str, pages: int) -> str:
        precision = self.hit / self.cut if self.cut else float("nan")
        recall = self.hit / self.true if self.true else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if self.hit else 0.0
        hidden = self.hidden_hit / self.hidden if self.hidden else float("nan")
        lenient = self.cut_at_edge / self.cut if self.cut else float("nan")
        return (
            f"| {label} | {pages} | {self.true} | {self.cut} | {precision:.3f} | {lenient:.3f} | {recall:.3f} "
            f"| {f1:.3f} | {hidden:.3f} |"
        )


def main(argv: list[str] | None = None) -> int:
    args = wcxb_parser(__doc__).parse_args(argv)
    if not has_wcxb(args.data, "segment_eval"):
        return 2
    tallies = {page_type: Tally() for page_type in ("all", *PAGE_TYPES)}
    pages = dict.fromkeys(tallies, 0)
    skipped = unglued = 0
    for truth_file in sorted((args.data / "ground-truth").glob("*.json"))[: args.limit]:
        page_type = json.loads(truth_file.read_text(encoding="utf-8"))["_internal"]["page_type"]["primary"]
        raw = gzip.decompress((args.data / "html" / f"{truth_file.stem}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        found = true_boundaries(html)
        if found is None or found[0] != as_glued(html):  # not the dump bench.run makes: leave it out
            skipped += 1
            continue
        text, truth, links = found
        if not is_glued(text):  # cleaner reads it as lines: no boundaries restored
            unglued += 1
        predicted = cuts(text)
        for key in ("all", page_type):
            tallies[key].add(text, truth, links, predicted)
            pages[key] += 1
    rows = [
        "## Glued segmentation against the HTML's block boundaries",
        "",
        "`bench/segment_eval.py`: the cuts `split_glued` makes in each dev page's glued dump against the "
        "boundaries of the block-level elements (p, div, li, td, h1-h6, br, ...) of the page's own HTML. "
        "`precision + links` also counts a cut where a link opens or closes (menus are often bare links "
        "in one block) as right; `no-space recall` counts only the boundaries the dump shows no space at "
        "(`contentThe`); F1 is of the strict precision and the recall. "
        f"Pages left out: {skipped} (dump not rebuilt exactly); read as not glued: {unglued} (no cuts).",
        "",
        "| page type | pages | true boundaries | cuts | precision | precision + links | recall | F1 "
        "| no-space recall |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(
            tallies[key].row(f"**{key}**" if key == "all" else key, pages[key])
            for key in tallies
            if pages[key]
        ),
    ]
    print(*rows, sep="\n")
    if args.limit is None:
        write_section("segmentation", "\n".join(rows), args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
