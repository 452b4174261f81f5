"""The crawl formats a corpus comes in, besides single pages: JSONL (also `.ndjson`, gzip- or
zstd-compressed), WARC and Parquet, by file name or, on stdin, by their first bytes.

zstandard (`.jsonl.zst`) and pyarrow (Parquet) are optional: a file that needs one that is missing fails
with a reason naming the extra that brings it.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, cast

from ..sniff import GZIP_MAGIC

StdinFormat = Literal["auto", "page", "jsonl", "warc", "parquet"]
STDIN_FORMATS: tuple[str, ...] = ("auto", "page", "jsonl", "warc", "parquet")
Container = Literal["jsonl", "warc", "parquet"]

_JSONL = (".jsonl", ".ndjson")
COMPRESSED = (".gz", ".zst")  # what a page or a JSONL file may be compressed with
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_PARQUET_MAGIC = b"PAR1"
_BATCH_ROWS = 256  # Parquet rows decoded at a time: a few pages of memory, not the whole file


class MissingExtraError(ImportError):
    """An optional dependency a format needs is not installed."""


def container(path: Path) -> Container | None:
    """`jsonl`, `warc` or `parquet` for a file holding many pages, None for a page."""
    name = path.name.lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith(_JSONL) or name.endswith(tuple(j + c for j in _JSONL for c in COMPRESSED)):
        return "jsonl"
    return None


def open_decompressed(path: Path) -> IO[bytes]:
    """The bytes of `path`, inflated when its name ends in `.gz` or `.zst`."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    stream = path.open("rb")
    if name.endswith(".zst"):
        return _zstd_reader(stream)
    return stream


def decompressed(stream: IO[bytes]) -> IO[bytes]:
    """`stream` (with `peek`), inflated when its first bytes say gzip or zstd."""
    head = _peek(stream, 4)
    if head.startswith(GZIP_MAGIC):
        return cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
    if head.startswith(_ZSTD_MAGIC):
        return _zstd_reader(stream)
    return stream


def sniff_stream(stream: IO[bytes]) -> Container | Literal["page"]:
    """What a stream (stdin) holds, from its first bytes: a WARC, Parquet, JSONL records or one page.

    JSONL is a first line that opens a JSON object with a key (`{"`): neither HTML nor a text dump does.
    """
    head = _peek(stream, 64)
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(_PARQUET_MAGIC):
        return "parquet"
    if head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b'{"'):
        return "jsonl"
    return "page"


def peekable(stream: IO[bytes]) -> IO[bytes]:
    """`stream` with a `peek` method (stdin has one; a test's BytesIO has not)."""
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[type-var]


def parquet_rows(source: Path | bytes) -> Iterator[dict[str, Any]]:
    """The rows of a Parquet file (a path, or its bytes read from stdin), a batch at a time."""
    parquet = _pyarrow_parquet()
    file = parquet.ParquetFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    for batch in file.iter_batches(batch_size=_BATCH_ROWS):
        yield from batch.to_pylist()


def _peek(stream: IO[bytes], size: int) -> bytes:
    peek = getattr(stream, "peek", None)
    return bytes(peek(size)[:size]) if peek is not None else b""


def _zstd_reader(stream: IO[bytes]) -> IO[bytes]:
    try:
        import zstandard
    except ImportError as error:
        raise MissingExtraError(
            "zstd-compressed input needs zstandard: pip install 'page-cleaner[zstd]'"
        ) from error
    reader = zstandard.ZstdDecompressor().stream_reader(stream, closefd=True)
    return io.BufferedReader(reader)


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet
    except ImportError as error:
        raise MissingExtraError("Parquet needs pyarrow: pip install 'page-cleaner[parquet]'") from error
    return pyarrow.parquet
