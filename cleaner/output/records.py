"""The record of an input: the one builder behind `--format json`, `jsonl` and `parquet`, `--explain`'s
`segments` list, the Dask, pandas and datatrove APIs.

One shape everywhere, the one LLM-data pipelines (datatrove, dolma) carry:

    {"id": ..., "text": ..., "metadata": {"source", "title", "author", "date", "url", "sitename",
     "description", "language", "image", "tags", "input_type", ...the input's other fields}, "error": null}

An input field named like one of the record's own keys (a FineWeb row's `language`) is kept as
`input_language`: the page's value and the input's are both there, neither overwriting the other.

`id` is the input's own (a JSONL field, a WARC record id) or a stable one derived from its source and
URL. A failed input has empty `text`, its metadata as far as the input gave it, and the reason in `error`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ..document import Result, Segment

RECORD_KEYS = ("id", "text", "metadata", "error")
# The metadata every record has, failed or not, so that a record's columns never depend on its outcome.
METADATA_KEYS = ("source", *Result(text="").metadata())


def record(
    result: Result | None,
    *,
    source: str | None,
    url: str | None = None,
    id: str | None = None,
    error: str | None = None,
    carried: Mapping[str, Any] | None = None,
    segments: bool = False,
    data: str | bytes = b"",
) -> dict[str, Any]:
    """The record of one input: what cleaning gave (`result`), or the `error` that stopped it.

    `url` and `id` are what the input came with (a JSONL or WARC record); without a `url`, the page's own;
    without an `id`, `stable_id` of the source and URL (of `data` when both are empty). `carried` fields
    join the metadata; one named like a key of the record's own (`language`, `text`) as `input_language`,
    `input_text`. With `segments`, a cleaned input's record ends with every segment (`--explain`).
    """
    metadata: dict[str, Any] = dict.fromkeys(METADATA_KEYS)
    if result is not None:
        metadata |= result.metadata()
    metadata["source"] = source
    metadata["url"] = url or metadata["url"]
    metadata |= _renamed(carried or {}, {*metadata, *RECORD_KEYS})
    fields: dict[str, Any] = {
        "id": id if id is not None else stable_id(source, metadata["url"], data),
        "text": result.text if result is not None else "",
        "metadata": metadata,
        "error": error,
    }
    if segments and result is not None:
        fields["segments"] = segment_records(result)
    return fields


def _renamed(carried: Mapping[str, Any], own: set[str]) -> dict[str, Any]:
    """The carried fields, one named like a key in `own` given `input_` in front (again, until free)."""
    taken = own | carried.keys()  # an input's own `input_language` is not overwritten either
    fields = {}
    for key, value in carried.items():
        name = key
        while name in own or (name != key and name in taken):
            name = f"input_{name}"
        taken.add(name)
        fields[name] = value
    return fields


def stable_id(source: str | None, url: str | None, data: str | bytes = b"") -> str:
    """An id that is the same on every run: a hash of the source and URL (of the page when both are
    empty, as for the items of a Dask bag)."""
    key = f"{source or ''}\n{url or ''}"
    if key == "\n":
        key += data if isinstance(data, str) else data.decode("utf-8", "surrogateescape")
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def segment_record(segment: Segment) -> dict[str, Any]:
    """One entry of the JSON `segments` list: the decision, and the structure the markup outputs show
    (a heading's level, a list item's place and number, a table row's cells; its inline styles are
    those outputs' own)."""
    return {
        "index": segment.index,
        "text": segment.text,
        "kind": segment.kind.value,
        "label": segment.label.value,
        "kept": segment.kept,
        "reason": segment.reason,
        "score": segment.score,
        "level": segment.level,
        "ordered": segment.ordered,
        "depth": segment.depth,
        "item_number": segment.item_number,
        "list_number": segment.list_number,
        "table": segment.table,
        "cells": list(segment.cells),
        "header": segment.header,
        "code_language": segment.code_language,
    }


def segment_records(result: Result) -> list[dict[str, Any]]:
    """The JSON `segments` list: every segment of the result, in page order."""
    return [segment_record(segment) for segment in result.segments]
