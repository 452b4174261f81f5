"""What each block of a page looks like to the block model: one row of plain numbers per block.

Inference and training both get their rows from cleaner.html.extract.page_features, so the model always
sees rows made as the ones it was trained on. Only lxml here: the features are plain numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

from lxml.html import HtmlElement

from ..textutils import ENDS_LIKE_SENTENCE, WORD, chrome_words, is_chrome
from .blocks import CUE_NAMES, TAG_CUES, HtmlBlock
from .records import element_shape

_KIND_TAGS = (
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "td",
    "span",
    "a",
    "pre",
    "dd",
    "dt",
    "blockquote",
)
_LD_TYPES = {
    "article": ("article", "posting", "report", "blog", "news"),
    "product": ("product", "offer"),
    "forum": ("discussionforum", "qapage", "question", "comment"),
    "collection": ("itemlist", "collectionpage", "searchresults"),
    "faq": ("faqpage",),
    "service": ("service", "organization", "localbusiness", "professionalservice"),
}


def word_string(words: Iterable[str]) -> str:
    return f" {' '.join(words)} "


class Reference:
    """A text blocks are compared with: which share of a block's words it has, in the same order."""

    def __init__(self, text: str) -> None:
        words = WORD.findall(text.lower())
        self.trigrams = set(zip(words, words[1:], words[2:], strict=False))
        # Its words and word pairs: a short block is in the reference when it is one of them, as its
        # words would be found in the reference's words in a row (a set, not a search of the whole text).
        self.short: set[tuple[str, ...]] = {(word,) for word in words}
        self.short.update(pairwise(words))

    def share(self, words: Sequence[str]) -> float:
        """Share of the block's word trigrams found in the reference (short blocks: found whole or not)."""
        if len(words) < 3:
            return float(tuple(words) in self.short)
        found = sum(map(self.trigrams.__contains__, zip(words, words[1:], words[2:], strict=False)))
        return found / (len(words) - 2)


_LD_TYPE = re.compile(r'"@type"\s*:\s*"([^"]+)"')
_LD_TYPE_LIST = re.compile(r'"@type"\s*:\s*\[\s*"([^"]+)"')


def page_cues(tree: HtmlElement) -> list[float]:
    """Page-wide hints at the page's kind: JSON-LD @types and og:type."""
    types: list[str] = []
    og_types: list[str] = []
    # One walk in C over the two tags of the whole document, as `//` reaches (an XPath `//` query is a
    # slower walk, and there were two); `tree` may be a single element lxml took for the page.
    for element in tree.getroottree().getroot().iter("script", "meta"):
        if element.tag == "script":
            if element.get("type") == "application/ld+json" and (script := element.text):
                types += [t.lower() for t in _LD_TYPE.findall(script)]
                types += [t.lower() for t in _LD_TYPE_LIST.findall(script)]
        elif element.get("property") == "og:type" and (content := element.get("content")) is not None:
            og_types.append(content.lower())
    og_type = " ".join(og_types)
    cues = [float(any(name in t for t in types for name in names)) for names in _LD_TYPES.values()]
    cues += [float("article" in og_type), float("product" in og_type), float("website" in og_type)]
    return cues


FEATURE_NAMES: tuple[str, ...] = (
    "log_words",
    "log_chars",
    "mean_word_len",
    "link_density",
    "sentence_end",
    "commas_per_word",
    "periods_per_word",
    "digit_share",
    "upper_start",
    "title_case_share",
    "chrome_words",
    "chrome_short",
    "depth",
    "position",
    "word_position",
    "after_h1",
    "from_h1",
    "reference_share",
    "prev_reference",
    "next_reference",
    "prev_link_density",
    "next_link_density",
    "prev_log_words",
    "next_log_words",
    *(
        f"container{level}_{name}"
        for level in (1, 2, 3)
        for name in ("log_words", "links", "reference", "page_share", "log_blocks", "sentences")
    ),
    "sibling_repeats",
    "ancestor_repeats",
    *(f"kind_{tag}" for tag in _KIND_TAGS),
    *(f"near_{name}" for name in CUE_NAMES),
    *(f"any_{name}" for name in CUE_NAMES),
    *(f"in_{tag}" for tag in TAG_CUES),
    "page_log_words",
    "page_log_blocks",
    "page_reference_share",
    "page_link_density",
    *(f"ld_{name}" for name in _LD_TYPES),
    "og_article",
    "og_product",
    "og_website",
)


_KIND_FLAGS = {tag: tuple(float(tag == kind_tag) for kind_tag in _KIND_TAGS) for tag in _KIND_TAGS}
_NO_KIND = (0.0,) * len(_KIND_TAGS)
_NO_CONTAINER = (0.0,) * 6  # the container features of a level above the page's top block element
# Each byte's bits as flags, lowest first: a number's flags are those of its bytes in a row, a few tuple
# joins where one float per bit costs ten times more.
_BYTE_FLAGS = [tuple(float(bool(byte & (1 << bit))) for bit in range(8)) for byte in range(256)]


def _bit_flags(bits: int, count: int) -> tuple[float, ...]:
    """The lowest `count` bits of `bits` as flags (1.0 or 0.0), lowest first."""
    flags: tuple[float, ...] = ()
    for shift in range(0, count, 8):
        flags += _BYTE_FLAGS[(bits >> shift) & 0xFF]
    return flags[:count]


@lru_cache(maxsize=4096)
def _look_flags(tag: str, look: int, look_any: int, tags_any: int) -> tuple[float, ...]:
    """A block's kind and cue bits spelled out as flags: few distinct looks on a page, and across pages."""
    return (
        _KIND_FLAGS.get(tag, _NO_KIND)
        + _bit_flags(look, len(CUE_NAMES))
        + _bit_flags(look_any, len(CUE_NAMES))
        + _bit_flags(tags_any, len(TAG_CUES))
    )


def block_features(blocks: list[HtmlBlock], tree: HtmlElement, reference: Reference) -> list[list[float]]:
    """One feature row per block (see FEATURE_NAMES); `reference` is another extractor's main text."""
    count = len(blocks)
    shares = [reference.share(block.words) for block in blocks]
    lengths = [len(block.words) for block in blocks]
    densities = [block.link_chars / max(len(block.text), 1) for block in blocks]
    total_words = sum(lengths) or 1
    # Words, link characters, characters, reference words, blocks and sentences of every block element,
    # summed over the blocks inside it. The dicts here are keyed by the elements themselves: lxml hands out
    # the live proxy of a node while one exists, and a key keeps its proxy alive.
    containers: dict[HtmlElement, list[float]] = {}
    sentence_ends = [bool(ENDS_LIKE_SENTENCE.search(block.text)) for block in blocks]
    for block, length, share, sentence in zip(blocks, lengths, shares, sentence_ends, strict=True):
        for element in block.ancestors[-4:]:
            sums = containers.get(element)
            if sums is None:
                sums = containers[element] = [0, 0, 0, 0.0, 0, 0]
            sums[0] += length
            sums[1] += block.link_chars
            sums[2] += len(block.text)
            sums[3] += length * share
            sums[4] += 1
            sums[5] += sentence
    # Each container's features, once an element: the blocks inside it share them.
    container_rows = {
        element: (
            math.log1p(words_in),
            links / (chars or 1),
            ref / (words_in or 1),
            words_in / total_words,
            math.log1p(inside),
            sentences / inside,
        )
        for element, (words_in, links, chars, ref, inside, sentences) in containers.items()
    }
    # A parent's children by tag and class. One pass over its children for all their tags: half the time
    # of two XPath counts per tag.
    repeats: dict[HtmlElement, dict[tuple[object, str], int]] = {}
    repeated: dict[HtmlElement, int] = {}

    def sibling_repeats(element: HtmlElement) -> int:
        """How many of the element's siblings look as it does (same tag and class)."""
        found = repeated.get(element)
        if found is None:
            found = repeated[element] = _sibling_repeats(element)
        return found

    def _sibling_repeats(element: HtmlElement) -> int:
        parent = element.getparent()
        if parent is None:
            return 0
        counts = repeats.get(parent)
        if counts is None:
            counts = repeats[parent] = {}
            for child in parent:
                key = element_shape(child)
                counts[key] = counts.get(key, 0) + 1
        return counts[element_shape(element)] - 1

    # The most repeated of a block's three closest block ancestors, by the closest: the ones above it
    # follow from it.
    around: dict[HtmlElement, int] = {}

    def ancestor_repeats(ancestors: list[HtmlElement]) -> int:
        if len(ancestors) < 2:
            return 0
        found = around.get(ancestors[-2])
        if found is None:
            found = around[ancestors[-2]] = max(sibling_repeats(e) for e in ancestors[-4:-1])
        return found

    page = [
        math.log1p(total_words),
        math.log1p(count),
        sum(length * share for length, share in zip(lengths, shares, strict=True)) / total_words,
        sum(block.link_chars for block in blocks) / max(sum(len(block.text) for block in blocks), 1),
        *page_cues(tree),
    ]
    rows = []
    cumulative = 0
    h1 = next((i for i, block in enumerate(blocks) if block.tag == "h1"), None)
    for i, block in enumerate(blocks):
        text, words, length = block.text, block.words, lengths[i]
        tokens = text.split()
        chrome = chrome_words(text.lower())
        prev, nxt = max(i - 1, 0), min(i + 1, count - 1)
        row = [
            math.log1p(length),
            math.log1p(len(text)),
            sum(map(len, words)) / length if length else 0.0,
            densities[i],
            float(sentence_ends[i]),
            text.count(",") / (length or 1),
            text.count(".") / (length or 1),
            sum(map(str.isdigit, text)) / len(text),
            float(text[0].isupper()),
            sum(map(str.isupper, [token[0] for token in tokens])) / (len(tokens) or 1),
            min(chrome, 3) / 3,
            float(is_chrome(chrome, length)),
            float(len(block.ancestors)),
            i / count,
            cumulative / total_words,
            0.5 if h1 is None else float(i >= h1),  # the headline opens the main content
            0.0 if h1 is None else (i - h1) / count,
            shares[i],
            shares[prev] if i else 0.0,
            shares[nxt] if i < count - 1 else 0.0,
            densities[prev] if i else 0.0,
            densities[nxt] if i < count - 1 else 0.0,
            math.log1p(lengths[prev]) if i else 0.0,
            math.log1p(lengths[nxt]) if i < count - 1 else 0.0,
        ]
        cumulative += length
        for level in (2, 3, 4):
            row += container_rows[block.ancestors[-level]] if len(block.ancestors) >= level else _NO_CONTAINER
        element = block.ancestors[-1]
        row.append(float(sibling_repeats(element)))
        row.append(float(ancestor_repeats(block.ancestors)))
        row += _look_flags(block.tag, block.look, block.look_any, block.tags_any)
        row += page
        rows.append(row)
    return rows
