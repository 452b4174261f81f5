"""The metadata cascade on small pages: where each field comes from when the usual tags are missing."""

from __future__ import annotations

import pytest
from lxml.html import document_fromstring

import cleaner
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


def test_words_on_two_lines_of_a_heading_or_byline_stay_two_words() -> None:
    page = (
        "<html><body><h1>Top programs of 2025<br>Your guide</h1>"
        '<p class="byline">By <a rel="author">Ada<br>Marsh</a></p><p>Text of the story.</p></body></html>'
    )
    assert _meta(page)[:2] == ("Top programs of 2025 Your guide", "Ada Marsh")
    assert _meta('<html><body><h1 class="date"><span>March 3,</span><div>2025</div></h1></body></html>')[
        2
    ] == ("2025-03-03")


def test_metadata_is_in_composed_form_as_the_text_is() -> None:
    assert _meta("<html><head><title>Cafe\u0301 opens</title></head></html>")[0] == "Caf\u00e9 opens"
    assert _meta("<html><head><title>Grund&shy;gesetz</title></head></html>")[0] == "Grundgesetz"


def test_a_byline_element_gives_the_author_without_its_by() -> None:
    page = '<html><body><p class="authorName">By Ada Marsh</p><p>Text of the story.</p></body></html>'
    assert _meta(page)[1] == "Ada Marsh"


@pytest.mark.parametrize(
    ("author_meta", "byline", "author"),
    [
        ("", "Text by Ada Marsh -", "Ada Marsh"),
        ("", "Ada Marsh – Ada Marsh", "Ada Marsh"),
        ("", "Posted by:", None),
        ("", "Di Wang", "Di Wang"),
        ("undefined", "By Ada Marsh", "Ada Marsh"),
        ("page.head.author", "", None),
    ],
)
def test_an_author_is_a_name_not_its_lead_its_repeat_or_a_placeholder(
    author_meta: str, byline: str, author: str | None
) -> None:
    page = (
        f'<html><head><meta name="author" content="{author_meta}"></head><body>'
        f'<p class="byline">{byline}</p><p>Text of the story.</p></body></html>'
    )
    assert _meta(page)[1] == author


def test_the_author_of_any_article_object_in_a_json_ld_graph_counts() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage", "name": "x"}, '
        '{"@type": "Article", "author": {"name": "aawoods"}}]}</script></head></html>'
    )
    assert _meta(page)[1] == "aawoods"


def test_a_json_ld_author_nested_deep_in_lists_is_read_one_level_only() -> None:
    deep = (
        "[" * 900 + '{"name": "Buried"}' + "]" * 900
    )  # as deep as json.loads reads, past what recursion could
    page = (
        '<html><head><script type="application/ld+json">{"@type": "Article", "author": '
        f'[{{"name": "Ada Marsh"}}, "Ben Ode", {deep}]}}</script></head></html>'
    )
    assert _meta(page)[1] == "Ada Marsh, Ben Ode"


def test_a_date_element_gives_the_date() -> None:
    page = '<html><body><span class="post-date">Published March 4, 2024</span><p>Text.</p></body></html>'
    assert _meta(page)[2] == "2024-03-04"


@pytest.mark.parametrize(
    "shown",
    [
        "Veröffentlicht am 4. März 2024",
        "4.3.2024, 10:15 Uhr",
        "Publié le 4 mars 2024",
        "4 de marzo de 2024",
        "4 de março de 2024",
        "4 marzo 2024",
        "4 maart 2024",
        "4 marca 2024 r.",
    ],
)
def test_a_date_element_in_another_language_gives_the_date(shown: str) -> None:
    page = f'<html><body><span class="post-date">{shown}</span><p>Text.</p></body></html>'
    assert _meta(page)[2] == "2024-03-04"


@pytest.mark.parametrize(
    "shown", ["Gen 5 2022", "Set 3 2024", "Sold out 12 2024", "May 5, 2000mAh", "31.02.2024", "v1.2.10.2024"]
)
def test_a_date_element_whose_text_is_no_date_gives_none(shown: str) -> None:
    page = f'<html><body><span class="post-date">{shown}</span><p>Text.</p></body></html>'
    assert _meta(page)[2] is None


def test_a_date_with_slashes_is_not_read_day_first_or_month_first() -> None:
    page = '<html><body><span class="post-date">4/3/2024</span><p>Text.</p></body></html>'
    assert _meta(page)[2] is None


def _titled(ld_headline: str, h1: str, title: str, og: str = "") -> str:
    og_tag = f'<meta property="og:title" content="{og}">' if og else ""
    return (
        f'<html><head><title>{title}</title>{og_tag}<script type="application/ld+json">{{"@type": "Article", '
        f'"headline": "{ld_headline}"}}</script></head><body><h1>{h1}</h1><p>Text.</p></body></html>'
    )


def test_a_headline_field_that_no_other_source_backs_is_not_the_title() -> None:
    # a JSON-LD headline holding the page's description, while <h1>, <title> and og:title name the page
    page = _titled(
        "Nocturnal bird of prey found on every continent but Antarctica",
        "Barn owl",
        "Barn owl - Encyclopedia of Birds",
        og="Barn owl - Encyclopedia of Birds",
    )
    assert _meta(page)[0] == "Barn owl"


def test_a_headline_field_backed_by_the_title_tag_beats_an_odd_h1() -> None:
    page = _titled("Why barn owls hunt by ear", "The Owl Blog", "Why barn owls hunt by ear | The Owl Blog")
    assert _meta(page)[0] == "Why barn owls hunt by ear"


@pytest.mark.parametrize(
    ("ld_headline", "h1", "site", "title"),
    [
        # the <h1> gives the headline alone
        (
            "Why barn owls hunt by ear | Owl Notes",
            "Why barn owls hunt by ear",
            "",
            "Why barn owls hunt by ear",
        ),
        # the suffix is the site's name (og:site_name holds it)
        ("Why barn owls hunt by ear - Owl Notes", "Owls", "Owl Notes Magazine", "Why barn owls hunt by ear"),
        # nothing says the last part is a site: it is the headline's own
        ("Nintendo Switch – OLED Model", "Nintendo Switch – OLED Model", "", "Nintendo Switch – OLED Model"),
    ],
)
def test_a_headline_written_as_a_title_tag_loses_its_site_name(
    ld_headline: str, h1: str, site: str, title: str
) -> None:
    page = _titled(ld_headline, h1, f"{ld_headline} - Shop", og=ld_headline).replace(
        "</head>", f'<meta property="og:site_name" content="{site}"></head>' if site else "</head>"
    )
    assert _meta(page)[0] == title


def test_with_one_source_only_it_is_the_title() -> None:
    page = '<html><head><script type="application/ld+json">{"@type": "Article", "headline": "Owls"}</script></head></html>'
    assert _meta(page)[0] == "Owls"


def _canonical(head: str, url: str | None = None) -> str | None:
    return read_metadata(
        document_fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>"), url
    ).url


def test_a_relative_canonical_url_is_resolved_against_the_page_url() -> None:
    link = '<link rel="canonical" href="/birds/barn-owl?ref=1">'
    assert _canonical(link, "https://example.org/a/b.html") == "https://example.org/birds/barn-owl?ref=1"
    assert _canonical('<link rel="canonical" href="barn-owl">', "https://example.org/a/b") == (
        "https://example.org/a/barn-owl"
    )


def test_a_relative_canonical_url_is_resolved_against_the_base_href() -> None:
    base = '<base href="https://birds.example.net/en/">'
    assert _canonical(base + '<link rel="canonical" href="owl">') == "https://birds.example.net/en/owl"
    relative_base = '<base href="/en/">'
    assert _canonical(relative_base + '<link rel="canonical" href="owl">', "https://birds.example.net/x") == (
        "https://birds.example.net/en/owl"
    )


def test_a_canonical_url_is_absolute_or_absent() -> None:
    assert _canonical('<link rel="canonical" href="/birds/barn-owl">') is None
    assert _canonical('<meta property="og:url" content="https://example.org/o">', "https://x.org/") == (
        "https://example.org/o"
    )


def test_the_result_url_of_a_page_with_a_relative_canonical_is_absolute() -> None:
    page = '<html><head><link rel="canonical" href="/owl"></head><body><p>Owls hunt by ear.</p></body></html>'
    assert cleaner.Cleaner().clean(page).url is None
    assert cleaner.Cleaner().clean(page, url="https://example.org/x").url == "https://example.org/x"


def _page(head: str, body: str = "<p>x</p>", html_attrs: str = "") -> str:
    return f"<html{html_attrs}><head>{head}</head><body>{body}</body></html>"


def test_opengraph_gives_site_name_description_and_image() -> None:
    found = read_metadata(
        document_fromstring(
            _page(
                '<meta property="og:site_name" content="The Coastal Times">'
                '<meta property="og:description" content="Why the tide &amp; the turbine agree.">'
                '<meta property="og:image" content="https://cdn.example.org/tide.jpg">'
            )
        )
    )
    assert (found.sitename, found.description, found.image) == (
        "The Coastal Times",
        "Why the tide & the turbine agree.",
        "https://cdn.example.org/tide.jpg",
    )


def test_meta_description_comes_before_og_description() -> None:
    head = '<meta property="og:description" content="Share text"><meta name="description" content="Summary">'
    assert read_metadata(document_fromstring(_page(head))).description == "Summary"


def test_json_ld_gives_publisher_image_and_keywords() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tides",'
        ' "publisher": {"@type": "Organization", "name": "Coastal Times"},'
        ' "image": [{"@type": "ImageObject", "url": "/img/tide.jpg"}],'
        ' "keywords": ["energy", "tides"], "articleSection": "Science"}</script>'
    )
    found = read_metadata(document_fromstring(_page(head)), "https://example.org/news/tides")
    assert found.sitename == "Coastal Times"
    assert found.image == "https://example.org/img/tide.jpg"
    assert found.tags == ("energy", "tides", "Science")


def test_the_site_name_falls_back_to_the_title_suffix() -> None:
    head = "<title>How tides turn turbines | The Coastal Times</title>"
    found = read_metadata(document_fromstring(_page(head, "<h1>How tides turn turbines</h1>")))
    assert (found.title, found.sitename) == ("How tides turn turbines", "The Coastal Times")


@pytest.mark.parametrize(
    ("title", "headline", "site"),
    [
        ("Apple unveils a thinner phone | Apple", "Apple unveils a thinner phone", "Apple"),  # a word of it
        ("The chip maker said it | AI", "The chip maker said it", "AI"),  # `ai` inside `said`, not a part
        ("Tides turn turbines | Tides turn turbines", "Tides turn turbines", None),  # the headline twice
        ("Nadal beats Federer - again", "Nadal beats Federer - again", None),  # the headline's own end
    ],
)
def test_the_title_suffix_is_the_site_unless_it_is_the_headline(
    title: str, headline: str, site: str | None
) -> None:
    found = read_metadata(document_fromstring(_page(f"<title>{title}</title>", f"<h1>{headline}</h1>")))
    assert (found.title, found.sitename) == (headline, site)


def test_a_relative_image_is_made_absolute_against_the_base() -> None:
    head = '<base href="https://static.example.org/site/"><meta property="og:image" content="img/a.png">'
    found = read_metadata(document_fromstring(_page(head)), "https://example.org/page")
    assert found.image == "https://static.example.org/site/img/a.png"


def test_a_relative_image_with_nothing_to_resolve_it_is_dropped() -> None:
    found = read_metadata(document_fromstring(_page('<meta name="twitter:image" content="/a.png">')))
    assert found.image is None


def test_tags_are_each_kept_once_in_page_order() -> None:
    head = (
        '<meta property="article:tag" content="Energy"><meta property="article:tag" content="Tides">'
        '<meta name="keywords" content="tides, coast,energy , Turbines">'
    )
    assert read_metadata(document_fromstring(_page(head))).tags == ("Energy", "Tides", "coast", "Turbines")


def test_the_declared_language_is_the_primary_subtag() -> None:
    assert read_metadata(document_fromstring(_page("", html_attrs=' lang="pt-BR"'))).declared_language == "pt"
    content_language = '<meta http-equiv="Content-Language" content="de_AT">'
    assert read_metadata(document_fromstring(_page(content_language))).declared_language == "de"


def test_canonical_and_image_follow_the_link_rule() -> None:
    page = (
        '<html><head><base href="/news/"><link rel="canonical" href="JavaScript:alert(1)">'
        '<meta property="og:image" content="img/lead.jpg"></head><body><p>x</p></body></html>'
    )
    metadata = read_metadata(document_fromstring(page), "https://paper.example/a/b")
    assert metadata.url is None
    assert metadata.image == "https://paper.example/news/img/lead.jpg"
