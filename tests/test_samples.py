from pathlib import Path

import pytest

from .samples import clean_sample, markdown_sample, sample_dirs


@pytest.mark.parametrize("case", sample_dirs(), ids=lambda case: case.name)
def test_sample_matches_golden(case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert clean_sample(case) == expected, f"run `make regen` if the change in {case.name} is intended"


@pytest.mark.parametrize("case", sample_dirs(), ids=lambda case: case.name)
def test_sample_markdown_matches_golden(case: Path) -> None:
    """Markdown tables and heading levels on the samples: the structure shows in `git diff` when it moves."""
    expected = (case / "expected.md").read_text(encoding="utf-8")
    assert markdown_sample(case) == expected, f"run `make regen` if the change in {case.name} is intended"
