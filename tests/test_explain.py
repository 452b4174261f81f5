import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import cli
from cleaner.output.explain import explain_text
from cleaner.output.records import record, segment_records

from .pages import explained_result

DUMP_WITH_A_REPEAT = (
    b"Subscribe to our newsletter\nA first real paragraph of text.\nSubscribe to our newsletter\n"
)


def test_every_segment_is_listed_in_order_with_its_mark() -> None:
    lines = explain_text(explained_result(), "page.txt").splitlines()
    assert lines[0].startswith("# page.txt: text, 13 segments, 4 kept")
    marks = [line.split(" ", 2)[:2] for line in lines[1:] if not line.startswith("    ")]
    assert [index for _, index in marks] == [str(i) for i in range(13)]
    assert [mark for mark, _ in marks] == ["+", *"------", "+", "-", "+", "-", "+", "-"]
    assert "+ 0 heading  Tidal power comes of age" in lines


def test_a_code_blocks_later_lines_are_indented_under_its_mark() -> None:
    dump = (
        "Counting errors\n\nKeep a counter and add one for each line that mentions an error, then print it:\n\n"
        "```\n# count them\n- one per line\n```\n"
    )
    lines = explain_text(Cleaner().clean(dump), "dump.md").splitlines()
    assert lines[-4:] == ["+ 2 code  ```", "    │ # count them", "    │ - one per line", "    │ ```"]
    assert not any(line.startswith(("#", "- ")) for line in lines[1:])


def test_each_removed_segment_is_followed_by_its_reason_and_score() -> None:
    lines = explain_text(explained_result(), None).splitlines()
    assert (
        lines[lines.index("- 8 paragraph  Most Popular") + 1] == "    ↳ boilerplate: link rail (score 0.12)"
    )
    assert lines[lines.index("- 10 paragraph  Most Popular") + 1] == "    ↳ duplicate: duplicate of segment 8"
    assert "    ↳ outside-main: outside the main content block" in lines


def test_colour_only_when_asked() -> None:
    assert "\x1b[" not in explain_text(explained_result(), None)
    coloured = explain_text(explained_result(), None, colour=True)
    assert "\x1b[9mMost Popular" in coloured  # struck through


def test_json_record_lists_every_segment_with_its_fields() -> None:
    fields = record(explained_result(), source="page.txt", segments=True)
    assert fields["metadata"]["source"] == "page.txt" and fields["text"].startswith("Tidal power")
    segments = fields["segments"]
    assert [segment["index"] for segment in segments] == list(range(13))
    assert segments[8] == {
        "index": 8,
        "text": "Most Popular",
        "kind": "paragraph",
        "label": "boilerplate",
        "kept": False,
        "reason": "link rail",
        "score": 0.12,
        "level": 0,
        "ordered": False,
        "depth": 0,
        "item_number": 0,
        "list_number": 0,
        "table": 0,
        "cells": [],
        "header": False,
        "code_language": "",
    }
    assert segments[0]["kept"] is True and segments[0]["kind"] == "heading"


def test_json_segments_carry_the_structure() -> None:
    page = (
        "<h2>Steps</h2><ol start='3'><li>Boil the water</li></ol><table><tr><th>a</th><th>b</th></tr></table>"
    )
    segments = segment_records(Cleaner().clean(page))
    assert segments[0]["level"] == 2
    assert (segments[1]["ordered"], segments[1]["item_number"], segments[1]["list_number"]) == (True, 3, 1)
    assert (segments[2]["table"], segments[2]["cells"], segments[2]["header"]) == (1, ["a", "b"], True)


def test_cli_explain_is_plain_when_piped_unless_colour_is_asked() -> None:
    args = ["clean", "--explain", "--input-type", "text"]
    piped = CliRunner().invoke(cli, args, input=DUMP_WITH_A_REPEAT)
    assert piped.exit_code == 0 and "\x1b[" not in piped.stdout
    assert (
        "- 2 paragraph  Subscribe to our newsletter\n    ↳ duplicate: duplicate of segment 0" in piped.stdout
    )
    forced = CliRunner().invoke(cli, [*args, "--color"], input=DUMP_WITH_A_REPEAT)
    assert "\x1b[9mSubscribe to our newsletter" in forced.stdout


def test_cli_explain_is_coloured_on_a_terminal(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_bytes(DUMP_WITH_A_REPEAT)
    main, terminal = pty.openpty()
    command = [sys.executable, "-m", "cleaner", "clean", "--explain", "--input-type", "text", str(dump)]
    with subprocess.Popen(command, stdout=terminal, stderr=subprocess.PIPE) as process:
        os.close(terminal)
        shown = b""
        while chunk := _read_terminal(main):
            shown += chunk
        assert process.wait(timeout=60) == 0
    os.close(main)
    assert b"\x1b[9mSubscribe to our newsletter" in shown


def _read_terminal(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # EIO: the program closed its side
        return b""


def test_cli_explain_json_has_a_segments_list() -> None:
    args = ["clean", "--explain", "--format", "json", "--input-type", "text"]
    outcome = CliRunner().invoke(cli, args, input=DUMP_WITH_A_REPEAT)
    record = json.loads(outcome.stdout)
    assert [(s["index"], s["kept"], s["label"]) for s in record["segments"]] == [
        (0, True, "content"),
        (1, True, "content"),
        (2, False, "duplicate"),
    ]


def test_cli_explain_refuses_markdown() -> None:
    outcome = CliRunner().invoke(cli, ["clean", "--explain", "--format", "markdown"], input=b"x")
    assert outcome.exit_code == 2 and "--explain" in outcome.stderr


def test_cli_explain_reads_each_file_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"Second page text.")
    (tmp_path / "a.txt").write_bytes(b"First page text.")
    (tmp_path / "nested").mkdir()
    outcome = CliRunner().invoke(cli, ["clean", "--explain", str(tmp_path)])
    headers = [line for line in outcome.stdout.splitlines() if line.startswith("# ")]
    assert outcome.exit_code == 0
    assert [header.split(":")[0] for header in headers] == [
        f"# {tmp_path / 'a.txt'}",
        f"# {tmp_path / 'b.txt'}",
    ]
