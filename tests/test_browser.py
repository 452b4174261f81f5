"""The report as a browser shows it: headless Chromium loads it and reports what is on screen.

The report itself has no script; the test adds a probe to a copy of it that records, on each segment,
whether its text is drawn struck through (its own or an ancestor's computed text-decoration) and whether
it is on screen at all (not folded away), then reads the DOM back with --dump-dom.
"""

from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement

import cleaner
from cleaner import Result
from cleaner.output.report import ReportedInput, report_html

from .browser import chromium, dump_dom, screenshot
from .pages import explained_result
from .samples import SAMPLES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium() is None, reason="needs chromium (make test-browser installs it)"),
]

VERGE_SEED = SAMPLES / "verge-quick-post" / "input.txt"

_PROBE = """<script>
for (const segment of document.querySelectorAll(".seg")) {
  const text = segment.querySelector("del") || segment;
  let struck = false;
  for (let node = text; node; node = node.parentElement) {
    struck ||= getComputedStyle(node).textDecorationLine.includes("line-through");
  }
  segment.dataset.struck = struck ? "yes" : "no";
  segment.dataset.shown = text.checkVisibility() ? "yes" : "no";  // false when folded away
}
</script>"""


def rendered(tmp_path: Path, *results: Result) -> HtmlElement:
    """The report of `results` as Chromium laid it out, each segment marked by the probe."""
    html = report_html([ReportedInput(f"input {n}", result) for n, result in enumerate(results, 1)])
    probed = tmp_path / "probed.html"
    probed.write_text(html.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    return lxml.html.document_fromstring(dump_dom(probed))


def drawn(tree: HtmlElement, index: int, number: int = 1) -> tuple[str, str, str]:
    """Segment `index` of input `number`: its text, whether it is struck, whether it is on screen."""
    segment = tree.get_element_by_id(f"input-{number}-s{index}")
    text = segment.xpath("string(.//del)") or segment.text_content()
    return " ".join(text.split()), segment.get("data-struck"), segment.get("data-shown")


def test_kept_text_is_plain_and_removed_text_struck_on_screen(tmp_path: Path) -> None:
    result = explained_result()
    tree = rendered(tmp_path, result)
    for segment in result.segments:
        text, struck, shown = drawn(tree, segment.index)
        if segment.kept:
            assert (text, struck, shown) == (segment.text, "no", "yes")
        else:
            assert struck == "yes"
    assert drawn(tree, 8) == ("Most Popular", "yes", "yes")
    assert [drawn(tree, index)[2] for index in range(1, 7)] == ["yes", "yes", "no", "no", "no", "no"]


def test_screenshot_is_written(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report_html([ReportedInput("input", explained_result())]), encoding="utf-8")
    png = tmp_path / "report.png"
    screenshot(page, png)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_verge_seed_report_shows_its_kept_text_unstruck(tmp_path: Path) -> None:
    result = cleaner.Cleaner().clean(VERGE_SEED.read_bytes())
    tree = rendered(tmp_path, result)
    kept = [segment for segment in result.segments if segment.kept]
    assert [segment.text[:30] for segment in kept] == [
        "Luma AI’s CEO says only genera",
        "“Hollywood is already dead if ",
        "Luma AI CEO: Hollywood is dyin",
    ]
    for segment in kept:
        assert drawn(tree, segment.index) == (" ".join(segment.text.split()), "no", "yes")


def test_verge_seed_report_shows_struck_boilerplate(tmp_path: Path) -> None:
    result = cleaner.Cleaner().clean(VERGE_SEED.read_bytes())
    tree = rendered(tmp_path, result)
    by_text = {segment.text: segment.index for segment in result.segments if not segment.kept}
    # The navigation opens the page, so it is drawn struck through; later runs of chrome fold away.
    assert drawn(tree, by_text["Skip to main content"]) == ("Skip to main content", "yes", "yes")
    for boilerplate in ("Most Popular", "Top Stories", "More in Column"):
        assert drawn(tree, by_text[boilerplate])[1] == "yes"
