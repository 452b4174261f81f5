"""The `cleaner` command: a thin click layer over the library."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from . import __version__
from .config import SETTING_NAMES, Config
from .corpus.errors import BatchError
from .corpus.formats import STDIN_FORMATS, StdinFormat
from .corpus.inputs import STDIN, Corpus, describe
from .corpus.progress import default_progress, escape, failure_line
from .corpus.run import Batch, run
from .corpus.sinks import is_device, output_lock, write_replacing
from .corpus.tasks import clean_page
from .output.render import MARKUP_FORMATS, OUTPUT_FORMATS, OutputFormat
from .output.report import ReportedInput, report_html

F = TypeVar("F", bound=Callable[..., Any])


def config_options(command: F) -> F:
    """One CLI option per `Config` field, named after it (`dedup_threshold` -> `--dedup-threshold`)."""
    for spec in reversed(fields(Config)):
        flag = "--" + spec.name.replace("_", "-")
        default = spec.default if spec.default is not MISSING else None
        help_text = spec.metadata.get("help", "")
        if isinstance(default, bool):
            decls = [f"{flag}/--no-{flag[2:]}"]
            option = click.option(*decls, spec.name, default=default, show_default=True, help=help_text)
        else:
            kind: Any = (
                click.Choice(spec.metadata["choices"]) if "choices" in spec.metadata else type(default)
            )
            option = click.option(
                flag, spec.name, type=kind, default=default, show_default=True, help=help_text
            )
        command = option(command)
    return command


def build_config(options: dict[str, Any]) -> Config:
    """The one place the CLI turns its options into a `Config`."""
    try:
        return Config(**{name: value for name, value in options.items() if name in SETTING_NAMES})
    except ValueError as error:
        raise click.UsageError(str(error)) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def cli() -> None:
    """Strip boilerplate from web pages: HTML, line dumps or glued text dumps."""


def batch_options(command: F) -> F:
    """The options of a run over many inputs: which files, how many workers, resume, site-wide dedup."""
    options = [
        click.option(
            "--glob",
            help="Which files of a folder to read (recursively) [default: every file but hidden ones and a "
            "saved page's assets: stylesheets, scripts, JSON, images, fonts, media, archives; '*' reads them "
            "too].",
        ),
        click.option(
            "--jsonl-field",
            "--field",
            "jsonl_field",
            help="The field of a JSONL record (or column of a Parquet file) holding the page "
            "[default: html, else text].",
        ),
        click.option(
            "--stdin-format",
            type=click.Choice(STDIN_FORMATS),
            default="auto",
            show_default=True,
            help="What stdin holds: a page, JSONL, WARC or Parquet (gzip or zstd too); auto: by its first bytes.",
        ),
        click.option(
            "--url",
            help="The URL of the page, read from stdin or the one file given (for relative links and"
            " --site-dedup).",
        ),
        click.option("--jobs", type=click.IntRange(min=1), help="Worker processes [default: one per core]."),
        click.option(
            "--progress/--no-progress",
            default=None,
            help="A progress bar on stderr [default: when stderr is a terminal].",
        ),
        click.option("--resume", is_flag=True, help="Skip inputs whose output a killed run already wrote."),
        click.option(
            "--site-dedup", is_flag=True, help="Drop blocks that recur on many pages of a site (two passes)."
        ),
        click.option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run on the Dask cluster at ADDRESS, or `local` for one on this machine (page-cleaner[dask]).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="text, markdown or html (the kept blocks with their headings, lists, tables and emphasis), json "
    "(one record per cleaned input and line), jsonl or parquet (one record per input, failed ones too, in "
    "one file; parquet needs -o and pyarrow).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    help="Write here, not stdout: a folder mirroring the inputs below the folder they share (several "
    "inputs, an existing folder, or a name ending in /), or a file (one page, or --format jsonl or "
    "parquet, which never write to a folder).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="List every segment, kept or removed, with the reason for each removal "
    "(text: coloured on a terminal; json, jsonl, parquet: a `segments` list).",
)
@click.option("--color/--no-color", "colour", default=None, help="Colour --explain [default: on a terminal].")
@click.option("--debug", is_flag=True, help="Show the traceback of each failure after its one-line reason.")
@batch_options
@config_options
def clean(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    explain: bool,
    colour: bool | None,
    debug: bool,
    glob: str | None,
    jsonl_field: str | None,
    stdin_format: str,
    url: str | None,
    jobs: int | None,
    progress: bool | None,
    resume: bool,
    site_dedup: bool,
    scheduler: str | None,
    **settings: Any,
) -> None:
    """Clean each PATH and print (or write) the main content.

    A PATH is a page, a folder (read recursively, but for a saved page's assets), a JSONL file (.jsonl,
    .ndjson, also .gz or .zst), a WARC file (.warc, .warc.gz), a Parquet file, or - for stdin (also read
    when no PATH is given).
    """
    if explain and output_format in MARKUP_FORMATS:
        raise click.UsageError(f"--explain shows segments as text or json, not {output_format}")
    folder = output is not None and output.endswith(("/", os.sep))
    target = None if output is None or output == STDIN else Path(output)
    config = build_config(settings)
    if glob is not None and (Path(glob).is_absolute() or ".." in Path(glob).parts):
        raise click.UsageError(f"--glob {glob!r}: a pattern of file names below each folder, not a path")
    corpus = Corpus(
        paths=paths or (STDIN,),
        glob=glob,
        jsonl_field=jsonl_field,
        max_bytes=config.max_bytes,
        stdin_format=cast(StdinFormat, stdin_format),
        url=url,
    )
    if url is not None and corpus.is_many():
        raise click.UsageError("--url names one page (stdin or one file), not each of several inputs")
    batch = Batch(
        output=target,
        output_folder=folder,
        output_format=cast(OutputFormat, output_format),
        explain=explain,
        colour=default_colour(target is None) if colour is None else colour,
        jobs=jobs,
        resume=resume,
        site_dedup=site_dedup,
        progress=default_progress() if progress is None else progress,
        scheduler=scheduler,
        debug=debug,
    )
    _lossless_stdout()
    try:
        summary = run(corpus, config, batch, out=sys.stdout, err=sys.stderr)
    except BatchError as error:
        raise click.UsageError(escape(str(error))) from error
    except OSError as error:  # the output cannot be written (disk full, /dev/full): the run stops
        _output_failed(target, error)
    if batch.progress or target is not None or corpus.is_collection():
        click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    default="-",
    help="Write here, not stdout.",
)
@config_options
def report(paths: tuple[str, ...], output: Path, **settings: Any) -> None:
    """Write one self-contained HTML page showing, for each page of each PATH (as `clean` reads them),
    every segment in page order: kept ones as text, removed ones struck through, coloured by reason.

    The output follows `clean`'s rules: written to a temporary file and renamed, never over an input,
    an existing report kept when every input fails, a device written through, a second run refused."""
    config = build_config(settings)
    target = None if output == Path(STDIN) else output
    try:
        device = target is not None and is_device(target)
    except BatchError as error:
        raise click.UsageError(escape(str(error))) from error
    if target is not None and not device:
        if target.is_dir():
            raise click.UsageError(f"{escape(str(target))} is a folder: the report is one file, name it")
        for path in paths:
            if path != STDIN and target.exists() and Path(path).exists() and target.samefile(path):
                raise click.UsageError(f"{escape(str(target))}: the report would overwrite an input")
    _lossless_stdout()
    reported = []
    for page in Corpus(paths=paths, max_bytes=config.max_bytes):
        result, reason = clean_page(config, page)
        if result is None:
            reason = reason or "failed"
            click.echo(failure_line(page.source, reason), err=True)
        reported.append(ReportedInput(page.source, result, reason or ""))
    failed = any(item.result is None for item in reported)
    cleaned = any(item.result is not None for item in reported)
    try:
        _write_report(target, device, report_html(reported), keep_existing=failed and not cleaned)
    except BatchError as error:
        raise click.UsageError(escape(str(error))) from error
    except OSError as error:
        _output_failed(target, error)
    if failed:
        sys.exit(1)


def default_colour(to_stdout: bool) -> bool:
    """Colour by default only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return to_stdout and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _write_report(target: Path | None, device: bool, html: str, *, keep_existing: bool) -> None:
    if target is None:
        sys.stdout.write(html)
        sys.stdout.flush()
    elif device:
        with open(target, "w", encoding="utf-8", errors="backslashreplace") as stream:
            stream.write(html)
    elif not (keep_existing and target.exists()):
        with output_lock(target):
            write_replacing(target, html)


def _lossless_stdout() -> None:
    """Lone surrogates (a file name's undecodable bytes) on stdout as escapes, not an encoding error."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def _output_failed(output: Path | None, error: OSError) -> None:
    """One line and exit 1 when the output cannot be written; what was written stays resumable."""
    click.echo(failure_line(str(output or "stdout"), describe(error)), err=True)
    if output is None:  # what is still buffered for stdout would fail again at exit: drop it
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)


def main() -> None:
    cli.main(prog_name="cleaner")
