"""Where the outcomes go: a stream, one file (JSONL records, or one page), or a folder of files; and what
an earlier, killed run already wrote there (`--resume`)."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
import tempfile
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol

from ..errors import UnsafePathError
from ..output.render import RECORD_FORMATS, SUFFIXES, OutputFormat
from .errors import BatchError
from .inputs import STDIN, Input
from .outpaths import output_path
from .tasks import Outcome

_TEMPORARY = ".cleaner-partial"  # suffix of an output file being written


class Sink(Protocol):
    """Takes each outcome in input order; `done` says whether an earlier run wrote a page already."""

    def done(self, page: Input) -> bool: ...
    def write(self, page: Input, outcome: Outcome) -> Outcome: ...
    def commit(self) -> None: ...


class StreamSink:
    """Outcomes to a text stream: records one per line, pages with a blank line between them (with
    `headers`, each page after a `==> SOURCE <==` line, as `head` shows several files)."""

    def __init__(self, stream: IO[str], output_format: OutputFormat, *, headers: bool = False) -> None:
        self._stream = stream
        self._records = output_format in RECORD_FORMATS
        self._headers = headers and not self._records
        self._first = True

    def done(self, page: Input) -> bool:
        return False

    def write(self, page: Input, outcome: Outcome) -> Outcome:
        if outcome.output is not None:
            if not self._first and not self._records:
                self._stream.write("\n" if self._headers else "\n\n")
            if self._headers:
                self._stream.write(f"==> {outcome.source} <==\n")
            self._stream.write(outcome.output + "\n")
            self._first = False
        return outcome

    def commit(self) -> None:
        self._stream.flush()


class FileSink(StreamSink):
    """Outcomes to one file, written as `NAME.partial` and renamed when the run is over.

    On `resume`, the records of the partial file (or of the finished file) are the inputs already done:
    a last line cut short by a kill is dropped, and they must be the first inputs, in order, since a run
    writes every input's record in input order.
    """

    def __init__(self, path: Path, output_format: OutputFormat, *, resume: bool) -> None:
        self._path = path
        self._partial = partial_path(path)
        if self._partial.is_symlink():
            if resume:
                raise BatchError(f"{self._partial}: a symbolic link where the partial output should be")
            self._partial.unlink()  # a link planted at the partial name: removed, never followed
        done: Iterator[str] = iter(())
        if resume:
            earlier = self._partial if self._partial.exists() else path
            if earlier.exists():
                next(_record_sources(earlier), None)  # refuse what is not cleaner JSONL before touching it
            if not self._partial.exists() and path.exists():
                os.replace(path, self._partial)
            if self._partial.exists():
                _drop_cut_line(self._partial)
                done = _record_sources(self._partial)
        self._done = done
        self._next_done = next(done, None)
        path.parent.mkdir(parents=True, exist_ok=True)
        if resume:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
        else:
            if self._partial.exists():
                self._partial.unlink()  # what a killed run left: this run starts again
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        super().__init__(_open_text(self._partial, flags), output_format)

    def done(self, page: Input) -> bool:
        if self._next_done is None:
            return False
        if page.source != self._next_done:
            raise BatchError(
                f"{self._path}: cannot resume: it holds {self._next_done} where the inputs have {page.source}"
            )
        self._next_done = next(self._done, None)
        return True

    def commit(self) -> None:
        self._stream.close()
        if self._path.exists() and self._partial.stat().st_size == 0:
            self._partial.unlink()  # every input failed: an earlier output is not lost to an empty file
        else:
            os.replace(self._partial, self._path)


@contextmanager
def replacing(target: Path) -> Iterator[IO[bytes]]:
    """A new temporary file beside `target` (created exclusively, never through a link planted at its
    name) to write, renamed over `target` when the block ends: `target` is whole or as it was."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name[:100]}.", suffix=_TEMPORARY, dir=target.parent
    )
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(descriptor, 0o666 & ~mask)  # as an ordinary new file: mkstemp makes it private (0600)
        with open(descriptor, "wb") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def write_replacing(target: Path, text: str) -> None:
    """`text` written over `target` through a temporary file (`replacing`); a lone surrogate (a file
    name's undecodable byte) as its `\\udcff` escape."""
    with replacing(target) as stream:
        stream.write(text.encode("utf-8", errors="backslashreplace"))


def _open_text(path: Path, flags: int) -> IO[str]:
    """`path` opened for writing text with `flags` (O_EXCL, O_NOFOLLOW: never through a planted link).
    A lone surrogate (a file name's undecodable byte, a JSON `\\udcff`) is written as its `\\udcff`
    escape: in a JSON record, the same string read back; in text, visible."""
    return open(os.open(path, flags, 0o666), "w", encoding="utf-8", errors="backslashreplace")


@contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold the lock of an output (a file `FILE.lock` beside a file, `.cleaner.lock` inside a folder)
    for the run, refusing a second run on the same output; the lock file goes when the run ends. The
    lock is the kernel's (a POSIX record lock, which worker processes do not inherit): a killed run leaves
    nothing that keeps the next one out."""
    lock = lock_path(output)
    lock.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BatchError(f"{output} is being written by another cleaner run ({lock} is locked)") from None
        if not lock.exists() or not os.path.samestat(os.fstat(descriptor), os.stat(lock)):
            raise BatchError(f"{output} is being written by another cleaner run ({lock} changed)")
        try:
            yield
        finally:
            os.unlink(lock)  # while still holding it: a run that opened it before sees it gone
    finally:
        os.close(descriptor)


def is_device(output: Path) -> bool:
    """Whether `-o` names something that is neither a file nor a folder (refused unless a character
    device or a FIFO, which are written through)."""
    try:
        mode = output.stat().st_mode
    except OSError:
        return False  # does not exist yet (or a dangling link, replaced like a file)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    raise BatchError(f"{output} is not a file, a folder or a character device: refused as an output")


def lock_path(output: Path) -> Path:
    """The lock file of an output: inside a folder, beside a file."""
    return output / ".cleaner.lock" if output.is_dir() else output.with_name(output.name + ".lock")


def partial_path(path: Path) -> Path:
    """Where a file output is written until the run is over."""
    return path.with_name(path.name + ".partial")


def _drop_cut_line(path: Path) -> None:
    """Cut the file after its last newline: a record a kill cut short is written again."""
    with path.open("rb+") as stream:
        end = stream.seek(0, os.SEEK_END)
        while end > 0:
            start = max(0, end - 65536)
            stream.seek(start)
            newline = stream.read(end - start).rfind(b"\n")
            if newline >= 0:
                stream.truncate(start + newline + 1)
                return
            end = start
        stream.truncate(0)


def _record_sources(path: Path) -> Iterator[str]:
    """The `source` of each complete record (a line a kill cut short has no newline yet)."""
    with path.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.endswith(b"\n"):
                return
            try:
                yield str(json.loads(line.decode("utf-8"))["metadata"]["source"])
            except (ValueError, TypeError, KeyError) as error:  # UnicodeDecodeError is a ValueError
                raise BatchError(f"cannot resume: {path} is not cleaner JSONL (line {number})") from error


class FolderSink:
    """One file per input below a folder, mirroring the input tree; each written to a temporary file and
    renamed, so a file that exists is complete: on `resume`, an input whose file exists is done.

    Two inputs can still map to one file (`page.html` and `page.txt`, a path given twice): the first in
    input order gets it, a later one fails, the same way on every run and resume. Telling them apart
    costs a 128-bit digest of each output path, about 80 MB a million inputs.
    """

    def __init__(self, folder: Path, output_format: OutputFormat, *, resume: bool) -> None:
        self._folder = folder
        self._suffix = SUFFIXES[output_format]
        self._resume = resume
        self._claimed: set[int] = set()  # the digest of every output path an input of this run has
        # For each input `done` let through, in input order (as `write` sees them): is its file taken?
        self._taken: deque[bool] = deque()
        if resume:  # what a killed run was writing: never part of the output
            for stale in folder.rglob(f"*{_TEMPORARY}"):
                stale.unlink()

    def target(self, page: Input) -> Path:
        name = page.name
        if name.suffix.lower() in (".gz", ".zst"):  # `x.html.gz` -> `x.txt`, not `x.html.txt`
            name = name.with_suffix("")
        return output_path(self._folder, name.with_suffix(self._suffix).as_posix())

    def done(self, page: Input) -> bool:
        try:
            target = self.target(page)
        except UnsafePathError:
            self._taken.append(False)
            return False  # `write` reports it
        digest = int.from_bytes(hashlib.blake2b(os.fsencode(target), digest_size=16).digest(), "big")
        if digest in self._claimed:
            self._taken.append(True)
            return False
        self._claimed.add(digest)
        if self._resume and target.exists():
            return True
        self._taken.append(False)
        return False

    def write(self, page: Input, outcome: Outcome) -> Outcome:
        if self._taken.popleft() and outcome.error is None:
            target = self.target(page)
            return Outcome(
                source=outcome.source,
                output=None,
                error=f"{target} is already the output of an earlier input",
            )
        if outcome.error is not None or outcome.output is None:
            return outcome
        try:
            target = self.target(page)
        except UnsafePathError as error:
            return Outcome(source=outcome.source, output=None, error=str(error))
        if page.file != STDIN and target.exists() and target.samefile(page.file):
            return Outcome(source=outcome.source, output=None, error=f"{target}: would overwrite the input")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_replacing(target, outcome.output + "\n")
        return outcome

    def commit(self) -> None:
        pass
