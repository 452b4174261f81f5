"""Hostile input, second round (issue 14): each kind of failure, as a generated test.

Fast cases run in `make test`; the long ones (tens of megabytes, millions of elements) are marked `large`
and run in `make fuzz`.
"""

from __future__ import annotations

import encodings.aliases
import math
import random
import time
import unicodedata
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rapidfuzz import fuzz

import cleaner
from cleaner import Config, dedup, errors
from cleaner.config import _RANGES
from cleaner.corpus.progress import failure_line
from cleaner.sniff import decode

from .bad_inputs import SENTENCE, page
from .test_batch import BINARY
from .test_cli import run

NUMERIC = [spec.name for spec in fields(Config) if spec.type in ("float", "int")]


def test_every_numeric_setting_has_a_range() -> None:
    assert sorted(NUMERIC) == sorted(_RANGES)


@given(st.sampled_from(NUMERIC), st.floats(allow_nan=True, allow_infinity=True))
def test_a_numeric_setting_is_finite_and_in_range_or_refused(name: str, value: float) -> None:
    low, high, _ = _RANGES[name]
    if math.isfinite(value) and low <= value <= high:
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
    st.lists(st.sampled_from(["’", "é", "東京", "—", "ü", " the ", "word ", "<p>"]), min_size=20, max_size=200),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=2),
    st.sampled_from([b"\xe9", b"\x92", b"\xa0", b"\xfc"]),
)
def test_utf8_but_for_a_few_stray_bytes_decodes_as_utf8(pieces: list[str], places: list[int], stray: bytes) -> None:
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
    started = time.monotonic()
    result = cleaner.Cleaner(Config(input_type="text", timeout=0)).clean(f"{first}\n{second}\n{first}")
    assert time.monotonic() - started < 20
    assert [segment.label.value for segment in result.segments][2] == "duplicate"


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
