"""A Markdown export's inline markup: what a reader sees of a line, and its styled runs."""

import pytest

import cleaner
from cleaner import Config
from cleaner.document import Inline
from cleaner.output.markup import to_markdown
from cleaner.text.inline import runs, visible
from cleaner.text.segment import segment_lines


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("Read [the guide](https://example.org/guide) first.", "Read the guide first."),
        ('A link [with a title](/a "The title").', "A link with a title."),
        (
            "Some **bold**, __bold__, *italic*, _italic_ and `code`.",
            "Some bold, bold, italic, italic and code.",
        ),
        ("An escaped \\*star\\* and snake\\_case.", "An escaped *star* and snake_case."),
        ("A photo ![Two trees](/trees.jpg) in the text.", "A photo in the text."),
        ("[![Logo](/logo.svg)](/) [Home](/)", "Home"),  # a linked image shows no text
    ],
)
def test_a_line_shows_its_links_text_and_its_styles_without_their_marks(line: str, shown: str) -> None:
    assert visible(line) == shown


@pytest.mark.parametrize(
    "text", ["2 ** 3 ** 4", "5 * 3 * 2", "snake_case_name", "[1] and [2]", "a [b] (c)", "** ** **", "[[[["]
)
def test_what_only_looks_like_markup_is_text(text: str) -> None:
    assert visible(text) == text


def test_runs_keep_link_targets_and_styles() -> None:
    assert runs("See [the map](https://example.org/map) and **this**.", links=True) == (
        Inline("See "),
        Inline("the map", href="https://example.org/map"),
        Inline(" and "),
        Inline("this", bold=True),
        Inline("."),
    )


def test_a_dump_block_is_read_as_shown_and_written_as_the_dump_has_it() -> None:
    [heading, item, image_free] = segment_lines(
        "# [Tiny forests](/forests)\n\n- a **native** species\n\n![](/photo.jpg)\n\nText ![x](/x.png) here."
    )
    assert (heading.kind, heading.text, heading.line) == (
        cleaner.Kind.HEADING,
        "Tiny forests",
        "# [Tiny forests](/forests)",
    )
    assert (item.kind, item.text) == (cleaner.Kind.LIST_ITEM, "a native species")
    assert image_free.text == "Text here."  # an image alone on its line is no block


def test_a_markdown_exports_title_is_its_headlines_text() -> None:
    dump = (
        "[Why cities plant tiny forests](https://example.org/forests)\n\n- [Home](/)\n- [News](/news)\n\n"
        "# [Why cities plant tiny forests](https://example.org/forests)\n\n"
        "A tiny forest is about the size of a tennis court, yet it holds hundreds of young trees planted close "
        "together. Cities like them because they need little land and almost no care after three years.\n"
    )
    result = cleaner.Cleaner(Config(input_type="text")).clean(dump)
    assert result.title == "Why cities plant tiny forests"


def test_cleaning_the_markdown_output_of_a_markdown_export_changes_nothing() -> None:
    dump = (
        "# Tiny forests\n\nA tiny forest holds *hundreds* of [young trees](/trees) planted close together, "
        "and snake\\_case stays as written. Cities like them because they need little land and little care.\n"
    )
    first = to_markdown(cleaner.Cleaner(Config(input_type="text", links=True)).clean(dump))
    again = to_markdown(cleaner.Cleaner(Config(input_type="text", links=True)).clean(first))
    assert again == first


def test_markup_inside_styled_text_is_read_too() -> None:
    assert runs("*By [Ann Lee](/ann), May 2*", links=True) == (
        Inline("By ", italic=True),
        Inline("Ann Lee", italic=True, href="/ann"),
        Inline(", May 2", italic=True),
    )
