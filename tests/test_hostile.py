"""Hostile input, second round (issue 14): each kind of failure, as a generated test.

Fast cases run in `make test`; the long ones (tens of megabytes, millions of elements) are marked `large`
and run in `make fuzz`.
"""

from __future__ import annotations

import encodings.aliases
import errno
import gzip as gzip_module
import io
import json
import math
import os
import random
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import zlib
from dataclasses import fields
from pathlib import Path

import lxml.html
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from lxml.etree import SubElement
from rapidfuzz import fuzz
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import cleaner
from cleaner import Config, dedup, errors
from cleaner.config import _RANGES
from cleaner.corpus import sinks
from cleaner.corpus.inputs import Corpus, Input
from cleaner.corpus.progress import failure_line
from cleaner.html.blocks import shown_text
from cleaner.sniff import decode

from .bad_inputs import SENTENCE, page
from .test_batch import BINARY
from .test_cli import run

NUMERIC = [spec.name for spec in fields(Config) if spec.type in ("float", "int")]


def test_every_numeric_setting_has_a_range() -> None:
    assert sorted(NUMERIC) == sorted(_RANGES)


WHOLE = {spec.name for spec in fields(Config) if spec.type == "int"}  # counts: a float is no count


@given(st.sampled_from(NUMERIC), st.floats(allow_nan=True, allow_infinity=True) | st.integers())
def test_a_numeric_setting_is_finite_and_in_range_or_refused(name: str, value: float) -> None:
    low, high, _ = _RANGES[name]
    if math.isfinite(value) and low <= value <= high and (name not in WHOLE or isinstance(value, int)):
        Config(**{name: value})
    else:
        with pytest.raises(ValueError, match=name):
            Config(**{name: value})


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-5"])
@pytest.mark.parametrize("flag", ["--timeout", "--max-gap", "--dedup-threshold", "--text-threshold"])
def test_a_flag_of_nan_inf_or_below_range_is_a_usage_error(flag: str, value: str) -> None:
    code, out, err = run("clean", flag, value, stdin=b"text")
    assert code == 2 and out == "" and flag.removeprefix("--").replace("-", "_") in err
    assert "Traceback" not in err


# Error lines are escaped: a name or an error text cannot fake a line for another input.


@given(st.text(st.characters(exclude_categories=()), max_size=40), st.text(max_size=40))
def test_a_failure_is_one_printable_line_whatever_the_name_holds(name: str, reason: str) -> None:
    line = failure_line(name, reason)
    assert len(line.splitlines()) == 1
    assert not any(unicodedata.category(char) in ("Cc", "Cs") for char in line)


def test_a_newline_in_a_file_name_does_not_fake_a_line(tmp_path: Path) -> None:
    (tmp_path / "x.html\ncleaner: other.html: forged").write_bytes(BINARY)
    code, _, err = run("clean", str(tmp_path))
    assert code == 1
    assert err.splitlines()[0] == (
        f"cleaner: {tmp_path}/x.html\\ncleaner: other.html: forged: "
        "binary data: no text encoding fits these bytes"
    )
    assert len(err.splitlines()) == 2  # the failure and the summary


# Decoding: only WHATWG encodings are honoured; a page that is UTF-8 but for a few bytes is UTF-8.

NOT_WHATWG = sorted({name for name in encodings.aliases.aliases.values()} - {"utf_8", "latin_1"})


@pytest.mark.parametrize("label", ["base64", "hex", "zlib", "bz2", "rot13", "uu", "undefined", "cp037"])
def test_a_label_that_is_not_a_web_text_encoding_is_ignored(label: str) -> None:
    data = page(f'<meta charset="{label}">').encode("cp1252")
    assert SENTENCE in cleaner.clean(data)


@given(st.sampled_from(NOT_WHATWG))
def test_any_codec_label_gives_text_or_a_cleaner_error_never_a_bug(label: str) -> None:
    data = page(f'<meta charset="{label}">').encode("cp1252")
    try:
        cleaner.clean(data)
    except errors.UnexpectedError:
        raise
    except errors.CleanerError:
        pass


@pytest.mark.parametrize(
    ("label", "codec"), [("windows-874", "cp874"), ("x-mac-cyrillic", "mac-cyrillic"), ("koi8-r", "koi8-r")]
)
def test_whatwg_labels_python_does_not_know_are_honoured(label: str, codec: str) -> None:
    text = {"cp874": "ภาษาไทย ง่าย", "mac-cyrillic": "Привет, мир", "koi8-r": "Привет, мир"}[codec]
    data = f'<html><head><meta charset="{label}"></head><body><p>{text}</p></body></html>'.encode(codec)
    assert decode(data).endswith(f"<p>{text}</p></body></html>")


@given(
    st.lists(
        st.sampled_from(["’", "é", "東京", "—", "ü", " the ", "word ", "<p>"]), min_size=20, max_size=200
    ),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=2),
    st.sampled_from([b"\xe9", b"\x92", b"\xa0", b"\xfc"]),
)
def test_utf8_but_for_a_few_stray_bytes_decodes_as_utf8(
    pieces: list[str], places: list[int], stray: bytes
) -> None:
    text = "".join(pieces)
    assume(sum(len(piece.encode()) - len(piece) for piece in pieces) >= 20 * len(places))
    data = text.encode("utf-8")
    cuts = sorted({place % len(data) for place in places})
    for cut in reversed(cuts):  # only between characters, never inside one
        while cut and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        data = data[:cut] + stray + data[cut:]
    decoded = decode(data)
    assert decoded.replace("\ufffd", "") == text


# Fuzzy comparison costs at most a fixed amount per pair of blocks, whatever their length.

words = st.lists(st.sampled_from(["harbour", "boat", "the", "storm", "pier", "anchor"]), min_size=1)


@given(words, words, st.integers(0, 3))
def test_blocks_of_ordinary_size_compare_in_full(left: list[str], right: list[str], edits: int) -> None:
    a, b = " ".join(left), " ".join(left[: len(left) - edits] + right)
    assert dedup._similarity(a, b, 90) == fuzz.ratio(a, b, score_cutoff=90)


@given(st.integers(dedup._LONG_BLOCK + 2, 10 * dedup._LONG_BLOCK), st.integers(1, 10 * dedup._LONG_BLOCK))
def test_a_long_block_is_compared_within_a_bounded_length(long: int, other: int) -> None:
    seen: list[int] = []

    def ratio(a: str, b: str, score_cutoff: float) -> float:
        seen.append(max(len(a), len(b)))
        return 0.0

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dedup.fuzz, "ratio", ratio)
        dedup._similarity("x " * (long // 2), "x " * (other // 2), 90)
    assert all(length <= 2 * dedup._SKETCH + 1 for length in seen)


@pytest.mark.parametrize("size", [500_000, pytest.param(4_000_000, marks=pytest.mark.large)])
def test_two_long_lines_sharing_first_and_last_words_are_quick(size: int) -> None:
    # The full fuzzy ratio of two 4 MB lines takes minutes; their sketches a few milliseconds.
    middle = random.Random(14).choices("abcdefgh ", k=size)
    first = "Harbour news " + "".join(middle) + " the end"
    second = "Harbour news " + "".join(reversed(middle)) + " the end"
    # a shared scope, where a long block that repeats another page's verbatim goes (see label_repeats)
    site: cleaner.Deduplicator[str] = cleaner.Deduplicator()
    clean = cleaner.Cleaner(Config(input_type="text", timeout=0)).clean
    started = time.monotonic()
    clean(f"{first}\n{second}", deduplicator=site)
    result = clean(f"{second}\n{first}", deduplicator=site)
    assert time.monotonic() - started < 20
    assert [segment.label.value for segment in result.segments] == ["duplicate", "duplicate"]


# Huge pages are parsed whole (no silent loss past a 10 MB node), or refused with a reason.


def huge_page(script: int, data_uri: int) -> str:
    """The test page with an inline JSON state of `script` bytes and a `data:` image of `data_uri`."""
    state = '<script type="application/json">{"state": "' + "x" * script + '"}</script>'
    image = f'<img src="data:image/png;base64,{"A" * data_uri}">'
    return page().replace("<article>", state + image + "<article>")


@pytest.mark.parametrize(
    ("script", "data_uri"),
    [
        (11_000_000, 0),
        (0, 11_000_000),
        pytest.param(30_000_000, 30_000_000, marks=pytest.mark.large),
    ],
)
def test_a_page_with_a_node_over_10_megabytes_is_parsed_whole(script: int, data_uri: int) -> None:
    assert SENTENCE in cleaner.clean(huge_page(script, data_uri), timeout=0)


@pytest.mark.large
def test_a_page_of_over_10_million_nodes_is_refused_with_a_reason_not_a_bug() -> None:
    html = "<html><body>" + "<br>" * 10_200_000 + "<p>end</p></body></html>"
    with pytest.raises(errors.ExtractionError, match="over 10 million nodes"):
        cleaner.clean(html, timeout=0, max_bytes=0)


# A heading nested thousands of elements deep is read without recursion: the page is cleaned, not failed.


def deep_heading(depth: int) -> str:
    return (
        "<h1>" + "<span>" * depth + "A deep headline" + '<a href="#top">¶</a>' + "</span>" * depth + "</h1>"
    )


@pytest.mark.parametrize("depth", [1, 5_000])
def test_a_deeply_nested_heading_reads_as_its_text_less_its_permalink(depth: int) -> None:
    # built element by element: the parser itself stops at about 2,000 levels
    heading = lxml.html.Element("h1")
    inner = heading
    for _ in range(depth):
        inner = SubElement(inner, "span")
    inner.text = "A deep "
    SubElement(inner, "em").text = "headline"
    expected = heading.text_content()
    SubElement(inner, "a", href="#top").text = "¶"
    assert shown_text(heading) == expected == "A deep headline"


def test_a_page_with_a_heading_1500_elements_deep_is_cleaned() -> None:
    # 1,500 levels: within what the parser reads (deeper pages are refused with a reason, see parse_html)
    result = cleaner.Cleaner(Config(timeout=0)).clean(
        page().replace("<article>", "<article>" + deep_heading(1_500))
    )
    assert SENTENCE in result.text
    assert result.title == "A deep headline"


# A damaged container (a WARC cut short, a corrupt gzip member, junk after the end) fails, named; every
# complete record before the damage is still cleaned, and none is cleaned from part of its data.

BODIES = [page().replace("Crème brûlée</title>", f"Crème brûlée {n}</title>").encode() for n in range(4)]


def warc_bytes(gzip: bool) -> tuple[bytes, list[int]]:
    """A WARC of four HTML responses, and the byte where each record ends."""
    stream, ends = io.BytesIO(), []
    writer = WARCWriter(stream, gzip=gzip)
    for number, body in enumerate(BODIES):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"http://x/{number}", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
        ends.append(stream.tell())
    return stream.getvalue(), ends


WARCS = {gzip: warc_bytes(gzip) for gzip in (True, False)}


def read_damaged(tmp_path: Path, data: bytes, gzip: bool) -> list[Input]:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(data)
    return list(Corpus(paths=(str(path),)))


def assert_no_silent_loss(inputs: list[Input], complete: int, damaged: bool) -> None:
    records = [item for item in inputs if "#" in item.source]
    for item in records:  # a record is whole, or failed: never part of its data
        number = int(item.source.rsplit("#", 1)[1])
        assert item.error is not None or item.data == BODIES[number - 1]
    whole = [item for item in records if item.error is None]
    assert len(whole) >= complete
    assert any(item.error is not None for item in inputs) == damaged


@given(st.booleans(), st.data())
def test_a_warc_cut_anywhere_keeps_the_records_before_and_fails(gzip: bool, data: st.DataObject) -> None:
    full, ends = WARCS[gzip]
    cut = data.draw(st.integers(1, len(full) - 1))
    with tempfile.TemporaryDirectory() as folder:
        inputs = read_damaged(Path(folder), full[:cut], gzip)
    complete = sum(end <= cut for end in ends)
    # a plain WARC may lose or keep the blank lines after a record: those cuts lose nothing
    at_boundary = any(full[min(end, cut) : max(end, cut)].strip() == b"" for end in ends)
    assert_no_silent_loss(inputs, complete, damaged=not at_boundary)


@given(st.data())
def test_a_warc_gz_with_a_corrupt_member_keeps_the_records_before_and_fails(data: st.DataObject) -> None:
    full, ends = WARCS[True]
    start = data.draw(st.integers(20, len(full) - 9))
    junk = data.draw(st.binary(min_size=1, max_size=8))
    assume(junk != full[start : start + len(junk)])
    damaged = full[:start] + junk + full[start + len(junk) :]
    with tempfile.TemporaryDirectory() as folder:
        inputs = read_damaged(Path(folder), damaged, True)
    try:  # a byte of a member's header (its time, the OS) may change and leave the data whole
        harmless = gzip_module.decompress(damaged) == gzip_module.decompress(full)
    except (OSError, EOFError, zlib.error):
        harmless = False
    assert_no_silent_loss(inputs, sum(end <= start for end in ends), damaged=not harmless)


def test_a_cut_warc_is_a_named_failure_after_its_complete_records(tmp_path: Path) -> None:
    full, ends = WARCS[True]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(full[: ends[1] + 100])
    code, out, err = run("clean", str(path))
    assert code == 1 and out.count(SENTENCE) == 2
    assert err.splitlines()[0] == (
        f"cleaner: {path}: damaged WARC: the gzip member at byte {ends[1]:,} is cut short"
    )
    assert err.splitlines()[1].startswith("cleaner: 3 inputs, 2 cleaned, 1 failed")


@pytest.mark.parametrize("junk", [1_000_000, pytest.param(50_000_000, marks=pytest.mark.large)])
def test_a_warc_followed_by_nul_bytes_fails_quickly_in_one_short_line(tmp_path: Path, junk: int) -> None:
    full, _ = WARCS[False]
    path = tmp_path / "crawl.warc"
    path.write_bytes(full + b"\0" * junk)
    started = time.monotonic()
    code, out, err = run("clean", str(path))
    assert time.monotonic() - started < 30
    assert code == 1 and out.count(SENTENCE) == 4
    assert len(err.splitlines()) == 2 and len(err) < 2_000


# max_bytes bounds every read: a JSONL line, a container that is a link to an endless device.


@pytest.mark.parametrize("suffix", [".jsonl", ".warc", ".warc.gz"])
def test_a_container_that_links_to_an_endless_device_fails_at_once(tmp_path: Path, suffix: str) -> None:
    link = tmp_path / f"endless{suffix}"
    link.symlink_to("/dev/zero")
    code, out, err = run("clean", str(link))
    assert (code, out) == (1, "")
    assert err.splitlines()[0].startswith(f"cleaner: {link}: not a regular file")


@given(st.integers(1, 300), st.lists(st.integers(0, 400), min_size=1, max_size=6))
def test_a_jsonl_line_over_max_bytes_fails_alone(max_bytes: int, sizes: list[int]) -> None:
    lines = [json.dumps({"text": "x" * size}).encode() for size in sizes]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        inputs = list(Corpus(paths=(str(path),), max_bytes=max_bytes))
    assert [item.source.rsplit("#")[1] for item in inputs] == [str(n) for n in range(1, len(lines) + 1)]
    for line, item in zip(lines, inputs, strict=True):
        assert (item.error is not None) == (len(line) > max_bytes)


# Writes stay inside -o, never through a planted link, never over an input or a device.


def test_a_link_planted_at_the_partial_name_is_never_followed(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page())
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "out" / "out.jsonl"
    target.parent.mkdir()
    (target.parent / "out.jsonl.partial").symlink_to(victim)
    code, _, _ = run("clean", "--format", "jsonl", "-o", str(target), str(tmp_path / "page.html"))
    assert code == 0 and victim.read_text() == "precious" and SENTENCE in target.read_text()


@given(st.sampled_from(["text", "markdown", "json"]), st.integers(0, 3))
def test_links_planted_in_an_output_folder_are_never_followed(output_format: str, names: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "in").mkdir()
        for number in range(2):
            (root / "in" / f"p{number}.html").write_text(page())
        victim = root / "victim.txt"
        victim.write_text("precious")
        out = root / "out"
        out.mkdir()
        suffix = {"text": ".txt", "markdown": ".md", "json": ".json"}[output_format]
        for number in range(names):  # the old fixed temporary names, and a planted lock
            (out / f".p{number}{suffix}.cleaner-partial").symlink_to(victim)
        code, _, _ = run("clean", "--format", output_format, "-o", str(out), str(root / "in"))
        assert code == 0 and victim.read_text() == "precious"
        assert all(SENTENCE in (out / f"p{n}{suffix}").read_text() for n in range(2))


def test_an_output_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page())
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run("clean", "-o", str(fifo), str(tmp_path / "page.html"))
    reader.join(10)
    assert code == 0 and stat.S_ISFIFO(fifo.stat().st_mode) and SENTENCE in got[0].decode()


def test_an_output_that_is_a_socket_is_refused(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page())
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        code, _, err = run("clean", "-o", str(tmp_path / "sock"), str(tmp_path / "page.html"))
    assert code == 2 and "not a file, a folder or a character device" in err
    assert stat.S_ISSOCK((tmp_path / "sock").stat().st_mode)


@pytest.mark.parametrize("command", ["clean", "report"])
def test_dev_full_is_one_line_and_exit_1(tmp_path: Path, command: str) -> None:
    (tmp_path / "page.html").write_text(page())
    for args in (["-o", "/dev/full"], []):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "cleaner", command, *args, str(tmp_path / "page.html")],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
        assert "no space left on device" in done.stderr and "Traceback" not in done.stderr


def test_a_full_disk_stops_the_run_in_one_line_and_resume_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(4):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"p{number}.html").write_text(page())
    out = tmp_path / "out"
    real = sinks.write_replacing
    calls = iter(range(100))

    def filling(target: Path, text: str) -> None:
        if next(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(target, text)

    monkeypatch.setattr(sinks, "write_replacing", filling)
    code, _, err = run("clean", "-o", str(out), str(tmp_path / "in"))
    assert code == 1 and err == f"cleaner: {out}: no space left on device\n"
    monkeypatch.setattr(sinks, "write_replacing", real)
    code, _, err = run("clean", "--resume", "-o", str(out), str(tmp_path / "in"))
    assert code == 0 and "2 already done" in err
    assert sorted(path.name for path in out.iterdir()) == [f"p{n}.txt" for n in range(4)]


HOLD_LOCK = """
import sys
from pathlib import Path
from cleaner.corpus.sinks import output_lock
with output_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_second_run_on_one_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page())
    target = tmp_path / "out.jsonl"
    holder = subprocess.Popen(  # another run, in another process, holding the output
        [sys.executable, "-c", HOLD_LOCK, str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
    code, _, err = run("clean", "--format", "jsonl", "-o", str(target), str(tmp_path / "page.html"))
    holder.communicate(b"")
    assert code == 2 and "is being written by another cleaner run" in err
    assert not target.exists()


def test_report_never_overwrites_its_input_and_keeps_a_report_when_all_fail(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(page())
    code, _, err = run("report", "-o", str(source), str(source))
    assert code == 2 and "would overwrite an input" in err and source.read_text() == page()
    target = tmp_path / "report.html"
    target.write_text("yesterday's report")
    code, _, _ = run("report", "-o", str(target), str(tmp_path / "missing.html"))
    assert code == 1 and target.read_text() == "yesterday's report"


# No traceback: file names that are not UTF-8, closed stdin, an absolute --glob, -o on the input folder,
# broken links in a folder.


@pytest.mark.parametrize("output_format", ["text", "json", "jsonl", "markdown", "report"])
def test_a_file_name_that_is_not_utf8_is_carried_and_written_losslessly(
    tmp_path: Path, output_format: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/bad\xff\xfe.html"
    with open(raw, "w") as stream:
        stream.write(page())
    (folder / "good.html").write_text(page())
    if output_format == "report":
        code, out, err = run("report", str(folder))
        assert code == 0 and out.count(SENTENCE) == 2 and "\\udcff\\udcfe" in out
        return
    target = tmp_path / ("out.jsonl" if output_format == "jsonl" else "out")
    code, _, err = run("clean", "--format", output_format, "-o", str(target), str(folder))
    assert code == 0, err
    if output_format == "jsonl":
        sources = [json.loads(line)["metadata"]["source"] for line in target.read_text().splitlines()]
        assert os.fsencode(sources[0]) == raw  # the very bytes of the name, back from the record
    else:
        assert len(list(target.iterdir())) == 2


def test_closed_stdin_is_one_line_not_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "cleaner: -: stdin is closed\n")


@pytest.mark.parametrize("pattern", ["/etc/*", "../*", "a/../../*"])
def test_a_glob_that_is_a_path_is_a_usage_error(tmp_path: Path, pattern: str) -> None:
    code, _, err = run("clean", "--glob", pattern, str(tmp_path))
    assert code == 2 and "--glob" in err and "Traceback" not in err


@pytest.mark.parametrize("inside", [False, True])
def test_an_output_folder_that_is_or_holds_the_input_folder_is_refused(tmp_path: Path, inside: bool) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page.html").write_text(page())
    code, _, err = run("clean", "-o", str(tmp_path if inside else folder), str(folder))
    assert code == 2 and "is the input folder" in err
    assert sorted(folder.iterdir()) == [folder / "page.html"]


def test_broken_links_in_a_folder_are_named_and_counted(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page())
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    (tmp_path / "loop1.html").symlink_to(tmp_path / "loop2.html")
    (tmp_path / "loop2.html").symlink_to(tmp_path / "loop1.html")
    code, out, err = run("clean", str(tmp_path))
    assert code == 1 and out.count(SENTENCE) == 1
    assert err.splitlines() == [
        f"cleaner: {tmp_path / 'dangling.html'}: no such file or directory",
        f"cleaner: {tmp_path / 'loop1.html'}: too many levels of symbolic links",
        f"cleaner: {tmp_path / 'loop2.html'}: too many levels of symbolic links",
        err.splitlines()[3],
    ]
    assert err.splitlines()[3].startswith("cleaner: 4 inputs, 1 cleaned, 3 failed")


# The timeout holds inside long C calls: the worker is killed and replaced; workers die with their parent.


def attribute_page(count: int) -> str:
    """One element with `count` attributes: libxml2 checks them pairwise, one long C call."""
    attributes = " ".join(f"a{number}='v'" for number in range(count))
    return f"<html><body><div {attributes}><p>text</p></div></body></html>"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_timeout_holds_inside_a_long_c_call(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "a-slow.html").write_text(attribute_page(200_000))
    for number in range(3):
        (tmp_path / f"page{number}.html").write_text(page())
    started = time.monotonic()
    # The slow page parses for minutes. The timeout leaves the page after it room for a new worker's
    # start (its first page loads the models: a second or two of CPU on a loaded machine).
    code, out, err = run("clean", "--jobs", jobs, "--timeout", "5", str(tmp_path))
    assert time.monotonic() - started < 40
    assert code == 1 and out.count(SENTENCE) == 3
    assert err.splitlines()[0] == (
        f"cleaner: {tmp_path / 'a-slow.html'}: still running after 6 s: its worker process was stopped"
    )


def test_a_single_slow_input_is_stopped_too(tmp_path: Path) -> None:
    path = tmp_path / "slow.html"
    path.write_text(attribute_page(200_000))
    started = time.monotonic()
    code, _, err = run("clean", "--timeout", "1", str(path))
    assert time.monotonic() - started < 20
    assert (code, err) == (1, f"cleaner: {path}: still running after 2 s: its worker process was stopped\n")


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    for number in range(4):
        (tmp_path / f"slow{number}.html").write_text(attribute_page(200_000))
    parent = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", "--jobs", "2", "--timeout", "60", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while len(workers := children(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    for pid in alive:  # leave nothing behind, whatever the outcome
        os.kill(pid, 9)
    assert alive == []


def test_outputs_get_the_mode_of_an_ordinary_new_file(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for number in range(2):
        (tmp_path / "in" / f"p{number}.html").write_text(page())
    mask = os.umask(0o022)
    try:
        code, _, _ = run("clean", "-o", str(tmp_path / "out"), str(tmp_path / "in"))
    finally:
        os.umask(mask)
    assert code == 0 and stat.S_IMODE((tmp_path / "out" / "p0.txt").stat().st_mode) == 0o644
