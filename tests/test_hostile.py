"""Hostile input, second round (issue 14): each kind of failure, as a generated test.

Fast cases run in `make test`; the long ones (tens of megabytes, millions of elements) are marked `large`
and run in `make fuzz`.
"""

from __future__ import annotations

import math
from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Config
from cleaner.config import _RANGES

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
