"""The golden samples: `samples/<case>/input.*`, and the `expected.txt` (text) and `expected.md`
(Markdown, with links) cleaner gives for it."""

from __future__ import annotations

from pathlib import Path

import cleaner
from cleaner.output.markup import to_markdown

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample_dirs() -> list[Path]:
    return sorted(path.parent for path in SAMPLES.glob("*/input.*"))


def sample_input(case: Path) -> Path:
    return next(case.glob("input.*"))


def clean_sample(case: Path) -> str:
    """What cleaner prints for the case: its text output, ending in one newline."""
    return cleaner.clean(sample_input(case).read_bytes()) + "\n"


def markdown_sample(case: Path) -> str:
    """What `cleaner clean --format markdown --links` prints for the case, ending in one newline."""
    return (
        to_markdown(cleaner.Cleaner(cleaner.Config(links=True)).clean(sample_input(case).read_bytes())) + "\n"
    )
