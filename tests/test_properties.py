"""Properties of the API over any input, checked on generated `str` and `bytes`.

`make test` runs a few hundred examples each; `make fuzz` runs 25,000 each (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerError, Config, UnexpectedError

# Pieces of markup that parsers find hard: nesting, raw-text elements, entities, declarations, JSON-LD.
MARKUP = (
    "<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<article>", "</article>", "<h1>", "</h1>",
    "<ul><li>", "</li>", "<table><tr><td>", "</td>", "<br/>", "<script>", "</script>", "<style>",
    "<svg><template>", "<math>", "<!--", "-->", "<!DOCTYPE html>", "<![CDATA[", "]]>", "&amp;", "&lt;",
    "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "<?xml version='1.0'?>", '<meta charset="utf-16">',
    '<meta charset="no-such">', "<a href='http://example.org/'>", "</a>", "<title>", "</title>",
    '<script type="application/ld+json">', '{"@type": "Article", "headline": ', "[[[", "]]]",
    '<!DOCTYPE x [<!ENTITY a "&#38;a;&#38;a;">]>', "\x00", "\ufeff",
)  # fmt: skip
_MARKS = ("# ", "## ", "- ", "* ", "• ", "> ", "1. ", "12) ", "", "", "")
_SPACES = (" ", "  ", "\t", "\n", "\n\n", "\r\n", "\u00a0", "\u2028", "\x0c", "\x85")
_WORDS = ("Home", "News", "the", "river", "Sign in", "café", "東京", "שלום", "#", "-", ">", "<p>", "&amp;")

any_text = st.text(st.characters(exclude_categories=()), max_size=300)  # surrogates included
markup = st.lists(st.sampled_from(MARKUP) | any_text, max_size=40).map("".join)
line_dump = st.lists(
    st.tuples(st.sampled_from(_MARKS), st.lists(st.sampled_from(_WORDS) | any_text, max_size=8)),
    max_size=30,
).map(lambda lines: "\n".join(mark + " ".join(words) for mark, words in lines))
texts = any_text | markup | line_dump | line_dump.map(lambda dump: dump.replace("\n", ""))
encodings = st.sampled_from(("utf-8", "utf-16", "utf-16-be", "cp1252", "shift_jis", "utf-32"))
encoded = st.tuples(markup | line_dump, encodings).map(lambda pair: pair[0].encode(pair[1], "replace"))
raw_bytes = st.binary(max_size=2000) | encoded
configs = st.builds(
    Config,
    input_type=st.sampled_from(("auto", "html", "text")),
    dedup=st.booleans(),
    include_comments=st.booleans(),
    include_tables=st.booleans(),
)


def clean_or_none(source: str | bytes, config: Config) -> str | None:
    """The cleaned text, or None for a deliberate CleanerError; anything else fails the property."""
    try:
        return Cleaner(config).clean(source).text
    except UnexpectedError:
        raise  # an exception cleaner did not plan for, wrapped: a bug
    except CleanerError:
        return None


def without_space(text: str) -> str:
    return "".join(text.split())


def is_subsequence(part: str, whole: str) -> bool:
    rest = iter(whole)
    return all(char in rest for char in part)


@given(raw_bytes, configs)
def test_any_bytes_give_text_or_a_cleaner_error(source: bytes, config: Config) -> None:
    clean_or_none(source, config)


@given(texts, configs)
def test_any_str_gives_text_or_a_cleaner_error(source: str, config: Config) -> None:
    clean_or_none(source, config)


@given(texts, st.booleans())
def test_text_output_only_removes(source: str, dedup: bool) -> None:
    out = clean_or_none(source, Config(input_type="text", dedup=dedup))
    if out is not None:  # a dump's blocks are composed (NFC): `豈` (U+F900) is U+8C48 in the output
        assert is_subsequence(without_space(out), without_space(unicodedata.normalize("NFC", source)))


@given(texts, st.booleans())
# Found by `make fuzz`: the dump's few stopwords point to one stoplist, the kept text's to another.
@example("0\r0\r0\r0\r0\r0\r0 0 0 0 0\x1e0\r0\r0\r0:M\ru\r0:0 o\r00\r0 u©\r:B»\r0»D F:L\r# A ¹", False)
@example(
    "0 0 0 0\r0 0 0 0 0 0 0 A\r0\ri\r# a\r- Sign in 0 0 0 a\r0\r0\r0\r# Sign in\r0\x1bB» AO\r# A00\rA»", False
)
# ... and a wordless kept text's fallback stoplist, kept after the item pass took worded blocks back
@example("0\r0. A000 A 0000000000000 ©\r0.\r0) K ¹\r000000", False)
# ... and one-letter stopwords pointing to Albanian in the dump and to Finnish in the kept text
@example("1\r0 u\r0. Sign in 0 s\r0000000000000000000000A 0 0A AE m®\r- E\r• 0", False)
# ... and Bosnian's five one-letter stopwords in the dump, Finnish's in the kept text
@example("1\r0 u\r0. Sign in B: s\r# A00000000000000000000000 0 0A AE :m®\r- E\r• 0", False)
# ... and a kept text read in Finnish's stoplist after a round had changed it once, its own words English's
@example(
    "# Home the # # ½ :M\n# \n# News\n# river שלום News News News   0::\x08\n- Home Home News News  000\n"
    "# Sign in News News News 0 0:H:000000:A\n- the 0\x1e+ café שלום # F?\n# \n1. s\n#Home H\nNs he he 0 0\n"
    "# Home Home Hoome H\n#\n#",
    False,
)
def test_cleaning_the_output_again_changes_nothing(source: str, dedup: bool) -> None:
    config = Config(input_type="text", dedup=dedup)
    out = clean_or_none(source, config)
    if out is not None and out.strip():
        assert clean_or_none(out, config) == out
