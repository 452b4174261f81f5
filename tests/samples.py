"""The golden samples: `samples/<case>/input.*` and the `expected.txt` cleaner gives for it."""

from __future__ import annotations

from pathlib import Path

import cleaner

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample_dirs() -> list[Path]:
    return sorted(path.parent for path in SAMPLES.glob("*/input.*"))


def sample_input(case: Path) -> Path:
    return next(case.glob("input.*"))


def clean_sample(case: Path) -> str:
    """What cleaner prints for the case: its text output, ending in one newline."""
    return cleaner.clean(sample_input(case).read_bytes()) + "\n"
