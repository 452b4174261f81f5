"""Pages whose content is spread over many items, for both paths: what the main-content choice left out
that is content all the same.

A list of items (search results, products, a feed of teasers, a forum's threads) scores item by item, each
a short teaser between links: no one run of blocks (text) nor one element (HTML) holds it, and the main
content chosen keeps little of the text that reads like content. An article keeps that text in its main
content, and what reads like content after it alone is its comments and related posts. Both rules were
chosen by site held out (bench.text_eval's folds for dumps, bench.html_eval's for HTML); the article
figures had to hold.
"""

from __future__ import annotations

from collections.abc import Sequence

_SPREAD_SHARE = 0.5  # the main content holds less than this share of what reads like content: a list
_TRAILING_SHARE = 0.8  # ... unless this share of what it left out follows it: an article's comments


def spread_items(
    scores: Sequence[float | None], word_counts: Sequence[int], kept: Sequence[bool], likely: float
) -> list[int]:
    """The blocks left out that are items of a page whose content is spread over many; none on most pages.

    A block reads like content when it scores `likely` or more (a score of None has no say). When the
    blocks `kept` hold less than _SPREAD_SHARE of the words of those, every one left out is an item,
    unless most of them (_TRAILING_SHARE, by words) follow the kept blocks.
    """
    reads = [index for index, score in enumerate(scores) if score is not None and score >= likely]
    total = sum(word_counts[index] for index in reads)
    held = sum(word_counts[index] for index in reads if kept[index])
    if not total or held >= _SPREAD_SHARE * total:
        return []
    items = [index for index in reads if not kept[index]]
    last = max((index for index, keep in enumerate(kept) if keep), default=-1)
    trailing = sum(word_counts[index] for index in items if index > last)
    if last >= 0 and trailing >= _TRAILING_SHARE * (total - held):
        return []
    return items
