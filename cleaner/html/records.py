"""Lists of records: which of a page's repeated blocks are the same field of sibling records.

A grid of product cards repeats each card's brand, a thread each post's date, a tutorial's steps their
`Press Enter`, a listing each entry's `Cost / License`: repeats by design, which page-level deduplication
must keep, while a menu repeated in the footer or a headline repeated in a teaser still goes. Two blocks
are the same field of sibling records when, below the element that holds both, their ancestors have the
same tag and class level by level, that element has `RECORDS` or more children of that shape holding
blocks, and the two records differ: a carousel's cloned slide, a layout's second copy, is a copy. Plain
Python over element keys, so bench/html_eval.py runs it on cached pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from itertools import pairwise

from lxml.html import HtmlElement

RECORDS = 3  # children of one shape that make a list of records; two are a pair, not a list


def element_shape(element: HtmlElement) -> tuple[str, str]:
    """An element's shape: its tag and class."""
    return element.tag, element.get("class", "").strip()


def same_field(
    paths: Sequence[Sequence[Hashable]], texts: Sequence[str], shape: Callable[[Hashable], Hashable]
) -> Callable[[int, int], bool]:
    """Whether two blocks (by index) are the same field of sibling records, given each block's ancestors
    (`paths`, outermost first, its own element last), its text, and the shape of an element (its tag and
    class). Shapes are read, children counted and records read only for the pairs asked about: most
    blocks repeat nothing."""
    children: dict[Hashable, set[Hashable]] = {}
    for path in paths:
        for parent, child in pairwise(path):
            children.setdefault(parent, set()).add(child)
    shape_counts: dict[Hashable, Counter[Hashable]] = {}

    def records(parent: Hashable, child: Hashable) -> int:
        if parent not in shape_counts:
            shape_counts[parent] = Counter(map(shape, children[parent]))
        return shape_counts[parent][shape(child)]

    record_texts: dict[Hashable, tuple[str, ...]] = {}

    def record(index: int, level: int) -> tuple[str, ...]:
        """The texts of the blocks of the record holding block `index` at `level`: a run of blocks, as an
        element's blocks follow each other (read once a record: its fields ask for it in turn)."""
        element = paths[index][level]
        if element not in record_texts:

            def inside(other: int) -> bool:
                return len(paths[other]) > level and paths[other][level] == element

            start, stop = index, index + 1
            while start > 0 and inside(start - 1):
                start -= 1
            while stop < len(paths) and inside(stop):
                stop += 1
            record_texts[element] = tuple(texts[start:stop])
        return record_texts[element]

    def is_same_field(first: int, second: int) -> bool:
        a, b = paths[first], paths[second]
        if len(a) != len(b):
            return False
        split = next((level for level, (x, y) in enumerate(zip(a, b, strict=True)) if x != y), len(a))
        if split in (0, len(a)):  # one page has one root; the same element twice is no pair
            return False
        return (
            all(shape(x) == shape(y) for x, y in zip(a[split:], b[split:], strict=True))
            and records(a[split - 1], a[split]) >= RECORDS
            and record(first, split) != record(second, split)
        )

    return is_same_field
