"""What each block of a text dump looks like to the scorer: two feature rows, the block alone and among
its neighbours.

Stage 1 (FEATURES) reads a block alone (length, sentence shape, stopword density in the page's language,
headline and menu-item shape, boilerplate vocabulary) and where it stands (position, repetition, distance
to the headline); stage 2 (NEIGHBOUR_FEATURES) adds the stage-1 scores around it, since content comes in
runs. `stage1_rows` and `neighbour_columns` are the one definition of both: training (bench/train_text.py)
and inference (cleaner.text.model) build their rows there, as float32 numpy arrays.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import repeat

import justext
import numpy as np

from ..document import Kind
from ..textutils import (
    MONTH_NAMES,
    SENTENCE_END,
    TERMINAL_PUNCTUATION,
    UNSPACED_WORD,
    chrome_words,
    is_chrome,
    normalise,
    word_count,
)

# A word starting with a capital (or a non-cased letter), found by the space before it: a scan for spaces
# passes most letters by, where one for capitals tries each. Counted in " " + text, for the first word.
_SPACE_THEN_CAPITAL = re.compile(r"\s[^\W\d_a-z]")
# Each alternative starts with a plain character (a spaced `|`, `/` or `>` checks its spaces after), so that
# the regex engine scans for those characters fast instead of trying every alternative everywhere.
_LINKISH = re.compile(r"https?://|www\.|\.com\b|@\w|\|(?<=\s.)(?=\s)|/(?<=\s.)(?=\s)|>(?<=\s.)(?=\s)")
_MONTH_PREFIX = "(?:" + "|".join(names[0] for names in MONTH_NAMES) + ")"
_MONTH_INITIALS = "".join(sorted({names[0][0] for names in MONTH_NAMES}))
_DATE = re.compile(  # a date starts with a digit or a month: the lookahead turns other positions away fast
    rf"(?=[\d{_MONTH_INITIALS}])\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|{_MONTH_PREFIX}"
    rf"[a-z]*\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {_MONTH_PREFIX}"
    r"[a-z]* \d{4}|\d+ (?:minutes?|hours?|days?|weeks?|months?) ago)\b"
)  # matched against lowercased text
_LANGUAGE_SAMPLE_WORDS = 3000
_LANGUAGE_MIN_HITS = 5  # hits of the leading stoplist's words of two letters or more, below which English's
_ASCII_UPPER = string.ascii_uppercase.encode()
_ASCII_DIGITS = string.digits.encode()

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
    "chrome_words",
    "chrome_short",
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


# jusText has no stoplist for the two languages that put no space between words, where a word is a character
# (textutils.UNSPACED_WORD). Their function characters play the stopwords' part, as common in prose as they
# are rare in a menu's nouns: Chinese particles, pronouns, prepositions and conjunctions (simplified and
# traditional), and the hiragana that write Japanese particles and endings.
_UNSPACED_STOPLISTS = {
    "Chinese": frozenset(
        "的了是在和与也不这那就都而及着或之其被把对为以于从但因所如将已并则由个们我你他她它有没会能要可还又"
        "很更最等中上下里后前时這個們為對於從將並則沒會還裡後時與"
    ),
    "Japanese": frozenset(map(chr, range(0x3041, 0x3097))),
}


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    """Every stoplist by language name: jusText's, and the characters of Chinese and Japanese."""
    lists = {language: frozenset(justext.get_stoplist(language)) for language in justext.get_stoplists()}
    return lists | _UNSPACED_STOPLISTS


@cache
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Each stopword and the languages that have it."""
    index: dict[str, list[str]] = {}
    for language, words in sorted(_stoplists().items()):
        for word in words:
            index.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in index.items()}


def stoplist(language: str) -> frozenset[str]:
    return _stoplists()[language]


def detect_language(texts: Sequence[str]) -> str:
    """The jusText stoplist whose words are most frequent in the page's first words."""
    index = _stopword_index()
    sample: list[str] = []
    for text in texts:
        sample += UNSPACED_WORD.findall(text.lower())
        if len(sample) > _LANGUAGE_SAMPLE_WORDS:
            break
    # Each distinct word once, in order of first use: languages enter `hits` in the order they first
    # occur, which decides a tie as counting word by word did.
    hits: Counter[str] = Counter()
    counts = Counter(sample)
    for word, count in counts.items():
        for language in index.get(word, ()):
            hits[language] += count
    if not hits:
        return "English"
    best = hits.most_common(1)[0][0]
    # one-letter stopwords (`e`, `u`, `s`, each several languages') are no evidence of one: counted as
    # evidence, they flipped the stoplist from one language to another as the kept text changed
    words = stoplist(best)
    single = best in _UNSPACED_STOPLISTS  # whose words are characters
    worded = sum(count for word, count in counts.items() if (single or len(word) > 1) and word in words)
    return best if worded >= _LANGUAGE_MIN_HITS else "English"


LEADING = FEATURES.index("position")  # the features before it depend on the segment's text alone


# What a segment's text gives alone, wherever it stands, one column each: its words, the FEATURES before
# `position`, and the two text parts of `prose` and `long_sentence_end` (their weight comes from the page).
OWN_COLUMNS = ("n_words", *FEATURES[:LEADING], "prose_alone", "long_sentence_end_alone")


def own_columns(texts: Sequence[str], language: str) -> np.ndarray:
    """The OWN_COLUMNS of every segment, one float32 row each (the scorer's precision)."""
    stopwords = stoplist(language)
    own = np.empty((len(texts), len(OWN_COLUMNS)), dtype=np.float32)
    for chunk in _chunks(len(texts)):
        _fill_own_columns(own[chunk], texts[chunk], stopwords)
    return own


# Segments measured together, a column at a time: each column is one call (a `map` over their texts or a
# numpy operation), not a Python call per segment, and a long dump never holds more than these lists.
_SEGMENTS_AT_ONCE = 256


def _chunks(count: int) -> Iterator[slice]:
    """The rows of `count` segments, _SEGMENTS_AT_ONCE at a time."""
    return (slice(start, start + _SEGMENTS_AT_ONCE) for start in range(0, count, _SEGMENTS_AT_ONCE))


def _fill_own_columns(own: np.ndarray, texts: Sequence[str], stopwords: frozenset[str]) -> None:
    """Write the OWN_COLUMNS of `texts` into `own`, their rows. Each value is computed in float64 as
    Python floats would be (math.log1p, not numpy's) and rounded to float32 once, when stored."""
    count = len(texts)
    lowers = list(map(str.lower, texts))
    n_words = _ints(map(word_count, texts), count)
    per_word = np.maximum(n_words, 1)
    chars = np.maximum(_ints(map(len, texts), count), 1)
    log_words = _log1p(n_words)
    uppers_and_digits = list(map(_uppers_and_digits, texts))
    uppers = _ints((uppers for uppers, _ in uppers_and_digits), count)
    digits = _ints((digits for _, digits in uppers_and_digits), count)
    chrome = _ints(map(chrome_words, lowers), count)
    terminal = _ints(map(bool, map(TERMINAL_PUNCTUATION.search, texts)), count)
    sentences = _ints(map(len, map(SENTENCE_END.findall, texts)), count)
    commas = _ints(map(str.count, texts, repeat(",")), count)
    capitalised = _ints((len(_SPACE_THEN_CAPITAL.findall(" " + text)) for text in texts), count)
    date = np.zeros(count, dtype=bool)
    with_digits = np.flatnonzero(digits)  # every date has a digit
    date[with_digits] = _ints(
        map(bool, map(_DATE.search, map(lowers.__getitem__, with_digits.tolist()))), len(with_digits)
    )
    stop_share, log_stopwords, prose_alone = _stopword_columns(lowers, log_words, stopwords)
    columns = (
        n_words,
        1.0,
        log_words,
        n_words <= 3,
        np.minimum(chars / per_word, 20.0) / 10,
        stop_share,
        log_stopwords,
        terminal,
        _log1p(sentences),
        np.minimum(commas / per_word, 1.0),
        np.minimum(capitalised / per_word, 1.0),
        np.minimum(uppers / chars * 5, 1.0),
        np.minimum(digits / chars * 5, 1.0),
        np.minimum(chrome, 3) / 3,
        _ints(map(is_chrome, chrome.tolist(), n_words.tolist()), count),
        _ints(map(bool, map(_LINKISH.search, lowers)), count),
        date,
        prose_alone,
        terminal * log_words,
    )
    for column, values in enumerate(columns):
        own[:, column] = values


def _ints(values: Iterable[int], count: int) -> np.ndarray:
    return np.fromiter(values, np.int64, count)


def _log1p(counts: np.ndarray) -> np.ndarray:
    """math.log1p of each count: numpy's log1p may round differently, and a float32 could differ."""
    return np.fromiter(map(math.log1p, counts.tolist()), np.float64, len(counts))


# The OWN_COLUMNS that depend on the stoplist, in `_stopword_columns` order.
_STOPWORD_COLUMNS = [OWN_COLUMNS.index(name) for name in ("stopword_share", "log_stopwords", "prose_alone")]


def _stopword_columns(
    lowers: Sequence[str], log_words: np.ndarray, stopwords: frozenset[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lowercased texts' stopword shares, log counts and prose weights (share x log words) in a stoplist."""
    # two counts a text, not its words: a chunk's word lists would be the peak of a long dump's memory
    counts = np.array(
        [
            (len(words), sum(map(stopwords.__contains__, words)))
            for words in map(UNSPACED_WORD.findall, lowers)
        ],
        dtype=np.int64,
    ).reshape(-1, 2)
    n_stop = counts[:, 1]
    stop_share = n_stop / np.maximum(counts[:, 0], 1)
    return stop_share, _log1p(n_stop), stop_share * log_words


def _uppers_and_digits(text: str) -> tuple[int, int]:
    """How many of the text's characters are upper case, and how many are digits (str.isupper, isdigit)."""
    if text.isascii():  # most blocks: in ASCII those are A-Z and 0-9, which bytes.translate counts in C
        raw = text.encode("ascii")
        size = len(raw)
        return size - len(raw.translate(None, _ASCII_UPPER)), size - len(raw.translate(None, _ASCII_DIGITS))
    return sum(map(str.isupper, text)), sum(map(str.isdigit, text))


_SHAPE_WORDS = np.array([1.5, 3.5, 8.5, 20.5])  # the word-count steps of a block's shape
# Blocks per item, up to a shop's product card (name, maker, colours, rating, price, delivery, a review).
# With the shipped model collections gain up to 20 and nothing past it; 24 leaves a margin, and by site
# held out (bench.text_eval) lifts collections' line dumps from 0.554 to 0.573 against 8.
_MAX_PERIOD = 24


def line_shapes(own: np.ndarray) -> np.ndarray:
    """Each block's shape, one small int a block, from its `own_columns` row: its length step, whether it
    has digits, ends a sentence and is title-cased (see item_rhythm)."""
    shapes: np.ndarray = (
        np.digitize(own[:, 0], _SHAPE_WORDS) * 8
        + (own[:, OWN_COLUMNS.index("digit_share")] > 0) * 4
        + (own[:, OWN_COLUMNS.index("terminal")] > 0) * 2
        + (own[:, OWN_COLUMNS.index("title_case_share")] >= 0.5)
    )
    return shapes


def item_rhythm(shape: np.ndarray) -> np.ndarray:
    """How much each block stands in a list of items of several blocks each, one value in [0, 1] a block,
    from the blocks' `line_shapes`.

    The items of a listing repeat a pattern of shapes (name, type, colours, price), with a period of 2 to
    _MAX_PERIOD blocks; a menu repeats one shape (period 1) and prose hardly repeats at all. The rhythm
    is the best period's share of shapes that recur one period on, around the block (two periods either
    side), less the share that recur at the next block.
    """
    count = len(shape)
    if count < 3:  # no period of two blocks fits
        return np.zeros(count)
    periods = range(2, min(_MAX_PERIOD, count - 1) + 1)
    # Windows are slices of sums padded by the widest window, so that no index arrays are needed.
    reach = 2 * periods[-1]
    bounds = np.clip(np.arange(-reach, count + 1 + reach), 0, count)  # a window's edge, inside the dump

    def recurring(period: int) -> np.ndarray:
        """The share of blocks within two periods of each whose shape recurs `period` blocks on."""
        # same[reach + j + 1]: block j's shape recurs at j + period; zero in the padding, so that a
        # window past either end counts only the blocks inside the dump
        same = np.zeros(count + 1 + 2 * reach)
        same[reach + 1 : reach + count + 1 - period] = shape[:-period] == shape[period:]
        cumulative = np.cumsum(same)
        low = slice(reach - 2 * period, reach - 2 * period + count)
        high = slice(reach + 2 * period, reach + 2 * period + count)
        share: np.ndarray = (cumulative[high] - cumulative[low]) / (bounds[high] - bounds[low])
        return share

    best = recurring(periods[0])
    for period in periods[1:]:
        np.maximum(best, recurring(period), out=best)
    rhythm: np.ndarray = np.clip(best - recurring(1), 0.0, 1.0)
    return rhythm


ROWS_AT_ONCE = 128  # rows made and scored together: enough for numpy to pay, few enough to hold little
_WINDOW_ROWS = 1024  # rows whose neighbour windows are averaged at once: numpy pays, temporaries stay small


def repeats(norms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each block of a page (its normalised text), how many blocks of the page have its text, and
    whether it is the first of them."""
    counts: dict[str, int] = {}
    first = np.zeros(len(norms), dtype=bool)
    for index, norm in enumerate(norms):
        if norm in counts:
            counts[norm] += 1
        else:
            counts[norm], first[index] = 1, True
    return np.fromiter(map(counts.__getitem__, norms), np.int64, len(norms)), first


def remeasure_stopwords(own: np.ndarray, texts: Sequence[str], language: str) -> None:
    """Make `own` (the texts' `own_columns` in another stoplist) their rows in `language`'s, in place: only
    the stopword columns depend on it."""
    stopwords = stoplist(language)
    for chunk in _chunks(len(texts)):
        rows = own[chunk]
        lowers = list(map(str.lower, texts[chunk]))
        stopword_columns = _stopword_columns(lowers, _log1p(rows[:, 0].astype(np.int64)), stopwords)
        rows[:, _STOPWORD_COLUMNS] = np.column_stack(stopword_columns)


def stage1_rows(
    own: np.ndarray, copies: np.ndarray, kinds: Sequence[Kind], headline: int | None
) -> Iterator[np.ndarray]:
    """The stage-1 features (FEATURES order) of a page's segments, one float32 row each, ROWS_AT_ONCE rows
    at a time (a long dump never holds them all): those of their `own_columns` rows, then those that depend
    on where a segment stands in the page. `headline` is the block that repeats the page's title, when the
    dump has one: what comes before it is mostly header and navigation; `copies` says how many blocks have
    each one's text (`repeats`). Training and inference both build rows here."""
    count = len(copies)
    log_repeats = np.log(copies.astype(np.float64))
    words = own[:, 0].astype(np.float64)
    page_words = max(int(words.sum()), 1)
    last = max(count - 1, 1)
    for start in range(0, count, ROWS_AT_ONCE):
        stop = min(start + ROWS_AT_ONCE, count)
        index = np.arange(start, stop, dtype=np.float64)
        position = index / last
        rows = np.empty((stop - start, len(FEATURES)), dtype=np.float32)
        rows[:, :LEADING] = own[start:stop, 1 : LEADING + 1]
        before_headline, is_headline, headline_distance = (
            (0.0, 0.0, 0.5)
            if headline is None
            else (index < headline, index == headline, np.minimum(np.abs(index - headline) / 50, 1.0))
        )
        place = (
            position,
            position * position,
            [kind is Kind.LIST_ITEM for kind in kinds[start:stop]],
            [kind is Kind.HEADING for kind in kinds[start:stop]],
            log_repeats[start:stop],
            np.minimum(words[start:stop] / page_words * 10, 1.0),
            own[start:stop, LEADING + 1],  # prose: the text's part, weighted by its words
            own[start:stop, LEADING + 2],  # long_sentence_end
            before_headline,
            is_headline,
            headline_distance,
        )
        for column, values in enumerate(place, start=LEADING):
            rows[:, column] = values
        yield rows


def feature_matrix(
    texts: Sequence[str], kinds: Sequence[Kind], language: str, headline: int | None = None
) -> np.ndarray:
    """The stage-1 features of every segment of one page, as training reads them."""
    copies, _ = repeats([normalise(text) for text in texts])
    chunks = list(stage1_rows(own_columns(texts, language), copies, kinds, headline))
    return np.vstack(chunks) if chunks else np.zeros((0, len(FEATURES)), dtype=np.float32)


def neighbour_columns(stage1: np.ndarray, word_counts: np.ndarray) -> np.ndarray:
    """Stage-2 inputs (NEIGHBOUR_FEATURES): each segment's stage-1 score and the word-weighted scores
    around it, one float32 row per segment (the scorer's precision)."""
    count = len(stage1)
    weights = np.log1p(word_counts) + 0.1
    # prefix sums make every window one subtraction
    cum_p = np.concatenate([[0.0], np.cumsum(stage1 * weights)])
    cum_w = np.concatenate([[0.0], np.cumsum(weights)])
    best = int(np.argmax(stage1 * weights)) if count else 0
    del weights
    around = np.empty((count, len(NEIGHBOUR_FEATURES)), dtype=np.float32)
    around[:, 0] = stage1
    for first in range(0, count, _WINDOW_ROWS):  # a long dump's windows a slice at a time
        index = np.arange(first, min(first + _WINDOW_ROWS, count))
        rows = around[first : first + len(index)]
        for column, (before, after) in enumerate(((1, 2), (3, 4), (8, 9), (3, 0), (-1, 4)), start=1):
            start, stop = np.maximum(index - before, 0), np.minimum(index + after, count)
            total = cum_w[stop] - cum_w[start]
            rows[:, column] = np.where(
                total > 0, (cum_p[stop] - cum_p[start]) / np.where(total > 0, total, 1.0), 0.5
            )
        rows[:, -1] = np.minimum(np.abs(index - best) / 20, 1.0)
    return around
