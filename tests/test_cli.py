import gzip
import json
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner import Config
from cleaner.cli import clean, cli, default_colour

from .pages import ARTICLE_HTML, ARTICLE_SENTENCES


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_file_to_stdout(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML)
    code, out, _ = run("clean", str(page))
    assert code == 0
    assert ARTICLE_SENTENCES[0] in out and "All rights reserved" not in out


def test_stdin_is_read_as_bytes() -> None:
    code, out, _ = run("clean", stdin=ARTICLE_HTML.encode("utf-16"))
    assert code == 0 and ARTICLE_SENTENCES[1] in out


def test_dash_reads_stdin() -> None:
    code, out, _ = run("clean", "-", stdin=ARTICLE_HTML.encode())
    assert code == 0 and ARTICLE_SENTENCES[2] in out


def test_json_format_has_one_record_per_input(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML)
    code, out, _ = run("clean", "--format", "json", str(page), str(page))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 2
    meta = records[0]["metadata"]
    assert meta["title"] == "Tidal power comes of age"
    assert meta["date"] == "2025-03-14"
    assert meta["input_type"] == "html"
    assert meta["source"] == str(page)
    assert list(records[0]) == ["id", "text", "metadata", "error"]
    assert records[0]["id"] == records[1]["id"]  # derived from the source: the same on every run


def test_markdown_format_marks_headings() -> None:
    code, out, _ = run("clean", "--format", "markdown", stdin=ARTICLE_HTML.encode())
    assert code == 0 and "## A steady source" in out


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, _, _ = run("clean", "-o", str(target), stdin=ARTICLE_HTML.encode())
    assert code == 0 and ARTICLE_SENTENCES[0] in target.read_text()


def test_input_type_option_forces_text() -> None:
    code, out, _ = run("clean", "--input-type", "text", stdin=b"<p>Kept as it is, markup and all.</p>")
    assert code == 0 and out == "<p>Kept as it is, markup and all.</p>\n"


def test_config_flags_mirror_config_fields() -> None:
    options = {param.name: param.opts for param in clean.params}
    for spec in fields(Config):
        assert f"--{spec.name.replace('_', '-')}" in options[spec.name]
    code, out, _ = run("clean", "--help")
    assert code == 0 and all(f"--{spec.name.replace('_', '-')}" in out for spec in fields(Config))


def test_failure_is_one_line_and_exit_1(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(ARTICLE_HTML)
    missing = tmp_path / "missing.html"
    code, out, err = run("clean", str(missing), str(good))
    assert code == 1
    assert ARTICLE_SENTENCES[0] in out
    assert err.strip() == f"cleaner: {missing}: no such file or directory"


def test_usage_error_exits_2() -> None:
    code, _, _ = run("clean", "--format", "pdf")
    assert code == 2
    code, _, err = run("clean", "--dedup-threshold", "300", stdin=b"x")
    assert code == 2 and "dedup_threshold" in err


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and cleaner.__version__ in out


def test_output_with_a_trailing_slash_is_a_folder(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML)
    code, _, _ = run("clean", "-o", f"{tmp_path / 'newdir'}/", str(page))
    assert code == 0 and ARTICLE_SENTENCES[0] in (tmp_path / "newdir" / "page.txt").read_text()


def test_no_color_turns_colour_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert default_colour(to_stdout=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not default_colour(to_stdout=True)


def test_several_inputs_in_text_are_told_apart(tmp_path: Path) -> None:
    paths = [tmp_path / "a.html", tmp_path / "b.html"]
    for path in paths:
        path.write_text(ARTICLE_HTML)
    code, out, _ = run("clean", *map(str, paths))
    assert code == 0 and out.startswith(f"==> {paths[0]} <==\nTidal power comes of age")
    assert f"coast.\n\n==> {paths[1]} <==\nTidal power" in out


def test_one_input_is_singular_and_gz_suffix_goes(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.html.gz").write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    code, _, err = run("clean", "-o", str(tmp_path / "out"), str(tmp_path / "in"))
    assert code == 0 and "cleaner: 1 input, 1 cleaned" in err
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["x.txt"]
