"""HTML fragments (a CMS article body, an RSS item, a lone paragraph) are HTML, and keep their text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cleaner
from cleaner import Cleaner
from cleaner.sniff import sniff

TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
PARAGRAPHS = (
    "The council voted on Tuesday to keep the old library open for another five years.",
    "Residents had collected more than four thousand signatures in the spring.",
    "The building needs a new roof, which the city will pay for out of next year's budget.",
)
FRAGMENTS = {
    "one paragraph": f"<p>{PARAGRAPHS[0]}</p>",
    "paragraphs": "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS),
    "CMS body": (
        '<div class="entry-content" itemprop="articleBody">\n'
        + f"<h2>Library stays open</h2>\n<p><strong>{PARAGRAPHS[0]}</strong></p>\n"
        + f'<figure><img src="library.jpg" alt=""><figcaption>{PARAGRAPHS[1]}</figcaption></figure>\n'
        + f"<p>{PARAGRAPHS[2].replace('new roof', '<a href=/roof>new roof</a>')}</p>\n</div>\n"
    ),
    "RSS item body": (
        "<!-- item 1 -->\n"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + '<p><a href="https://example.org/feed">Read more</a></p>'
        + '<img src="https://feeds.example.org/~r/pixel.gif" height="1" width="1"/>'
    ),
    "inline only": f"<em>{PARAGRAPHS[0]}</em> <b>{PARAGRAPHS[1]}</b> <span>{PARAGRAPHS[2]}</span>",
    "list": "<ul>" + "".join(f"<li>{p}</li>" for p in PARAGRAPHS) + "</ul>",
}


@pytest.mark.parametrize("name", sorted(FRAGMENTS))
def test_a_fragment_is_html_and_keeps_its_text(name: str) -> None:
    fragment = FRAGMENTS[name]
    result = Cleaner().clean(fragment)
    assert result.input_type == "html"
    assert TAG.search(result.text) is None
    kept = [p for p in PARAGRAPHS if name != "one paragraph" or p == PARAGRAPHS[0]]
    assert [p for p in kept if p not in result.text] == []


@pytest.mark.parametrize("name", sorted(FRAGMENTS))
def test_a_fragment_file_is_read_as_html(name: str, tmp_path: Path) -> None:
    path = tmp_path / "body.txt"
    path.write_bytes(FRAGMENTS[name].encode())
    assert cleaner.clean(path.read_bytes()) == cleaner.clean(FRAGMENTS[name])


def test_a_fragment_keeps_its_first_paragraphs_and_drops_its_chrome() -> None:
    fragment = (
        "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + '<aside class="related"><ul><li><a href="/a">Other story</a></li></ul></aside>'
        + "<nav><a href='/prev'>Previous</a> <a href='/next'>Next</a></nav><script>track();</script>"
    )
    text = cleaner.clean(fragment)
    assert text == "\n\n".join(PARAGRAPHS)


def test_forcing_html_on_plain_text_keeps_it() -> None:
    assert cleaner.clean(PARAGRAPHS[0], input_type="html") == PARAGRAPHS[0]


@pytest.mark.parametrize(
    "dump",
    (
        "Use the <div> element to group content, and the <span> element for inline text.\n" * 3,
        "# Notes\n\nFirst line<br>\nsecond line <br>\n\n- a list item\n",
        '<p align="center"><img src="logo.png"></p>\n\n# Project\n\nA markdown file that opens with HTML.\n',
        "Hello <b>world</b>, said the tutorial about the b element.",
    ),
)
def test_a_dump_that_mentions_tags_stays_text(dump: str) -> None:
    assert sniff(dump) == "text"
