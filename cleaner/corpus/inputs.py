"""Reading a corpus: files, folders, stdin, JSONL and WARC files, as a stream of pages in a fixed order.

Every page becomes an `Input`, failed reads included (with `error` set), so a batch run can give every
input exactly one outcome. Nothing is read ahead: a folder of a million pages costs one page of memory.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from ..errors import CleanerError
from ..limits import read_limited
from .formats import (
    StdinFormat,
    container,
    decompressed,
    open_decompressed,
    parquet_row_count,
    parquet_rows,
    peekable,
    sniff_stream,
)

STDIN = "-"
DEFAULT_JSONL_FIELDS = ("html", "text")
_PAGE = PurePosixPath("page")  # the output name of a page that comes with none


@dataclass(frozen=True, kw_only=True)
class Input:
    """One page to clean, or the reason it could not be read."""

    source: str  # the path, `path#N` for the N-th record of a JSONL or WARC file, `-` for stdin
    data: str | bytes = b""
    error: str | None = None  # set when the page could not be read; `data` is then empty
    url: str | None = None
    id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # other JSONL fields, carried to the record
    name: PurePosixPath  # where its output goes below an output folder, without a suffix
    file: str  # the file it was read from, `-` for stdin

    @property
    def site(self) -> str:
        """The site the page belongs to: its URL's host, else the folder of its file."""
        host = urlsplit(self.url).hostname if self.url else None
        if host:
            return host
        return "" if self.file == STDIN else str(Path(self.file).parent)


@dataclass(frozen=True, kw_only=True)
class Corpus:
    """What to read: paths (files, folders, `-`), which files of a folder, which JSONL field."""

    paths: Sequence[str]
    glob: str = "*"
    jsonl_field: str | None = None  # None: `html`, else `text`
    skip: tuple[Path, ...] = ()  # files and folders a folder walk passes over (a run's own output)
    max_bytes: int = 0  # a page longer than this is refused unread (0: no limit): `/dev/zero` ends
    stdin_format: StdinFormat = "auto"  # what stdin holds; auto: told by its first bytes
    url: str | None = None  # the URL of a page read from stdin

    def __iter__(self) -> Iterator[Input]:
        root = self._root()
        for path in self.paths:
            if path == STDIN:
                yield from _read_stdin(self)
            elif Path(path).is_dir():
                for file in self._walk(Path(path)):
                    yield from self._read_file(file, _below(root, file))
            else:
                yield from self._read_file(Path(path), _below(root, Path(path)))

    def _root(self) -> str:
        """The folder output names are relative to: the deepest one holding every input (a folder input
        counts as its own root), so that `a/input.txt` and `b/input.txt` keep apart as `a/...`, `b/...`."""
        roots = [
            os.path.abspath(path if Path(path).is_dir() else Path(path).parent)
            for path in self.paths
            if path != STDIN
        ]
        return os.path.commonpath(roots) if roots else ""

    def count(self) -> int:
        """How many inputs iterating gives, without decoding any page (for a progress bar)."""
        total = 0
        for path in self.paths:
            files = self._walk(Path(path)) if path != STDIN and Path(path).is_dir() else [Path(path)]
            total += sum(_count_records(file) for file in files)
        return total

    def is_many(self) -> bool:
        """Whether the inputs can be more than one page, so that `-o` must name a folder."""
        return len(self.paths) > 1 or self.is_collection()

    def is_collection(self) -> bool:
        """Whether a path is a folder, a JSONL, WARC or Parquet file (or stdin named one by
        `stdin_format`; sniffed stdin counts as one page here): a collection of pages."""
        return any(
            self.stdin_format not in ("auto", "page")
            if path == STDIN
            else Path(path).is_dir() or _container(Path(path)) is not None
            for path in self.paths
        )

    def _walk(self, folder: Path) -> list[Path]:
        skip = {path.resolve() for path in self.skip}
        return sorted(
            file
            for file in folder.rglob(self.glob)
            if file.is_file() and skip.isdisjoint((file.resolve(), *file.resolve().parents))
        )

    def _read_file(self, path: Path, name: PurePosixPath) -> Iterator[Input]:
        kind = _container(path)
        try:
            if kind == "jsonl":
                yield from _read_jsonl(path, name, self.jsonl_field)
            elif kind == "warc":
                yield from _read_warc(path, name, self.max_bytes)
            elif kind == "parquet":
                yield from _records(parquet_rows(path), str(path), name, self.jsonl_field)
            else:
                with path.open("rb") as stream:
                    data = read_limited(stream, self.max_bytes)
                yield Input(source=str(path), data=data, name=name, file=str(path))
        # A file that cannot be read (or whose WARC framing or compression breaks from some record on)
        # is one failed input: the run goes on with the next file.
        except Exception as error:
            yield Input(source=str(path), error=describe(error), name=name, file=str(path))


def _below(root: str, file: Path) -> PurePosixPath:
    return PurePosixPath(Path(os.path.relpath(os.path.abspath(file), root)).as_posix())


def describe(error: BaseException) -> str:
    """An error as the one-line reason a report shows."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


_container = container  # `jsonl`, `warc` or `parquet` for a file holding many pages (see formats)


def _count_records(path: Path) -> int:
    """How many inputs `_read_file` gives for `path`: its records, and one more for a read that fails."""
    kind = _container(path)
    if kind is None:
        return 1
    count = 0
    try:
        if kind == "parquet":
            return parquet_row_count(path)
        with open_decompressed(path) as stream:
            if kind == "jsonl":
                count += sum(1 for line in stream if line.strip())
            else:
                for record in ArchiveIterator(stream):
                    count += _is_html_response(record)
    # As in `_read_file`: broken framing or compression (warcio's ArchiveLoadFailed, ...) from some
    # record on is one failed input after the records read.
    except Exception:
        return count + 1
    return count


def _read_stdin(corpus: Corpus) -> Iterator[Input]:
    """stdin: one page, or JSONL, WARC or Parquet (`stdin_format`, or told by its first bytes),
    gzip- or zstd-compressed or not."""
    name = PurePosixPath("stdin")
    try:
        stream = decompressed(peekable(sys.stdin.buffer))
        kind = sniff_stream(stream) if corpus.stdin_format == "auto" else corpus.stdin_format
        if kind == "jsonl":
            yield from _jsonl_lines(stream, STDIN, name, corpus.jsonl_field)
        elif kind == "warc":
            yield from _warc_records(stream, STDIN, name, corpus.max_bytes)
        elif kind == "parquet":
            rows = parquet_rows(read_limited(stream, corpus.max_bytes))
            yield from _records(rows, STDIN, name, corpus.jsonl_field)
        else:
            data = read_limited(stream, corpus.max_bytes)
            yield Input(source=STDIN, data=data, url=corpus.url, name=name, file=STDIN)
    except Exception as error:  # as for a file: a read that breaks is one failed input
        yield Input(source=STDIN, error=describe(error), name=name, file=STDIN)


def _read_jsonl(path: Path, name: PurePosixPath, page_field: str | None) -> Iterator[Input]:
    with open_decompressed(path) as stream:
        yield from _jsonl_lines(stream, str(path), name, page_field)


def _jsonl_lines(
    stream: IO[bytes], file: str, name: PurePosixPath, page_field: str | None
) -> Iterator[Input]:
    wanted = (page_field,) if page_field else DEFAULT_JSONL_FIELDS
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield _jsonl_input(line, wanted, f"{file}#{number}", name / str(number), file)


def _records(rows: Iterator[Any], file: str, name: PurePosixPath, page_field: str | None) -> Iterator[Input]:
    """The pages of a table's rows (Parquet): the page in `page_field`, the other columns carried."""
    wanted = (page_field,) if page_field else DEFAULT_JSONL_FIELDS
    for number, row in enumerate(rows, start=1):
        yield from_record(row, wanted, source=f"{file}#{number}", name=name / str(number), file=file)


def _jsonl_input(line: bytes, wanted: tuple[str, ...], source: str, name: PurePosixPath, file: str) -> Input:
    try:
        fields = json.loads(line)
    except ValueError as error:
        return Input(source=source, error=f"not a JSON record: {error}", name=name, file=file)
    return from_record(fields, wanted, source=source, name=name, file=file)


def from_record(
    fields: Any,
    wanted: tuple[str, ...] = DEFAULT_JSONL_FIELDS,
    *,
    source: str,
    name: PurePosixPath = _PAGE,
    file: str = STDIN,
) -> Input:
    """The page in a record's first `wanted` text field, with its `url` and `id`; other fields carried."""
    if not isinstance(fields, dict):
        return Input(source=source, error="not a JSON object", name=name, file=file)
    found = next((key for key in wanted if isinstance(fields.get(key), str | bytes)), None)
    url, id_ = fields.get("url"), fields.get("id")
    known = Input(
        source=source,
        url=url if isinstance(url, str) else None,
        id=None if id_ is None else str(id_),
        fields={key: value for key, value in fields.items() if key not in (found, "url", "id")},
        name=name,
        file=file,
    )
    if found is None:
        return replace(known, error=f"no {' or '.join(map(repr, wanted))} text field")
    return replace(known, data=fields[found])


def _is_html_response(record: Any) -> bool:
    """An HTTP response record with a successful status and an HTML body."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    return status.startswith("2") and "html" in content_type.lower()


def _read_warc(path: Path, name: PurePosixPath, max_bytes: int) -> Iterator[Input]:
    with path.open("rb") as stream:
        yield from _warc_records(stream, str(path), name, max_bytes)


def _warc_records(stream: IO[bytes], file: str, name: PurePosixPath, max_bytes: int) -> Iterator[Input]:
    for number, record in enumerate(ArchiveIterator(stream), start=1):
        if not _is_html_response(record):
            continue
        data, error = b"", None
        try:
            data = read_limited(record.content_stream(), max_bytes)
        except CleanerError as too_large:  # this record fails alone; the iterator skips its rest
            error = describe(too_large)
        yield Input(
            source=f"{file}#{number}",
            data=data,
            error=error,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            id=record.rec_headers.get_header("WARC-Record-ID"),
            name=name / str(number),
            file=file,
        )
