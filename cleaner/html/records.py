"""Lists of records: which of a page's repeated blocks are the same field of sibling records.

A grid of product cards repeats each card's brand, a thread each post's date, a tutorial's steps their
`Press Enter`, a listing each entry's `Cost / License`: repeats by design, which page-level deduplication
must keep, while a menu repeated in the footer or a headline repeated in a teaser still goes. Two blocks
are the same field of sibling records when, below the element that holds both, their ancestors have the
same tag and class level by level; the children of that element of that shape are a list of records:
`RECORDS` or more of them hold blocks, none holds half of their blocks (three sections of a page are no
list), and none holds only texts another holds too (a carousel's cloned slide, a menu's second copy).
Deduplication keeps such a repeat when the block recurs on three places at least (cleaner.dedup): a
template's field, not a menu in a page's header and footer. Plain Python over element keys, so
bench/html_eval.py runs it on cached pages.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from lxml.html import HtmlElement

from .region import blocks_under

RECORDS = 3  # children of one shape that make a list of records; two are a pair, not a list


def element_shape(element: HtmlElement) -> tuple[str, str]:
    """An element's shape: its tag and class."""
    return element.tag, element.get("class") or ""


def same_field(
    paths: Sequence[Sequence[Hashable]], texts: Sequence[str], shape: Callable[[Hashable], Hashable]
) -> Callable[[int, int], bool]:
    """Whether two blocks (by index) are the same field of sibling records, given each block's ancestors
    (`paths`, outermost first, its own element last), its text, and the shape of an element (its tag and
    class). Each list of records is read once, when a pair first asks about it: most blocks repeat
    nothing, and a page's repeats ask about few lists."""
    read_shapes: dict[Hashable, Hashable] = {}

    def shape_of(element: Hashable) -> Hashable:  # read once an element: pairs and records ask again
        found = read_shapes.get(element)
        if found is None:
            found = read_shapes[element] = shape(element)
        return found

    lists: dict[tuple[Hashable, Hashable], bool] = {}  # (parent, shape) -> whether its children are records

    def is_list(index: int, level: int) -> bool:
        """Whether the element at `level` above block `index` and its siblings of its shape are records."""
        parent, record_shape = paths[index][level - 1], shape_of(paths[index][level])
        if (parent, record_shape) not in lists:
            records: dict[Hashable, list[str]] = {}  # each record's texts
            for other in blocks_under(paths, index, level - 1):
                path = paths[other]
                if len(path) > level and shape_of(path[level]) == record_shape:
                    records.setdefault(path[level], []).append(texts[other])
            lists[parent, record_shape] = _distinct_records(list(records.values()))
        return lists[parent, record_shape]

    def is_same_field(first: int, second: int) -> bool:
        a, b = paths[first], paths[second]
        if len(a) != len(b):
            return False
        split = next((level for level, (x, y) in enumerate(zip(a, b, strict=True)) if x != y), len(a))
        if split in (0, len(a)):  # one page has one root; the same element twice is no pair
            return False
        return all(shape_of(x) == shape_of(y) for x, y in zip(a[split:], b[split:], strict=True)) and is_list(
            first, split
        )

    return is_same_field


def _distinct_records(records: list[list[str]]) -> bool:
    """Whether sibling elements holding these texts are a list of records: `RECORDS` or more, none holding
    half of their blocks, none holding only texts another one holds too."""
    if len(records) < RECORDS or 2 * max(map(len, records)) > sum(map(len, records)):
        return False
    sets = [frozenset(record) for record in records]
    holders: dict[str, list[int]] = {}  # each text's records
    for number, record in enumerate(sets):
        for text in record:
            holders.setdefault(text, []).append(number)
    for number, record in enumerate(sets):
        # a record's copy holds its rarest text too: the candidates are few, however long the list
        rarest = min(record, key=lambda text: len(holders[text]))
        if any(other != number and record <= sets[other] for other in holders[rarest]):
            return False
    return True
