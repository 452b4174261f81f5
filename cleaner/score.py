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
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

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
_CAPITALISED = re.compile(r"(?<!\S)[^\W\d_a-z]")  # a word starting with a capital (or a non-cased letter)
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


def feature_rows(
    texts: Sequence[str], kinds: Sequence[Kind], language: str, headline: int | None = None
) -> Iterator[list[float]]:
    """The stage-1 feature vectors one at a time, so that a long dump never holds them all.

    `headline` is the block that repeats the page's title, when the dump has one: what comes before it
    is mostly header and navigation.
    """
    stopwords = stoplist(language)
    norms = [normalise(text) for text in texts]
    repeats = Counter(norms)
    word_counts = [len(text.split()) for text in texts]
    page_words = sum(word_counts) or 1
    last = max(len(texts) - 1, 1)
    for index, (text, kind, n_words) in enumerate(zip(texts, kinds, word_counts, strict=True)):
        n = max(n_words, 1)
        lower = text.lower()
        tokens = _WORD.findall(lower)
        n_stop = sum(map(stopwords.__contains__, tokens))
        stop_share = n_stop / max(len(tokens), 1)
        chars = len(text) or 1
        boilerplate = len(_BOILERPLATE.findall(lower))
        position = index / last
        terminal = float(bool(_TERMINAL.search(text)))
        log_words = math.log1p(n_words)
        yield (
            [
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
                min(sum(map(str.isdigit, text)) / chars * 5, 1.0),
                min(boilerplate, 3) / 3,
                float(boilerplate > 0 and n_words <= _CHROME_MAX_WORDS),
                float(bool(_LINKISH.search(lower))),
                float(bool(_DATE.search(lower))),
                position,
                position * position,
                float(kind is Kind.LIST_ITEM),
                float(kind is Kind.HEADING),
                math.log(repeats[norms[index]]),
                min(n_words / page_words * 10, 1.0),
                stop_share * log_words,
                terminal * log_words,
                float(headline is not None and index < headline),
                float(headline is not None and index == headline),
                min(abs(index - headline) / 50, 1.0) if headline is not None else 0.5,
            ]
        )


def logistic(weights: Sequence[float], row: Sequence[float]) -> float:
    return _sigmoid(sum(w * x for w, x in zip(weights, row, strict=True)))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def neighbour_features(stage1: Sequence[float], word_counts: Sequence[int]) -> list[list[float]]:
    """Stage-2 inputs: each segment's stage-1 score and the word-weighted scores around it."""
    n = len(stage1)
    weights = [math.log1p(count) + 0.1 for count in word_counts]
    weighted = [p * w for p, w in zip(stage1, weights, strict=True)]
    # prefix sums make every window O(1)
    cum_p, cum_w = [0.0], [0.0]
    for p, w in zip(weighted, weights, strict=True):
        cum_p.append(cum_p[-1] + p)
        cum_w.append(cum_w[-1] + w)

    def window(start: int, stop: int) -> float:
        start, stop = max(start, 0), min(stop, n)
        total = cum_w[stop] - cum_w[start]
        return (cum_p[stop] - cum_p[start]) / total if total else 0.5

    best = max(range(n), key=lambda i: stage1[i] * weights[i]) if n else 0
    return [
        [
            stage1[i],
            window(i - 1, i + 2),
            window(i - 3, i + 4),
            window(i - 8, i + 9),
            window(i - 3, i),
            window(i + 1, i + 4),
            min(abs(i - best) / 20, 1.0),
        ]
        for i in range(n)
    ]


def score_segments(
    texts: Sequence[str],
    kinds: Sequence[Kind],
    language: str,
    headline: int | None = None,
    shape: DumpShape = "lines",
) -> list[float]:
    """The probability that each segment is main content, after both stages."""
    model = default_model(shape)
    own_weights = model.stage2[: len(FEATURES)]
    neighbour_weights = model.stage2[len(FEATURES) :]
    # Keep two numbers per segment, not its feature row: stage 1, and stage 2's share from the row.
    stage1, own = [], []
    for row in feature_rows(texts, kinds, language, headline):
        stage1.append(logistic(model.stage1, row))
        own.append(sum(w * x for w, x in zip(own_weights, row, strict=True)))
    word_counts = [len(text.split()) for text in texts]
    neighbours = neighbour_features(stage1, word_counts)
    return [
        _sigmoid(base + sum(w * x for w, x in zip(neighbour_weights, extra, strict=True)))
        for base, extra in zip(own, neighbours, strict=True)
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
