"""The JSON record of an input: the one builder behind `--format json`, `--format jsonl`, `--explain`'s
`segments` list and the Dask API's records.

The two formats still differ in their keys and their order (json: no `id` or `error`, the text first;
jsonl: the input's own fields carried along): each keeps the bytes it has always had.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from ..document import Result, Segment

RecordShape = Literal["json", "jsonl"]

# The keys of each shape, in order; a jsonl record then carries its input's other fields.
RECORD_KEYS: dict[RecordShape, tuple[str, ...]] = {
    "json": ("text", "title", "author", "date", "url", "input_type", "source"),
    "jsonl": ("source", "url", "id", "text", "title", "author", "date", "input_type", "error"),
}


def record(
    result: Result | None,
    shape: RecordShape,
    *,
    source: str | None,
    url: str | None = None,
    id: str | None = None,
    error: str | None = None,
    carried: Mapping[str, Any] | None = None,
    segments: bool = False,
) -> dict[str, Any]:
    """The record of one input: what cleaning gave (`result`), or the `error` that stopped it.

    `url` and `id` are what the input came with (a JSONL or WARC record); without a `url`, the page's own.
    `carried` fields join where they do not clash with the record's own keys. With `segments`, a cleaned
    input's record ends with every segment (`--explain`).
    """
    metadata = result.metadata() if result is not None else {}
    values = {
        "source": source,
        "url": url or metadata.get("url"),
        "id": id,
        "text": result.text if result is not None else None,
        "title": metadata.get("title"),
        "author": metadata.get("author"),
        "date": metadata.get("date"),
        "input_type": metadata.get("input_type"),
        "error": error,
    }
    fields = {key: values[key] for key in RECORD_KEYS[shape]}
    fields |= {key: value for key, value in (carried or {}).items() if key not in fields}
    if segments and result is not None:
        fields["segments"] = segment_records(result)
    return fields


def segment_record(segment: Segment) -> dict[str, Any]:
    """One entry of the JSON `segments` list."""
    return {
        "index": segment.index,
        "text": segment.text,
        "kind": segment.kind.value,
        "label": segment.label.value,
        "kept": segment.kept,
        "reason": segment.reason,
        "score": segment.score,
    }


def segment_records(result: Result) -> list[dict[str, Any]]:
    """The JSON `segments` list: every segment of the result, in page order."""
    return [segment_record(segment) for segment in result.segments]
