"""What each block of a text dump looks like to the scorer: two feature rows, the block alone and among
its neighbours.

Stage 1 (FEATURES) reads a block alone (length, sentence shape, stopword density in the page's language,
headline and menu-item shape, boilerplate vocabulary) and where it stands (position, repetition, distance
to the headline); stage 2 (NEIGHBOUR_FEATURES) adds the stage-1 scores around it, since content comes in
runs. `feature_rows` and `neighbour_rows` are the one definition of both: training (bench/train_text.py)
uses them as they are, inference (cleaner.text.model) sums the same features in the same order.
"""

from __future__ import annotations

import math
import re
import string
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import NamedTuple

import justext

from ..document import Kind
from ..textutils import MONTH_NAMES, SENTENCE_END, TERMINAL_PUNCTUATION, WORD, normalise

# Every alternative starts with a lowercase ASCII letter or a sign: the lookahead turns most positions
# away before the alternation is tried (a third faster).
BOILERPLATE_WORDS = re.compile(
    r"(?=[a-z©®»›])"
    r"(?:\b(?:sign ?(?:in|up|out)|log ?(?:in|out)|subscribe|subscription|cookies?|privacy|terms of (?:use|service)"
    r"|share|follow (?:us)?|newsletter|see all|view all|read more|all rights reserved|copyright|advertis\w*"
    r"|sponsored|related|popular|trending|menu|search|skip to|home ?page|contact us|about us|faq|careers"
    r"|facebook|twitter|instagram|linkedin|youtube|pinterest|tiktok|whatsapp|email|comments?|reply|replies"
    r"|loading|next|previous|back to top|download|login|register|account|cart|wishlist|close|expand|plus)\b|©|®|»|›)"
)  # matched against lowercased text
# A word starting with a capital (or a non-cased letter): the letter first, so that a scan finds it fast.
_CAPITALISED = re.compile(r"[^\W\d_a-z](?<!\S.)")
_LINKISH = re.compile(r"https?://|www\.|\.com\b|@\w|\s[|/>]\s")
_MONTH_PREFIX = "(?:" + "|".join(names[0] for names in MONTH_NAMES) + ")"
_MONTH_INITIALS = "".join(sorted({names[0][0] for names in MONTH_NAMES}))
_DATE = re.compile(  # a date starts with a digit or a month: the lookahead turns other positions away fast
    rf"(?=[\d{_MONTH_INITIALS}])\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|{_MONTH_PREFIX}"
    rf"[a-z]*\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {_MONTH_PREFIX}"
    r"[a-z]* \d{4}|\d+ (?:minutes?|hours?|days?|weeks?|months?) ago)\b"
)  # matched against lowercased text
_LANGUAGE_SAMPLE_WORDS = 3000
_ASCII_UPPER = string.ascii_uppercase.encode()
_ASCII_DIGITS = string.digits.encode()
CHROME_MAX_WORDS = 8  # a block in boilerplate words is chrome up to this length

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
    sample: list[str] = []
    for text in texts:
        sample += WORD.findall(text.lower())
        if len(sample) > _LANGUAGE_SAMPLE_WORDS:
            break
    # Each distinct word once, in order of first use: languages enter `hits` in the order they first
    # occur, which decides a tie as counting word by word did.
    hits: Counter[str] = Counter()
    for word, count in Counter(sample).items():
        for language in index.get(word, ()):
            hits[language] += count
    return hits.most_common(1)[0][0] if hits else "English"


def features(
    texts: Sequence[str], kinds: Sequence[Kind], language: str, headline: int | None = None
) -> list[list[float]]:
    """The stage-1 feature vector (FEATURES order) of every segment of one page."""
    return list(feature_rows(texts, kinds, language, headline))


LEADING = FEATURES.index("position")  # the features before it depend on the segment's text alone


class OwnFeatures(NamedTuple):
    """The features a segment's text gives alone, wherever it stands: the FEATURES before `position`
    (`leading`) and `prose`, `long_sentence_end` (`trailing`)."""

    n_words: int
    leading: tuple[float, ...]
    trailing: tuple[float, float]


def measure(text: str, stopwords: frozenset[str]) -> OwnFeatures:
    n_words = len(text.split())
    n = max(n_words, 1)
    lower = text.lower()
    tokens = WORD.findall(lower)
    n_stop = sum(map(stopwords.__contains__, tokens))
    stop_share = n_stop / max(len(tokens), 1)
    chars = len(text) or 1
    boilerplate = len(BOILERPLATE_WORDS.findall(lower))
    terminal = float(bool(TERMINAL_PUNCTUATION.search(text)))
    log_words = math.log1p(n_words)
    uppers, digits = _uppers_and_digits(text)
    leading = (
        1.0,
        log_words,
        float(n_words <= 3),
        min(chars / n, 20.0) / 10,
        stop_share,
        math.log1p(n_stop),
        terminal,
        math.log1p(len(SENTENCE_END.findall(text))),
        min(text.count(",") / n, 1.0),
        min(len(_CAPITALISED.findall(text)) / n, 1.0),
        min(uppers / chars * 5, 1.0),
        min(digits / chars * 5, 1.0),
        min(boilerplate, 3) / 3,
        float(boilerplate > 0 and n_words <= CHROME_MAX_WORDS),
        float(bool(_LINKISH.search(lower))),
        float(digits > 0 and bool(_DATE.search(lower))),  # every date has a digit
    )
    return OwnFeatures(n_words, leading, (stop_share * log_words, terminal * log_words))


def _uppers_and_digits(text: str) -> tuple[int, int]:
    """How many of the text's characters are upper case, and how many are digits (str.isupper, isdigit)."""
    if text.isascii():  # most blocks: in ASCII those are A-Z and 0-9, which bytes.translate counts in C
        raw = text.encode("ascii")
        size = len(raw)
        return size - len(raw.translate(None, _ASCII_UPPER)), size - len(raw.translate(None, _ASCII_DIGITS))
    return sum(map(str.isupper, text)), sum(map(str.isdigit, text))


def tail_rows(
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
    owns = [measure(text, stopwords) for text in texts]
    tails = tail_rows(
        [own.n_words for own in owns],
        [own.trailing for own in owns],
        [normalise(text) for text in texts],
        kinds,
        headline,
    )
    for own, tail in zip(owns, tails, strict=True):
        yield [*own.leading, *tail]


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
