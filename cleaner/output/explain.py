"""`--explain`: every segment of a result in page order, kept or removed, and why.

As text (one mark per segment, the reason under each removed one, ANSI colours on request); the record
formats give the same as the input's record with a `segments` list (`records.record(segments=True)`).
"""

from __future__ import annotations

from typing import Any

import click

from ..document import Result, Segment
from .styles import STYLES


def kept_share(result: Result) -> float:
    """The share (0..1) of the segments' characters that is kept."""
    total = sum(len(segment.text) for segment in result.segments)
    kept = sum(len(segment.text) for segment in result.segments if segment.kept)
    return kept / total if total else 0.0


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def removal_reason(segment: Segment) -> str:
    """Why a segment was removed, in one line: its label, the rule's reason, its score."""
    reason = segment.label.value
    if segment.reason:
        reason += f": {segment.reason}"
    if segment.score is not None:
        reason += f" (score {segment.score:.2f})"
    return reason


def explain_text(result: Result, source: str | None, *, colour: bool = False) -> str:
    """A header line, then each segment: `+` kept, `-` removed with its reason on the next line."""
    kept = sum(segment.kept for segment in result.segments)
    header = (
        f"# {source or 'input'}: {result.input_type}, {plural(len(result.segments), 'segment')}, {kept} kept "
        f"({kept_share(result):.0%} of the text)"
    )
    lines = [_style(header, colour, bold=True)]
    for segment in result.segments:
        where = f"{segment.index} {segment.kind.value}"
        # a code block's later lines under a bar: at the start of a line they would read as marks (`- x`)
        shown = segment.text.replace("\n", "\n    │ ")
        if segment.kept:
            mark = _style("+", colour, fg=STYLES[segment.label].terminal, bold=True)
            lines.append(f"{mark} {_style(where, colour, dim=True)}  {shown}")
        else:
            tint = STYLES[segment.label].terminal
            mark = _style("-", colour, fg=tint, bold=True)
            text = _style(shown, colour, dim=True, strikethrough=True)
            lines.append(f"{mark} {_style(where, colour, dim=True)}  {text}")
            lines.append(_style(f"    ↳ {removal_reason(segment)}", colour, fg=tint))
    return "\n".join(lines)


def _style(text: str, colour: bool, **style: Any) -> str:
    return click.style(text, **style) if colour else text
