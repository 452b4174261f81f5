"""Segmentation of text dumps: the blocks a line dump is made of."""

from __future__ import annotations

import re

from .document import Kind

_BULLET = re.compile(r"^\s*[-*•·▪◦‣]\s+")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+\S")  # the number is content: it stays in the text
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MARKDOWN_QUOTE = re.compile(r"^\s*>\s?")


def segment_lines(text: str) -> list[tuple[Kind, str]]:
    """One block per non-blank line, with bullets and markdown heading or quote marks read as kinds.

    The marks are read, not rewritten: the block text keeps only what follows them.
    """
    blocks: list[tuple[Kind, str]] = []
    for raw in text.splitlines():
        kind, line = _read_marks(raw.strip())
        line = " ".join(line.split())
        if line:
            blocks.append((kind, line))
    return blocks


def _read_marks(line: str) -> tuple[Kind, str]:
    """The kind a line's first mark gives, and the text after all the marks stacked at its start.

    `- # Title` is the list item `Title`: a block keeps no mark that would be read again, so cleaning
    cleaner's own output changes nothing.
    """
    kind: Kind | None = None
    while True:
        if heading := _MARKDOWN_HEADING.match(line):
            found, line = Kind.HEADING, heading.group(2)
        elif bullet := _BULLET.match(line):
            found, line = Kind.LIST_ITEM, line[bullet.end() :]
        elif quote := _MARKDOWN_QUOTE.match(line):
            found, line = Kind.QUOTE, line[quote.end() :]
        else:
            break
        kind = kind or found
    if kind is None and _NUMBERED.match(line):
        kind = Kind.LIST_ITEM  # the number is content: it stays in the text
    return kind or Kind.PARAGRAPH, line
