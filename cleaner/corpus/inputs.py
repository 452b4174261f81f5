"""Reading a corpus: files, folders, stdin, JSONL and WARC files, as a stream of pages in a fixed order.

Every page becomes an `Input`, failed reads included (with `error` set), so a batch run can give every
input exactly one outcome. Nothing is read ahead: a folder of a million pages costs one page of memory.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import CleanerError
from ..limits import read_limited
from ..sniff import GZIP_MAGIC
from .formats import (
    COMPRESSED,
    StdinFormat,
    container,
    decompressed,
    open_decompressed,
    parquet_rows,
    peekable,
    sniff_stream,
)

STDIN = "-"
DEFAULT_JSONL_FIELDS = ("html", "text")
_PAGE = PurePosixPath("page")  # the output name of a page that comes with none

# What a browser's "Save page, complete" puts beside a page (`page_files/`), by suffix: stylesheets, scripts
# and their source maps, JSON data (JSONL is `.jsonl`, `.ndjson`), images and icons, fonts, media,
# archives. Read as pages they are junk outputs or binary failures, so a folder walk without --glob passes
# over them. Anything else may be a page and is read (`.html`, `.php`, `.txt`, no suffix, one unknown), as
# are the containers (formats.container); a `.gz` or `.zst` file counts by the suffix inside.
_ASSETS = {
    "stylesheets": ".css .scss .sass .less",
    "scripts, their source maps and data": ".js .mjs .cjs .jsx .ts .tsx .wasm .map .json .webmanifest",
    "images and icons": ".png .jpg .jpeg .gif .webp .avif .bmp .ico .cur .svg .svgz .tif .tiff .heic .jxl",
    "fonts": ".woff .woff2 .ttf .otf .eot",
    "media": ".mp3 .mp4 .m4a .m4v .webm .ogg .oga .ogv .opus .wav .flac .aac .mov .avi .mkv .vtt .swf",
    "archives": ".zip .tar .tgz .7z .rar .jar",
}
ASSET_SUFFIXES = frozenset(suffix for suffixes in _ASSETS.values() for suffix in suffixes.split())


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
    glob: str | None = None  # which files of a folder; None: all but hidden ones and a saved page's assets
    jsonl_field: str | None = None  # None: `html`, else `text`
    skip: tuple[Path, ...] = ()  # files and folders a folder walk passes over (a run's own output)
    max_bytes: int = 0  # a page longer than this is refused unread (0: no limit): `/dev/zero` ends
    stdin_format: StdinFormat = "auto"  # what stdin holds; auto: told by its first bytes
    url: str | None = None  # the URL of the one page read: from stdin, or the one file given

    def __iter__(self) -> Iterator[Input]:
        root = self._root()
        url = None if self.is_many() else self.url  # one page's URL: no file of several has it
        for path in self.paths:
            if path == STDIN:
                yield from _read_stdin(self)
            elif Path(path).is_dir():
                files = self._walk(Path(path))
                for file in files:
                    yield from self._read_file(file, _below(root, file))
                if not files:  # the folder fails by name rather than vanish from the run
                    yield self._nothing_to_read(Path(path), root)
            else:
                yield from self._read_file(Path(path), _below(root, Path(path)), url)

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
            total += sum(_count_records(file, self.max_bytes) for file in files) if files else 1
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

    def _walk(self, folder: Path, *, assets: bool = False) -> list[Path]:
        """The files of a folder that `glob` picks (without one, all but the hidden ones and the assets,
        unless `assets`), and its broken links (a loop, a missing target), which then fail by name rather
        than vanish from the run."""
        skip = {Path(os.path.realpath(path)) for path in self.skip}
        found = []
        for file in folder.rglob("*" if self.glob is None else self.glob):
            if self.glob is None and (_is_hidden(file, folder) or (not assets and _is_asset(file))):
                continue
            real = Path(os.path.realpath(file))
            if (file.is_file() or _is_broken_link(file)) and skip.isdisjoint((real, *real.parents)):
                found.append(file)
        return sorted(found)

    def _nothing_to_read(self, folder: Path, root: str) -> Input:
        """The failed input of a folder whose walk found no file, saying why."""
        if self.glob is not None:
            reason = f"no file matches --glob {self.glob!r}"
        elif assets := self._walk(folder, assets=True):
            suffixes = ", ".join(sorted({_asset_suffix(file) for file in assets}))
            files = f"its {len(assets):,} files are all a saved page's assets"
            if len(assets) == 1:
                files = "its one file is a saved page's asset"
            reason = f"no page: {files} ({suffixes}), passed over unless --glob names them"
        elif next(folder.iterdir(), None) is None:
            reason = "an empty folder: no file to read"
        else:
            reason = "no file to read: hidden files and folders are passed over unless --glob names them"
        name = _below(root, folder)
        if not name.name:  # the folder is the root of the output names
            name = PurePosixPath(Path(os.path.abspath(folder)).name or _PAGE.name)
        return Input(source=str(folder), error=reason, name=name, file=str(folder))

    def _read_file(self, path: Path, name: PurePosixPath, url: str | None = None) -> Iterator[Input]:
        """The inputs of one file: its records, or its page (with `url`)."""
        kind = _container(path)
        try:
            if kind is not None and not stat.S_ISREG(path.stat().st_mode):
                raise CleanerError(f"not a regular file: a {kind.upper()} file is read to its end")
            if kind == "jsonl":
                yield from _read_jsonl(path, name, self.jsonl_field, self.max_bytes)
            elif kind == "warc":
                yield from _read_warc(path, name, self.max_bytes)
            elif kind == "parquet":
                yield from _records(parquet_rows(path), str(path), name, self.jsonl_field)
            else:
                with path.open("rb") as stream:
                    data = read_limited(stream, self.max_bytes)
                yield Input(source=str(path), data=data, url=url, name=name, file=str(path))
        # A file that cannot be read (or whose WARC framing or compression breaks from some record on)
        # is one failed input: the run goes on with the next file.
        except Exception as error:
            yield Input(source=str(path), error=describe(error), name=name, file=str(path))


def _is_hidden(path: Path, folder: Path) -> bool:
    """Whether a file below `folder` is hidden, or in a hidden folder: a system's (`.DS_Store`), a tool's
    (`.git/`, `.venv/`), never a page someone saved."""
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def _is_asset(path: Path) -> bool:
    """Whether a file's name says it is an asset of a saved page (`style.css`, `Logo.PNG`, `app.js.gz`),
    which a folder walk without --glob passes over."""
    return _asset_suffix(path) in ASSET_SUFFIXES


def _asset_suffix(path: Path) -> str:
    """The suffix that tells what a file is: its last, or the one before `.gz` or `.zst`, in lower case."""
    suffixes = PurePosixPath(path.name.lower()).suffixes
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _is_broken_link(path: Path) -> bool:
    try:
        return path.is_symlink() and not path.exists()
    except OSError:  # a loop
        return True


def _below(root: str, file: Path) -> PurePosixPath:
    return PurePosixPath(Path(os.path.relpath(os.path.abspath(file), root)).as_posix())


def describe(error: BaseException) -> str:
    """An error as the one-line reason a report shows, cut to a few hundred characters (a parser's
    message may quote megabytes of the damaged input)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    reason = str(error) or type(error).__name__
    return reason if len(reason) <= _MAX_REASON else reason[:_MAX_REASON] + "..."


_MAX_REASON = 300


_container = container  # `jsonl`, `warc` or `parquet` for a file holding many pages (see formats)


def _count_records(path: Path, max_bytes: int) -> int:
    """How many inputs `_read_file` gives for `path`: its records, and one more for a read that fails."""
    kind = _container(path)
    if kind is None:
        return 1
    return sum(1 for _ in Corpus(paths=(str(path),), max_bytes=max_bytes)._read_file(path, _PAGE))


def _read_stdin(corpus: Corpus) -> Iterator[Input]:
    """stdin: one page, or JSONL, WARC or Parquet (`stdin_format`, or told by its first bytes),
    gzip- or zstd-compressed or not."""
    name = PurePosixPath("stdin")
    try:
        if sys.stdin is None:  # started with stdin closed
            raise CleanerError("stdin is closed")
        stream = decompressed(peekable(sys.stdin.buffer))
        kind = sniff_stream(stream) if corpus.stdin_format == "auto" else corpus.stdin_format
        if kind == "jsonl":
            yield from _jsonl_lines(stream, STDIN, name, corpus.jsonl_field, corpus.max_bytes)
        elif kind == "warc":
            yield from _warc_records(stream, STDIN, name, corpus.max_bytes)
        elif kind == "parquet":
            rows = parquet_rows(read_limited(stream, corpus.max_bytes))
            yield from _records(rows, STDIN, name, corpus.jsonl_field)
        else:
            data = read_limited(stream, corpus.max_bytes)
            yield Input(source=STDIN, data=data, url=corpus.url, name=name, file=STDIN)
    except Exception as error:  # as for a file: a read that breaks (a closed stdin too) is one failed input
        yield Input(source=STDIN, error=describe(error), name=name, file=STDIN)


def _read_jsonl(path: Path, name: PurePosixPath, page_field: str | None, max_bytes: int) -> Iterator[Input]:
    with open_decompressed(path) as stream:
        yield from _jsonl_lines(stream, str(path), name, page_field, max_bytes)


def _jsonl_lines(
    stream: IO[bytes], file: str, name: PurePosixPath, page_field: str | None, max_bytes: int
) -> Iterator[Input]:
    """A record per line; a line over `max_bytes` fails alone, unread past the limit."""
    wanted = (page_field,) if page_field else DEFAULT_JSONL_FIELDS
    for number, line in enumerate(_lines(stream, max_bytes), start=1):
        source, line_name = f"{file}#{number}", name / str(number)
        if line is None:
            error = f"over the max_bytes limit ({max_bytes:,} bytes)"
            yield Input(source=source, error=error, name=line_name, file=file)
        elif line.strip():
            yield _jsonl_input(line, wanted, source, line_name, file)


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Each line of `stream`, or None for a line longer than `max_bytes` (0: no limit), which is skipped
    a chunk at a time rather than read whole."""
    while line := stream.readline(max_bytes + 1 if max_bytes else -1):
        if not max_bytes or len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield None


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
    """The HTML responses of a WARC file, then, if the file is damaged (cut short, a corrupt gzip member,
    junk after the last record), one failed input naming the file and the damage.

    The framing is checked first (`warc_damage`), so that every complete record before the damage is
    cleaned and none from damaged data: a gzip member's data is only known whole at its end."""
    damage = warc_damage(path)
    damaged_from = damage[1] if damage is not None else None
    with path.open("rb") as stream:
        try:
            yield from _warc_records(stream, str(path), name, max_bytes, damaged_from)
        except Exception:
            if damage is None:
                raise  # damage the check did not see: the file fails with the parser's reason
    if damage is not None:
        yield Input(source=str(path), error=damage[0], name=name, file=str(path))


def _warc_records(
    stream: IO[bytes], file: str, name: PurePosixPath, max_bytes: int, damaged_from: int | None = None
) -> Iterator[Input]:
    """The HTML responses of a WARC stream, up to the byte `damaged_from` where the framing is known to
    be damaged; damage met on the way raises (a stream cannot be checked first)."""
    records = _StrictArchiveIterator(stream)
    for number, record in enumerate(records, start=1):
        if damaged_from is not None and records.offset >= damaged_from:
            break
        if _is_html_response(record):
            yield _warc_input(record, file, name, number, max_bytes)


def _warc_input(record: Any, file: str, name: PurePosixPath, number: int, max_bytes: int) -> Input:
    data, error = b"", None
    try:
        data = read_limited(record.content_stream(), max_bytes)
    except CleanerError as too_large:  # this record fails alone; the iterator skips its rest
        error = describe(too_large)
    while record.raw_stream.read(_CHUNK):  # to the record's end, to see whether it is all there
        pass
    if record.raw_stream.limit:
        data, error = b"", "damaged WARC: the record is cut short"
    return Input(
        source=f"{file}#{number}",
        data=data,
        error=error,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        id=record.rec_headers.get_header("WARC-Record-ID"),
        name=name / str(number),
        file=file,
    )


class _StrictArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, raising on a record whose length is wrong instead of printing to stderr."""

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        line = self.reader.readline(_MAX_HEADER_LINE)
        if line and line.strip():
            raise ArchiveLoadFailed(f"damaged WARC: a record's length is wrong (then {_shown(line)})")
        empty = len(line)
        while line and not line.strip():
            line = self.reader.readline(_MAX_HEADER_LINE)
            if line and not line.strip():
                empty += len(line)
        return (line or None), empty


_CHUNK = 1 << 16
_MAX_HEADER_LINE = 1 << 16  # a WARC header line longer than this is not a header line


def _shown(data: bytes) -> str:
    """A few bytes of damaged data, as a reason can show them."""
    return repr(data[:40]) + ("..." if len(data) > 40 else "")


def warc_damage(path: Path) -> tuple[str, int] | None:
    """What is wrong with a WARC file's framing and the byte of the first record it spoils, or None:
    every gzip member whole (`.warc.gz`), every record as long as its Content-Length says (`.warc`),
    nothing after the last one but blank lines."""
    with path.open("rb") as stream:
        if stream.read(2) == GZIP_MAGIC:
            stream.seek(0)
            return _gzip_damage(stream)
        stream.seek(0)
        return _plain_warc_damage(stream)


def _gzip_damage(stream: IO[bytes]) -> tuple[str, int] | None:
    member = 0  # the byte where the current gzip member starts
    position = 0  # the byte where `data` starts
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    data, started = b"", False
    while True:
        if not data:
            data = stream.read(_CHUNK)
            if not data:
                return (
                    (f"damaged WARC: the gzip member at byte {member:,} is cut short", member)
                    if started
                    else None
                )
        started = True
        try:  # checks the data, keeping none of what it inflates to
            inflater.decompress(data, _CHUNK)
        except zlib.error:
            return f"damaged WARC: corrupt gzip data in the member at byte {member:,}", member
        rest = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
        position += len(data) - len(rest)
        data = rest
        if inflater.eof:
            member, started = position, False
            inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)


def _plain_warc_damage(stream: IO[bytes]) -> tuple[str, int] | None:
    size = os.fstat(stream.fileno()).st_size
    while True:
        start = stream.tell()
        line = stream.readline(_MAX_HEADER_LINE)
        while line and not line.strip():  # the blank lines between records
            start = stream.tell()
            line = stream.readline(_MAX_HEADER_LINE)
        if not line:
            return None
        if not line.startswith(b"WARC/"):
            return f"damaged WARC: not a record at byte {start:,} ({_shown(line)})", start
        length = None
        while line.strip():
            line = stream.readline(_MAX_HEADER_LINE)
            if not line:
                return f"damaged WARC: the record at byte {start:,} is cut short in its headers", start
            key, _, value = line.partition(b":")
            if key.strip().lower() == b"content-length" and value.strip().isdigit():
                length = int(value)
        if length is None:
            return f"damaged WARC: the record at byte {start:,} has no Content-Length", start
        if stream.tell() + length > size:
            return f"damaged WARC: the record at byte {start:,} is cut short", start
        stream.seek(length, os.SEEK_CUR)
