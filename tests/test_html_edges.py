"""The HTML path's edge stage (cleaner.html.edges): chrome the block model kept at the start or end of the
main text goes, each with its reason; the headline and the body stay. And heading permalinks are no text."""

from __future__ import annotations

import cleaner
from cleaner import Cleaner, Label
from cleaner.html.edges import EdgeBlock, edge_drops
from cleaner.textutils import ENDS_AS_SENTENCE

_PARAGRAPH = EdgeBlock(words=40, link_density=0.0, sentence=True, headline=False, heading=False)
_SECTION = EdgeBlock(words=2, link_density=0.0, sentence=False, headline=False, heading=True)


def _link(words: int) -> EdgeBlock:
    return EdgeBlock(words=words, link_density=1.0, sentence=False, headline=False, heading=False)


def _drops(
    blocks: list[EdgeBlock], kept: list[bool] | None = None, inside: list[bool] | None = None
) -> dict[int, str]:
    return edge_drops(blocks, kept if kept is not None else [True] * len(blocks), inside)


def test_a_breadcrumb_before_the_body_goes() -> None:
    # Home / News / Business / Universities: one short link block per crumb, kept by the model.
    blocks = [_link(1), _link(1), _link(1), _link(1), _PARAGRAPH, _PARAGRAPH]
    drops = _drops(blocks)
    assert sorted(drops) == [0, 1, 2, 3]
    assert all("before the first paragraph" in reason for reason in drops.values())


def test_a_share_rail_after_the_body_goes() -> None:
    # "Share this:" (a lead-in, not a sentence), Facebook, X, Email, then "Related".
    lead_in = EdgeBlock(words=2, link_density=0.0, sentence=False, headline=False, heading=False)
    blocks = [_PARAGRAPH, _PARAGRAPH, lead_in, _link(1), _link(1), _link(1), lead_in]
    assert sorted(_drops(blocks)) == [2, 3, 4, 5, 6]


def test_a_tag_list_a_pager_and_other_headlines_at_the_end_go() -> None:
    # tags, "next |" and "previous |", then another story's headline, linked, written as a sentence
    headline = EdgeBlock(words=12, link_density=1.0, sentence=True, headline=False, heading=False)
    blocks = [_PARAGRAPH, _PARAGRAPH, _link(5), _link(2), _link(2), headline]
    drops = _drops(blocks)
    assert sorted(drops) == [2, 3, 4, 5]
    assert all("after the last paragraph" in reason for reason in drops.values())


def test_the_headline_and_the_heading_opening_the_body_stay() -> None:
    headline = EdgeBlock(words=6, link_density=0.0, sentence=False, headline=True, heading=False)
    assert list(_drops([_link(1), headline, _SECTION, _PARAGRAPH, _PARAGRAPH])) == [0]
    assert list(_drops([headline, _SECTION, _link(1), _PARAGRAPH])) == [1, 2]  # a heading over chrome
    assert list(_drops([_PARAGRAPH, _SECTION, _link(3)])) == [1, 2]  # "Related" and its links


def test_blocks_the_model_dropped_are_left_alone() -> None:
    assert _drops([_link(1), _PARAGRAPH, _link(1)], [False, True, False]) == {}


def test_a_read_also_link_inside_the_body_goes_but_a_listing_keeps_its_items() -> None:
    teaser = _link(9)
    assert list(_drops([_PARAGRAPH, teaser, _PARAGRAPH, _PARAGRAPH])) == [1]
    listing = [_PARAGRAPH] + [teaser, _PARAGRAPH] * 6
    assert _drops(listing) == {}
    assert _drops([teaser, *listing]) == {}  # the first item's headline too


def test_a_page_of_short_items_is_not_trimmed() -> None:
    # A collection: a line of prose, then many short product links, which are its content.
    assert _drops([_PARAGRAPH] + [_link(4)] * 30) == {}
    # The same after a long description: more short blocks at one edge than a rail holds.
    assert _drops([_PARAGRAPH] * 20 + [_link(4)] * 30) == {}


_ARTICLE = """<!DOCTYPE html><html><head><title>Why the ferry timetable changed</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/news/transport">Transport</a></li></ol></nav>
<h1>Why the ferry timetable changed<a class="headerlink" href="#top" title="Permalink">¶</a></h1>
<h2 id="winter">Winter sailings<a href="#winter">#</a></h2>
{paragraphs}
<div class="tags"><a href="/t/ferries">Ferries</a>, <a href="/t/islands">Islands</a></div>
<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="/s/fb">Facebook</a></li>
<li><a href="/s/x">X</a></li></ul></div>
<nav class="post-navigation"><a href="/prev">« previous</a> | <a href="/next">next »</a></nav>
</article></main><footer><p>© 2025 The Island Courier</p></footer></body></html>"""
_SENTENCES = (
    "The island ferry will sail twice more each weekday from April, the operator said on Monday, after a "
    "year in which the last boat of the evening left dozens of commuters waiting on the quay.",
    "The new timetable moves the first crossing half an hour earlier and adds a late sailing at ten, which "
    "the operator says it can staff now that two more crews have finished their training.",
    "Islanders had asked for the change at three public meetings, and the council agreed to cover part of "
    "the cost of the extra fuel for the first two years of the new timetable.",
)


def test_a_page_with_chrome_around_its_article_keeps_the_article_only() -> None:
    page = _ARTICLE.format(paragraphs="".join(f"<p>{text}</p>" for text in _SENTENCES * 2))
    result = Cleaner().clean(page)
    lines = result.text.splitlines()
    assert all(text in result.text for text in _SENTENCES)
    for chrome in ("Transport", "Ferries", "Share this", "Facebook", "next »", "previous"):
        assert chrome not in result.text
    assert lines[0] in ("Why the ferry timetable changed", "Winter sailings", _SENTENCES[0])
    assert "Winter sailings" in lines  # the heading that opens the first paragraph
    assert all(segment.reason for segment in result.segments if segment.label is not Label.CONTENT)


def test_heading_permalinks_are_not_text() -> None:
    page = _ARTICLE.format(paragraphs="".join(f"<p>{text}</p>" for text in _SENTENCES))
    result = Cleaner().clean(page)
    assert result.title == "Why the ferry timetable changed"
    texts = [segment.text for segment in result.segments]
    assert "Why the ferry timetable changed" in texts
    assert "Winter sailings" in texts
    assert not any(text.endswith(("¶", "#")) for text in texts)


def test_a_hash_link_with_words_is_text() -> None:
    page = "<html><body><p>" + _SENTENCES[0] + ' See <a href="#notes">the notes</a>.</p></body></html>'
    assert "See the notes." in cleaner.clean(page)


def _item(words: int, parent: int, link_density: float = 0.0) -> EdgeBlock:
    return EdgeBlock(words, link_density, False, False, False, item=True, parent=parent)


def _row(words: int) -> EdgeBlock:
    return EdgeBlock(words, 0.0, False, False, False, row=True, parent=7)


def test_a_table_after_the_body_stays_with_its_heading() -> None:
    # <h2>Specifications</h2> and six short rows ("Weight 2 kg"): no sentence, but a table is no chrome.
    assert _drops([_PARAGRAPH, _PARAGRAPH, _SECTION, *[_row(3)] * 6]) == {}
    # outside the main region too, and the tag list after it still goes
    blocks = [_PARAGRAPH, _SECTION, *[_row(3)] * 6, _link(2), _link(2)]
    assert sorted(_drops(blocks, inside=[True] * 2 + [False] * 8)) == [8, 9]


def test_a_list_of_text_after_the_body_stays_with_its_heading() -> None:
    # <h2>Steps</h2> then "Open the box", "Plug it in", "Press the button": one list, judged as one.
    steps = [_item(3, parent=4), _item(4, parent=4), _item(3, parent=4)]
    assert _drops([_PARAGRAPH, _PARAGRAPH, _SECTION, *steps]) == {}
    # the same items outside the main region are judged one by one, as chrome
    assert sorted(_drops([_PARAGRAPH, *steps], inside=[True, False, False, False])) == [1, 2, 3]


def test_a_list_of_links_after_the_body_still_goes() -> None:
    # tags or a rail: a <ul> whose items are links, even with a heading and one item of plain text
    tags = [_item(1, 5, 1.0), _item(2, 5, 1.0), _item(1, 5, 1.0), _item(1, 5)]
    assert sorted(_drops([_PARAGRAPH, _PARAGRAPH, _SECTION, *tags])) == [2, 3, 4, 5, 6]
    # two lists side by side are two units: the text one stays, the link one goes
    blocks = [_PARAGRAPH, _item(3, 4), _item(3, 4), _item(1, 5, 1.0), _item(1, 5, 1.0)]
    assert sorted(_drops(blocks)) == [3, 4]


def test_sentence_ends_of_other_scripts_and_closing_quotes_count() -> None:
    for text in (
        "他说这是最后一次。",
        "本当ですか？",
        "यह अंतिम वाक्य है।",
        "هل هذا صحيح؟",
        "He said “no.”",
        "「終わり。」",
    ):
        assert ENDS_AS_SENTENCE.search(text), text
    for text in ("Share this:", "Tags", "the excerpt goes on […]"):
        assert not ENDS_AS_SENTENCE.search(text), text


_SPECS_PAGE = """<html><head><title>The Kettle 2 review</title></head><body>
<nav><a href="/">Home</a> <a href="/reviews">Reviews</a></nav><main><article><h1>The Kettle 2 review</h1>
{paragraphs}<h2>Specifications</h2><table>{rows}</table>
<h2>Before first use</h2><ol><li>Fill it to the line with water</li><li>Boil the water once</li>
<li>Pour that water away</li></ol>
<ul class="tags"><li><a href="/t/kettles">Kettles</a></li><li><a href="/t/kitchen">Kitchen</a></li>
<li><a href="/t/reviews">Reviews</a></li></ul></article></main></body></html>"""
_SPECS = (
    ("Capacity", "1.7 l"),
    ("Power", "3 kW"),
    ("Weight", "1.2 kg"),
    ("Cord", "0.75 m"),
    ("Colour", "Grey"),
)


def test_an_article_ending_in_a_specs_table_and_steps_keeps_them_but_not_its_tags() -> None:
    rows = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in _SPECS)
    page = _SPECS_PAGE.format(paragraphs="".join(f"<p>{text}</p>" for text in _SENTENCES), rows=rows)
    lines = Cleaner().clean(page).text.splitlines()
    assert "Specifications" in lines and "Before first use" in lines
    assert all(any(name in line and value in line for line in lines) for name, value in _SPECS)
    assert "Boil the water once" in lines
    assert not {"Kettles", "Kitchen", "Reviews"} & set(lines)
