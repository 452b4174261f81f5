"""The metadata cascade on small pages: where each field comes from when the usual tags are missing."""

from __future__ import annotations

from lxml.html import document_fromstring

from cleaner.html.meta import read_metadata


def _meta(html: str) -> tuple[str | None, str | None, str | None]:
    found = read_metadata(document_fromstring(html))
    return found.title, found.author, found.date


def test_character_references_in_json_ld_are_resolved() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": "BlogPosting", '
        '"headline": "Tips &amp; tricks &#8211; part 2"}</script></head><body><p>x</p></body></html>'
    )
    assert _meta(page)[0] == "Tips & tricks – part 2"


def test_the_site_name_is_cut_from_an_og_title() -> None:
    page = '<html><head><meta property="og:title" content="How tides turn turbines | The Coastal Times"></head></html>'
    assert _meta(page)[0] == "How tides turn turbines"


def test_a_byline_element_gives_the_author_without_its_by() -> None:
    page = '<html><body><p class="authorName">By Ada Marsh</p><p>Text of the story.</p></body></html>'
    assert _meta(page)[1] == "Ada Marsh"


def test_the_author_of_any_article_object_in_a_json_ld_graph_counts() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage", "name": "x"}, '
        '{"@type": "Article", "author": {"name": "aawoods"}}]}</script></head></html>'
    )
    assert _meta(page)[1] == "aawoods"


def test_a_date_element_gives_the_date() -> None:
    page = '<html><body><span class="post-date">Published March 4, 2024</span><p>Text.</p></body></html>'
    assert _meta(page)[2] == "2024-03-04"
