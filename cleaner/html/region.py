"""The main-content stage: where on the page the main content is, and each block's place relative to it.

The block model's first pass scores every block alone. The main region is then the element (any block's
ancestor) whose blocks are worth most together: the sum of (score - threshold) x weight over the blocks
inside it, as the text path's best run of blocks (cleaner.text.select). The region's features (inside or
not, how far from it, how much of the page it holds, how its blocks and the block's neighbours score) feed
the second pass, which labels the blocks: a block's neighbours revise it, as jusText revises each block by
its context. Plain Python over element keys and numbers, so bench/train_html.py runs it on cached pages.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from operator import mul

from ..spread import spread_items

REGION_FEATURE_NAMES: tuple[str, ...] = (
    "stage1",
    "stage1_prev",
    "stage1_next",
    "stage1_window",  # mean over the two blocks on either side, weighted by words
    "parent_stage1",  # the block's element's parent: mean score of its blocks, by words
    "grandparent_stage1",
    "in_region",
    "before_region",
    "after_region",
    "region_distance",  # blocks between this one and the region, as a share of the page's blocks
    "region_depth",  # levels below the region element (0 outside)
    "region_word_share",  # share of the page's words inside the region
    "region_block_share",
    "region_stage1",  # mean score of the region's blocks, by words
    "outside_stage1",  # mean score of the blocks outside it, by words
    "region_gain_share",  # the region's worth as a share of all positive worth on the page
)
_WINDOW = 2
# Inside the region, a block reads like content from this stage-2 score on when the region is a list of
# items (spread_items below). Chosen by site held out (bench.html_eval; 0.15 and 0.25 gave the same figures).
_REGION_ITEM_SCORE = 0.2


def _weight(words: int) -> float:
    return math.log1p(words)


def blocks_under(paths: Sequence[Sequence[Hashable]], index: int, level: int) -> range:
    """The blocks inside the element at `level` of block `index`'s path: a run around `index`, as an
    element's blocks follow each other (and the element stands at that level in each of their paths)."""
    element = paths[index][level]
    start, stop = index, index + 1
    while start > 0 and len(paths[start - 1]) > level and paths[start - 1][level] == element:
        start -= 1
    while stop < len(paths) and len(paths[stop]) > level and paths[stop][level] == element:
        stop += 1
    return range(start, stop)


def main_region(
    paths: Sequence[Sequence[Hashable]], words: Sequence[int], scores: Sequence[float], threshold: float
) -> tuple[int, int, Hashable | None]:
    """The main region as (first block, last block, element key): the ancestor element maximising the
    sum of (score - threshold) x weight over its blocks (the deepest of equals). (0, -1, None): none."""
    gains: defaultdict[Hashable, float] = defaultdict(float)
    first: dict[Hashable, int] = {}  # the first block inside each element
    depth: dict[Hashable, int] = {}
    for i, (path, count, score) in enumerate(zip(paths, words, scores, strict=True)):
        gain = (score - threshold) * _weight(count)
        known = len(gains)
        for key in path:
            gains[key] += gain
        # The elements new here end the path: no earlier block is inside them, nor in their descendants.
        for level in range(len(path) - (len(gains) - known), len(path)):
            first[path[level]] = i
            depth[path[level]] = level
    if not gains:
        return 0, -1, None
    best = max(gains, key=lambda key: (gains[key], depth[key]))
    return first[best], blocks_under(paths, first[best], depth[best]).stop - 1, best


def region_features(
    paths: Sequence[Sequence[Hashable]], words: Sequence[int], scores: Sequence[float], threshold: float
) -> tuple[tuple[int, int, Hashable | None], list[list[float]]]:
    """The main region, and each block's row of REGION_FEATURE_NAMES."""
    count = len(scores)
    first, last, key = main_region(paths, words, scores, threshold)
    weights = [_weight(n) for n in words]
    inside = [first <= i <= last for i in range(count)]  # an element's blocks follow each other
    total_weight = sum(weights) or 1.0
    total_words = sum(words) or 1
    region_weight = sum(w for w, flag in zip(weights, inside, strict=True) if flag)
    region_sum = sum(w * s for w, s, flag in zip(weights, scores, inside, strict=True) if flag)
    outside_sum = sum(w * s for w, s, flag in zip(weights, scores, inside, strict=True) if not flag)
    region_stage1 = region_sum / region_weight if region_weight else 0.0
    outside_stage1 = outside_sum / (total_weight - region_weight) if total_weight > region_weight else 0.0
    positive = sum(max(s - threshold, 0.0) * w for s, w in zip(scores, weights, strict=True)) or 1.0
    region_gain = sum((s - threshold) * w for s, w, flag in zip(scores, weights, inside, strict=True) if flag)
    page = [
        sum(n for n, flag in zip(words, inside, strict=True) if flag) / total_words,
        sum(inside) / max(count, 1),
        region_stage1,
        outside_stage1,
        region_gain / positive,
    ]
    # Mean score of the blocks below each parent and grandparent element, by weight.
    element_sum: defaultdict[Hashable, float] = defaultdict(float)
    element_weight: defaultdict[Hashable, float] = defaultdict(float)
    for path, weight, score in zip(paths, weights, scores, strict=True):
        for element in path[-3:-1]:
            element_sum[element] += weight * score
            element_weight[element] += weight
    region_level = next((len(path) for path in paths if path and path[-1] == key), 0)
    rows = []
    for i, (path, score) in enumerate(zip(paths, scores, strict=True)):
        low, high = max(i - _WINDOW, 0), min(i + _WINDOW + 1, count)
        window_weight = sum(weights[low:high]) or 1.0
        window = sum(map(mul, weights[low:high], scores[low:high])) / window_weight
        context = []
        for level in (2, 3):
            element = path[-level] if len(path) >= level else None
            weight = element_weight.get(element, 0.0) if element is not None else 0.0
            context.append(element_sum[element] / weight if weight else score)
        distance = 0 if inside[i] else (first - i if i < first else i - last)
        rows.append(
            [
                score,
                scores[i - 1] if i else 0.0,
                scores[i + 1] if i < count - 1 else 0.0,
                window,
                *context,
                float(inside[i]),
                float(not inside[i] and i < first),
                float(not inside[i] and i > last),
                max(distance, 0) / max(count, 1),
                float(len(path) - region_level) if inside[i] else 0.0,
                *page,
            ]
        )
    return (first, last, key), rows


def spread_items_left_out(
    scores: Sequence[float | None],
    words: Sequence[int],
    kept: Sequence[bool],
    in_region: Sequence[bool],
    threshold: float,
) -> set[int]:
    """The blocks left out that are items of a page whose content is spread over many (cleaner.spread).

    First the region's: a list of items whose entries stage 2 scores low one by one (a title, the authors,
    a date, each a short block), so that it keeps little of the region; then the page's, from the `inside`
    `threshold` (a listing's teasers outside the region, which holds a menu or one of them). A score of None
    has no say (a block ruled out whatever the model says).
    """
    region_scores = [score if inside else None for score, inside in zip(scores, in_region, strict=True)]
    items = set(spread_items(region_scores, words, kept, _REGION_ITEM_SCORE))
    kept = [keep or index in items for index, keep in enumerate(kept)]
    return items.union(spread_items(scores, words, kept, threshold))


def kept_by_model(
    scores: Sequence[float],
    ruled_out: Sequence[bool],
    words: Sequence[int],
    in_region: Sequence[bool],
    comments: Sequence[bool],
    inside: float,
    outside: float,
) -> list[bool]:
    """Which blocks the model keeps: inside the region from the `inside` threshold on, outside it from the
    higher `outside` threshold or as a reader comment; then a spread page's items. A block ruled out
    whatever the model says (a rule of cleaner.html.extract, which also rules out every comment when
    include_comments is off) is never kept, and has no say in the items."""
    open_scores = [None if ruled else score for ruled, score in zip(ruled_out, scores, strict=True)]
    kept = [
        score is not None and (score >= inside if region else score >= outside or comment)
        for score, region, comment in zip(open_scores, in_region, comments, strict=True)
    ]
    # A page of many items (a listing's teasers, a feed's entries) has no one element that holds them, nor
    # entries that score high alone: what the region and stage 2 left out of them comes back.
    for index in spread_items_left_out(open_scores, words, kept, in_region, inside):
        kept[index] = True
    return kept
