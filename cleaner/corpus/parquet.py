"""`--format parquet -o FILE`: the records of `--format jsonl`, as one Parquet file.

While the run goes, the records are written as JSONL to `FILE.partial`, exactly as `--format jsonl`
does, so a killed run resumes the same way (`--resume` skips the records already there). At the end the
journal becomes Parquet under a temporary name, renamed to `FILE`: a `FILE` that exists is complete.
Columns: `id`, `text`, `metadata` (a struct: the page's metadata and the input's other fields, the union
over all records), `error`; `segments` with `--explain`. Needs pyarrow (`page-cleaner[parquet]`).

The page's own fields have fixed types (strings; `tags` a list of strings), so every output of cleaner has
them alike. A carried field keeps its type when its records agree on one (nulls and missing values aside,
ints and floats made floats, structs the union of their fields); one whose types conflict (an int in one
record, a string in another) is written as its JSON text in every row, so every input is still written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from ..output.records import METADATA_KEYS, RECORD_KEYS
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
    (a carried field may be missing from some, or change type), the second writes them a row group at
    a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    top, meta = (
        _ColumnTypes(pa, dict.fromkeys(RECORD_KEYS, pa.string())),
        _ColumnTypes(pa, _known_metadata(pa)),
    )
    for rows in _batches(source):
        top.add(rows)
        meta.add([row.get("metadata") or {} for row in rows])
    schema = pa.schema(
        [(name, pa.struct(meta.fields()) if name == "metadata" else kind) for name, kind in top.fields()]
    )
    try:
        with pq.ParquetWriter(target, schema) as writer:
            for rows in _batches(source):
                for row in rows:
                    top.encode(row)
                    meta.encode(row.setdefault("metadata", {}))
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:  # a page's own field of another type: not ours
        raise BatchError(f"{source}: the records do not fit one Parquet schema ({error})") from error


def _known_metadata(pa: Any) -> dict[str, Any]:
    """The Arrow types of the page's own metadata, the same in every file cleaner writes."""
    return {key: pa.string() for key in METADATA_KEYS} | {"tags": pa.list_(pa.string())}


class _ColumnTypes:
    """The type of each column over all batches of rows: `fixed` ones as given, the others as Arrow infers
    them, unified; a column whose values have no one type is written as JSON text (`encode`)."""

    def __init__(self, pa: Any, fixed: dict[str, Any]) -> None:
        self._pa = pa
        self.fixed = fixed
        self._types: dict[str, Any] = {}  # inferred so far, in the order columns first appear
        self._conflicting: set[str] = set()

    def add(self, rows: list[dict[str, Any]]) -> None:
        pa = self._pa
        names = dict.fromkeys(key for row in rows for key in row if key not in self.fixed)
        # a comprehension, not a set difference: a set's order, hence the columns', is the hash seed's
        for name in [name for name in names if name not in self._conflicting]:
            try:
                found = pa.array([row.get(name) for row in rows]).type
                known = self._types.get(name)
                self._types[name] = found if known is None else _unified(pa, known, found)
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed within the batch, or against earlier ones
                self._conflicting.add(name)
                self._types[name] = pa.string()

    def fields(self) -> list[tuple[str, Any]]:
        return [*self.fixed.items(), *self._types.items()]

    def encode(self, row: dict[str, Any]) -> None:
        for name in self._conflicting & row.keys():
            if row[name] is not None:
                row[name] = json.dumps(row[name], ensure_ascii=False)


def _unified(pa: Any, known: Any, found: Any) -> Any:
    schemas = [pa.schema([("column", known)]), pa.schema([("column", found)])]
    return pa.unify_schemas(schemas, promote_options="permissive").field("column").type


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
