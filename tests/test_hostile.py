"""Hostile input, second round (issue 14): each kind of failure, as a generated test.

Fast cases run in `make test`; the long ones (tens of megabytes, millions of elements) are marked `large`
and run in `make fuzz`.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Config
from cleaner.config import _RANGES
from cleaner.corpus.progress import failure_line

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
