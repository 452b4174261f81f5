"""The edge stage: after the block model has labelled each block, the kept text is revised by its shape.

The model judges every block on its own (and by its place relative to the main region), so a nav item, a
breadcrumb, a "Share this:" or a pager link that scored well slips through at the start or end of the
kept text, where chrome sits. As jusText revises each block by its neighbours, this stage takes the run of
prose the page keeps (its first to its last paragraph written in sentences) as the body, and drops:

- at the page's edges, outside that run: every short kept block that is not a sentence (breadcrumbs, tag
  lists, "Related", "next |", `v · t · e`) and every short block mostly of links (another story's
  headline, even one written as a sentence), except the headline (`<h1>`), which opens the main content,
  and a section heading right before the first paragraph, which opens it. More such blocks on one side
  than a rail holds are a list of items (a product grid, a table of contents), and stay. A table's rows
  are never edges, and the items of one list inside the main region are judged as one list: one mostly of
  links (tags, a rail, a breadcrumb) goes as above, one of text (steps, sources, specifications) stays,
  and so does the heading right before such a table or list, which opens it;
- inside the run: short link-heavy blocks that are not sentences ("Read also: <headline>") when the run
  has only a few of them; many of them are a listing's items, which stay, as do its items' linked
  headlines at the edges.

Only on pages whose kept text is mostly prose (articles, posts, documentation): on a listing, collection
or product page the short blocks at the edges are its content. Plain Python over each block's word
count, link density, text, tag and parent element, so bench/train_html.py runs it on cached pages.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from ..textutils import ENDS_AS_SENTENCE
from .features import FEATURE_NAMES

_LINK_DENSITY = FEATURE_NAMES.index("link_density")
_H1 = FEATURE_NAMES.index("kind_h1")
# A row's kind flags (0.0 or 1.0) of the subheadings and of the list items, picked out in C.
_SUBHEADINGS = itemgetter(*(FEATURE_NAMES.index(f"kind_h{level}") for level in (2, 3, 4)))
_ITEMS = itemgetter(*(FEATURE_NAMES.index(f"kind_{tag}") for tag in ("li", "dd", "dt")))
_ROW = FEATURE_NAMES.index("kind_tr")
PROSE_WORDS = 10  # a paragraph of the body: a sentence of at least this many words, few of them links
PROSE_SHARE = 0.5  # the stage runs when the body's paragraphs hold at least this share of the kept words
SHORT_WORDS = 8  # an edge block of at most this many words, not a sentence, is chrome
LINK_WORDS = 20  # so is one of at most this many words, most of its characters links
MAX_EDGE_BLOCKS = 15  # more chrome-shaped blocks than this on one side: a list of items, kept
TEASER_LINKS = 0.7  # link density from which a block of LINK_WORDS at most inside the body links elsewhere
MAX_TEASERS = 3  # more such links inside the body than this: a listing's items, kept


@dataclass(frozen=True)
class EdgeBlock:
    """What the stage reads of a block."""

    words: int
    link_density: float
    sentence: bool  # ends as a sentence (not with `:`)
    headline: bool  # an `<h1>`
    heading: bool  # an `<h2>` to `<h4>`
    item: bool = False  # a list item (`<li>`, `<dd>`, `<dt>`)
    row: bool = False  # a table row
    parent: int = -1  # its parent block element, numbered in page order: the items of one list share it

    @property
    def prose(self) -> bool:
        return self.words >= PROSE_WORDS and self.sentence and self.link_density < 0.5

    def chrome(self, listing: bool) -> bool:
        """Shaped as chrome, were it at the page's edges; on a listing (`listing`: many links to elsewhere
        inside the body) a linked headline is one of its items."""
        if self.headline:
            return False
        return (self.words <= SHORT_WORDS and not self.sentence) or (
            not listing and self.link_density >= 0.5 and self.words <= LINK_WORDS
        )

    @property
    def teaser(self) -> bool:
        """Shaped as a link to elsewhere, were it inside the body."""
        return (
            self.link_density >= TEASER_LINKS
            and self.words <= LINK_WORDS
            and not self.sentence
            and not self.headline
        )

    def shape(self) -> str:
        links = f", link density {self.link_density:.2f}" if self.link_density >= 0.5 else ""
        return f"{self.words} words{'' if self.sentence else ', no sentence'}{links}"


def edge_blocks(
    texts: Sequence[str],
    words: Sequence[int],
    rows: Sequence[Sequence[float]],
    paths: Sequence[Sequence[Hashable]],
) -> list[EdgeBlock]:
    """Each block's EdgeBlock from its text, word count, block-model feature row and path (its block
    elements, or keys of them, outermost first, its own last)."""
    parents: dict[Hashable, int] = {}
    return [
        EdgeBlock(
            count,
            row[_LINK_DENSITY],
            bool(ENDS_AS_SENTENCE.search(text)),
            row[_H1] > 0,
            any(_SUBHEADINGS(row)),
            any(_ITEMS(row)),
            row[_ROW] > 0,
            parents.setdefault(path[-2], len(parents)) if len(path) > 1 else -1,
        )
        for text, count, row, path in zip(texts, words, rows, paths, strict=True)
    ]


def _list_runs(blocks: Sequence[EdgeBlock], kept: Sequence[bool], inside: Sequence[bool]) -> set[int]:
    """The kept table rows, and the kept items of each list inside the main region whose words are mostly
    not links (a run of one list's items read as one list): never page edges."""
    stays = {i for i, (block, keep) in enumerate(zip(blocks, kept, strict=True)) if keep and block.row}
    start = 0
    while start < len(blocks):
        end = start + 1
        if kept[start] and inside[start] and blocks[start].item:
            parent = blocks[start].parent
            while end < len(blocks) and kept[end] and blocks[end].item and blocks[end].parent == parent:
                end += 1
            words = sum(blocks[i].words for i in range(start, end))
            link_words = sum(blocks[i].words * blocks[i].link_density for i in range(start, end))
            if link_words < 0.5 * words:
                stays.update(range(start, end))
        start = end
    return stays


def edge_drops(
    blocks: Sequence[EdgeBlock], kept: Sequence[bool], inside: Sequence[bool] | None = None
) -> dict[int, str]:
    """The kept blocks this stage drops, by index, each with its reason (`inside`: in the main region,
    every block when None)."""
    body = [i for i, (block, keep) in enumerate(zip(blocks, kept, strict=True)) if keep and block.prose]
    kept_words = sum(block.words for block, keep in zip(blocks, kept, strict=True) if keep)
    if not body or sum(blocks[i].words for i in body) < PROSE_SHARE * kept_words:
        return {}
    first, last = body[0], body[-1]
    teasers = [i for i in range(first + 1, last) if kept[i] and blocks[i].teaser]
    listing = len(teasers) > MAX_TEASERS
    stays = _list_runs(blocks, kept, inside if inside is not None else [True] * len(blocks))
    drops: dict[int, str] = {}
    for side, edge in (("before the first", range(first)), ("after the last", range(last + 1, len(blocks)))):
        chrome = [
            i
            for i in edge
            if kept[i]
            and blocks[i].chrome(listing)
            # the section heading that opens the first paragraph, or a table or list that stays
            and not (
                (i == first - 1 or i + 1 in stays) and blocks[i].heading and blocks[i].link_density < 0.5
            )
        ]
        if len(chrome) <= MAX_EDGE_BLOCKS:  # the rows and items that stay count: a page of items keeps all
            for i in chrome:
                if i not in stays:
                    drops[i] = f"page edge: {blocks[i].shape()}, {side} paragraph of the main text"
    if not listing:
        for i in teasers:
            drops[i] = f"a link to elsewhere inside the main text ({blocks[i].shape()})"
    return drops
