"""Scoring the segments of a text dump: which ones are the page's main content.

Two stages, as in jusText: each segment is first scored alone from what it looks like (length, sentence
shape, stopword density in the page's language, headline and menu-item shape, boilerplate vocabulary,
position, repetition), then revised with its neighbours' scores, since content comes in runs. Both stages
are logistic models over our own features; their weights are in `text_model.json`, rebuilt from WCXB dev
by `bench/train_text.py`. Inference is plain Python.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from operator import mul
from typing import Literal, NamedTuple

import justext

from .dedup import normalise
from .document import Kind

DumpShape = Literal["lines", "glued"]
SHAPES: tuple[DumpShape, ...] = ("lines", "glued")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]?(?:\s|$)")
_TERMINAL = re.compile(r"[.!?…:;][\"”’»)]?$")
_BOILERPLATE = re.compile(
    r"\b(?:sign ?(?:in|up|out)|log ?(?:in|out)|subscribe|subscription|cookies?|privacy|terms of (?:use|service)"
    r"|share|follow (?:us)?|newsletter|see all|view all|read more|all rights reserved|copyright|advertis\w*"
    r"|sponsored|related|popular|trending|menu|search|skip to|home ?page|contact us|about us|faq|careers"
    r"|facebook|twitter|instagram|linkedin|youtube|pinterest|tiktok|whatsapp|email|comments?|reply|replies"
    r"|loading|next|previous|back to top|download|login|register|account|cart|wishlist|close|expand|plus)\b|©|®|»|›"
)  # matched against lowercased text
# A word starting with a capital (or a non-cased letter): the letter first, so that a scan finds it fast.
_CAPITALISED = re.compile(r"[^\W\d_a-z](?<!\S.)")
_LINKISH = re.compile(r"https?://|www\.|\.com\b|@\w|\s[|/>]\s")
_DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]* \d{4}|\d+ (?:minutes?|hours?|days?|weeks?|months?) ago)\b"
)  # matched against lowercased text
_LANGUAGE_SAMPLE_WORDS = 3000
_EDGE_MAX_WORDS = 3
_CHROME_MAX_WORDS = 8
_SPLIT_MAIN_WORTH = 20.0  # a main block worth less is too short to have been split

FEATURES = (
    "bias",
    "log_words",
    "short",
    "chars_per_word",
    "stopword_share",
    "log_stopwords",
    "terminal",
    "log_sentences",
    "commas_per_word",
    "title_case_share",
    "upper_share",
    "digit_share",
    "boilerplate_hits",
    "boilerplate_short",
    "linkish",
    "date",
    "position",
    "position_squared",
    "list_item",
    "heading",
    "log_repeats",
    "page_word_share",
    "prose",
    "long_sentence_end",
    "before_headline",
    "is_headline",
    "headline_distance",
)
NEIGHBOUR_FEATURES = (
    "stage1",
    "window1",
    "window3",
    "window8",
    "before3",
    "after3",
    "distance_to_best",
)


@dataclass(frozen=True)
class TextModel:
    """The weights of both stages, in the order of FEATURES and FEATURES + NEIGHBOUR_FEATURES.

    Line dumps and glued dumps have a model each: their blocks are cut differently.
    """

    stage1: tuple[float, ...]
    stage2: tuple[float, ...]

    @classmethod
    def load(cls, shape: DumpShape) -> TextModel:
        data = json.loads(files(__package__).joinpath("text_model.json").read_text(encoding="utf-8"))
        if data["features"] != list(FEATURES) or data["neighbour_features"] != list(NEIGHBOUR_FEATURES):
            raise ValueError("text_model.json was trained on other features: run python -m bench.train_text")
        weights = data["shapes"][shape]
        if len(weights["stage1"]) != len(FEATURES) or len(weights["stage2"]) != len(
            FEATURES + NEIGHBOUR_FEATURES
        ):
            raise ValueError("text_model.json has weights missing or extra: run python -m bench.train_text")
        return cls(stage1=tuple(weights["stage1"]), stage2=tuple(weights["stage2"]))


@cache
def default_model(shape: DumpShape) -> TextModel:
    return TextModel.load(shape)


@cache
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Each stopword and the languages (jusText's stoplists) that have it."""
    index: dict[str, list[str]] = {}
    for language in sorted(justext.get_stoplists()):
        for word in justext.get_stoplist(language):
            index.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in index.items()}


@cache
def stoplist(language: str) -> frozenset[str]:
    return frozenset(justext.get_stoplist(language))


def detect_language(texts: Sequence[str]) -> str:
    """The jusText stoplist whose words are most frequent in the page's first words."""
    index = _stopword_index()
    hits: Counter[str] = Counter()
    seen = 0
    for text in texts:
        words = _WORD.findall(text.lower())
        for word in words:
            hits.update(index.get(word, ()))
        seen += len(words)
        if seen > _LANGUAGE_SAMPLE_WORDS:
            break
    return hits.most_common(1)[0][0] if hits else "English"


def features(
    texts: Sequence[str], kinds: Sequence[Kind], language: str, headline: int | None = None
) -> list[list[float]]:
    """The stage-1 feature vector (FEATURES order) of every segment of one page."""
    return list(feature_rows(texts, kinds, language, headline))


_LEADING = FEATURES.index("position")  # the features before it depend on the segment's text alone


class _OwnFeatures(NamedTuple):
    """The features a segment's text gives alone, wherever it stands: the FEATURES before `position`
    (`leading`) and `prose`, `long_sentence_end` (`trailing`)."""

    n_words: int
    leading: tuple[float, ...]
    trailing: tuple[float, float]


def _measure(text: str, stopwords: frozenset[str]) -> _OwnFeatures:
    n_words = len(text.split())
    n = max(n_words, 1)
    lower = text.lower()
    tokens = _WORD.findall(lower)
    n_stop = sum(map(stopwords.__contains__, tokens))
    stop_share = n_stop / max(len(tokens), 1)
    chars = len(text) or 1
    boilerplate = len(_BOILERPLATE.findall(lower))
    terminal = float(bool(_TERMINAL.search(text)))
    log_words = math.log1p(n_words)
    digits = sum(map(str.isdigit, text))
    leading = (
        1.0,
        log_words,
        float(n_words <= 3),
        min(chars / n, 20.0) / 10,
        stop_share,
        math.log1p(n_stop),
        terminal,
        math.log1p(len(_SENTENCE_END.findall(text))),
        min(text.count(",") / n, 1.0),
        min(len(_CAPITALISED.findall(text)) / n, 1.0),
        min(sum(map(str.isupper, text)) / chars * 5, 1.0),
        min(digits / chars * 5, 1.0),
        min(boilerplate, 3) / 3,
        float(boilerplate > 0 and n_words <= _CHROME_MAX_WORDS),
        float(bool(_LINKISH.search(lower))),
        float(digits > 0 and bool(_DATE.search(lower))),  # every date has a digit
    )
    return _OwnFeatures(n_words, leading, (stop_share * log_words, terminal * log_words))


def _tail_rows(
    n_words: Sequence[int],
    trailing: Iterable[tuple[float, float]],
    norms: Sequence[str],
    kinds: Sequence[Kind],
    headline: int | None,
) -> Iterator[list[float]]:
    """The FEATURES from `position` on, which depend on where a segment stands in the page."""
    repeats = Counter(norms)
    page_words = sum(n_words) or 1
    last = max(len(norms) - 1, 1)
    for index, (kind, words, (prose, long_end)) in enumerate(zip(kinds, n_words, trailing, strict=True)):
        position = index / last
        yield [
            position,
            position * position,
            float(kind is Kind.LIST_ITEM),
            float(kind is Kind.HEADING),
            math.log(repeats[norms[index]]),
            min(words / page_words * 10, 1.0),
            prose,
            long_end,
            float(headline is not None and index < headline),
            float(headline is not None and index == headline),
            min(abs(index - headline) / 50, 1.0) if headline is not None else 0.5,
        ]


def feature_rows(
    texts: Sequence[str], kinds: Sequence[Kind], language: str, headline: int | None = None
) -> Iterator[list[float]]:
    """The stage-1 feature vectors one at a time, so that a long dump never holds them all.

    `headline` is the block that repeats the page's title, when the dump has one: what comes before it
    is mostly header and navigation.
    """
    stopwords = stoplist(language)
    owns = [_measure(text, stopwords) for text in texts]
    tails = _tail_rows(
        [own.n_words for own in owns],
        [own.trailing for own in owns],
        [normalise(text) for text in texts],
        kinds,
        headline,
    )
    for own, tail in zip(owns, tails, strict=True):
        yield [*own.leading, *tail]


class SegmentMemo:
    """What each block of one dump gives the scorer alone, measured once: the selection rounds re-score
    the same blocks. Blocks are named by their index in the dump; the memo keeps a few numbers per block
    (the stage sums over its text-only features, for both models), not its feature row.
    """

    def __init__(self, texts: Sequence[str], language: str) -> None:
        self._texts = texts
        self._stopwords = stoplist(language)
        self._words = array("q", [-1]) * len(texts)  # -1: not measured yet
        self._trailing = array("d", bytes(16 * len(texts)))
        self._sums = array("d", bytes(8 * _SUMS * len(texts)))
        self._leading_weights = [
            weights[:_LEADING]
            for model in map(default_model, SHAPES)
            for weights in (model.stage1, model.stage2)
        ]

    def words(self, block: int) -> int:
        self._measure(block)
        return self._words[block]

    def trailing(self, block: int) -> tuple[float, float]:
        self._measure(block)
        return self._trailing[2 * block], self._trailing[2 * block + 1]

    def leading_sum(self, block: int, shape: DumpShape, stage: int) -> float:
        """The sum over the block's text-only features of `shape`'s stage-`stage` weights (1, or 2's own)."""
        self._measure(block)
        return self._sums[_SUMS * block + 2 * SHAPES.index(shape) + stage - 1]

    def _measure(self, block: int) -> None:
        if self._words[block] >= 0:
            return
        own = _measure(self._texts[block], self._stopwords)
        self._words[block] = own.n_words
        self._trailing[2 * block], self._trailing[2 * block + 1] = own.trailing
        for offset, weights in enumerate(self._leading_weights):
            self._sums[_SUMS * block + offset] = _dot(weights, own.leading)


_SUMS = 2 * len(SHAPES)  # per block: stage 1 and stage 2's own share, for each model


def logistic(weights: Sequence[float], row: Sequence[float]) -> float:
    return _sigmoid(_dot(weights, row))


def _dot(weights: Sequence[float], values: Sequence[float]) -> float:
    """The weighted sum, added left to right; the lengths match by construction (`TextModel.load`)."""
    total: float = sum(map(mul, weights, values))
    return total


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def neighbour_features(stage1: Sequence[float], word_counts: Sequence[int]) -> list[list[float]]:
    """Stage-2 inputs: each segment's stage-1 score and the word-weighted scores around it."""
    return list(neighbour_rows(stage1, word_counts))


def neighbour_rows(stage1: Sequence[float], word_counts: Sequence[int]) -> Iterator[list[float]]:
    """`neighbour_features` one row at a time, so that a long dump never holds them all."""
    n = len(stage1)
    # arrays of doubles: the same numbers as lists of floats, in a quarter of the memory
    weights = array("d", (math.log1p(count) + 0.1 for count in word_counts))
    # prefix sums make every window O(1)
    cum_p, cum_w = array("d", [0.0]), array("d", [0.0])
    for p, w in zip(stage1, weights, strict=True):
        cum_p.append(cum_p[-1] + p * w)
        cum_w.append(cum_w[-1] + w)

    def window(start: int, stop: int) -> float:
        start, stop = max(start, 0), min(stop, n)
        total = cum_w[stop] - cum_w[start]
        return (cum_p[stop] - cum_p[start]) / total if total else 0.5

    best = max(range(n), key=lambda i: stage1[i] * weights[i]) if n else 0
    for i in range(n):
        yield [
            stage1[i],
            window(i - 1, i + 2),
            window(i - 3, i + 4),
            window(i - 8, i + 9),
            window(i - 3, i),
            window(i + 1, i + 4),
            min(abs(i - best) / 20, 1.0),
        ]


def score_segments(
    texts: Sequence[str],
    kinds: Sequence[Kind],
    language: str,
    headline: int | None = None,
    shape: DumpShape = "lines",
    memo: SegmentMemo | None = None,
    blocks: Sequence[int] | None = None,
    norms: Sequence[str] | None = None,
) -> list[float]:
    """The probability that each segment is main content, after both stages.

    `memo` holds what earlier calls measured of the same dump, whose blocks `blocks` the texts are;
    `norms` are the texts normalised, when the caller has them.
    """
    if memo is None or blocks is None:
        memo, blocks = SegmentMemo(texts, language), range(len(texts))
    if norms is None:
        norms = [normalise(text) for text in texts]
    model = default_model(shape)
    stage1_tail = model.stage1[_LEADING:]
    own_tail = model.stage2[_LEADING : len(FEATURES)]
    neighbour_weights = model.stage2[len(FEATURES) :]
    word_counts = [memo.words(block) for block in blocks]
    tails = _tail_rows(word_counts, map(memo.trailing, blocks), norms, kinds, headline)
    # Keep two numbers per segment, not its feature row: stage 1, and stage 2's share from the row. Each
    # sum goes on from the block's text-only sum, in the features' order, as in `logistic`.
    stage1, own = array("d"), array("d")
    for block, tail in zip(blocks, tails, strict=True):
        stage1.append(_sigmoid(sum(map(mul, stage1_tail, tail), memo.leading_sum(block, shape, 1))))
        own.append(sum(map(mul, own_tail, tail), memo.leading_sum(block, shape, 2)))
    return [
        _sigmoid(base + _dot(neighbour_weights, extra))
        for base, extra in zip(own, neighbour_rows(stage1, word_counts), strict=True)
    ]


def content_runs(
    probabilities: Sequence[float],
    word_counts: Sequence[int],
    threshold: float,
    max_gap: float,
    min_share: float = 1.0,
) -> list[tuple[float, range]]:
    """The main content runs, with their worth,: maximum-sum subarrays of (probability - threshold) x segment weight.

    Weak segments inside a run (a caption, a subheading) cost little and stay; a stretch of boilerplate
    costing more than `max_gap` ends the run. The best run is the main block; other runs come too when
    they are worth at least `min_share` of it and it is long (an article split by a rail of links).
    """
    runs: list[tuple[float, range]] = []
    start, total, peak, peak_end = 0, 0.0, 0.0, 0
    for index, (probability, words) in enumerate(zip(probabilities, word_counts, strict=True)):
        total += (probability - threshold) * (1 + math.sqrt(words))
        if total > peak:
            peak, peak_end = total, index + 1
        elif total <= 0 or peak - total > max_gap:  # this run is over; the next starts after it
            if peak > 0:
                runs.append((peak, range(start, peak_end)))
            start, total, peak, peak_end = index + 1, 0.0, 0.0, index + 1
    if peak > 0:
        runs.append((peak, range(start, peak_end)))
    if not runs:
        return []
    best = max(value for value, _ in runs)
    if best < _SPLIT_MAIN_WORTH:  # a short main block (a quick post) is whole: no other run joins it
        return [(value, run) for value, run in runs if value == best]
    return [(value, run) for value, run in runs if value >= best * min_share]


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


def chrome_like(text: str) -> bool:
    """A short block in the vocabulary of page chrome: `Sign in`, `Share`, `© 2025 Example`."""
    return len(text.split()) <= _CHROME_MAX_WORDS and bool(_BOILERPLATE.search(text.lower()))


def _weak_edge(text: str, probability: float, edge_threshold: float) -> bool:
    return len(text.split()) <= _EDGE_MAX_WORDS and (
        probability < edge_threshold or bool(_BOILERPLATE.search(text.lower()))
    )
