"""Choosing a dump's main content from its blocks' scores: the best run, anchored at the headline.

Content comes in runs: the main block is the maximum-sum run of (score - threshold), weighted by length;
other runs join it when they are worth enough, the headline opens it where the dump repeats one, and
short weak blocks at its edges are trimmed. What falls outside is labelled with the reason why.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from ..config import Config
from ..document import Kind, Label
from ..textutils import chrome_words, normalise, word_count
from .features import OWN_COLUMNS, item_rhythm, repeats
from .meta import find_headline
from .model import DumpShape, SegmentMemo, score_segments

_HEADLINE_RUN_SHARE = 0.5  # the run below the headline must be worth this share of the best
_EDGE_MAX_WORDS = 3
# A run grows past weak blocks only when what follows them repays their cost and half of it again, or
# _MAX_MARGIN where they cost much (a forum's nav between its title and its posts): where it barely repays
# them (an author box after a short post), whether the run grows turns on a few hundredths of a score,
# which any retraining of the model moves. The cap was set after a run by site held out (bench.text_eval)
# in which forums paid without it.
_DIP_MARGIN = 0.5
_MAX_MARGIN = 1.0
_SPLIT_MAIN_WORTH = 20.0  # a main block worth less is too short to have been split
# A clean text may hold a line in chrome's words (`Read more: …`, `Share this`) in 50; a page dump's nav and
# footer hold dozens. Chosen by site held out, as the item thresholds below.
_CLEAN_CHROME_SHARE = 0.02
_CHROME_SHORT = OWN_COLUMNS.index("chrome_short")
# A block of a dump reads like content, for cleaner.spread's items, from this score on. Chosen by site held
# out (bench.text_eval's folds; the article figures must hold).
SPREAD_SCORE = 0.3
# A block in a rhythm this strong stands in a list of items (features.item_rhythm); chosen on WCXB dev's
# line dumps, where it lifts listings and collections and leaves articles as they were.
_ITEM_RHYTHM = 0.5

Labelled = tuple[Label, str, float | None]  # a block's label, the reason for it, its content score


@dataclass(frozen=True)
class Reading:
    """What a round reads from its blocks' normalised texts: the title line and the headline, and each
    block's copies on the page (features.repeats). Made from the norms, which then go: a long dump's norms
    weigh as much as its text, and would be held through the scoring, the round's peak of memory."""

    title_line: int | None
    headline: int | None
    copies: np.ndarray  # how many blocks have each one's text
    first: np.ndarray  # whether each block is the first with its text

    @classmethod
    def of(cls, texts: Sequence[str], norms: Sequence[str] | None = None) -> Reading:
        """The reading of these blocks; `norms` are their texts normalised, when the caller has them."""
        if norms is None:
            norms = [normalise(text) for text in texts]
        return cls(*find_headline(texts, norms), *repeats(norms))


def select_main(
    texts: Sequence[str],
    kinds: Sequence[Kind],
    positions: Sequence[int],
    shape: DumpShape,
    config: Config,
    memo: SegmentMemo,
    language: str,
    round_number: int,
    reading: Reading | None = None,
) -> Iterator[Labelled]:
    """Each block's label, reason and content score: the main block is kept, the rest is not.

    The choice is made here; the verdicts then come one at a time, so that a long dump's never all exist
    at once (its segments are made from them) and that they hold none of what the choice read.
    The blocks are given by their texts and kinds; `positions` are their indices in the dump, by which
    `memo` knows them; `reading` is theirs, when the caller has it.
    """
    if len(texts) < max(config.min_blocks, 1):  # too little to tell content from chrome: keep it whole
        return repeat((Label.CONTENT, "", None), len(texts))
    if reading is None:
        reading = Reading.of(texts)
    title_line, headline = reading.title_line, reading.headline
    probabilities = score_segments(texts, kinds, language, headline, shape, memo, positions, reading.copies)
    # whether each block is chrome by its words alone (`is_chrome`), as the memo measured it
    chrome_like: list[bool] = (memo.rows(positions)[:, _CHROME_SHORT] > 0).tolist()
    if min(probabilities) >= config.boilerplate_floor and _few_chrome_lines(chrome_like):
        # nothing looks like boilerplate: a clean text, such as cleaner's own output
        return ((Label.CONTENT, "", score) for score in _rounded(probabilities))
    word_counts = [memo.words[position] for position in positions]
    # The main content starts at the headline where the dump repeats it, unless far better text lies
    # elsewhere (the headline was matched in a rail of links, or precedes a mere teaser).
    worth = _first_copies_only(probabilities, reading.first, config.text_threshold)
    found = content_runs(worth, word_counts, config.text_threshold, config.max_gap, config.run_share)
    if headline is not None:
        after = content_runs(
            worth[headline:],
            word_counts[headline:],
            config.text_threshold,
            config.max_gap,
            config.run_share,
        )
        best = max((value for value, _ in found), default=0.0)
        if after and max(value for value, _ in after) >= _HEADLINE_RUN_SHARE * best:
            found = [(value, range(headline + run.start, headline + run.stop)) for value, run in after]
        else:
            headline = None
    trimmed = (trim_edges(run, texts, probabilities, config.text_threshold) for _, run in found)
    runs = [run for run in trimmed if run]
    if headline is not None and runs:
        runs[0] = range(headline, runs[0].stop)
    inside = {index for run in runs for index in run}
    inner_threshold = config.inner_threshold

    def held(index: int) -> bool:
        """Whether the runs keep the block: inside one and scoring `inner_threshold` (or the headline)."""
        return index in inside and (probabilities[index] >= inner_threshold or index == headline)

    # Line dumps keep the page's blocks, whose shapes repeat item by item; a glued dump's pieces are cut
    # by the segmenter, and their shapes repeat by chance.
    items: set[int] = set()
    if shape == "lines":
        rhythm = item_rhythm(memo.shapes[np.asarray(positions, dtype=np.intp)])
        listed = rhythmic_items(rhythm, word_counts, {index for index in inside if held(index)})
        items = {index for index in listed if not chrome_like[index]}  # a footer's `About us`
        if items:  # what reads as content among the items and right above them: the list's title and intro

            def reads_as_content(index: int) -> bool:
                return probabilities[index] >= config.text_threshold and not chrome_like[index]

            first = min(items)
            while first > 0 and reads_as_content(first - 1):
                first -= 1
            items.update(index for index in range(first, max(items)) if reads_as_content(index))
    # blocks named by their place in the dump, as --explain numbers them, whatever the round
    span = f"{positions[runs[0].start]}-{positions[runs[-1].stop - 1]}" if runs else "none"
    where = f" (round {round_number})" if round_number > 1 else ""
    # one string for all the blocks a reason fits: a long dump has thousands of them
    outside = f"outside the main content (blocks {span}{where})"
    below = f"inside the main block but scored below {inner_threshold}{where}"

    def verdicts() -> Iterator[Labelled]:
        for index, score in enumerate(_rounded(probabilities)):
            label, reason = Label.CONTENT, ""
            if index == title_line and headline is not None:
                label, reason = (
                    Label.DUPLICATE,
                    f"an earlier copy of the headline, block {positions[headline]}{where}",
                )
            elif held(index) or index in items:
                pass
            elif index not in inside:
                label, reason = Label.OUTSIDE_MAIN, outside
            else:
                label, reason = Label.BOILERPLATE, below
            yield label, reason, score

    return verdicts()


def _first_copies_only(probabilities: Sequence[float], first: np.ndarray, threshold: float) -> list[float]:
    """The scores the runs are worked out from: a block that repeats an earlier one (not `first`) counts as
    `threshold` (worth nothing). It goes as a duplicate, so it must not carry a run on to what follows it
    (the second byline of an author box after the article)."""
    return [
        probability if is_first else threshold
        for probability, is_first in zip(probabilities, first.tolist(), strict=True)
    ]


def _rounded(probabilities: Iterable[float]) -> Iterator[float]:
    """Each probability rounded to three places, as one float object per value: every segment keeps its
    score, and a long dump's thousands of segments share at most a thousand values."""
    shared: dict[float, float] = {}
    for probability in probabilities:
        score = round(probability, 3)
        yield shared.setdefault(score, score)


def content_runs(
    probabilities: Sequence[float],
    word_counts: Sequence[int],
    threshold: float,
    max_gap: float,
    min_share: float = 1.0,
) -> list[tuple[float, range]]:
    """The main content runs, with their worth,: maximum-sum subarrays of (probability - threshold) x segment weight.

    Weak segments inside a run (a caption, a subheading) cost little and stay, when what follows them
    repays their cost with a margin (_DIP_MARGIN of it, at most _MAX_MARGIN); a stretch of boilerplate
    costing more than `max_gap` ends the run. The best run is the main block; other runs come too when
    they are worth at least `min_share` of it and it is long (an article split by a rail of links).
    """
    runs: list[tuple[float, range]] = []
    start, total, peak, peak_end, low = 0, 0.0, 0.0, 0, 0.0
    for index, (probability, words) in enumerate(zip(probabilities, word_counts, strict=True)):
        total += (probability - threshold) * (1 + math.sqrt(words))
        low = min(low, total)  # the deepest the run has dipped since its last peak
        if total > peak + min(_DIP_MARGIN * (peak - low), _MAX_MARGIN):
            peak, peak_end, low = total, index + 1, total
        elif total <= 0 or peak - total > max_gap:  # this run is over; the next starts after it
            if peak > 0:
                runs.append((peak, range(start, peak_end)))
            start, total, peak, peak_end, low = index + 1, 0.0, 0.0, index + 1, 0.0
    if peak > 0:
        runs.append((peak, range(start, peak_end)))
    if not runs:
        return []
    best = max(value for value, _ in runs)
    if best < _SPLIT_MAIN_WORTH:  # a short main block (a quick post) is whole: no other run joins it
        return [(value, run) for value, run in runs if value == best]
    return [(value, run) for value, run in runs if value >= best * min_share]


def rhythmic_items(rhythm: np.ndarray, word_counts: Sequence[int], selected: set[int]) -> set[int]:
    """The blocks of a list of items that the selection (`selected`) leaves out; none on most pages.

    Items of several short blocks each (a name, a type, a price) score low one by one, so the selection
    keeps little of a listing; but the items keep a rhythm (features.item_rhythm). When the blocks left
    out in a rhythm of _ITEM_RHYTHM or more hold more words than the selection, they are content too.
    """
    rhythmic = {index for index in np.flatnonzero(rhythm >= _ITEM_RHYTHM).tolist() if index not in selected}
    kept_words = sum(word_counts[index] for index in selected)
    return rhythmic if sum(word_counts[index] for index in rhythmic) > kept_words else set()


def trim_edges(
    run: range, texts: Sequence[str], probabilities: Sequence[float], edge_threshold: float
) -> range:
    """The run without the short, weak blocks at its ends (`Reply`, `Share`, `Tags:`)."""
    start, stop = run.start, run.stop
    while start < stop and _weak_edge(texts[start], probabilities[start], edge_threshold):
        start += 1
    while stop > start and _weak_edge(texts[stop - 1], probabilities[stop - 1], edge_threshold):
        stop -= 1
    return range(start, stop)


def _few_chrome_lines(chrome_like: list[bool]) -> bool:
    return sum(chrome_like) <= _CLEAN_CHROME_SHARE * len(chrome_like)


def _weak_edge(text: str, probability: float, edge_threshold: float) -> bool:
    return word_count(text) <= _EDGE_MAX_WORDS and (
        probability < edge_threshold or chrome_words(text.lower()) > 0
    )
