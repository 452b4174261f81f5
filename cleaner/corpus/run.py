"""Cleaning a corpus: worker processes, outputs in input order, resumable runs, site-wide boilerplate.

`run` reads a `Corpus` lazily, hands the pages to workers (this process, a pool of processes, or a Dask
cluster) and writes their outcomes in input order while at most a few pages per worker are in flight, so
memory stays flat however large the corpus. A page that fails is an outcome like any other: it is
reported and counted, and the run goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from ..config import Config
from ..output.explain import plural
from ..output.render import FILE_FORMATS, OutputFormat
from ..site import SiteProfile
from .errors import BatchError
from .executors import Executor, InProcess, ProcessPool, ordered
from .inputs import STDIN, Corpus, Input
from .parquet import ParquetSink
from .progress import Progress, failure_line
from .sinks import FileSink, FolderSink, Sink, StreamSink, is_device, lock_path, output_lock, partial_path
from .tasks import Job, Outcome, clean_input, failure, kept_blocks, learn_sites

_IN_FLIGHT_PER_WORKER = 8  # enough to keep every worker busy past a slow page, few enough to bound memory


@dataclass(frozen=True, kw_only=True)
class Batch:
    """How to run over a corpus: where the output goes, with how many workers, and what else."""

    output: Path | None = None  # None: stdout; a folder, or a file for one page or for JSONL records
    output_folder: bool = False  # `output` names a folder even for one input (`-o newdir/`)
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
        parts = [plural(self.inputs, "input"), f"{cleaned} cleaned", f"{self.failed} failed"]
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
    output = batch.output
    if output is not None and is_device(output):  # `-o /dev/null`, a FIFO: written through like stdout
        if batch.resume:
            raise BatchError(f"--resume cannot resume into {output}, which is not a file or a folder")
        with open(output, "w", encoding="utf-8", errors="backslashreplace") as stream:
            return run(corpus, config, replace(batch, output=None), out=stream, err=err)
    if batch.output is not None:  # never read what this run writes
        _check_output(batch.output, corpus)
        skip = (batch.output, partial_path(batch.output), lock_path(batch.output))
        corpus = replace(corpus, skip=(*corpus.skip, *skip))
    one_file = batch.output_format in FILE_FORMATS
    to_folder = (
        batch.output is not None
        and not one_file
        and (batch.output_folder or batch.output.is_dir() or corpus.is_many())
    )
    if one_file and batch.output is not None and (batch.output_folder or batch.output.is_dir()):
        raise BatchError(
            f"{batch.output} is a folder: --format {batch.output_format} writes one file, name it with -o"
        )
    if batch.output_format == "parquet" and batch.output is None:
        raise BatchError("--format parquet writes a file, not stdout: name it with -o")
    if to_folder and batch.output is not None and batch.output.exists() and not batch.output.is_dir():
        raise BatchError(
            f"{batch.output} is a file: the outputs of many inputs go to a folder, name one with -o"
        )
    if batch.resume and not (to_folder or (batch.output is not None and one_file)):
        raise BatchError("--resume needs -o with a folder, or with a file and --format jsonl or parquet")
    if batch.site_dedup and STDIN in corpus.paths:
        raise BatchError("--site-dedup reads every input twice, which stdin cannot give")
    total = corpus.count() if batch.progress else None
    with _locked(batch.output, to_folder), _executor(batch, corpus, config) as (executor, workers):
        sink = _sink(batch, to_folder, corpus, out)
        window = _IN_FLIGHT_PER_WORKER * workers
        profiles: dict[str, SiteProfile] = {}
        if batch.site_dedup:
            progress = Progress(err, total, "learning", enabled=batch.progress)
            profiles = _learn(corpus, config, executor, window, progress)
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
            return failure(job, task[1], reason)

        for (_, page, _), outcome in ordered(
            executor, clean_input, tasks(), window, lost, limit=hard_limit(config)
        ):
            outcome = sink.write(page, outcome)
            cleaned += 1
            if outcome.error is not None:
                failed += 1
                progress.note(failure_line(outcome.source, outcome.error, debug=batch.debug))
            progress.advance(failed=outcome.error is not None)
        sink.commit()
        progress.close()
    return Summary(cleaned + skipped, failed, skipped, time.monotonic() - started)


def _learn(
    corpus: Corpus, config: Config, executor: Executor, window: int, progress: Progress
) -> dict[str, SiteProfile]:
    """The first pass of `--site-dedup`: every page's kept blocks, counted per site, give each site's
    profile."""

    def kept() -> Iterator[tuple[Input, tuple[str, ...] | None]]:
        tasks = ((config, page) for page in corpus)
        limit = hard_limit(config)
        for (_, page), blocks in ordered(executor, kept_blocks, tasks, window, _nothing, limit=limit):
            yield page, blocks
            progress.advance(failed=blocks is None)

    return learn_sites(config, kept()).profiles()


@contextmanager
def _executor(batch: Batch, corpus: Corpus, config: Config) -> Iterator[tuple[Executor, int]]:
    """Where the tasks run, and how many run at once. With a timeout, even a single input runs in a
    worker process, which can be killed should it outlive the timeout inside a C call."""
    if batch.scheduler is not None:
        try:
            from .dask_runner import dask_executor
        except ImportError as error:
            raise BatchError(f"--scheduler needs Dask: pip install 'page-cleaner[dask]' ({error})") from error
        with dask_executor(batch.scheduler, batch.workers) as found:
            yield found
    elif not config.timeout and (batch.workers == 1 or not corpus.is_many()):
        yield InProcess(), 1
    else:
        workers = batch.workers if corpus.is_many() else 1
        pool = ProcessPool(workers)
        try:
            yield pool, workers
        finally:
            pool.shutdown()


def _nothing(task: tuple[Config, Input], reason: str) -> None:
    """A page lost in the first pass of `--site-dedup` counts nowhere (the second pass says why)."""
    return None


def hard_limit(config: Config) -> float:
    """How long a worker may run one task before it is killed (0: never): the timeout, which the worker
    enforces itself between bytecodes, and a grace of a second or a tenth more for it to do so."""
    return config.timeout + max(1.0, config.timeout / 10) if config.timeout else 0.0


def _check_output(output: Path, corpus: Corpus) -> None:
    """Refuse an output folder that is an input folder or holds one: the run would skip its own inputs
    as its output (and write among them)."""
    if not output.is_dir():
        return
    for path in corpus.paths:
        if path != STDIN and Path(path).is_dir():
            folder = Path(path).resolve()
            if folder == output.resolve() or folder.is_relative_to(output.resolve()):
                raise BatchError(f"-o {output} is the input folder {path} or holds it: name another folder")


@contextmanager
def _locked(output: Path | None, to_folder: bool) -> Iterator[None]:
    """The output locked against a second run for the time of this one."""
    if output is None:
        yield
        return
    if to_folder:
        output.mkdir(parents=True, exist_ok=True)  # its lock goes inside it
    with output_lock(output):
        yield


def _sink(batch: Batch, to_folder: bool, corpus: Corpus, out: TextIO) -> Sink:
    if batch.output is None:
        headers = corpus.is_many() and not batch.explain  # --explain has a header line of its own
        return StreamSink(out, batch.output_format, headers=headers)
    if to_folder:
        return FolderSink(batch.output, batch.output_format, resume=batch.resume)
    for path in corpus.paths:
        if path != STDIN and Path(path).exists() and batch.output.exists() and batch.output.samefile(path):
            raise BatchError(f"{batch.output}: the output would overwrite an input")
    if batch.output_format == "parquet":
        return ParquetSink(batch.output, resume=batch.resume)
    return FileSink(batch.output, batch.output_format, resume=batch.resume)
