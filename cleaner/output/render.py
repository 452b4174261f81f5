"""Output formats: a `Result` as plain text, Markdown, semantic HTML or a JSON record."""

from __future__ import annotations

import json
from typing import Literal

from ..document import Result
from .markup import to_html, to_markdown
from .records import record

OutputFormat = Literal["text", "markdown", "html", "json", "jsonl", "parquet"]
OUTPUT_FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json", "jsonl", "parquet")
RECORD_FORMATS: tuple[str, ...] = ("json", "jsonl", "parquet")  # one record per input
FILE_FORMATS: tuple[str, ...] = ("jsonl", "parquet")  # a record per input, failed ones too, in one file
MARKUP_FORMATS: tuple[str, ...] = ("markdown", "html")  # the kept blocks with their structure
SUFFIXES = {
    "text": ".txt",
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
    "jsonl": ".json",
    "parquet": ".json",
}


def render(result: Result, output_format: OutputFormat, source: str | None = None) -> str:
    """The result in the chosen format; `source` (a path, `-`) is recorded in JSON."""
    if output_format in RECORD_FORMATS:
        return json.dumps(record(result, source=source), ensure_ascii=False)
    if output_format == "markdown":
        return to_markdown(result)
    if output_format == "html":
        return to_html(result)
    return result.text
