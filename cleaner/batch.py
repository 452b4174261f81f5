"""Cleaning a corpus: worker processes, outputs in input order, resumable runs, site-wide boilerplate.

`run` reads a `Corpus` lazily, hands the pages to workers (this process, a pool of processes, or a Dask
cluster) and writes their outcomes in input order while at most a few pages per worker are in flight, so
memory stays flat however large the corpus. A page that fails is an outcome like any other: it is
reported and counted, and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Protocol, TextIO

from .config import Config
from .document import Result
from .errors import CleanerError, UnsafePathError
from .inputs import STDIN, Corpus, Input, describe
from .outpath import output_path
from .output.explain import render_explained
from .output.records import RECORD_KEYS, record
from .output.render import RECORD_FORMATS, SUFFIXES, OutputFormat, render
from .pipeline import Cleaner
from .site import SiteLearner, SiteProfile

_IN_FLIGHT_PER_WORKER = 8  # enough to keep every worker busy past a slow page, few enough to bound memory
_TEMPORARY = ".cleaner-partial"  # suffix of an output file being written


class BatchError(CleanerError):
    """The run as asked cannot be done (a resume that does not match its output, for instance)."""


@dataclass(frozen=True, kw_only=True)
class Job:
    """What a worker needs to clean a page: the settings and the output format."""

    config: Config
    output_format: OutputFormat = "text"
    explain: bool = False  # every segment and why it was removed (`--explain`)
    colour: bool = False  # ANSI colours in a text --explain
    debug: bool = False  # a failure's traceback after its reason (`--debug`)


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What became of one input: the text to write for it (if any) and the error (None when cleaned)."""

    source: str
    output: str | None
    error: str | None = None


def clean_input(job: Job, page: Input, profile: SiteProfile | None = None) -> Outcome:
    """Clean one input: a worker's task. A failure is an outcome, never an exception."""
    result, error = clean_page(job.config, page, profile, debug=job.debug)
    if result is None:
        return _failure(job, page, error or "failed")
    if job.output_format == "jsonl":
        fields = input_record(page, result, segments=job.explain)
        return Outcome(source=page.source, output=json.dumps(fields, ensure_ascii=False))
    if job.explain:
        output = render_explained(result, job.output_format, page.source, colour=job.colour)
    else:
        output = render(result, job.output_format, page.source)
    return Outcome(source=page.source, output=output)


def clean_page(
    config: Config, page: Input, profile: SiteProfile | None = None, *, debug: bool = False
) -> tuple[Result | None, str | None]:
    """The cleaned page, or None and why it failed (with `debug`, the traceback on the lines after)."""
    if page.error is not None:
        return None, page.error
    try:
        return Cleaner(config).clean(page.data, url=page.url, site_profile=profile), None
    except CleanerError as error:
        reason = describe(error)
        if debug:
            reason += "\n" + "".join(traceback.format_exception(error)).rstrip()
        return None, reason  # an UnexpectedError too: run_limited gives a bug on one page that type


def _failure(job: Job, page: Input, error: str) -> Outcome:
    """A failed input; in JSONL it still gets its record, with the error."""
    output = None
    if job.output_format == "jsonl":
        output = json.dumps(input_record(page, None, error), ensure_ascii=False)
    return Outcome(source=page.source, output=output, error=error)


RECORD_FIELDS = RECORD_KEYS["jsonl"]


def input_record(
    page: Input, result: Result | None, error: str | None = None, *, segments: bool = False
) -> dict[str, Any]:
    """The JSONL record of an input: what cleaning gave, or the error that stopped it, with what the
    input came with (`url`, `id`, its other fields)."""
    return record(
        result,
        "jsonl",
        source=page.source,
        url=page.url,
        id=page.id,
        error=error,
        carried=page.fields,
        segments=segments,
    )


def kept_blocks(config: Config, page: Input) -> tuple[str, ...] | None:
    """The first pass of site-wide dedup: a page's kept blocks, or None when it fails (pass two says why)."""
    result, _ = clean_page(config, page)
    return None if result is None else tuple(segment.text for segment in result.segments if segment.kept)


class Executor(Protocol):
    """Anything that runs `fn(*args)` somewhere and gives back a future: a process pool, a Dask client."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


class InProcess:
    """Runs each task at once in this process: one job, or a single page."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args))
        return future


class ProcessPool:
    """Worker processes that come back when one dies (a crash in a C extension, the OOM killer)."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        return self._pool.submit(fn, *args)

    def restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = ProcessPoolExecutor(max_workers=self._workers)

    def shutdown(self) -> None:
        self._pool.shutdown()


Lost = Callable[[tuple[Any, ...], str], Any]  # the outcome of a task whose worker died under it


def ordered(
    executor: Executor, fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]], window: int, lost: Lost
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Each task with `fn(*task)`, run by `executor`, in task order, with at most `window` pending.

    A task that kills its worker process gets `lost(task, reason)`. When a worker of a `ProcessPool`
    dies, every task in flight dies with it: the pool is restarted, the first task is run again alone
    (lost if it kills that worker too) and the others are handed out again.
    """
    pending: deque[tuple[tuple[Any, ...], Any]] = deque()

    def first() -> tuple[tuple[Any, ...], Any]:
        task, future = pending.popleft()
        try:
            return task, future.result()
        except BrokenProcessPool:
            assert isinstance(executor, ProcessPool)  # only a process pool breaks this way
            executor.restart()
            try:
                value = executor.submit(fn, *task).result()
            except BrokenProcessPool:
                executor.restart()
                value = lost(task, "its worker process died")
            for position, (other, _) in enumerate(pending):
                pending[position] = (other, executor.submit(fn, *other))
            return task, value
        except Exception as error:  # a Dask worker lost for good with this task (KilledWorker, ...)
            return task, lost(task, describe(error))

    for task in tasks:
        pending.append((task, executor.submit(fn, *task)))
        if len(pending) >= window:
            yield first()
    while pending:
        yield first()


@dataclass(frozen=True, kw_only=True)
class Batch:
    """How to run over a corpus: where the output goes, with how many workers, and what else."""

    output: Path | None = None  # None: stdout; a folder, or a file for one page or for JSONL records
    output_format: OutputFormat = "text"
    explain: bool = False
    colour: bool = False
    jobs: int | None = None  # worker processes; None: one per core
    resume: bool = False
    site_dedup: bool = False
    progress: bool = False
    scheduler: str | None = None  # a Dask scheduler address, or `local` for a LocalCluster
    debug: bool = False

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


@dataclass(frozen=True)
class Summary:
    inputs: int
    failed: int
    skipped: int  # already done by an earlier run (`--resume`)
    seconds: float

    def line(self) -> str:
        cleaned = self.inputs - self.failed - self.skipped
        parts = [f"{self.inputs} inputs", f"{cleaned} cleaned", f"{self.failed} failed"]
        if self.skipped:
            parts.append(f"{self.skipped} already done")
        return f"cleaner: {', '.join(parts)} in {self.seconds:.1f} s"


def run(corpus: Corpus, config: Config, batch: Batch, *, out: TextIO, err: TextIO) -> Summary:
    """Clean every input of `corpus` and write the outcomes; report failures on `err` as they come."""
    started = time.monotonic()
    job = Job(
        config=config,
        output_format=batch.output_format,
        explain=batch.explain,
        colour=batch.colour,
        debug=batch.debug,
    )
    if batch.output is not None:  # never read what this run writes
        corpus = replace(corpus, skip=(*corpus.skip, batch.output, _partial(batch.output)))
    to_folder = (
        batch.output is not None
        and batch.output_format != "jsonl"
        and (batch.output.is_dir() or corpus.is_many())
    )
    if batch.output is not None and batch.output_format == "jsonl" and batch.output.is_dir():
        raise BatchError(f"{batch.output} is a folder: --format jsonl writes one file, name it with -o")
    if to_folder and batch.output is not None and batch.output.exists() and not batch.output.is_dir():
        raise BatchError(
            f"{batch.output} is a file: the outputs of many inputs go to a folder, name one with -o"
        )
    if batch.resume and not (to_folder or (batch.output is not None and batch.output_format == "jsonl")):
        raise BatchError("--resume needs -o with a folder, or with a file and --format jsonl")
    if batch.site_dedup and STDIN in corpus.paths:
        raise BatchError("--site-dedup reads every input twice, which stdin cannot give")
    total = corpus.count() if batch.progress else None
    sink = _sink(batch, to_folder, corpus, out)
    with _executor(batch, corpus) as (executor, workers):
        window = _IN_FLIGHT_PER_WORKER * workers
        profiles: dict[str, SiteProfile] = {}
        if batch.site_dedup:
            progress = Progress(err, total, "learning", enabled=batch.progress)
            profiles = learn_sites(corpus, job, executor, window, progress)
            progress.close()
        progress = Progress(err, total, "cleaning" if batch.site_dedup else "", enabled=batch.progress)
        failed = skipped = 0

        def tasks() -> Iterator[tuple[Job, Input, SiteProfile | None]]:
            nonlocal skipped
            for page in corpus:
                if sink.done(page):
                    skipped += 1
                    progress.advance(failed=False)
                else:
                    yield job, page, profiles.get(page.site)

        cleaned = 0

        def lost(task: tuple[Job, Input, SiteProfile | None], reason: str) -> Outcome:
            return _failure(job, task[1], reason)

        for (_, page, _), outcome in ordered(executor, clean_input, tasks(), window, lost):
            outcome = sink.write(page, outcome)
            cleaned += 1
            if outcome.error is not None:
                failed += 1
                progress.note(f"cleaner: {outcome.source}: {outcome.error}")
            progress.advance(failed=outcome.error is not None)
        sink.commit()
        progress.close()
    return Summary(cleaned + skipped, failed, skipped, time.monotonic() - started)


def learn_sites(
    corpus: Corpus, job: Job, executor: Executor, window: int, progress: Progress
) -> dict[str, SiteProfile]:
    """The first pass: every page's kept blocks, counted per site, give each site's profile."""
    learner = SiteLearner(threshold=job.config.dedup_threshold)
    tasks = ((job.config, page) for page in corpus)
    for (_, page), blocks in ordered(executor, kept_blocks, tasks, window, lambda task, reason: None):
        if blocks is not None:
            learner.observe(page.site, blocks)
        progress.advance(failed=blocks is None)
    return learner.profiles()


@contextmanager
def _executor(batch: Batch, corpus: Corpus) -> Iterator[tuple[Executor, int]]:
    """Where the tasks run, and how many run at once."""
    if batch.scheduler is not None:
        try:
            from .dask import dask_executor
        except ImportError as error:
            raise BatchError(f"--scheduler needs Dask: pip install 'cleaner[dask]' ({error})") from error
        with dask_executor(batch.scheduler, batch.workers) as found:
            yield found
    elif batch.workers == 1 or not corpus.is_many():
        yield InProcess(), 1
    else:
        pool = ProcessPool(batch.workers)
        try:
            yield pool, batch.workers
        finally:
            pool.shutdown()


class _Sink(Protocol):
    def done(self, page: Input) -> bool: ...
    def write(self, page: Input, outcome: Outcome) -> Outcome: ...
    def commit(self) -> None: ...


def _sink(batch: Batch, to_folder: bool, corpus: Corpus, out: TextIO) -> _Sink:
    if batch.output is None:
        return StreamSink(out, batch.output_format)
    if to_folder:
        return FolderSink(batch.output, batch.output_format, resume=batch.resume)
    for path in corpus.paths:
        if path != STDIN and Path(path).exists() and batch.output.exists() and batch.output.samefile(path):
            raise BatchError(f"{batch.output}: the output would overwrite an input")
    return FileSink(batch.output, batch.output_format, resume=batch.resume)


class StreamSink:
    """Outcomes to a text stream: records one per line, pages with a blank line between them."""

    def __init__(self, stream: IO[str], output_format: OutputFormat) -> None:
        self._stream = stream
        self._records = output_format in RECORD_FORMATS
        self._first = True

    def done(self, page: Input) -> bool:
        return False

    def write(self, page: Input, outcome: Outcome) -> Outcome:
        if outcome.output is not None:
            if not self._first and not self._records:
                self._stream.write("\n\n")
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
        self._partial = _partial(path)
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
        super().__init__(self._partial.open("a" if resume else "w", encoding="utf-8"), output_format)

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


def _partial(path: Path) -> Path:
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
                yield str(json.loads(line.decode("utf-8"))["source"])
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
        return output_path(self._folder, page.name.with_suffix(self._suffix).as_posix())

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
        temporary = target.with_name(f".{target.name}{_TEMPORARY}")
        temporary.write_text(outcome.output + "\n", encoding="utf-8")
        os.replace(temporary, target)
        return outcome

    def commit(self) -> None:
        pass


class Progress:
    """A one-line progress bar on stderr: done/total, pages/s, failures, time left."""

    _EVERY = 0.2  # seconds between redraws

    def __init__(self, stream: TextIO, total: int | None, label: str = "", *, enabled: bool) -> None:
        self._stream, self._total, self._label, self._enabled = stream, total, label, enabled
        self._done = self._failed = 0
        self._started = self._drawn = time.monotonic()

    def advance(self, *, failed: bool) -> None:
        self._done += 1
        self._failed += failed
        now = time.monotonic()
        if self._enabled and now - self._drawn >= self._EVERY:
            self._drawn = now
            self._draw(now)

    def note(self, line: str) -> None:
        """Print a line (a failure) above the bar."""
        if self._enabled:
            self._stream.write("\r\x1b[K")
        self._stream.write(line + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._enabled:
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()

    def _draw(self, now: float) -> None:
        elapsed = max(now - self._started, 1e-9)
        rate = self._done / elapsed
        total = f"/{self._total}" if self._total is not None else ""
        left = ""
        if self._total is not None and rate > 0:
            left = f", {_duration((self._total - self._done) / rate)} left"
        label = f"{self._label}: " if self._label else ""
        self._stream.write(
            f"\r\x1b[K{label}{self._done}{total} pages, {rate:.1f} pages/s, {self._failed} failed{left}"
        )
        self._stream.flush()


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def default_progress() -> bool:
    """A progress bar by default only when stderr is a terminal."""
    return sys.stderr.isatty()
