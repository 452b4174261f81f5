"""`--format parquet -o FILE`: the records of `--format jsonl`, as one Parquet file.

While the run goes, the records are written as JSONL to `FILE.partial`, exactly as `--format jsonl`
does, so a killed run resumes the same way (`--resume` skips the records already there). At the end the
journal becomes Parquet under a temporary name, renamed to `FILE`: a `FILE` that exists is complete.
Columns: `id`, `text`, `metadata` (a struct: the page's metadata and the input's other fields, the union
over all records), `error`; `segments` with `--explain`. Needs pyarrow (`page-cleaner[parquet]`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from .errors import BatchError
from .formats import parquet_rows
from .sinks import FileSink, partial_path, replacing

_BATCH = 1024  # records per row group: a bounded amount of memory whatever the corpus


class ParquetSink(FileSink):
    """The records of a run in one Parquet file, written atomically and resumable like JSONL."""

    def __init__(self, path: Path, *, resume: bool) -> None:
        try:
            import pyarrow  # noqa: F401  (refuse at once, before any page is cleaned)
        except ImportError as error:
            raise BatchError(
                f"--format parquet needs pyarrow: pip install 'page-cleaner[parquet]' ({error})"
            ) from error
        journal = partial_path(path)
        if resume and not journal.exists() and path.exists():  # finished earlier: its records are done
            _parquet_to_jsonl(path, journal)
        super().__init__(path, "jsonl", resume=resume)

    def commit(self) -> None:
        self._stream.close()
        with replacing(self._path) as stream:
            jsonl_to_parquet(self._partial, stream)
        self._partial.unlink()


def jsonl_to_parquet(source: Path, target: IO[bytes]) -> None:
    """Cleaner's JSONL records as a Parquet file: a first pass finds the one schema all records fit
    (a carried field may be missing from some), the second writes them a row group at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pa.Table.from_pylist(rows).schema for rows in _batches(source)]
    if not schemas:
        empty = {"id": pa.string(), "text": pa.string(), "metadata": pa.struct([]), "error": pa.string()}
        pq.write_table(pa.schema(empty).empty_table(), target)
        return
    try:
        schema = pa.unify_schemas(schemas, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise BatchError(f"{source}: the records do not fit one Parquet schema ({error})") from error
    with pq.ParquetWriter(target, schema) as writer:
        for rows in _batches(source):
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def _batches(path: Path) -> Iterator[list[dict[str, Any]]]:
    with path.open(encoding="utf-8") as stream:
        while rows := [json.loads(line) for line in islice(stream, _BATCH)]:
            yield rows


def _parquet_to_jsonl(source: Path, target: Path) -> None:
    try:
        with target.open("w", encoding="utf-8") as stream:
            for row in parquet_rows(source):
                stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    except Exception as error:
        target.unlink(missing_ok=True)
        raise BatchError(f"cannot resume: {source} is not cleaner Parquet ({error})") from error
