"""What cleaning produces: segments with their labels, and the result that carries them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal


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


@dataclass(frozen=True, kw_only=True)
class Segment:
    """One block of the input in page order; `reason` says why a removed one was removed."""

    index: int
    text: str
    kind: Kind = Kind.PARAGRAPH
    label: Label = Label.CONTENT
    reason: str = ""
    score: float | None = None

    @property
    def kept(self) -> bool:
        return self.label.kept


@dataclass(frozen=True, kw_only=True)
class Metadata:
    """What a page says about itself: its title, author, publication date (ISO) and canonical URL."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """What an extraction path gives the pipeline: every block of the page in order, labelled, and the
    page's metadata. `deduplicated`: the path already labelled the page's own repeats."""

    segments: list[Segment]
    metadata: Metadata
    deduplicated: bool = False


@dataclass(frozen=True, kw_only=True)
class Result:
    """The cleaned page: its text and metadata, and every segment with its label."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    input_type: Literal["html", "text"] = "text"
    segments: tuple[Segment, ...] = field(default=(), repr=False)

    def metadata(self) -> dict[str, Any]:
        """The fields a JSON record carries besides the text."""
        return {
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "url": self.url,
            "input_type": self.input_type,
        }
