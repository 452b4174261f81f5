"""How a page is cut into blocks: block-level elements holding text cut it, nothing else does."""

from __future__ import annotations

import lxml.html
import pytest

from cleaner.html.blocks import page_blocks
from cleaner.html.extract import parse_html

SENTENCE = "Given a set of {} high-dimensional objects, the method first computes {} probabilities."
# Inline things that sit inside a sentence on real pages; none of them may end the block.
INLINE = {
    "link": ('<a href="/x">N</a>', "N"),
    "emphasis": ("<em>N</em>", "N"),
    "span with a block-ish class": ('<span class="block d-block display-block">N</span>', "N"),
    "decorative image": ('<img src="n.svg" aria-hidden="true" alt="">', ""),
    "aria-hidden text": ('<span aria-hidden="true">N</span>', "N"),
    "MathML": ("<math><mi>N</mi></math>", "N"),
    "MathML with alttext": ('<math alttext="{\\displaystyle N}"><mi>N</mi></math>', "N"),
    # Wikipedia's inline formula: MathML hidden for screen readers, and an image drawn in its place
    "hidden MathML with a fallback image": (
        '<span class="mwe-math-element"><span class="mwe-math-mathml-inline" style="display: none;">'
        "<math><semantics><mrow><mi>N</mi></mrow>"
        '<annotation encoding="application/x-tex">{\\displaystyle N}</annotation></semantics></math></span>'
        '<img src="n.svg" class="mwe-math-fallback-image-inline" aria-hidden="true" alt="{\\displaystyle N}">'
        "</span>",
        "N",
    ),
    "hidden inline text": ('<span style="display:none">tracking pixel label</span>', ""),
    "hidden attribute": ("<span hidden>secret</span>", ""),
    "noscript around a lazy image": ('<noscript><img src="n.png"></noscript>', ""),
    "empty block element": ('<div class="media-wrapper"> </div>', ""),
    "script": ("<script>var n = 1;</script>", ""),
}


def _texts(body: str) -> list[str]:
    return [
        block.text
        for block in page_blocks(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))
    ]


@pytest.mark.parametrize("name", sorted(INLINE))
def test_an_inline_element_never_cuts_a_sentence(name: str) -> None:
    markup, reads_as = INLINE[name]
    texts = _texts("<div>" + SENTENCE.format(markup, markup) + "</div><p>Next paragraph.</p>")
    expected = " ".join(SENTENCE.format(reads_as, reads_as).split())
    assert texts == [expected, "Next paragraph."]


def test_block_elements_holding_text_still_cut() -> None:
    texts = _texts(
        "<div>Before the list<ul><li>one</li><li>two</li></ul>after it</div><section>Last</section>"
    )
    assert texts == ["Before the list", "one", "two", "after it", "Last"]


def test_hidden_block_elements_stay_blocks() -> None:
    # tabs and accordions hide content that is still the page's: the model sees the hidden bit
    texts = _texts(
        '<p>Visible tab.</p><div hidden>Second tab.</div><div style="display:none">Third tab.</div>'
    )
    assert texts == ["Visible tab.", "Second tab.", "Third tab."]


def test_soft_hyphens_are_not_text() -> None:
    # a hyphenation hint (&shy;), drawn only where a line breaks: the word stays one word
    assert _texts("<p>Die Hyphen&shy;ation hint&shy; stays in&#173;side words.</p>") == [
        "Die Hyphenation hint stays inside words."
    ]


def test_ruby_annotations_are_not_inlined() -> None:
    # the reading above the base text (and the parentheses shown without ruby support) is not read
    assert _texts("<p>The word <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt></ruby> here.</p>") == [
        "The word 漢字 here."
    ]


def test_block_text_is_nfc() -> None:
    # one word, one string: e + combining acute composes; Bengali YYA (U+09DF) is YA + nukta in NFC
    [text] = _texts("<p>Cafe\u0301 and \u09df</p>")
    assert text == "Caf\u00e9 and \u09af\u09bc"


@pytest.mark.parametrize(
    "after",
    [
        "<div><p>After the end.</p></div>",
        "<html><div><p>After the end.</p></div></html>",
        "<p>After the end.",
    ],
)
def test_what_follows_the_end_of_the_document_is_read_as_the_end_of_its_body(after: str) -> None:
    # a browser shows it at the end of the body; libxml2 makes it a second root element
    tree = parse_html(f"<html><head><title>T</title></head><body><p>First.</p></body></html>{after}")
    assert [block.text for block in page_blocks(tree)] == ["First.", "After the end."]
