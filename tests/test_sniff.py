import codecs

import pytest

from cleaner.errors import DecodeError
from cleaner.sniff import decode, sniff

PAGE = "<html><head><title>T</title></head><body><p>Crème brûlée, naïve café.</p></body></html>"


def test_cp1252_page_decoded_by_its_meta_charset() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">')
    assert "Crème brûlée, naïve café." in decode(page.encode("cp1252"))


def test_http_equiv_charset_is_honoured() -> None:
    page = PAGE.replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    )
    assert "Crème brûlée" in decode(page.encode("cp1252"))


def test_utf16_with_bom() -> None:
    assert decode(codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le")) == PAGE


def test_utf8_bom_is_dropped() -> None:
    assert decode(codecs.BOM_UTF8 + b"hello") == "hello"


def test_lying_charset_label_falls_back_to_the_content() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="ascii">')
    assert "Crème brûlée" in decode(page.encode("utf-8"))


def test_undeclared_utf8() -> None:
    assert decode("Zürich – 東京".encode()) == "Zürich – 東京"


@pytest.mark.parametrize("text", ["Ça va très bien, merci.", "Zürich", "Smörgåsbord är gott"])
def test_short_undeclared_latin1_text_is_not_read_as_cjk(text: str) -> None:
    assert decode(text.encode("latin-1")) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("中文的网页内容，这是一个测试", "gb2312"),
        ("日本語のテキストです", "shift_jis"),
        ("한국어 텍스트입니다", "euc-kr"),
    ],
)
def test_undeclared_cjk_text_keeps_its_encoding(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_binary_data_is_refused() -> None:
    with pytest.raises(DecodeError):
        decode(bytes(range(32)) * 100)


def test_html_document_is_html() -> None:
    assert sniff(PAGE) == "html"
    assert sniff("<!DOCTYPE html>\n<title>x</title>") == "html"
    assert sniff("  <!-- saved page -->\n<html lang=en>") == "html"


def test_page_opening_with_head_elements_before_html_is_html() -> None:
    # saved or generated pages that write a style, a script or a meta tag before <html>
    style = "<style>body { margin: 0 } p > a { color: red }</style>\n"
    script = '<script type="text/javascript">if (a < b) { document.write("<p>x</p>"); }</script>\n'
    rest = "<html><head><title>T</title></head><body><p>Text.</p></body></html>"
    assert sniff(style + rest) == "html"
    assert sniff(script + style + '<meta charset="utf-8">\n' + rest) == "html"


def test_text_opening_with_an_unclosed_style_tag_stays_text() -> None:
    dump = "<style> is the tag for CSS; put it in the head, before any <html> content you write.\n" * 3
    assert sniff(dump) == "text"
    # no catastrophic backtracking on many head-like elements that lead nowhere
    assert sniff("<style>a</style>" * 2000 + "plain text") == "text"
    assert sniff("<!--a-->" * 2000 + "plain text") == "text"


def test_html_fragment_with_much_markup_is_html() -> None:
    fragment = "<div><p>One</p><p>Two</p><ul><li>a</li><li>b</li></ul><a href='/'>home</a></div>"
    assert sniff(fragment) == "html"


def test_text_that_mentions_tags_stays_text() -> None:
    dump = (
        "How to center a div\n"
        "Wrap the element in a <div> and give the <body> a flex layout; a <p> inside a <span> is invalid.\n"
        "Then style the <a> and <li> elements, and put the <script> at the end of <html>.\n" * 3
    )
    assert sniff(dump) == "text"


@pytest.mark.parametrize("separator", ["\n", ""])
def test_a_dump_of_a_page_that_shows_markup_stays_text(separator: str) -> None:
    """A tutorial's dump, as lines or glued: its nav and prose come first, then code that is mostly tags."""
    opening = ["Blog", "Dev", "Product", "Podcast", "Build a to-do list in React: a step-by-step guide"]
    opening += ["This guide walks through building a small to-do list app, one component at a time."] * 12
    code = '<div className="card"><ul>' + '<li className="item"><span>{todo.text}</span></li>' * 12
    code += "</ul><button onClick={add}>Add</button></div>"
    assert sniff(separator.join([*opening, code, "That is the whole component."])) == "text"


def test_glued_dump_is_text() -> None:
    assert sniff("Skip to main contentThe homepageThe VergeThe Verge logo.TechReviews") == "text"


def test_deeply_nested_fragment_is_html_before_its_closing_tags_come() -> None:
    assert sniff("<div>" * 10_000 + "text" + "</div>" * 10_000) == "html"
