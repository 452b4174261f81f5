"""Markup from the page never reaches the output as text; code that shows tags on the page does."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.textutils import MARKUP_TAG

AD = '<div><a href="https://ad.doubleclick.net/click?x=1"><img src="https://ad.doubleclick.net/1.gif" border="0"></a></div>'
ESCAPED_AD = AD.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
ARTICLE = (
    "<h1>How the river flooded the old town</h1>"
    + "<p>The water rose faster than anyone in the valley remembered, and by the evening the market square "
    "stood half a metre deep. Shop owners carried what they could to the first floor.</p>"
    + "<p>By the next morning the river had fallen back, leaving mud in every cellar along the quay and a "
    "line on the walls that the town now wants to keep as a mark.</p>"
)
# Where markup that is not text hides on real pages.
PLACES = {
    "escaped block": f"<p>{ESCAPED_AD}</p>",
    "markup escaped in <noscript>": f"<noscript>{ESCAPED_AD}</noscript>",
    "markup in <noscript>": f"<noscript>{AD}</noscript>",
    "embed code in a <textarea>": '<textarea readonly><iframe src="https://video.example/1"></iframe></textarea>',
    "escaped markup in a div": f'<div class="ad-slot">{ESCAPED_AD}{ESCAPED_AD}</div>',
}


def _page(inner: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Flood</title></head><body><article>{inner}</article></body></html>"


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("shape", ("page", "fragment"))
def test_markup_never_becomes_text(place: str, shape: str) -> None:
    inner = ARTICLE.replace("</p>", f"</p>{PLACES[place]}", 1)
    result = cleaner.Cleaner().clean(_page(inner) if shape == "page" else inner)
    assert MARKUP_TAG.search(result.text) is None, result.text
    assert "half a metre deep" in result.text and "the quay" in result.text
    if place.startswith("escaped"):  # the block is there, removed with its reason
        assert any(s.reason.startswith("markup, not text") for s in result.segments if not s.kept)


@pytest.mark.parametrize(
    "code",
    (
        '<pre>&lt;div class="card"&gt;&lt;a href="/"&gt;Home&lt;/a&gt;&lt;/div&gt;</pre>',
        '<p><code>&lt;div class="card"&gt;&lt;a href="/"&gt;Home&lt;/a&gt;&lt;/div&gt;</code></p>',
    ),
)
def test_code_that_shows_tags_stays(code: str) -> None:
    text = cleaner.clean(f"{ARTICLE}{code}")
    assert '<div class="card"><a href="/">Home</a></div>' in text


def test_prose_that_mentions_a_tag_stays() -> None:
    sentence = "Wrap the figure in a &lt;figure&gt; element and give it a &lt;figcaption&gt; for its caption."
    assert "Wrap the figure in a <figure> element" in cleaner.clean(f"{ARTICLE}<p>{sentence}</p>")
