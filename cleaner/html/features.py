"""What each block of a page looks like to the block model: one row of plain numbers per block.

Inference and training both get their rows from cleaner.html.extract.page_features, so the model always
sees rows made as the ones it was trained on. Only lxml here: the features are plain numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from lxml.html import HtmlElement

from ..textutils import ENDS_LIKE_SENTENCE, WORD
from .blocks import CUE_NAMES, TAG_CUES, HtmlBlock

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
        self.joined = word_string(words)
        self.trigrams = set(zip(words, words[1:], words[2:], strict=False))

    def share(self, words: Sequence[str]) -> float:
        """Share of the block's word trigrams found in the reference (short blocks: found whole or not)."""
        if len(words) < 3:
            return float(bool(words) and word_string(words) in self.joined)
        grams = list(zip(words, words[1:], words[2:], strict=False))
        return sum(gram in self.trigrams for gram in grams) / len(grams)


def page_cues(tree: HtmlElement) -> list[float]:
    """Page-wide hints at the page's kind: JSON-LD @types and og:type."""
    types: list[str] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        types += [t.lower() for t in re.findall(r'"@type"\s*:\s*"([^"]+)"', str(script))]
        types += [t.lower() for t in re.findall(r'"@type"\s*:\s*\[\s*"([^"]+)"', str(script))]
    og_type = " ".join(str(v).lower() for v in tree.xpath("//meta[@property='og:type']/@content"))
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


def _signature(element: HtmlElement) -> tuple[str, str]:
    return (str(element.tag), element.get("class") or "")


def _look_flags(tag: str, look: int, look_any: int, tags_any: int) -> list[float]:
    flags = [float(tag == kind_tag) for kind_tag in _KIND_TAGS]
    flags += [float(bool(look & (1 << bit))) for bit in range(len(CUE_NAMES))]
    flags += [float(bool(look_any & (1 << bit))) for bit in range(len(CUE_NAMES))]
    flags += [float(bool(tags_any & (1 << bit))) for bit in range(len(TAG_CUES))]
    return flags


def block_features(blocks: list[HtmlBlock], tree: HtmlElement, reference: Reference) -> list[list[float]]:
    """One feature row per block (see FEATURE_NAMES); `reference` is another extractor's main text."""
    count = len(blocks)
    shares = [reference.share(block.words) for block in blocks]
    lengths = [len(block.words) for block in blocks]
    densities = [block.link_chars / max(len(block.text), 1) for block in blocks]
    total_words = sum(lengths) or 1
    # Words, link characters and reference words of every block element, summed over the blocks inside it.
    container_words: Counter[int] = Counter()
    container_links: Counter[int] = Counter()
    container_chars: Counter[int] = Counter()
    container_ref: defaultdict[int, float] = defaultdict(float)
    container_blocks: Counter[int] = Counter()
    container_sentences: Counter[int] = Counter()
    sentence_ends = [bool(ENDS_LIKE_SENTENCE.search(block.text)) for block in blocks]
    for block, length, share, sentence in zip(blocks, lengths, shares, sentence_ends, strict=True):
        for element in block.ancestors[-4:]:
            key = id(element)
            container_words[key] += length
            container_links[key] += block.link_chars
            container_chars[key] += len(block.text)
            container_ref[key] += length * share
            container_blocks[key] += 1
            container_sentences[key] += sentence
    # By id() of the parent, which the entry keeps alive: `getparent()` makes a new proxy object, and the
    # id of one that was freed can be another parent's later (the counts then depended on memory history).
    repeats: dict[int, tuple[HtmlElement, Counter[tuple[str, str]]]] = {}

    def sibling_repeats(element: HtmlElement) -> int:
        parent = element.getparent()
        if parent is None:
            return 0
        entry = repeats.get(id(parent))
        if entry is None:
            entry = repeats[id(parent)] = (parent, Counter(_signature(child) for child in parent))
        return entry[1][_signature(element)] - 1

    page = [
        math.log1p(total_words),
        math.log1p(count),
        sum(length * share for length, share in zip(lengths, shares, strict=True)) / total_words,
        sum(block.link_chars for block in blocks) / max(sum(len(block.text) for block in blocks), 1),
        *page_cues(tree),
    ]
    rows = []
    cumulative = 0
    looks: dict[tuple[str, int, int, int], list[float]] = {}
    h1 = next((i for i, block in enumerate(blocks) if block.tag == "h1"), None)
    for i, block in enumerate(blocks):
        text, words, length = block.text, block.words, lengths[i]
        tokens = text.split()
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
            sum(token[:1].isupper() for token in tokens) / max(len(tokens), 1),
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
            if len(block.ancestors) >= level:
                key = id(block.ancestors[-level])
                words_in = container_words[key]
                row += [
                    math.log1p(words_in),
                    container_links[key] / max(container_chars[key], 1),
                    container_ref[key] / max(words_in, 1),
                    words_in / total_words,
                    math.log1p(container_blocks[key]),
                    container_sentences[key] / container_blocks[key],
                ]
            else:
                row += [0.0] * 6
        element = block.ancestors[-1]
        row.append(float(sibling_repeats(element)))
        row.append(float(max((sibling_repeats(e) for e in block.ancestors[-4:-1]), default=0)))
        look = (block.tag, block.look, block.look_any, block.tags_any)
        if (flags := looks.get(look)) is None:  # few distinct looks on a page: spell each out once
            flags = looks[look] = _look_flags(*look)
        row += flags
        row += page
        rows.append(row)
    return rows
