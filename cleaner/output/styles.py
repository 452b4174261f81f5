"""How each `Label` is shown: its colour on a terminal (`--explain`), its colour in the HTML report, and
what it means (the report's legend). One entry per label; a test checks that none is missing."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Label


@dataclass(frozen=True)
class Style:
    terminal: str  # a click colour name
    report: str  # a CSS colour (the legend's swatch of a kept label is the text colour instead)
    meaning: str


STYLES: dict[Label, Style] = {
    Label.CONTENT: Style("green", "#4d7c0f", "kept: the main content"),
    Label.OUTSIDE_MAIN: Style("yellow", "#b45309", "outside the main content block"),
    Label.BOILERPLATE: Style("red", "#b91c1c", "its own look (score, vocabulary) says boilerplate"),
    Label.DUPLICATE: Style("cyan", "#0e7490", "repeats another segment"),
    Label.SITE_BOILERPLATE: Style(
        "magenta", "#7e22ce", "site-wide boilerplate: seen on other pages of the site"
    ),
}
