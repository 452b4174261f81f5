"""Output formats: a `Result` as plain text, markdown or a JSON record."""

from __future__ import annotations

import json
from typing import Literal

from ..document import Kind, Result
from .records import record

OutputFormat = Literal["text", "markdown", "json", "jsonl", "parquet"]
OUTPUT_FORMATS: tuple[str, ...] = ("text", "markdown", "json", "jsonl", "parquet")
RECORD_FORMATS: tuple[str, ...] = ("json", "jsonl", "parquet")  # one record per input
FILE_FORMATS: tuple[str, ...] = ("jsonl", "parquet")  # a record per input, failed ones too, in one file
SUFFIXES = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".json", "parquet": ".json"}

_MARKDOWN_PREFIX = {Kind.HEADING: "## ", Kind.LIST_ITEM: "- ", Kind.QUOTE: "> "}


def render(result: Result, output_format: OutputFormat, source: str | None = None) -> str:
    """The result in the chosen format; `source` (a path, `-`) is recorded in JSON."""
    if output_format in RECORD_FORMATS:
        return json.dumps(record(result, source=source), ensure_ascii=False)
    if output_format == "markdown":
        return to_markdown(result)
    return result.text


def to_markdown(result: Result) -> str:
    """Kept blocks with their kind shown as markdown: headings, list items, quotes, code."""
    blocks = []
    for segment in result.segments:
        if not segment.kept:
            continue
        if segment.kind is Kind.CODE:
            blocks.append(f"```\n{segment.text}\n```")
        else:
            blocks.append(_MARKDOWN_PREFIX.get(segment.kind, "") + segment.text)
    return "\n\n".join(blocks)
