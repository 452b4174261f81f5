"""A Markdown export's inline markup (`[text](url)`, `![alt](src)`, `**bold**`, `*italic*`, `` `code` ``,
`\\*` escapes): what a reader sees of a line, for every decision, and its styled runs, for the markup outputs.

A line dump made by a Markdown export (html2text, a reader's "copy as Markdown", a crawler's Markdown)
writes each link's target after its text: read as it is written, a nav line `[Home](/) [About](/about)`
is two long words, and a paragraph with links in it has URLs for words. Every decision reads the text
shown instead; the text output still writes the line as the dump has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from html import unescape

from ..document import Inline
from ..links import safe_link

# An image (`![alt](src "title")`: the page shows a picture, not its alt text, so no group) and a link whose
# text may be such an image (a linked logo: `[![Logo](logo.svg)](/)`). A target has no space and no bracket;
# a title is dropped. No span holds the character that opens it (a link's text no `[`, bold text no `*`), so
# that each character is read a bounded number of times: a long line of unclosed marks (`[[[[`, `** **`)
# costs linear time.
_TITLE = r'(?:\s+"[^"\n]*")?'
_IMAGE = rf"!\[[^\[\]\n]*\]\([^()\s]*{_TITLE}\)"
_LINK = rf"\[((?:{_IMAGE}|[^\[\]\n])*)\]\(([^()\s]*){_TITLE}\)"
# Bold, italic and code hug their text, as CommonMark's flanking rule asks: `2 ** 3 ** 4` and `5 * 3 * 2`
# hold no emphasis, nor does `snake_case_name`.
_BOLD = r"\*\*(?=[^\s*])([^*\n]*)(?<=\S)\*\*|__(?=[^\s_])([^_\n]*)(?<=\S)__"
_ITALIC = r"(?<![\w*])\*(?=[^\s*])([^*\n]*)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=[^\s_])([^_\n]*)(?<=\S)_(?![\w_])"
_CODE = r"`([^`\n]+)`"
_ESCAPE = r"\\([!-/:-@\[-`{-~])"  # a backslash before ASCII punctuation shows the punctuation
_INLINE = re.compile("|".join((_IMAGE, _LINK, _BOLD, _ITALIC, _CODE, _ESCAPE)))
# Where inline markup can start: most lines have none of these, and no regex runs on them.
_INLINE_START = re.compile(r"[\[*_`\\]")
_IMAGES = re.compile(_IMAGE)


def has_markup(content: str) -> bool:
    """Whether the content may hold inline markup (a quick test: it has a character markup starts with)."""
    return _INLINE_START.search(content) is not None


def visible(content: str) -> str:
    """The content as a reader sees it: a link's text, styled text without its marks, no images.
    Whitespace is folded, as a dump's blocks' is."""
    if not has_markup(content):
        return content
    return " ".join("".join(run.text for run in runs(content, links=False)).split())


def runs(content: str, links: bool) -> tuple[Inline, ...]:
    """The content in styled runs: a link as its text (linked under `links` where `safe_link` allows it),
    an escaped character as itself; an image shows no text, as on the page."""
    return tuple(run for run in _runs(content, links) if run.text)


def _runs(content: str, links: bool) -> Iterator[Inline]:
    start = 0
    for match in _INLINE.finditer(content):
        if match.start() > start:
            yield Inline(content[start : match.start()])
        yield from _styled(match, links)
        start = match.end()
    if start < len(content):
        yield Inline(content[start:])


def _styled(match: re.Match[str], links: bool) -> Iterator[Inline]:
    """The runs of one piece of markup: styled text is read for markup inside it (`*By [Ann](/ann)*`)."""
    label, target, bold, bold_, italic, italic_, code, escaped = match.groups()  # an image: all None
    if label is not None:
        # CommonMark decodes a link target's entities: `java&#9;script:` is `javascript:` to a reader.
        href = safe_link(unescape(target)) if links and target else None
        for run in _runs(_IMAGES.sub("", label), links=False):
            yield replace(run, href=href)
    elif bold is not None or bold_ is not None:
        yield from (replace(run, bold=True) for run in _runs(bold or bold_, links))
    elif italic is not None or italic_ is not None:
        yield from (replace(run, italic=True) for run in _runs(italic or italic_, links))
    elif code is not None:
        yield Inline(code, code=True)
    elif escaped is not None:
        yield Inline(escaped)
