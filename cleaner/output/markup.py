"""The kept blocks as Markdown or as semantic HTML, with the structure the extraction found: heading
levels, lists (numbered, nested), tables (a header row, cells), emphasis, code and, under the `links`
setting, links.

One walk over the kept blocks groups the rows of a table and the items of a list; a spelling
(`_Markdown`, `_Html`) writes each group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from html import escape
from itertools import groupby
from typing import Protocol

from ..document import Inline, Kind, Result, Segment
from ..links import safe_link

_DEFAULT_HEADING_LEVEL = 2  # a heading whose level the input does not say: a section's
# A page's plain text must read as text in Markdown: the characters that would start markup inline (`<` a
# tag, `&` an entity, `_` emphasis where not inside a word), and a block's leading `#`, `>`, bullet or
# number, are escaped.
_MARKDOWN_ENTITY = re.compile(r"&(?=#?\w+;)")
_MARKDOWN_INLINE = re.compile(rf"[\\`*\[\]<]|(?<!\w)_|_(?!\w)|{_MARKDOWN_ENTITY.pattern}")
_MARKDOWN_BLOCK_MARKER = re.compile(r"^(?:#{1,6}|[>+*-]|\d{1,9}[.)])(?=\s|$)")


def to_markdown(result: Result) -> str:
    """The kept blocks as Markdown: `#` headings by level, `-` and `1.` lists, pipe tables, `>` quotes,
    fenced code, `**bold**`, `*italic*`, `` `code` `` and `[text](url)`."""
    return "\n\n".join(_spell(result, _Markdown()))


def to_html(result: Result) -> str:
    """The kept blocks as a minimal HTML document: one `<article>` of `<h1>`-`<h6>`, `<p>`, `<ul>`/`<ol>`,
    `<table>`, `<blockquote>` and `<pre>` elements, the page's title in `<title>`, all text escaped."""
    head = ['<meta charset="utf-8">']
    if result.title:
        head.append(f"<title>{escape(result.title)}</title>")
    if url := safe_link(result.url):
        head.append(f'<link rel="canonical" href="{escape(url)}">')
    document = ["<!DOCTYPE html>", "<html>", "<head>", *head, "</head>", "<body>", "<article>"]
    document += _spell(result, _Html())
    document += ["</article>", "</body>", "</html>"]
    return "\n".join(document)


class _Spelling(Protocol):
    def block(self, segment: Segment, level: int) -> str: ...
    # `numbers`: each item's number (0: a bullet); `second`: the list follows a list of its kind, and
    # must not read as part of it
    def items(self, items: Sequence[Segment], depths: list[int], numbers: list[int], second: bool) -> str: ...
    def table(self, rows: Sequence[Segment]) -> str: ...


def _spell(result: Result, spelling: _Spelling) -> Iterator[str]:
    """Each kept block, or group of blocks (a table's rows, a list's items), as `spelling` writes it."""
    kept = [segment for segment in result.segments if segment.kept]
    previous_list: tuple[bool, bool] | None = None  # the list just written: numbered or not, and second
    for (kind, _), run in groupby(kept, key=_group):
        group = list(run)
        if kind is Kind.LIST_ITEM:
            ordered = group[0].ordered
            second = previous_list == (ordered, False)
            depths = _depths(group)
            yield spelling.items(group, depths, _numbers(group, depths), second)
            previous_list = ordered, second
            continue
        previous_list = None
        if kind is Kind.TABLE_ROW:
            yield spelling.table(group)
        else:
            for segment in group:
                yield spelling.block(segment, segment.level or _DEFAULT_HEADING_LEVEL)


def _group(segment: Segment) -> tuple[Kind | None, int]:
    """What joins a segment to its neighbours: being rows of the same table, or items of a list."""
    if segment.kind is Kind.TABLE_ROW:
        return Kind.TABLE_ROW, segment.table
    if segment.kind is Kind.LIST_ITEM:
        return Kind.LIST_ITEM, segment.list_number
    return None, segment.index  # each other block stands alone


def _depths(items: Sequence[Segment]) -> list[int]:
    """Each item's nesting below the first item's list, deepening one level at a time (the items of a
    list between may have been removed)."""
    depths: list[int] = []
    for item in items:
        below_first = max(item.depth - items[0].depth, 0)
        depths.append(min(below_first, depths[-1] + 1) if depths else 0)
    return depths


def _numbers(items: Sequence[Segment], depths: list[int]) -> list[int]:
    """Each item's number, 0 for a bullet: the number the input shows on it, else one more than the item
    before at its level."""
    numbers = []
    last: list[int] = []  # the last number of each open level's list (0: a bulleted list)
    for item, depth in zip(items, depths, strict=True):
        del last[depth + 1 :]
        if depth == len(last):
            last.append(0)
        last[depth] = (item.item_number or last[depth] + 1) if item.ordered else 0
        numbers.append(last[depth])
    return numbers


def _split_space(text: str) -> tuple[str, str, str]:
    """The spaces before a run's words, its words, and the spaces after them: markers go around the
    words only (`**bold** text`, never `**bold **text`)."""
    words = text.strip()
    start = text.index(words[0]) if words else len(text)
    return text[:start], words, text[start + len(words) :]


def _code(segment: Segment) -> str:
    """A code block's code: its runs' text (a `<pre>`'s, styled or linked in places; a dump's fenced code
    without the fences its text shows), else its text."""
    return "".join(run.text for run in segment.inline) if segment.inline else segment.text


class _Markdown:
    def block(self, segment: Segment, level: int) -> str:
        if segment.kind is Kind.CODE:
            code = _code(segment)
            fence = "```"
            while fence in code:
                fence += "`"
            return f"{fence}{segment.code_language}\n{code}\n{fence}"
        text = self.inline(segment)
        if segment.kind is Kind.HEADING:
            # `C# ##` would lose `##` as the heading's closing sequence
            if text.endswith("#") and not text.endswith("\\#"):
                text = text[:-1] + "\\#"
            return "#" * level + " " + text
        if segment.kind is Kind.QUOTE:
            return "> " + text
        return text

    def items(self, items: Sequence[Segment], depths: list[int], numbers: list[int], second: bool) -> str:
        # A blank line alone would join two lists of one kind into one (CommonMark); another marker does not.
        bullet, delimiter = ("*", ")") if second else ("-", ".")
        lines = []
        top_ordered: bool | None = None  # whether the last top-level item was numbered
        indents: list[str] = [""]  # the indent of each open level, and of a level opened below it
        for item, depth, number in zip(items, depths, numbers, strict=True):
            if depth == 0:
                if top_ordered is not None and top_ordered != item.ordered:
                    lines.append("")  # a list of the other kind: apart, so that no reader takes it as one
                top_ordered = item.ordered
            del indents[depth + 1 :]
            marker = f"{number}{delimiter}" if item.ordered else bullet
            lines.append(f"{indents[depth]}{marker} {self.inline(item)}")
            indents.append(indents[depth] + " " * (len(marker) + 1))  # a nested list aligns with the text
        return "\n".join(lines)

    def table(self, rows: Sequence[Segment]) -> str:
        cells = [row.cells or (row.text,) for row in rows]
        width = max(map(len, cells))
        # A pipe table needs a header row: the first row is taken as one when the page marked none.
        lines = [_pipe_row(cells[0], width), _pipe_row(("---",) * width, width)]
        lines += [_pipe_row(row, width) for row in cells[1:]]
        return "\n".join(lines)

    def inline(self, segment: Segment) -> str:
        text = "".join(map(_markdown_run, segment.inline)) if segment.inline else _escape(segment.text)
        marker = _MARKDOWN_BLOCK_MARKER.match(text)
        return text if marker is None else text[: marker.end() - 1] + "\\" + text[marker.end() - 1 :]


def _escape(text: str) -> str:
    return _MARKDOWN_INLINE.sub(lambda char: "\\" + char.group(), text)


def _pipe_row(cells: Sequence[str], width: int) -> str:
    # The backslashes are escaped before the pipes: `c\|d` stays one cell.
    padded = [_escape(cell).replace("|", "\\|") for cell in cells] + [""] * (width - len(cells))
    return "| " + " | ".join(padded) + " |"


def _markdown_run(run: Inline) -> str:
    before, words, after = _split_space(run.text)
    if not words:  # markers around nothing would show as text
        return run.text
    if run.code:
        words = f"`` {words} ``" if "`" in words else f"`{words}`"
    else:
        stars = "*" * (2 * run.bold + run.italic)
        words = f"{stars}{_escape(words)}{stars}"
    if href := safe_link(run.href):
        # A reader decodes entities in a target (`&lt;` is `<`): an `&` that would start one is escaped.
        href = _MARKDOWN_ENTITY.sub(r"\\&", href.replace("<", "%3C").replace(">", "%3E"))
        target = f"<{href}>" if any(char in href for char in " ()") else href
        words = f"[{words}]({target})"
    return before + words + after


class _Html:
    def block(self, segment: Segment, level: int) -> str:
        if segment.kind is Kind.CODE:
            language = f' class="language-{escape(segment.code_language)}"' if segment.code_language else ""
            return f"<pre><code{language}>{escape(_code(segment))}</code></pre>"
        tag = {Kind.HEADING: f"h{level}", Kind.QUOTE: "blockquote"}.get(segment.kind, "p")
        return f"<{tag}>{self.inline(segment)}</{tag}>"

    def items(self, items: Sequence[Segment], depths: list[int], numbers: list[int], second: bool) -> str:
        # `second` needs nothing here: each list is its own element
        parts = []
        # the open lists, outermost first, each with an open <li>: its tag, and the number a browser
        # would show next in it
        open_lists: list[tuple[str, int]] = []
        for item, depth, number in zip(items, depths, numbers, strict=True):
            tag = "ol" if item.ordered else "ul"
            while len(open_lists) > depth + 1:
                parts.append(f"</li></{open_lists.pop()[0]}>")
            if len(open_lists) == depth + 1:
                parts.append("</li>")
                if open_lists[-1][0] != tag:  # a list of the other kind follows at the same level
                    parts.append(f"</{open_lists.pop()[0]}>")
            if len(open_lists) < depth + 1:
                parts.append(f"<{tag}>")
                open_lists.append((tag, 1))
            value = f' value="{number}"' if item.ordered and number != open_lists[-1][1] else ""
            open_lists[-1] = (tag, number + 1)
            parts.append(f"<li{value}>{self.inline(item)}")
        parts += [f"</li></{tag}>" for tag, _ in reversed(open_lists)]
        return "".join(parts)

    def table(self, rows: Sequence[Segment]) -> str:
        lines = ["<table>"]
        for row in rows:
            tag = "th" if row.header else "td"
            cells = "".join(f"<{tag}>{escape(cell)}</{tag}>" for cell in row.cells or (row.text,))
            lines.append(f"<tr>{cells}</tr>")
        return "\n".join([*lines, "</table>"])

    def inline(self, segment: Segment) -> str:
        return "".join(map(_html_run, segment.inline)) if segment.inline else escape(segment.text)


def _html_run(run: Inline) -> str:
    before, words, after = _split_space(run.text)
    if not words:
        return run.text
    words = escape(words)
    for styled, tag in ((run.code, "code"), (run.italic, "em"), (run.bold, "strong")):
        if styled:
            words = f"<{tag}>{words}</{tag}>"
    if href := safe_link(run.href):
        words = f'<a href="{escape(href)}">{words}</a>'
    return before + words + after
