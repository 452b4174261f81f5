"""Output formats: a `Result` as plain text, Markdown or semantic HTML, or a JSON record (`records`)."""

from __future__ import annotations

from typing import Literal

from ..document import Result
from .markup import to_html, to_markdown

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


def render(result: Result, output_format: OutputFormat) -> str:
    """The result as text, Markdown or HTML (a record format is a record of the input: corpus.tasks)."""
    if output_format in RECORD_FORMATS:
        raise ValueError(f"{output_format} is a record of an input, not a rendering of its result")
    if output_format == "markdown":
        return to_markdown(result)
    if output_format == "html":
        return to_html(result)
    return result.text
