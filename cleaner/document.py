"""What cleaning produces: segments with their labels, and the result that carries them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, Literal

from .language import text_language


class Kind(str, Enum):
    """The shape of a segment, as the input shows it."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    CODE = "code"
    TABLE_ROW = "table-row"


class Label(str, Enum):
    """Why a segment is in the output, or which rule took it out."""

    CONTENT = "content"
    OUTSIDE_MAIN = "outside-main"  # the extractor placed it outside the main content block
    BOILERPLATE = "boilerplate"  # its own look (score, vocabulary) says boilerplate
    DUPLICATE = "duplicate"  # repeats another segment
    SITE_BOILERPLATE = "site-boilerplate"  # recurs on many pages of the same site (batch --site-dedup)

    @property
    def kept(self) -> bool:
        return self is Label.CONTENT


@dataclass(frozen=True)
class Inline:
    """A run of a segment's content in one style, for the markup outputs (Markdown, HTML)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None  # an absolute URL where the page gave one (only under the `links` setting)


@dataclass(frozen=True, kw_only=True, slots=True)
class Segment:
    """One block of the input in page order; `reason` says why a removed one was removed.

    `text` is the plain text every decision and the text output use; the fields after `score` are its
    structure, which only the markup outputs read. Slots: a long dump has tens of thousands of segments,
    and a Result keeps them all.
    """

    index: int
    text: str
    kind: Kind = Kind.PARAGRAPH
    label: Label = Label.CONTENT
    reason: str = ""
    score: float | None = None
    level: int = 0  # a heading's level, 1 (the page's title) to 6; 0 when the input does not say
    ordered: bool = False  # a list item of a numbered list
    depth: int = 0  # a list item's nesting: 0 in an outermost list
    item_number: int = 0  # a numbered item's number as the input shows it; 0: counted on from the item before
    list_number: int = 0  # a list item's list, numbered from 1 in input order: the items a renderer groups
    table: int = 0  # a table row's table, numbered from 1 in page order: the rows a renderer groups
    cells: tuple[str, ...] = ()  # a table row's cells, as plain text
    header: bool = False  # a table row of header cells
    code_language: str = ""  # a code block's language, as its fence or class names it (`python`)
    inline: tuple[Inline, ...] = ()  # the content in styled runs; empty when it is `text`, unstyled

    @property
    def kept(self) -> bool:
        return self.label is Label.CONTENT  # Label.kept, without a second property call: a hot path


@dataclass(frozen=True, kw_only=True)
class Metadata:
    """What a page says about itself: its title, author, publication date (ISO), canonical URL, site name,
    description, declared language (its `<html lang>`, as an ISO 639 code), lead image and tags."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    sitename: str | None = None
    description: str | None = None
    declared_language: str | None = None  # as the page states it; Result.language is the detected one
    image: str | None = None  # absolute URL
    tags: tuple[str, ...] = ()  # keywords, categories and article tags, each once, in page order


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """What an extraction path gives the pipeline: every block of the page in order, labelled, and the
    page's metadata. `deduplicated`: the path already labelled the page's own repeats. `by_design`: which
    two segments (by index, the earlier first) repeat by design, for deduplication to keep."""

    segments: list[Segment]
    metadata: Metadata
    deduplicated: bool = False
    by_design: Callable[[int, int], bool] | None = None


@dataclass(frozen=True, kw_only=True)
class Result:
    """The cleaned page: its text and metadata, and every segment with its label.

    `language` is the cleaned text's, detected on first use (cleaner.language), else the page's
    `declared_language` when the text is too short to tell.
    """

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    sitename: str | None = None
    description: str | None = None
    declared_language: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    input_type: Literal["html", "text"] = "text"
    segments: tuple[Segment, ...] = field(default=(), repr=False)

    @cached_property
    def language(self) -> str | None:
        # lazy: the model loads on first use, and plain-text output never needs it
        return text_language(self.text) or self.declared_language

    def metadata(self) -> dict[str, Any]:
        """The fields a JSON record carries besides the text."""
        return {
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "url": self.url,
            "sitename": self.sitename,
            "description": self.description,
            "language": self.language,
            "image": self.image,
            "tags": list(self.tags),
            "input_type": self.input_type,
        }
