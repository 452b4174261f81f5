"""What a text dump shows of its blocks' structure, for the markup outputs (Markdown, HTML): a Markdown
export's heading levels, bullets, numbered items and quotes, its inline styles (cleaner.text.inline) and,
under the `links` setting, its `[text](url)` links; and the headline found in the dump as the page's first heading.

It runs on the labelled segments, after selection: the structure reaches no decision. A dump's Markdown
tables stay paragraphs (as table rows they would be exempt from deduplication, a decision).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..document import Inline, Kind, Segment
from .inline import has_markup, runs
from .segment import NUMBERED, DumpBlock, fence_language, marked


def with_structure(
    segments: Iterable[Segment], blocks: Iterable[DumpBlock], headline: int | None, links: bool
) -> list[Segment]:
    """The segments (one per block, in order) with the structure their blocks show; the headline is a
    heading only where it is kept (the block found may be a removed repeat). A segment whose line shows
    nothing more than its text is left as it is."""
    structured = []
    lists = 0  # the lists so far: a run of item lines with one marker is one list, as CommonMark reads it
    previous = None  # the marker of the line before, if it is a list item
    for segment, block in zip(segments, blocks, strict=True):
        marker = _marker(block.line) if block.kind is Kind.LIST_ITEM else None
        if marker is not None and marker != previous:
            lists += 1
        previous = marker
        fields = _structure(segment, block, segment.index == headline and segment.kept, links, lists)
        structured.append(replace(segment, **fields) if fields else segment)
    return structured


def _marker(line: str) -> str:
    """A list item line's marker as CommonMark tells lists apart: the bullet (`-`, `*`, `•` …), or the
    delimiter after a number (`.` or `)`)."""
    if number := NUMBERED.match(line):
        return line[number.end(1)]
    return line.lstrip()[:1]


def _structure(
    segment: Segment, block: DumpBlock, headline: bool, links: bool, list_number: int
) -> dict[str, Any]:
    content = block.text if block.kind is Kind.CODE else marked(block.line)[1]  # the text with its markup
    fields: dict[str, Any] = {"kind": block.kind} if block.kind is not segment.kind else {}
    if block.kind is Kind.HEADING:
        fields["level"] = len(block.line) - len(block.line.lstrip("#"))
    elif block.kind is Kind.LIST_ITEM:
        fields["list_number"] = list_number
        # The line's own number (a bullet's text that starts `3.` is no number): kept, as a countdown has it.
        if number := NUMBERED.match(block.line):
            fields |= {"ordered": True, "item_number": int(number.group(1))}
            content = block.line[number.end() :]
    elif block.kind is Kind.CODE:  # the code without its fences, as written: no Markdown in it
        return fields | {"inline": (Inline(content),), "code_language": fence_language(block.line)}
    elif headline:
        fields |= {"kind": Kind.HEADING, "level": 1}
    if content != block.line or has_markup(content):  # else: plain content, nothing to parse
        styled = runs(content, links)
        if content != block.line or any(run != Inline(run.text) for run in styled):
            fields["inline"] = styled
    return fields
