"""The benchmark's trafeval metric and site grouping on handmade examples (no data needed)."""

import pytest

from bench.metrics import SnippetCounts, snippet_counts, snippet_matches, snippet_text
from bench.trafeval import page_url, site_of


def test_snippet_text_lowercases_and_collapses_whitespace() -> None:
    assert snippet_text("  Der  Text\n\tgeht\u00a0WEITER ") == "der text geht weiter"


def test_counts_follow_trafilaturas_rules() -> None:
    output = "Home | News\n\nThe  river ROSE by two metres overnight.\nRead more: other news"
    counts = snippet_counts(
        output,
        with_snippets=["The river rose by two metres", "Residents were evacuated"],
        without_snippets=["Read more:", "Subscribe now", "Home | News"],
    )
    assert counts == SnippetCounts(tp=1, fn=1, fp=2, tn=1)
    assert counts.precision == pytest.approx(1 / 3)
    assert counts.recall == pytest.approx(1 / 2)
    assert counts.f1 == pytest.approx(2 * 1 / (2 * 1 + 2 + 1))
    assert counts.without_kept == pytest.approx(2 / 3)


def test_substring_match_not_whole_words() -> None:
    # trafilatura's evaluation checks `snippet in output`: a snippet cut mid-word still counts
    assert snippet_matches("the homemade bread", ["homema", "bread!"]) == [True, False]


def test_empty_output_and_empty_snippets() -> None:
    assert snippet_counts("", ["a b"], ["c"]) == SnippetCounts(tp=0, fn=1, fp=0, tn=1)
    assert snippet_counts("", ["a b"], ["c"]).f1 == 0.0
    assert snippet_matches("anything", ["  ", "any"]) == [None, True]
    assert snippet_counts("anything", ["  ", "any"], []) == SnippetCounts(tp=1)


def test_totals_are_summed_before_f1() -> None:
    pages = [SnippetCounts(tp=3, fn=0, fp=0, tn=3), SnippetCounts(tp=0, fn=1, fp=1, tn=0)]
    overall = sum(pages, SnippetCounts())
    assert overall == SnippetCounts(tp=3, fn=1, fp=1, tn=3)
    assert overall.f1 == pytest.approx(6 / 8)  # not the mean of the pages' F1 (0.5)


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.zeit.de/2019/43/klimaschutz", "zeit.de"),
        ("https://WWW.Example.ORG:8080/a?b=c", "example.org"),
        ("https://blog.python.org/2016/12/x.html", "blog.python.org"),
        ("https://web.archive.org/web/20160330101229/http://muffinrezept.net/muffin", "muffinrezept.net"),
        ("https://web.archive.org/web/20130307194448/the-pain.net/2008/05/x.html", "the-pain.net"),
        ("iwr.de", "iwr.de"),
    ],
)
def test_site_of(url: str, site: str) -> None:
    assert site_of(url) == site


def test_page_url_from_key_canonical_or_file_name() -> None:
    assert page_url("https://a.de/x", b"", "f.html") == "https://a.de/x"
    assert page_url("xhttps://www.zoo-berlin.de/y", b"", "f.html") == "https://www.zoo-berlin.de/y"
    html = b'<head><link href="https&#x3A;&#x2F;&#x2F;www.b.de&#x2F;z" rel="canonical"></head>'
    assert page_url("hard::b.de-z.html", html, "b.de-z.html") == "https://www.b.de/z"
    og = b'<meta property="og:url" content="https://c.com.ni/q/">'
    assert page_url("hard::c.com-q.html", og, "c.com-q.html") == "https://c.com.ni/q/"
    assert (
        page_url("hard::iwr.de.IWR-Pressedienst.html", b"", "iwr.de.IWR-Pressedienst.html") == "http://iwr.de"
    )


def test_glued_dump_reads_the_text_not_the_declared_charset() -> None:
    from bench.run import as_glued

    page = (
        '<html><head><meta charset="iso-8859-1"><title>T</title></head><body><p>Grüße – “x”</p></body></html>'
    )
    assert as_glued(page) == "TGrüße – “x”"
    assert as_glued("<html><body><p>it’s</p></body></html>") == "it’s"  # no charset declared


def test_a_glued_dump_leaves_out_every_script_and_style_and_keeps_noscript_text() -> None:
    from bench.run import as_glued

    # a template holding a style: the walk must not follow the template out of the page and stop there
    page = (
        "<html><head><style>p{color:red}</style></head><body><template><p>Later</p><style>a{}</style>"
        "</template><p>One</p><script>var a = 1;</script>"
        "<noscript><p>Posts for readers without JavaScript</p></noscript></body></html>"
    )
    assert as_glued(page) == "OnePosts for readers without JavaScript"


def test_decode_page_as_a_browser() -> None:
    from bench.trafeval import decode_page

    latin = '<meta charset="iso-8859-1"><p>„Grüße“</p>'.encode("cp1252")
    assert decode_page(latin) == '<meta charset="iso-8859-1"><p>„Grüße“</p>'
    mostly_utf8 = '<meta charset="utf-8"><p>schön</p>'.encode() + b"\xe9"
    assert decode_page(mostly_utf8) == '<meta charset="utf-8"><p>schön</p>\ufffd'
