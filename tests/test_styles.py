from cleaner import Label
from cleaner.output.styles import STYLES


def test_every_label_has_a_style() -> None:
    assert set(STYLES) == set(Label)
    for style in STYLES.values():
        assert style.terminal and style.report.startswith("#") and style.meaning


def test_label_styles_are_told_apart() -> None:
    assert len({style.terminal for style in STYLES.values()}) == len(Label)
    assert len({style.report for style in STYLES.values()}) == len(Label)
