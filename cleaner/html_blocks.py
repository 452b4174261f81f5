"""The whole page as blocks, and what each block looks like (the block model's features).

A block is the text a block-level element holds directly, with the text of its inline children (links,
emphasis, table cells of one row). Every visible text of the page lands in exactly one block, in page
order, so the HTML path can label all of them. Only lxml here: the features are plain numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from .document import Kind


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SKIPPED = _names("script style template svg math head iframe object embed select option datalist canvas")
_BLOCK_TAGS = _names(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section "
    "summary table tbody thead tfoot tr ul caption legend center noscript"
)
_CELL_TAGS = frozenset(("td", "th"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_KINDS = {"li": Kind.LIST_ITEM, "dd": Kind.LIST_ITEM, "dt": Kind.LIST_ITEM, "blockquote": Kind.QUOTE}
_KINDS.update({"pre": Kind.CODE, "tr": Kind.TABLE_ROW, **dict.fromkeys(_HEADINGS, Kind.HEADING)})

# Groups of class / id / role / itemprop fragments: each group is one bit of an element's look.
_CUES: dict[str, tuple[str, ...]] = {
    "nav": ("nav", "menu", "breadcrumb", "pagination", "pager", "navigation", "toc"),
    "footer": ("footer", "copyright", "contentinfo", "legal"),
    "header": ("header", "masthead", "topbar", "top-bar", "banner"),
    "sidebar": ("sidebar", "aside", "widget", "rail", "complementary"),
    "comment": ("comment", "reply", "replies", "discussion", "disqus"),
    "related": ("related", "recommend", "popular", "trending", "more-", "also", "latest", "recent"),
    "share": ("share", "social", "follow", "facebook", "twitter"),
    "ad": ("advert", "sponsor", "promo", "ads", "dfp", "commercial"),
    "cookie": ("cookie", "consent", "gdpr", "privacy"),
    "newsletter": ("newsletter", "subscribe", "signup", "sign-up", "cta"),
    "account": ("login", "signin", "sign-in", "register", "account", "cart", "checkout"),
    "search": ("search", "filter", "sort"),
    "tag": ("tag", "categor", "topic", "label", "badge"),
    "author": ("author", "byline", "bio", "avatar", "profile", "user"),
    "meta": ("meta", "date", "time", "posted", "info", "stats"),
    "content": ("content", "article", "entry", "story", "main", "body", "text", "prose", "rich"),
    "product": ("product", "description", "detail", "spec", "feature", "price", "review"),
    "card": ("card", "item", "tile", "teaser", "grid", "list", "result", "collection"),
    "forum": ("thread", "message", "post", "topic", "forum", "answer", "question"),
    "hidden": ("hidden", "sr-only", "visually-hidden", "screen-reader", "offscreen", "collapse"),
    "modal": ("modal", "popup", "overlay", "dialog", "drawer", "toast", "notice"),
    "title": ("title", "heading", "headline", "name"),
    "section": ("section", "block", "container", "wrapper", "row", "col"),
    "button": ("btn", "button", "link", "action"),
}
_CUE_NAMES = tuple(_CUES)
_CUE_PATTERN = re.compile("|".join(re.escape(p) for ps in _CUES.values() for p in ps))
_CUE_BIT = {p: 1 << i for i, ps in enumerate(_CUES.values()) for p in ps}
CUE_BITS = {name: 1 << i for i, name in enumerate(_CUES)}  # Block.look and look_any bits by cue name
# Ancestor tags worth a bit of their own.
_TAG_CUES = [
    "nav",
    "footer",
    "header",
    "aside",
    "main",
    "article",
    "form",
    "table",
    "ul",
    "ol",
    "li",
    "figure",
    "blockquote",
    "pre",
    "section",
    "dl",
    "h",
    "noscript",
    "hidden",
]
_TAG_BIT = {tag: 1 << i for i, tag in enumerate(_TAG_CUES)}
_TAG_BIT.update({h: _TAG_BIT["h"] for h in _HEADINGS})
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
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?:…]\W*$")


@dataclass
class Block:
    """One block of the page: its text, and where it sits in the page."""

    text: str
    kind: Kind
    tag: str
    path: list[HtmlElement]  # the block-level elements around it, outermost first
    look: int  # cue bits of the block's element and its two closest block ancestors
    look_any: int  # cue bits of any ancestor
    tags_any: int  # ancestor tag bits
    link_chars: int
    words: list[str] = field(default_factory=list)


def _cue_bits(element: HtmlElement) -> int:
    attrs = " ".join(
        value for key in ("class", "id", "role", "itemprop") if (value := element.get(key)) is not None
    )
    if not attrs:
        return 0
    bits = 0
    for match in _CUE_PATTERN.finditer(attrs.lower()):
        bits |= _CUE_BIT[match.group()]
    return bits


def _hidden(element: HtmlElement) -> bool:
    style = element.get("style")
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or (style is not None and "display:none" in style.replace(" ", "").lower())
    )


def page_blocks(tree: HtmlElement) -> list[Block]:
    """Every visible text of the page as blocks, in page order."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    blocks: list[Block] = []
    # One frame per open block element: element, its own cue bits, ancestor bits, tag bits, text pieces.
    stack: list[tuple[HtmlElement, int, int, int]] = []
    pieces: list[str] = []
    link_chars = 0
    in_link = 0

    def flush() -> None:
        nonlocal pieces, link_chars
        text = " ".join("".join(pieces).split())
        if text and stack:
            element = stack[-1][0]
            tag = element.tag if isinstance(element.tag, str) else ""
            near = 0
            for frame in stack[-3:]:
                near |= frame[1]
            blocks.append(
                Block(
                    text=text,
                    kind=_KINDS.get(tag, Kind.PARAGRAPH),
                    tag=tag,
                    path=[frame[0] for frame in stack],
                    look=near,
                    look_any=stack[-1][2],
                    tags_any=stack[-1][3],
                    link_chars=min(link_chars, len(text)),
                    words=_WORD.findall(text.lower()),
                )
            )
        pieces = []
        link_chars = 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            pieces.append(text)
            if in_link:
                link_chars += len(text.strip())

    walker = etree.iterwalk(root, events=("start", "end"))
    skipped = 0  # id() of the element whose subtree is being skipped
    for event, element in walker:
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions: only their tail is text
            if event == "end":
                add(element.tail)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in _SKIPPED:
                walker.skip_subtree()  # its end event follows at once: only its tail is read there
                skipped = id(element)
                continue
            # hidden elements stay: tabs and accordions hide content too; the model sees they are hidden
            hidden = _hidden(element)
            if tag in _BLOCK_TAGS or hidden or element is root:
                flush()
                parent_any = stack[-1][2] if stack else 0
                tag_bits = (stack[-1][3] if stack else 0) | _TAG_BIT.get(tag, 0)
                if hidden:
                    tag_bits |= _TAG_BIT["hidden"]
                bits = _cue_bits(element)
                stack.append((element, bits, parent_any | bits, tag_bits))
            elif tag in _CELL_TAGS or tag == "br":
                pieces.append(" ")
            if tag == "a":
                in_link += 1
            add(element.text)
        elif id(element) == skipped:
            skipped = 0
            add(element.tail)
        else:
            if tag == "a":
                in_link -= 1
            if stack and stack[-1][0] is element:
                flush()
                stack.pop()
            elif tag in _CELL_TAGS:
                pieces.append(" ")
            add(element.tail)
    flush()
    return blocks


def word_string(words: Iterable[str]) -> str:
    return f" {' '.join(words)} "


class Reference:
    """A text blocks are compared with: which share of a block's words it has, in the same order."""

    def __init__(self, text: str) -> None:
        words = _WORD.findall(text.lower())
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
    *(f"near_{name}" for name in _CUE_NAMES),
    *(f"any_{name}" for name in _CUE_NAMES),
    *(f"in_{tag}" for tag in _TAG_CUES),
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
    flags += [float(bool(look & (1 << bit))) for bit in range(len(_CUE_NAMES))]
    flags += [float(bool(look_any & (1 << bit))) for bit in range(len(_CUE_NAMES))]
    flags += [float(bool(tags_any & (1 << bit))) for bit in range(len(_TAG_CUES))]
    return flags


def block_features(blocks: list[Block], tree: HtmlElement, reference: Reference) -> list[list[float]]:
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
    sentence_ends = [bool(_SENTENCE_END.search(block.text)) for block in blocks]
    for block, length, share, sentence in zip(blocks, lengths, shares, sentence_ends, strict=True):
        for element in block.path[-4:]:
            key = id(element)
            container_words[key] += length
            container_links[key] += block.link_chars
            container_chars[key] += len(block.text)
            container_ref[key] += length * share
            container_blocks[key] += 1
            container_sentences[key] += sentence
    repeats: dict[int, Counter[tuple[str, str]]] = {}

    def sibling_repeats(element: HtmlElement) -> int:
        parent = element.getparent()
        if parent is None:
            return 0
        counts = repeats.get(id(parent))
        if counts is None:
            counts = repeats[id(parent)] = Counter(_signature(child) for child in parent)
        return counts[_signature(element)] - 1

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
            float(len(block.path)),
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
            if len(block.path) >= level:
                key = id(block.path[-level])
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
        element = block.path[-1]
        row.append(float(sibling_repeats(element)))
        row.append(float(max((sibling_repeats(e) for e in block.path[-4:-1]), default=0)))
        look = (block.tag, block.look, block.look_any, block.tags_any)
        if (flags := looks.get(look)) is None:  # few distinct looks on a page: spell each out once
            flags = looks[look] = _look_flags(*look)
        row += flags
        row += page
        rows.append(row)
    return rows
