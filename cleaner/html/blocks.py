"""The whole page as blocks, each with the cues of where it sits (its elements' tags, classes and ids).

A block is the text a block-level element holds directly, with the text of its inline children (links,
emphasis, table cells of one row). Every visible text of the page lands in exactly one block, in page
order, so the HTML path can label all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from ..document import Inline, Kind
from ..links import safe_link
from ..textutils import MARKUP_TAG, WORD, composed, first_letter_alternation


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Never drawn as text: code, styles, embeds, form inputs (a `<textarea>`'s text is an editable value, often
# an embed code), and fallbacks no browser shows. `math` is read as its formula instead (`_math_text`).
# A ruby annotation (`<rt>`, and the `<rp>` parentheses around it) is a reading aid drawn above its base
# text: read inline it would double the words (`子こども`).
_SKIPPED = _names(
    "script style template svg math head iframe object embed select option datalist canvas textarea "
    "noembed noframes rt rp"
)
_BLOCK_TAGS = _names(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section "
    "summary table tbody thead tfoot tr ul caption legend center noscript"
)
_CELL_TAGS = frozenset(("td", "th"))
_MAX_ROW_CELLS = 100  # the columns a row's spanning cells may fill: a page's colspan="1000" stays small
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_KINDS = {"li": Kind.LIST_ITEM, "dd": Kind.LIST_ITEM, "dt": Kind.LIST_ITEM, "blockquote": Kind.QUOTE}
_KINDS.update({"pre": Kind.CODE, "tr": Kind.TABLE_ROW, **dict.fromkeys(_HEADINGS, Kind.HEADING)})
_LISTS = frozenset(("ul", "ol", "menu"))
# Elements a list item's or a quote's text is often wrapped in (`<li><p>…</p></li>`, WordPress's
# `<blockquote><p>…</p></blockquote>`): the text is still the item's, or the quote's.
_WRAPPERS = frozenset(("p", "div"))
# Inline elements whose text the markup outputs show as bold, italic or code.
_BOLD = frozenset(("b", "strong"))
_ITALIC = frozenset(("i", "em"))
_CODE = frozenset(("code", "kbd", "samp", "tt"))
_STYLED = _BOLD | _ITALIC | _CODE | {"a"}

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
CUE_NAMES = tuple(_CUES)


_CUE_PATTERN = re.compile(first_letter_alternation(re.escape(p) for ps in _CUES.values() for p in ps))
_CUE_BIT = {p: 1 << i for i, ps in enumerate(_CUES.values()) for p in ps}
CUE_BITS = {name: 1 << i for i, name in enumerate(_CUES)}  # Block.look and look_any bits by cue name
# Ancestor tags worth a bit of their own.
TAG_CUES = [
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
_TAG_BIT = {tag: 1 << i for i, tag in enumerate(TAG_CUES)}
_TAG_BIT.update({h: _TAG_BIT["h"] for h in _HEADINGS})


@dataclass(frozen=True)
class Structure:
    """What the markup outputs show of a block besides its text (the `Segment` fields of the same names)."""

    level: int = 0
    ordered: bool = False
    depth: int = 0
    item_number: int = 0
    list_number: int = 0
    table: int = 0
    cells: tuple[str, ...] = ()
    header: bool = False
    code_language: str = ""
    inline: tuple[Inline, ...] = ()


_NO_STRUCTURE = Structure()  # most blocks' (a frozen instance, so one serves them all)

# The style of a piece of text: bold, italic, code, and the link it is in (an absolute URL, or None).
Style = tuple[bool, bool, bool, str | None]
_PLAIN: Style = (False, False, False, None)


@dataclass
class HtmlBlock:
    """One block of the page: its text, and where it sits in the page."""

    text: str
    kind: Kind
    tag: str
    ancestors: list[HtmlElement]  # the block-level elements around it, outermost first, its own last
    look: int  # cue bits of the block's element and its two closest block ancestors
    look_any: int  # cue bits of any ancestor
    tags_any: int  # ancestor tag bits
    link_chars: int
    words: list[str] = field(default_factory=list)
    structure: Structure = field(default_factory=Structure)


# The attributes whose words are cues. Each value is read on its own: a page repeats its classes while its
# ids are all different, and no cue fragment holds a space, so no cue spans two values.
_CUE_ATTRIBUTES = ("class", "id", "role", "itemprop")


def _cue_bits(element: HtmlElement) -> int:
    if not element.attrib:  # most elements have no attribute at all
        return 0
    get = element.get
    bits = 0
    for name in _CUE_ATTRIBUTES:
        if value := get(name):
            bits |= _attribute_bits(value)
    return bits


@lru_cache(maxsize=8192)
def _attribute_bits(value: str) -> int:
    """The cue bits of one class / id / role / itemprop value."""
    bits = 0
    for fragment in _CUE_PATTERN.findall(value.lower()):
        bits |= _CUE_BIT[fragment]
    return bits


def _hidden(element: HtmlElement) -> bool:
    """Not drawn at all (`hidden`, `display:none`); `aria-hidden` text is drawn, only not read aloud."""
    style = element.get("style")
    return element.get("hidden") is not None or (
        style is not None and "display:none" in style.replace(" ", "").lower()
    )


# A heading's permalink (Sphinx's and mkdocs' `a.headerlink`, or a lone mark linking to an `#id`): a mark to
# click that is drawn beside the heading, not text of it.
_PERMALINK_MARKS = frozenset(("¶", "#", "§", "🔗", "🔗\ufe0f"))


def is_permalink(element: HtmlElement) -> bool:
    if element.tag != "a":
        return False
    if "headerlink" in (element.get("class") or ""):
        return True
    return (element.get("href") or "").startswith("#") and element.text_content().strip() in _PERMALINK_MARKS


def shown_text(element: HtmlElement) -> str:
    """An element's text as `text_content()` reads it, less the permalinks inside, and with a space where a
    line breaks (`<br>`, a block-level element), so that `Line one<br>Line two` is not `Line oneLine two`.
    Walked with a stack of what is still to read, not by recursion: a heading of thousands of nested spans
    is one text too."""
    pieces: list[str] = []
    todo: list[HtmlElement | str] = [element]  # popped from the end: the next element to open, or a text
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        pieces.append(item.text or "")
        for child in reversed(item):
            todo.append(child.tail or "")
            if isinstance(child.tag, str) and not is_permalink(child):
                breaks = child.tag == "br" or child.tag in _BLOCK_TAGS
                todo += [" ", child, " "] if breaks else [child]
    return "".join(pieces)


_TEX_WRAPPER = re.compile(r"^\{\\(?:display|text)style\s*(.*)\}$", re.S)


def _math_text(element: HtmlElement) -> str:
    """What a formula reads as: its `alttext`, else its TeX annotation, else its token text."""
    tex = element.get("alttext") or next(
        (
            annotation.text
            for annotation in element.iter("annotation")
            if "tex" in (annotation.get("encoding") or "").lower() and annotation.text
        ),
        None,
    )
    if tex:
        tex = " ".join(tex.split())
        match = _TEX_WRAPPER.match(tex)
        return match.group(1).strip() if match else tex
    return " ".join(element.text_content().split())


def _formulas(element: HtmlElement) -> str:
    """The text of the formulas inside a hidden element (the visible copy is often an image)."""
    if element.tag == "math":
        return _math_text(element)
    return " ".join(_math_text(math) for math in element.iter("math"))


def _noscript_text(element: HtmlElement) -> str | None:
    """A `<noscript>`'s own text; markup that reached it as text (escaped, or kept raw) is read as HTML."""
    text: str | None = element.text
    if text and len(element) == 0 and MARKUP_TAG.search(text):
        try:
            return str(lxml.html.fragment_fromstring(text, create_parent="div").text_content())
        except (etree.ParserError, ValueError):
            pass  # left as it is: the markup rule drops a block of tags
    return text


def _clean_text(pieces: list[str]) -> str:
    """A block's text: its whitespace collapsed, in `composed` form (NFC, no soft hyphens), so one word is
    one string however the page encoded it."""
    return composed(" ".join("".join(pieces).split()))


def page_blocks(tree: HtmlElement, *, links: bool = False, url: str | None = None) -> list[HtmlBlock]:
    """Every visible text of the page as blocks, in page order.

    A block ends only where a block-level element holding text starts or ends: inline elements (links,
    spans, formulas, images, an element hidden inline) never cut a sentence, and neither does a block-level
    element with no text of its own (a `<noscript>` around a lazy image). Text that is not drawn (an inline
    element hidden by `hidden` or `display:none`) is not read, except the formulas in it; a `<math>` reads as
    its alt text or TeX. Block-level hidden elements stay blocks: tabs and accordions hide content too.

    Each block's `structure` is what the markup outputs show: with `links`, its links made absolute against
    the page's `<base>` and `url`.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    resolve = _link_resolver(tree, url) if links else None
    blocks: list[HtmlBlock] = []
    # The open block elements, outermost first (a block's ancestors are a slice of them), and the look of
    # each: its own cue bits, its ancestors' and its tag bits.
    open_blocks: list[HtmlElement] = []
    looks: list[tuple[int, int, int]] = []
    pieces: list[str] = []
    styles: list[Style] = []  # the style of each piece
    owner = 0  # the pieces belong to the block element open_blocks[owner - 1]
    has_text = False  # the pieces hold more than whitespace
    link_chars = 0
    in_link = 0
    styled = {"bold": 0, "italic": 0, "code": 0}  # how many open elements give each style
    hrefs: list[str | None] = []  # the open links' targets, innermost last
    style = _PLAIN
    cells: list[tuple[int, int, bool]] = []  # the pieces of each table cell read so far, and if it is a <th>
    cell: tuple[int, bool] | None = None  # the cell being read: its first piece, and if it is a <th>
    spanned = 0  # the columns past its own that the row's last cell spans
    tables: dict[HtmlElement, int] = {}  # each table with a row read, and its number from 1
    lists = _Lists()
    items_read: set[HtmlElement] = set()  # the list items a block was read in

    def put(text: str) -> None:
        pieces.append(text)
        styles.append(style)

    def flush() -> None:
        nonlocal pieces, styles, link_chars, has_text, cells, cell, spanned
        text = _clean_text(pieces) if has_text else ""  # whitespace only: nothing to clean
        if text and owner:
            ancestors = open_blocks[:owner]
            element = ancestors[-1]
            tag = element.tag if isinstance(element.tag, str) else ""
            near = 0
            for bits, _, _ in looks[max(owner - 3, 0) : owner]:
                near |= bits
            _, look_any, tags_any = looks[owner - 1]
            shown, shown_ancestors = _shown_as(tag, ancestors, items_read)
            blocks.append(
                HtmlBlock(
                    text=text,
                    kind=_KINDS.get(shown, Kind.PARAGRAPH),
                    tag=tag,
                    ancestors=ancestors,
                    look=near,
                    look_any=look_any,
                    tags_any=tags_any,
                    link_chars=min(link_chars, len(text)),
                    words=WORD.findall(text.lower()),
                    structure=_row(ancestors, text, [(pieces[a:b], th) for a, b, th in cells], tables)
                    if tag == "tr"
                    else _structure(shown, shown_ancestors, _runs(pieces, styles, text), lists),
                )
            )
        pieces, styles, cells, cell, spanned = [], [], [], None, 0
        link_chars = 0
        has_text = False

    def add(text: str | None) -> None:
        nonlocal link_chars, owner, has_text, cells, cell
        if not text:
            return
        if not text.isspace():
            if owner != len(open_blocks):  # the first text of another block: the pieces so far end theirs
                if has_text:
                    flush()
                else:  # whitespace only: the cells read in it are empty and start the new block
                    pieces.clear()
                    styles.clear()
                    cells = [(0, 0, th) for _, _, th in cells]
                    cell = (0, cell[1]) if cell else None
                owner = len(open_blocks)
            has_text = True
            if in_link:
                link_chars += len(text.strip())
        put(text)

    def restyle(tag: str, element: HtmlElement, step: int) -> None:
        """Open (`step` 1) or close (-1) the style an inline element gives its text."""
        nonlocal style
        if tag == "a":
            if resolve is None:
                return
            if step > 0:
                hrefs.append(resolve(element.get("href")))
            elif hrefs:
                hrefs.pop()
        else:
            name = "bold" if tag in _BOLD else "italic" if tag in _ITALIC else "code"
            styled[name] += step
        href = next((target for target in reversed(hrefs) if target), None)
        style = (styled["bold"] > 0, styled["italic"] > 0, styled["code"] > 0, href)

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
            block = tag in _BLOCK_TAGS or element is root
            hidden = _hidden(element)
            if tag in _SKIPPED or (hidden and not block) or (tag == "a" and is_permalink(element)):
                walker.skip_subtree()  # its end event follows at once: only its tail is read there
                skipped = id(element)
                formula = _formulas(element) if tag == "math" or hidden else ""
                if formula:
                    add(f" {formula} ")
                continue
            if block:
                put(" ")
                _, parent_any, tag_bits = looks[-1] if looks else (0, 0, 0)
                tag_bits |= _TAG_BIT.get(tag, 0)
                if hidden:
                    tag_bits |= _TAG_BIT["hidden"]
                bits = _cue_bits(element)
                open_blocks.append(element)
                looks.append((bits, parent_any | bits, tag_bits))
            elif tag in _CELL_TAGS or tag == "br":
                put(" ")
                if tag != "br":
                    # a cell after one spanning columns: empty cells first, so that it stays in its column
                    spanned = max(min(spanned, _MAX_ROW_CELLS - len(cells)), 0)
                    cells += [(len(pieces), len(pieces), tag == "th")] * spanned
                    cell, spanned = (len(pieces), tag == "th"), 0
            if tag == "a":
                in_link += 1
            if tag in _STYLED:
                restyle(tag, element, 1)
            add(_noscript_text(element) if tag == "noscript" else element.text)
        elif id(element) == skipped:
            skipped = 0
            add(element.tail)
        else:
            if tag == "a":
                in_link -= 1
            if tag in _STYLED:
                restyle(tag, element, -1)
            if open_blocks and open_blocks[-1] is element:
                if owner == len(open_blocks):  # the element's own text ends here
                    flush()
                    owner = len(open_blocks) - 1
                put(" ")
                open_blocks.pop()
                looks.pop()
            elif tag in _CELL_TAGS:
                if cell is not None:
                    cells.append((cell[0], len(pieces), cell[1]))
                    spanned = _html_integer(element.get("colspan"), 1) - 1
                    cell = None
                put(" ")
            add(element.tail)
    flush()
    return blocks


def _shown_as(
    tag: str, ancestors: list[HtmlElement], items_read: set[HtmlElement]
) -> tuple[str, list[HtmlElement]]:
    """The element a block shows as, by its tag, and the ancestors down to it: its own, except a `<p>` or
    `<div>` in a quote (a quoted paragraph) or one that opens a list item (the item's first text; a
    second paragraph of the item stays a paragraph). Marks the item the block is in as read. Not a
    definition's `<dd>`: its paragraphs are the description of the term above, not items of their own."""
    around = len(ancestors) - 1
    while around > 0 and ancestors[around].tag in _WRAPPERS:
        around -= 1
    outer = ancestors[around]
    if outer.tag == "li":
        first = outer not in items_read
        items_read.add(outer)
        if first and tag in _WRAPPERS:
            return outer.tag, ancestors[: around + 1]
    elif outer.tag == "blockquote" and tag in _WRAPPERS:
        return "blockquote", ancestors
    return tag, ancestors


def page_base(tree: HtmlElement, url: str | None) -> str | None:
    """What the page's relative links are relative to: its first `<base href>` (itself relative to the
    page's URL), else the URL."""
    for element in tree.iter("base"):
        if href := (element.get("href") or "").strip():
            return safe_link(href, url) or url
    return url


def _link_resolver(tree: HtmlElement, url: str | None) -> Callable[[str | None], str | None]:
    """A link's target made absolute against the page's `<base>` and URL; None for a link `safe_link`
    refuses (no target, a `#fragment` of the page, a `javascript:` or other unsafe scheme)."""
    base = page_base(tree, url)

    resolved: dict[str | None, str | None] = {}  # a page links to the same few targets again and again

    def resolve(href: str | None) -> str | None:
        if href not in resolved:
            resolved[href] = safe_link(href, base)
        return resolved[href]

    return resolve


def _runs(pieces: list[str], styles: list[Style], text: str) -> tuple[Inline, ...]:
    """The block's text in styled runs, each cleaned as the whole text is; none when no run is styled, or
    when the runs would not read back as `text` exactly (the plain text then stands)."""
    if styles.count(_PLAIN) == len(styles):
        return ()
    runs: list[Inline] = []
    space = False  # whitespace before the next run's words
    for style, group in groupby(zip(pieces, styles, strict=True), key=lambda pair: pair[1]):
        raw = "".join(piece for piece, _ in group)
        words = _clean_text([raw])
        if not words:
            space = space or bool(raw)
            continue
        lead = " " if runs and (space or raw[0].isspace()) else ""
        runs.append(Inline(lead + words, *style))
        space = raw[-1].isspace()
    if "".join(run.text for run in runs) != text or all(run == Inline(run.text) for run in runs):
        return ()
    return tuple(runs)


_LEADING_INTEGER = re.compile(r"\s*([+-]?[0-9]{1,10})")
_MAX_ITEM_NUMBER = 999_999_999  # CommonMark reads at most 9 digits as a list number


class _Lists:
    """A page's lists as its blocks are read: each outermost list's number in page order (so that two
    lists in a row stay two), and the numbers shown on the items of a numbered list."""

    def __init__(self) -> None:
        self._numbers: dict[HtmlElement, int] = {}
        self._shown: dict[HtmlElement, dict[HtmlElement, int]] = {}  # by <ol>: its items' numbers

    def number(self, outermost: HtmlElement) -> int:
        return self._numbers.setdefault(outermost, len(self._numbers) + 1)

    def item_number(self, item: HtmlElement) -> int:
        """The number a browser shows on `item`, an `<li>` of an `<ol>`."""
        parent = item.getparent()
        if parent is None:
            return 0
        shown = self._shown.get(parent)
        if shown is None:
            shown = self._shown[parent] = _shown_numbers(parent)
        return shown.get(item, 0)


def _shown_numbers(numbered: HtmlElement) -> dict[HtmlElement, int]:
    """The number on each item of an `<ol>` as a browser counts them (so that a list whose items an item's
    second paragraph or a heading interrupts goes on counting after it); none for a list that reaches a
    number Markdown cannot show (below 1, over 9 digits): such a list is counted from 1."""
    items = [child for child in numbered if child.tag == "li"]
    step = -1 if numbered.get("reversed") is not None else 1
    number = _html_integer(numbered.get("start"), len(items) if step == -1 else 1)
    shown = {}
    for item in items:
        number = _html_integer(item.get("value"), number)
        if not 1 <= number <= _MAX_ITEM_NUMBER:
            return {}
        shown[item] = number
        number += step
    return shown


def _html_integer(value: str | None, default: int) -> int:
    """An integer attribute read as a browser reads it (`" 3abc"` is 3), else `default`."""
    found = _LEADING_INTEGER.match(value) if value is not None else None
    return int(found.group(1)) if found else default


def _structure(
    tag: str, ancestors: list[HtmlElement], inline: tuple[Inline, ...], lists: _Lists
) -> Structure:
    """A heading's level, a list item's list, depth and shown number, and the styled runs of any block."""
    if tag in _HEADINGS:
        return Structure(level=int(tag[1]), inline=inline)
    if tag in ("li", "dd", "dt"):
        within = [element for element in ancestors if element.tag in _LISTS]
        ordered = bool(within) and within[-1].tag == "ol" and tag == "li"
        return Structure(
            ordered=ordered,
            depth=max(len(within) - 1, 0),
            item_number=lists.item_number(ancestors[-1]) if ordered else 0,
            list_number=lists.number(within[0]) if within else 0,
            inline=inline,
        )
    if tag == "pre" and (language := code_language(ancestors[-1])):
        return Structure(inline=inline, code_language=language)
    return Structure(inline=inline) if inline else _NO_STRUCTURE


# `<pre><code class="language-python">`: the convention of CommonMark's renderers and of highlight.js
# and Prism (`lang-python` too), on the `<pre>` or on the `<code>` in it.
_LANGUAGE_CLASS = re.compile(r"(?:^|\s)lang(?:uage)?-([\w+#.-]{1,30})(?=\s|$)")


def code_language(pre: HtmlElement) -> str:
    """The language a `<pre>` names for its code in a class, or ""."""
    for element in (pre, *pre.iterchildren("code")):
        if found := _LANGUAGE_CLASS.search(element.get("class") or ""):
            return found.group(1)
    return ""


def _row(
    ancestors: list[HtmlElement],
    text: str,
    cells: list[tuple[list[str], bool]],
    tables: dict[HtmlElement, int],
) -> Structure:
    """A table row's table (numbered in page order), its cells, and whether they are header cells; no
    cells when they do not hold all of the row's text (a cell holding blocks of its own)."""
    table = next((element for element in reversed(ancestors) if element.tag == "table"), None)
    number = tables.setdefault(table, len(tables) + 1) if table is not None else 0
    texts = tuple(_clean_text(pieces) for pieces, _ in cells)
    if " ".join(cell for cell in texts if cell) != text:
        return Structure(table=number)
    header = all(th for _, th in cells) or any(element.tag == "thead" for element in ancestors)
    return Structure(table=number, cells=texts, header=header)
