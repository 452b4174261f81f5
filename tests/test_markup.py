"""The markup outputs: Markdown and semantic HTML with the structure the extraction found."""

from pathlib import Path

import pytest

import cleaner
from cleaner import Config, Kind, Result, Segment
from cleaner.output.markup import to_html, to_markdown

from .samples import sample_dirs, sample_input
from .test_cli import run

URL = "https://example.org/guides/brewing"


def clean(html: str, *, links: bool = False, url: str | None = URL) -> Result:
    """A fragment (every block content, no model) cleaned with its structure."""
    return cleaner.Cleaner(Config(links=links)).clean(html, url=url)


def markdown(html: str, **settings: bool) -> str:
    return to_markdown(clean(html, **settings))


def assert_renders(html: str, expected_markdown: str, expected_tags: str) -> None:
    """The fragment's Markdown is `expected_markdown`; its html output holds `expected_tags`."""
    result = clean(html)
    assert to_markdown(result) == expected_markdown
    assert expected_tags in to_html(result)


def test_headings_keep_their_levels() -> None:
    result = clean("<h1>Title</h1><p>Intro text.</p><h2>Part</h2><h3>Detail</h3><h6>Aside</h6>")
    assert to_markdown(result) == "# Title\n\nIntro text.\n\n## Part\n\n### Detail\n\n###### Aside"
    assert "<h1>Title</h1>\n<p>Intro text.</p>\n<h2>Part</h2>\n<h3>Detail</h3>" in to_html(result)


def test_a_heading_without_a_level_is_a_section_heading() -> None:
    result = Result(text="Part", segments=(Segment(index=0, text="Part", kind=Kind.HEADING),))
    assert to_markdown(result) == "## Part"


def test_ordered_and_unordered_lists_nest() -> None:
    html = "<ol><li>first</li><li>second<ul><li>inner</li><li>other</li></ul></li><li>third</li></ol><ul><li>loose</li></ul>"
    tags = html.replace("</ol><ul>", "</ol>\n<ul>")  # two lists
    assert_renders(html, "1. first\n2. second\n   - inner\n   - other\n3. third\n\n- loose", tags)


def test_a_list_whose_items_wrap_their_text_in_paragraphs_stays_a_list() -> None:
    # as Markdown renderers write a loose list; a second paragraph of an item is not an item of its own
    html = "<ol><li><p>Boil the water.</p></li><li>Add the tea.</li><li><div><p>Wait.</p></div><p>Then pour.</p></li></ol>"
    assert markdown(html) == "1. Boil the water.\n2. Add the tea.\n3. Wait.\n\nThen pour."
    assert "<ol><li>Boil the water.</li><li>Add the tea.</li><li>Wait.</li></ol>" in to_html(clean(html))


def test_a_numbered_list_goes_on_counting_after_an_items_second_paragraph() -> None:
    html = "<ol><li><p>Open the box.</p><p>Mind the edges.</p></li><li>Plug it in.</li><li>Press start.</li></ol>"
    assert_renders(
        html,
        "1. Open the box.\n\nMind the edges.\n\n2. Plug it in.\n3. Press start.",
        '<ol><li value="2">Plug it in.</li><li>Press start.</li></ol>',
    )
    assert markdown("<ol><li>a</li></ol><p>Between the lists.</p><ol><li>b</li></ol>").endswith("\n1. b")
    # two numbered lists inside one outer list each count from 1
    nested = "<ul><li><h3>April</h3><ol><li>a</li></ol></li><li><h3>May</h3><ol><li>b</li></ol></li></ul>"
    assert markdown(nested).endswith("### May\n\n1. b")


def test_a_quotes_paragraphs_are_quoted_and_a_definitions_are_not_items() -> None:
    html = "<blockquote><p>We could have done it in six months.</p><cite>An engineer</cite></blockquote>"
    assert markdown(html) == "> We could have done it in six months.\n\n> An engineer"
    assert markdown("<dl><dt>cache(f)</dt><dd><p>A cache.</p></dd></dl>") == "- cache(f)\n\nA cache."


def test_emphasis_and_inline_code() -> None:
    html = (
        "<p>Some <strong>bold</strong>, <em>italic</em>, <b><i>both</i></b> and <code>x = 1</code> here.</p>"
    )
    tags = "<p>Some <strong>bold</strong>, <em>italic</em>, <strong><em>both</em></strong> and <code>x = 1</code> here.</p>"
    assert_renders(html, "Some **bold**, *italic*, ***both*** and `x = 1` here.", tags)


def test_a_code_block_with_styled_parts_is_written_whole() -> None:
    html = "<pre>$ <code>pip install foo</code> --upgrade</pre><pre><code>x = <b>f</b>(1)</code></pre>"
    assert_renders(
        html,
        "```\n$ pip install foo --upgrade\n```\n\n```\nx = f(1)\n```",
        "<pre><code>x = f(1)</code></pre>",
    )


def test_emphasis_markers_go_around_words_not_spaces() -> None:
    assert markdown("<p>A<b> bold </b>word.</p>") == "A **bold** word."


@pytest.mark.parametrize("links", [False, True])
def test_links_only_under_the_setting(links: bool) -> None:
    html = '<p>Read the <a href="../basics/grind">grind guide</a> or <a href="#top">the top</a>.</p>'
    expected = "Read the [grind guide](https://example.org/basics/grind) or the top."
    assert markdown(html, links=links) == (expected if links else "Read the grind guide or the top.")
    assert (
        '<a href="https://example.org/basics/grind">grind guide</a>' in to_html(clean(html, links=links))
    ) is links


def test_links_are_made_absolute_against_the_base_element() -> None:
    page = (
        '<html><head><base href="https://cdn.example.net/docs/"></head><body>'
        '<p>See <a href="setup.html">the setup page</a> for more. <a href="javascript:void(0)">Menu</a></p>'
        "</body></html>"
    )
    result = cleaner.Cleaner(Config(links=True)).clean(page, url=URL)
    assert "[the setup page](https://cdn.example.net/docs/setup.html)" in to_markdown(result)
    assert "[Menu]" not in to_markdown(result)


def test_the_plain_text_is_the_same_with_links_on() -> None:
    html = (
        '<h2>Part</h2><p>A <a href="/x">link</a> and <b>bold</b> text.</p><table><tr><td>a</td></tr></table>'
    )
    assert clean(html, links=True).text == clean(html).text == "Part\n\nA link and bold text.\n\na"


def test_pipe_tables_have_a_header_row_and_escape_pipes() -> None:
    html = (
        "<table><thead><tr><th>Step</th><th>Time</th></tr></thead>"
        "<tr><td>Bloom</td><td>0:00 | 0:45</td></tr><tr><td></td><td>3:00</td></tr></table>"
        "<p>Between.</p><table><tr><td>one</td><td>two</td><td>three</td></tr><tr><td>four</td></tr></table>"
    )
    result = clean(html)
    assert to_markdown(result) == (
        "| Step | Time |\n| --- | --- |\n| Bloom | 0:00 \\| 0:45 |\n|  | 3:00 |\n\nBetween.\n\n"
        "| one | two | three |\n| --- | --- | --- |\n| four |  |  |"
    )
    rows = [segment for segment in result.segments if segment.kind is Kind.TABLE_ROW]
    assert [(row.table, row.header, row.cells) for row in rows[:2]] == [
        (1, True, ("Step", "Time")),
        (1, False, ("Bloom", "0:00 | 0:45")),
    ]
    assert rows[-1].table == 2
    assert "<tr><th>Step</th><th>Time</th></tr>\n<tr><td>Bloom</td><td>0:00 | 0:45</td></tr>" in to_html(
        result
    )


def test_a_cell_spanning_columns_keeps_the_cells_after_it_in_their_columns() -> None:
    html = (
        '<table><tr><th>Name</th><th colspan="2">Score</th><th>Rank</th></tr>'
        "<tr><td>Ann</td><td>10</td><td>12</td><td>1</td></tr>"
        '<tr><td colspan="4">Ties are broken by the first score.</td></tr></table>'
    )
    assert to_markdown(clean(html)) == (
        "| Name | Score |  | Rank |\n| --- | --- | --- | --- |\n| Ann | 10 | 12 | 1 |\n"
        "| Ties are broken by the first score. |  |  |  |"
    )


def test_html_format_escapes_text_and_is_one_article() -> None:
    page = (
        "<html><head><title>Compare a &lt; b &amp; c</title></head><body><article>"
        "<h1>Compare a &lt; b &amp; c</h1><p>The tag &lt;script&gt; is text here, said &quot;she&quot;.</p>"
        '<blockquote>A quote.</blockquote><pre>if a &lt; b:\n    pass</pre><p><a href="/q?a=1&amp;b=&quot;2&quot;">odd link</a> text</p>'
        "</article></body></html>"
    )
    out = to_html(cleaner.Cleaner(Config(links=True)).clean(page, url=URL))
    assert out.startswith(
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>Compare a &lt; b &amp; c</title>'
    )
    assert out.count("<article>") == 1 and out.endswith("</article>\n</body>\n</html>")
    assert "<h1>Compare a &lt; b &amp; c</h1>" in out
    assert "<p>The tag &lt;script&gt; is text here, said &quot;she&quot;.</p>" in out
    assert "<blockquote>A quote.</blockquote>" in out
    assert "<pre><code>if a &lt; b: pass</code></pre>" in out
    assert '<a href="https://example.org/q?a=1&amp;b=&quot;2&quot;">odd link</a>' in out


def test_a_markdown_dump_carries_its_structure() -> None:
    dump = (
        "# Brewing guide\n\n## What you need\n\n- a dripper with **paper** filters\n- a `kettle`\n\n"
        "1. Grind the coffee.\n2. Pour the water, see [the guide](https://example.org/guide).\n\n> Weigh it all.\n"
    )
    result = cleaner.Cleaner(Config(links=True, input_type="text")).clean(dump)
    assert to_markdown(result) == dump.strip()
    assert result.text == "\n\n".join(filter(None, dump.splitlines()))  # the dump's own lines, as today
    without_links = to_markdown(cleaner.Cleaner(Config(input_type="text")).clean(dump))
    assert "see the guide." in without_links


def test_a_markdown_dumps_fenced_code_is_a_code_block_in_both_markups() -> None:
    code = '# count the errors\nfor line in log:\n    count += "ERROR" in line'
    dump = f"# Counting errors\n\nKeep a counter and add one for each line that mentions one:\n\n```\n{code}\n```\n"
    result = cleaner.Cleaner(Config(input_type="text")).clean(dump)
    assert f"```\n{code}\n```" in to_markdown(result)
    assert (
        "<pre><code># count the errors\nfor line in log:\n    count += &quot;ERROR&quot; in line</code></pre>"
        in (to_html(result))
    )


def test_a_code_blocks_language_is_kept_on_both_paths() -> None:
    dump = "Counting errors\n\nAdd one for each line that mentions an error:\n\n```python title=count.py\nn += 1\n```\n"
    result = cleaner.Cleaner(Config(input_type="text")).clean(dump)
    assert "```python\nn += 1\n```" in to_markdown(result)
    assert '<pre><code class="language-python">n += 1</code></pre>' in to_html(result)
    page = (
        '<p>Add one for each line.</p><pre class="highlight"><code class="hljs language-js">n++;</code></pre>'
    )
    assert markdown(page) == "Add one for each line.\n\n```js\nn++;\n```"


def test_a_dump_headline_is_a_first_level_heading() -> None:
    story = "A harbour pier reopens after fourteen months of repairs"
    dump = f"{story} | Harbour News\nHome\nNews\n{story}\nBy Lene Holm\n" + "\n".join(
        f"The {n}th paragraph of the story says what happened at the pier in some detail." for n in range(6)
    )
    result = cleaner.clean(dump, input_type="text")
    headline = next(
        segment
        for segment in cleaner.Cleaner().clean(dump).segments
        if segment.text == story and segment.kept
    )
    assert story in result and headline.kind is Kind.HEADING and headline.level == 1


def test_cli_html_format_and_links_flag(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<p>A <a href="/b">link</a> in <em>a</em> fragment.</p>')
    code, out, _ = run(
        "clean", "--format", "html", "--links", "--url", "https://example.org/a", "-", stdin=page.read_bytes()
    )
    assert code == 0 and '<p>A <a href="https://example.org/b">link</a> in <em>a</em> fragment.</p>' in out
    code, _, _ = run("clean", "--format", "html", "-o", str(tmp_path / "out") + "/", str(page))
    assert code == 0 and [p.name for p in (tmp_path / "out").iterdir()] == ["page.html"]
    code, _, err = run("clean", "--explain", "--format", "html", str(page))
    assert code == 2 and "not html" in err


@pytest.mark.parametrize("case", sample_dirs(), ids=lambda case: case.name)
def test_samples_text_is_the_same_with_links_on(case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert cleaner.clean(sample_input(case).read_bytes(), links=True) + "\n" == expected


@pytest.mark.parametrize(
    "href", ["java&#10;script:alert(1)", " JavaScript:void", "vbscript:msgbox", "data:,x"]
)
def test_unsafe_links_are_dropped_on_both_paths(href: str) -> None:
    page = f'<p>Click <a href="{href}">here</a> or <a href="mailto:a@example.org">write</a>.</p>'
    result = clean(page, links=True)
    assert to_markdown(result) == "Click here or [write](mailto:a@example.org)."
    assert '<p>Click here or <a href="mailto:a@example.org">write</a>.</p>' in to_html(result)
    # A dump's Markdown link target reads as CommonMark reads it, its entities decoded.
    target = href.strip().replace("&#10;", "&#9;").replace("(1)", "")
    dump = f"See [here]({target}) and [there](ftp://example.org/f).\n"
    linked = to_markdown(cleaner.Cleaner(Config(links=True, input_type="text")).clean(dump))
    assert linked == "See here and [there](ftp://example.org/f)."


def test_a_markdown_link_target_keeps_an_ampersand_that_looks_like_an_entity() -> None:
    page = '<p>See <a href="/q?a=1&amp;lt;2&amp;b=3">the query</a>.</p>'
    assert markdown(page, links=True) == "See [the query](https://example.org/q?a=1\\&lt;2&b=3)."


def test_markdown_escapes_what_would_read_as_markup() -> None:
    page = (
        "<h2>C# ##</h2><h3>#</h3><p>The tag &lt;script&gt;, a_b_c _d_, 2 * 3 * 4 &amp; 5, [x] `y` \\ &amp;amp;</p>"
        "<p># not a heading</p><p>1. not a list</p><blockquote>&gt; not nested</blockquote>"
        "<ul><li>- a dash</li><li>+ plus</li></ul><p>Some <b>bold_text</b>.</p>"
        "<table><tr><td>c\\|d</td><td>e</td></tr></table>"
    )
    assert to_markdown(clean(page)) == (
        "## C# #\\#\n\n### \\#\n\n"
        "The tag \\<script>, a_b_c \\_d\\_, 2 \\* 3 \\* 4 & 5, \\[x\\] \\`y\\` \\\\ \\&amp;\n\n"
        "\\# not a heading\n\n1\\. not a list\n\n> \\> not nested\n\n- \\- a dash\n- \\+ plus\n\n"
        "Some **bold_text**.\n\n| c\\\\\\|d | e |\n| --- | --- |"
    )


def test_a_dump_list_keeps_the_numbers_its_lines_show() -> None:
    dump = "3. Three to go.\n2. Two to go.\n1. One to go.\n\nA line between.\n- 3. a bullet, not a number\n"
    result = cleaner.Cleaner(Config(input_type="text")).clean(dump)
    assert to_markdown(result) == (
        "3. Three to go.\n2. Two to go.\n1. One to go.\n\nA line between.\n\n- 3\\. a bullet, not a number"
    )
    assert '<ol><li value="3">Three to go.</li><li value="2">Two to go.</li>' in to_html(result)


@pytest.mark.parametrize(
    ("html", "numbers"),
    [
        ('<ol start="4"><li>a</li><li>b</li></ol>', "4. a\n5. b"),
        ("<ol reversed><li>a</li><li>b</li><li>c</li></ol>", "3. a\n2. b\n1. c"),
        ('<ol><li>a</li><li value="10">b</li><li>c</li></ol>', "1. a\n10. b\n11. c"),
        ('<ol start="x"><li>a</li><li>b</li></ol>', "1. a\n2. b"),
        ('<ol start=" 3rd"><li>a</li></ol>', "3. a"),  # read as a browser reads it
        ('<ol start="0"><li>a</li><li>b</li></ol>', "1. a\n2. b"),  # Markdown shows no 0 or below
        ('<ol start="99999999999"><li>a</li></ol>', "1. a"),  # nor over 9 digits
    ],
)
def test_a_page_list_keeps_the_numbers_a_browser_shows(html: str, numbers: str) -> None:
    assert markdown(html) == numbers


def test_separate_lists_stay_separate() -> None:
    result = clean("<ol><li>one</li><li>two</li></ol><ol><li>again one</li></ol>")
    assert "<ol><li>one</li><li>two</li></ol>\n<ol><li>again one</li></ol>" in to_html(result)
    assert to_markdown(result) == "1. one\n2. two\n\n1) again one"  # not one list of three
    bullets = clean("<ul><li>a</li></ul><ul><li>b</li></ul><ul><li>c</li></ul><ol><li>d</li></ol>")
    assert to_markdown(bullets) == "- a\n\n* b\n\n- c\n\n1. d"
    dump = "1. one\n2. two\nBetween the lists.\n1. again one\n"
    items = [s for s in cleaner.Cleaner(Config(input_type="text")).clean(dump).segments if s.ordered]
    assert [item.list_number for item in items] == [1, 1, 2]


def test_the_library_renders_a_result() -> None:
    result = cleaner.Cleaner(Config(links=True)).clean('<p>A <a href="/b">link</a>.</p>', url=URL)
    assert {"to_markdown", "to_html"} <= set(cleaner.__all__)
    assert cleaner.to_markdown(result) == "A [link](https://example.org/b)."
    assert '<p>A <a href="https://example.org/b">link</a>.</p>' in cleaner.to_html(result)


def test_lists_in_a_row_stay_apart_when_the_markdown_is_cleaned_again() -> None:
    intro = "We went camping by the lake last weekend, and this is what we packed for the two nights. " * 2
    page = (
        f"<h1>Packing for the lake</h1><p>{intro}</p><ul><li>bread</li><li>milk</li></ul>"
        f"<ul><li>tent</li><li>rope</li></ul><ol><li>drive</li></ol><ol><li>walk</li></ol><p>{intro}</p>"
    )
    first = to_markdown(clean(page))
    again = to_markdown(cleaner.Cleaner(Config(input_type="text")).clean(first))
    assert "- milk\n\n* tent" in first and again == first
