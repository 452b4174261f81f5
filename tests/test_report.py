import re
from pathlib import Path

import lxml.html
from click.testing import CliRunner
from lxml.html import HtmlElement

from cleaner import Label, Result, Segment
from cleaner.cli import cli
from cleaner.output.report import ReportedInput, report_html

from .pages import ARTICLE_HTML, ARTICLE_SENTENCES, explained_result


def page(*results: Result) -> HtmlElement:
    inputs = [ReportedInput(f"page-{number}.txt", result) for number, result in enumerate(results, 1)]
    return lxml.html.document_fromstring(report_html(inputs))


def having(*classes: str) -> str:
    """An XPath predicate: the element has every one of `classes`."""
    return " and ".join(f"contains(concat(' ', @class, ' '), ' {name} ')" for name in classes)


def text_of(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_kept_segments_are_plain_and_removed_ones_struck_with_their_reason() -> None:
    tree = page(explained_result())
    kept = [text_of(p) for p in tree.xpath(f"//*[{having('seg', 'kept')}]")]
    assert kept[0] == "Tidal power comes of age"
    assert not any(p.xpath("ancestor-or-self::del") for p in tree.xpath(f"//*[{having('kept')}]"))
    popular = tree.get_element_by_id("input-1-s8")
    assert "label-boilerplate" in popular.classes
    assert text_of(popular.xpath(".//del")[0]) == "Most Popular"
    assert text_of(popular.xpath(f".//*[{having('why')}]")[0]) == "boilerplate: link rail (score 0.12)"


def test_segments_appear_in_page_order() -> None:
    ids = [element.get("id") for element in page(explained_result()).xpath(f"//*[{having('seg')}]")]
    assert ids == [f"input-1-s{index}" for index in range(13)]


def test_long_run_of_removed_segments_folds_after_its_first_two() -> None:
    tree = page(explained_result())
    (run,) = tree.xpath(f"//details[{having('run')}]")
    assert [seg.get("id") for seg in run.xpath(f".//*[{having('seg')}]")] == [
        f"input-1-s{i}" for i in (3, 4, 5, 6)
    ]
    assert text_of(run.xpath("summary")[0]) == "4 more removed segments (outside-main 4)"
    assert tree.get_element_by_id("input-1-s1").getparent().tag != "details"


def test_long_removed_segment_shows_its_start_and_folds_the_rest() -> None:
    footer = page(explained_result()).get_element_by_id("input-1-s12")
    head, rest = footer.xpath(".//del")
    assert len(head.text) <= 400 and rest.getparent().tag == "details"
    assert head.text + rest.text == explained_result().segments[12].text


def test_legend_counts_every_label() -> None:
    legend = page(explained_result(), explained_result()).xpath("//ul[@class='legend']")[0]
    entries = {item.get("class"): text_of(item) for item in legend.xpath("li")}
    assert set(entries) == {f"label-{label.value}" for label in Label}
    assert entries["label-outside-main"].endswith(": 12")
    assert entries["label-boilerplate"].endswith(": 4")
    assert entries["label-duplicate"].endswith(": 2")
    assert entries["label-content"].endswith(": 8")


def test_every_label_has_a_colour_rule() -> None:
    style = page(explained_result()).xpath("//style")[0].text
    for label in Label:
        assert re.search(rf"\.label-{label.value} \{{ --c: #[0-9a-f]{{6}}; \}}", style)


def test_section_counts_removals_per_label() -> None:
    counts = page(explained_result()).xpath("//section[@id='input-1']/p[@class='counts']")[0]
    assert text_of(counts) == "13 segments, removed: outside-main 6, boilerplate 2, duplicate 1"


def test_index_of_several_inputs_links_to_each_section_with_its_kept_share() -> None:
    everything_kept = Result(text="All of it.", segments=(Segment(index=0, text="All of it."),))
    tree = page(explained_result(), everything_kept)
    rows = tree.xpath("//table[@class='index']/tbody/tr")
    assert [row.xpath(".//a/@href")[0] for row in rows] == ["#input-1", "#input-2"]
    assert tree.xpath("//section/h2/a/@href") == ["#index", "#index"]
    assert [text_of(row.xpath("td")[3]) for row in rows] == ["23%", "100%"]
    for row in rows:
        assert tree.get_element_by_id(row.xpath(".//a/@href")[0][1:]).tag == "section"


def test_one_input_has_no_index() -> None:
    tree = page(explained_result())
    assert not tree.xpath("//table") and not tree.xpath("//a")


def test_report_is_self_contained() -> None:
    html = report_html([ReportedInput("a", explained_result())])
    tree = lxml.html.document_fromstring(html)
    assert not tree.xpath("//script | //link | //img | //iframe | //object | //embed")
    for element in tree.iter():
        for attribute in ("src", "href"):
            assert not (element.get(attribute) or "#").lstrip().startswith(("http:", "https:", "//"))
    assert "url(" not in html and "@import" not in html


def test_segment_text_is_escaped() -> None:
    hostile = Result(text="", segments=(Segment(index=0, text="<script>alert(1)</script>"),))
    tree = page(hostile)
    assert not tree.xpath("//script")
    assert text_of(tree.get_element_by_id("input-1-s0")) == "<script>alert(1)</script>"


def test_cli_report_of_a_folder_and_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "article.html").write_text(ARTICLE_HTML)
    (folder / "dump.txt").write_text("Repeat me\nSomething else entirely here.\nRepeat me\n")
    target = tmp_path / "report.html"
    outcome = CliRunner().invoke(cli, ["report", str(folder), str(folder / "dump.txt"), "-o", str(target)])
    assert outcome.exit_code == 0
    tree = lxml.html.document_fromstring(target.read_text())
    names = [text_of(link) for link in tree.xpath("//table[@class='index']//a")]
    assert names == [str(folder / "article.html"), str(folder / "dump.txt"), str(folder / "dump.txt")]
    assert ARTICLE_SENTENCES[0] in text_of(tree.get_element_by_id("input-1"))
    assert text_of(tree.xpath(f"//section[@id='input-2']//*[{having('removed')}]//del")[0]) == "Repeat me"


def test_cli_report_names_a_failed_input_and_exits_1(tmp_path: Path) -> None:
    """On stderr and in the report itself, which a reader opens later: every input is accounted for."""
    good = tmp_path / "good.txt"
    good.write_text("Some text to keep.")
    target = tmp_path / "report.html"
    missing = tmp_path / "missing.txt"
    outcome = CliRunner().invoke(cli, ["report", str(missing), str(good), "-o", str(target)])
    assert outcome.exit_code == 1
    assert outcome.stderr.strip() == f"cleaner: {missing}: no such file or directory"
    tree = lxml.html.document_fromstring(target.read_text())
    assert "Some text to keep." in text_of(tree.get_element_by_id("input-2"))
    assert text_of(tree.get_element_by_id("input-1")).endswith("Not cleaned: no such file or directory")
    assert "failed: no such file or directory" in text_of(tree.xpath("//table[@class='index']")[0])
    assert "2 inputs (1 failed)" in target.read_text()


def test_each_input_shows_its_metadata() -> None:
    result = Result(
        text="Een korte tekst over getijdenenergie.",
        title="Getijden",
        sitename="Het Weekblad",
        author="A. Jansen",
        date="2026-03-01",
        declared_language="nl",
        url="https://weekblad.example/getijden",
    )
    facts = text_of(page(result).xpath(f"//section//*[{having('meta')}]")[0])
    assert facts.startswith(
        "“Getijden”, Het Weekblad, A. Jansen, 2026-03-01, nl, https://weekblad.example/getijden"
    )
