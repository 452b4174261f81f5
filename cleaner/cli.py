"""The `cleaner` command: a thin click layer over the library."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from . import __version__
from .config import Config
from .document import Result
from .errors import CleanerError
from .explain import render_explained
from .pipeline import Cleaner
from .render import OUTPUT_FORMATS, OutputFormat, render
from .report import ReportedInput, report_html

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
    names = {spec.name for spec in fields(Config)}
    try:
        return Config(**{name: value for name, value in options.items() if name in names})
    except ValueError as error:
        raise click.UsageError(str(error)) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def cli() -> None:
    """Strip boilerplate from web pages: HTML, line dumps or glued text dumps."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="text, markdown, or json (one object per input and line).",
)
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here, not stdout."
)
@click.option(
    "--explain",
    is_flag=True,
    help="List every segment, kept or removed, with the reason for each removal "
    "(text: coloured on a terminal; json: a `segments` list).",
)
@click.option("--color/--no-color", "colour", default=None, help="Colour --explain [default: on a terminal].")
@config_options
def clean(
    paths: tuple[Path, ...],
    output_format: str,
    output: Any,
    explain: bool,
    colour: bool | None,
    **settings: Any,
) -> None:
    """Clean each PATH (a file, a folder of files, or - for stdin; none reads stdin) and print the
    main content."""
    if explain and output_format == "markdown":
        raise click.UsageError("--explain shows segments as text or json, not markdown")
    cleaner = Cleaner(build_config(settings))
    colour = output.isatty() if colour is None else colour
    failures = 0
    first = True
    for name, result in _clean_each(cleaner, paths):
        if result is None:
            failures += 1
            continue
        if not first and output_format != "json":
            output.write("\n\n")
        if explain:
            output.write(
                render_explained(result, cast(OutputFormat, output_format), name, colour=colour) + "\n"
            )
        else:
            output.write(render(result, cast(OutputFormat, output_format), name) + "\n")
        first = False
    if failures:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here, not stdout."
)
@config_options
def report(paths: tuple[Path, ...], output: Any, **settings: Any) -> None:
    """Write one self-contained HTML page showing, for each PATH (a file, a folder of files, or -),
    every segment in page order: kept ones as text, removed ones struck through, coloured by reason."""
    cleaner = Cleaner(build_config(settings))
    results = list(_clean_each(cleaner, paths))
    output.write(report_html([ReportedInput(name, result) for name, result in results if result]))
    if any(result is None for _, result in results):
        sys.exit(1)


def _clean_each(cleaner: Cleaner, paths: tuple[Path, ...]) -> Iterator[tuple[str, Result | None]]:
    """Each input's name and result; a failure is reported on stderr and yields None."""
    for path in _input_paths(paths or (Path("-"),)):
        name = str(path)
        try:
            yield name, cleaner.clean(_read(path))
        except (CleanerError, OSError) as error:
            click.echo(f"cleaner: {name}: {_describe(error)}", err=True)
            yield name, None


def _input_paths(paths: tuple[Path, ...]) -> Iterator[Path]:
    """The paths given, a folder standing for the files directly in it, by name."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.is_file())
        else:
            yield path


def _read(path: Path) -> bytes:
    with click.open_file(str(path), "rb") as stream:  # "-" is stdin
        return bytes(stream.read())


def _describe(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def main() -> None:
    cli.main(prog_name="cleaner")
