"""The `cleaner` command: a thin click layer over the library."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from . import __version__
from .config import Config
from .limits import read_limited
from .pipeline import Cleaner
from .render import OUTPUT_FORMATS, OutputFormat, render

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
@click.option("--debug", is_flag=True, help="Show the traceback of each failure after its one-line message.")
@config_options
def clean(paths: tuple[Path, ...], output_format: str, output: Any, debug: bool, **settings: Any) -> None:
    """Clean each PATH (a file, or - for stdin; none reads stdin) and print the main content."""
    cleaner = Cleaner(build_config(settings))
    if _is_one_of(output.name, paths):
        raise click.UsageError(f"the output {output.name} is also an input: it would be overwritten")
    failures = 0
    first = True
    for path in paths or (Path("-"),):
        name = str(path)
        try:
            source = _read(path, cleaner.config.max_bytes)
            result = cleaner.clean(source)
        except Exception as error:  # the library raises only CleanerError; reading, OSError
            failures += 1
            _report(name, error, debug)
            continue
        if not first and output_format != "json":
            output.write("\n\n")
        output.write(render(result, cast(OutputFormat, output_format), name) + "\n")
        first = False
    if failures:
        sys.exit(1)


def _read(path: Path, max_bytes: int) -> bytes:
    with click.open_file(str(path), "rb") as stream:  # "-" is stdin
        return bytes(read_limited(stream, max_bytes))


def _is_one_of(output: str, paths: tuple[Path, ...]) -> bool:
    """Whether the output file is one of the inputs (only an existing file can be)."""
    if output == "-" or not os.path.exists(output):
        return False
    return any(str(path) != "-" and os.path.exists(path) and os.path.samefile(path, output) for path in paths)


def _report(name: str, error: Exception, debug: bool) -> None:
    """The one place a failure becomes output: one line naming the input; --debug adds the traceback."""
    if debug:
        click.echo("".join(traceback.format_exception(error)), err=True, nl=False)
    click.echo(f"cleaner: {name}: {_describe(error)}", err=True)


def _describe(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def main() -> None:
    cli.main(prog_name="cleaner")
