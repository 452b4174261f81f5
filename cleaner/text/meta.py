"""What a text dump shows of its page: the headline (and the title line that repeats it), the site's name
on that title line, author and date.

A dump has no markup to say which block is the title: the headline is the block the page repeats from its
title line, the byline and the date stand near it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import islice

from rapidfuzz import fuzz, process

from ..dedup import LONG_BLOCK_WORDS
from ..document import Metadata
from ..textutils import (
    BYLINE_LEAD,
    TITLE_SEPARATOR,
    chrome_words,
    is_chrome,
    iso_date,
    normalise,
    title_site,
    word_count,
)

_HEADLINE_SIMILARITY = 90.0
_EARLY_BLOCKS = 60  # a recurring headline is among the dump's first blocks
_HEADLINE_MIN_WORDS = 4
_NEAR = 8  # blocks between the headline, the byline and the date line
_DATE_LINE_CHARS = 80  # longer, a block is prose that may mention any date
_TITLE_MAX_WORDS = 30  # the longest headline read from the start of a dump
_HEADLINE_REACH = 50_000  # characters after the first block where its headline recurs (a page's top)
_SPACE = re.compile(r"\s+")
_NAME_WORDS = r"(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+"  # two to four capitalised words
_NAME = re.compile(rf"^{_NAME_WORDS}$")
# `By Anna Smith`, `Written by Anna Smith, Staff Writer`, `Von Anna Schmidt | 13.12.2015`, `Author: Anna Smith`:
# the name ends at a space, punctuation or the end (not inside a word: `McDonald` has a capital within)
_BYLINE = re.compile(rf"^{BYLINE_LEAD}({_NAME_WORDS})(?=$|[\s,|·•–—(])")
_CREDIT_MAX_WORDS = 12  # a `See all by Name` line; a longer block is prose, where `by Name` is anyone's
# A line that says what its date is; in the languages of the chrome words (`Veröffentlicht am`, `Publié le`)
_PUBLISHED = r"posted|published|veröffentlicht|publié|publicado|pubblicato|gepubliceerd|opublikowano"
_DATE_LINE = re.compile(
    rf"^(?:{_PUBLISHED}|updated|on|date|aktualisiert|datum|mis à jour|actualizado|atualizado|aggiornato|"
    r"bijgewerkt|zaktualizowano)\b",
    re.IGNORECASE,
)
_PUBLISHED_LINE = re.compile(rf"^(?:{_PUBLISHED})\b", re.IGNORECASE)  # not `Updated`: a later date


def dump_metadata(
    texts: Sequence[str], title_line: int | None, headline: int | None, anchor: int, *, glued: bool
) -> Metadata:
    """The title, site name, author and date the dump shows; `anchor` is the block where its main content
    starts, `glued` whether the dump is glued. (Its language is the cleaned text's, which the pipeline
    detects.)"""
    title = _title(texts, headline, glued)
    return Metadata(
        title=title,
        author=_author(texts, anchor),
        date=_date(texts, anchor, glued),
        sitename=_sitename(texts, title_line, title),
    )


def find_headline(texts: Sequence[str], norms: Sequence[str] | None = None) -> tuple[int | None, int | None]:
    """The title line and the headline: a `Headline | Site` first block and the block repeating its
    headline; else an early block of a few words that recurs soon after (a breadcrumb, then the headline),
    unless it is in chrome's words (a cart's `No products in the cart.` in the header and in a drawer).

    Of the title line's parts, the headline is the first one the page repeats, and never the last: that is
    the site's name, which the logo and the footer repeat where the headline may not recur as it stands in
    the title. `norms` are the texts normalised, when the caller has them.
    """
    if not texts:
        return None, None
    if norms is None:
        norms = [normalise(text) for text in texts]
    parts = TITLE_SEPARATOR.split(texts[0])
    for part in parts[:-1]:
        wanted = normalise(part)
        if word_count(wanted, 1) < 2 or _past_headline_length(wanted):
            continue
        # every later block alike enough, compared in one call
        alike = process.extract(
            wanted, norms, scorer=fuzz.ratio, score_cutoff=_HEADLINE_SIMILARITY, limit=None
        )
        hits = [index for _, _, index in alike if index > 0]
        if hits:
            return 0, min(hits)
    # Under a title line, the headline says what the title says: a block that shares little with it is a
    # promo or a form's notice that the page repeats (`Thanks for subscribing!`).
    title_words = set(norms[0].split()) if len(parts) >= 2 else None
    for index, text in enumerate(texts[:_EARLY_BLOCKS]):
        # a paragraph-sized block that recurs is a quote or a refrain, not a headline
        words = word_count(text)
        if (
            _HEADLINE_MIN_WORDS <= words < LONG_BLOCK_WORDS
            and norms[index] in norms[index + 1 : index + 1 + _NEAR]
            and not is_chrome(chrome_words(text.lower()), words)
            and (title_words is None or _shares_half(norms[index], title_words))
        ):
            return index, norms.index(norms[index], index + 1)
    return (0, None) if len(parts) >= 2 else (None, None)


def _shares_half(norm: str, words: set[str]) -> bool:
    """Whether at least half of a normalised text's words are among `words`."""
    own = norm.split()
    return 2 * sum(word in words for word in own) >= len(own)


def _title(texts: Sequence[str], headline: int | None, glued: bool) -> str | None:
    """The headline, else the start of a title part that recurs, else the title the first block reads as;
    none of more than a headline's length, which is a glued dump's navigation run into its title."""
    if headline is not None:
        title: str | None = texts[headline]
    elif not (title := _recurring_start(texts, glued)) and texts:
        title = _leading_title(texts[0], glued)
    return title if title and not _past_headline_length(title) else None


def _leading_title(first: str, glued: bool) -> str | None:
    """The first part of the first block (`Headline | Site`, or a line dump's whole first line): a title if
    it has two words or more (a lone word first is more often a logo or a menu item) not in chrome's words
    (`Skip to content`). A glued dump's first block without a separator is its title run into what follows
    (`Headline Skip to content Home…`), with no end to cut it at."""
    parts = TITLE_SEPARATOR.split(first.strip(), 1)
    title = parts[0]
    words = word_count(title)
    if words < 2 or (glued and len(parts) < 2) or is_chrome(chrome_words(title.lower()), words):
        return None
    return title


def _past_headline_length(text: str) -> bool:
    """More words than a headline has: a glued dump's navigation run into its title, or a paragraph. The
    words past that length are not split off (a glued dump's first block can be megabytes)."""
    return word_count(text, _TITLE_MAX_WORDS) > _TITLE_MAX_WORDS


def _recurring_start(texts: Sequence[str], glued: bool) -> str | None:
    """The longest start of a part of the first block (`Headline | Site`), of a headline's length, that the
    dump shows again, case aside: the title a glued dump begins with runs into the navigation after it
    (`Headline | Site Skip to content Home…`), and its headline recurs above the text run into what
    surrounds it there, anywhere in the text. A line dump's title line is a line of its own: a whole part of
    it recurs, at the start of a line (`Headline` above `By Anna Smith`)."""
    if len(texts) < 2:
        return None
    later = _first_characters(islice(texts, 1, None), _HEADLINE_REACH).casefold() if glued else ""
    lines = [] if glued else [text.casefold() for text in texts[1:_EARLY_BLOCKS]]

    def shown(start: str) -> bool:
        start = start.casefold()
        return start in later if glued else any(_starts_with_words(line, start) for line in lines)

    found = []
    for part in TITLE_SEPARATOR.split(texts[0].strip()):
        ends = [*(match.start() for match in islice(_SPACE.finditer(part), _TITLE_MAX_WORDS)), len(part)]
        cuts = ends[_HEADLINE_MIN_WORDS - 1 : _TITLE_MAX_WORDS]
        if not glued:
            cuts = cuts[-1:] if cuts and cuts[-1] == len(part) else []
        for end in reversed(cuts):
            if shown(part[:end]):
                found.append(part[:end])
                break
    return max(found, key=len, default=None)


def _first_characters(texts: Iterable[str], count: int) -> str:
    """The first `count` characters of the texts joined by line feeds, without joining them all: a long
    dump's copy would double the memory a call takes."""
    pieces, size = [], 0
    for text in texts:
        # `size` counts a separator more than the pieces joined hold: past `count`, they hold enough
        if size > count:
            break
        pieces.append(text)
        size += len(text) + 1
    return "\n".join(pieces)[:count]


def _starts_with_words(line: str, start: str) -> bool:
    return line.startswith(start) and not line[len(start) : len(start) + 1].isalnum()


def _sitename(texts: Sequence[str], title_line: int | None, title: str | None) -> str | None:
    """The short last part of a `Headline | Site` title line, unless that part is the headline itself."""
    return title_site(texts[title_line], title) if title_line is not None else None


def _near(texts: Sequence[str], anchor: int) -> list[str]:
    """The blocks around the headline, nearest first: where bylines and dates sit."""
    order = sorted(
        range(max(anchor - _NEAR, 0), min(anchor + _NEAR + 1, len(texts))), key=lambda i: abs(i - anchor)
    )
    return [texts[i] for i in order if i != anchor]


def _author(texts: Sequence[str], anchor: int) -> str | None:
    """A `By Name` byline near the headline, else a name-shaped block there that the page credits with a
    `by` elsewhere (`See all by Name`): a name-shaped block alone is as often a menu's `Key Insights`."""
    near = _near(texts, anchor)
    for block in near:
        if byline := _BYLINE.match(block):
            return byline.group(1)
    if names := [block for block in near if _NAME.match(block)]:
        credits = [text for text in texts if word_count(text) <= _CREDIT_MAX_WORDS and "by " in text.lower()]
        for name in names:
            credit = re.compile(rf"(?<!\w)by {re.escape(name)}(?!\w)", re.IGNORECASE)
            if any(credit.search(text) for text in credits):
                return name
    return None


def _date(texts: Sequence[str], anchor: int, glued: bool) -> str | None:
    """The date of a `Posted ...` line near the headline, else of the nearest short block with one, else,
    in a glued dump, where the byline and the date run into the blocks around them, the first date in the
    blocks near it; else that of the first `Published ...` line after the headline (below a hero image, a
    summary or a table of contents)."""
    near = _near(texts, anchor)
    dated = [(block, date) for block in near if len(block) < _DATE_LINE_CHARS and (date := iso_date(block))]
    for block, date in dated:
        if _DATE_LINE.match(block):
            return date
    if dated:
        return dated[0][1]
    if glued:  # the short blocks have none: the long ones, nearest first
        long_dates = (iso_date(block) for block in near if len(block) >= _DATE_LINE_CHARS)
        if date := next(filter(None, long_dates), None):
            return date
    published = (
        block
        for block in islice(texts, anchor, None)
        if len(block) < _DATE_LINE_CHARS and _PUBLISHED_LINE.match(block)
    )
    return next(filter(None, map(iso_date, published)), None)
