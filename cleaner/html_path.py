"""The HTML path: trafilatura finds the main content, cleaner keeps its blocks apart.

This is the only module that imports trafilatura.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from .config import Config
from .document import Kind
from .errors import EmptyInputError, ExtractionError
from .html_meta import Metadata, read_metadata

# trafilatura's internal block tags, and the kind of segment each becomes.
_BLOCK_KINDS = {
    "head": Kind.HEADING,
    "p": Kind.PARAGRAPH,
    "quote": Kind.QUOTE,
    "code": Kind.CODE,
    "item": Kind.LIST_ITEM,
    "row": Kind.TABLE_ROW,
}
# Containers whose children are the blocks.
_CONTAINERS = {"list", "table", "div", "body", "article", "section"}
# libxml2 stops parsing at this many levels of nesting and drops the rest of the page.
_MAX_DEPTH = 255


@dataclass(frozen=True, kw_only=True)
class HtmlExtraction:
    blocks: list[tuple[Kind, str]]
    metadata: Metadata


def parse_html(html: str) -> HtmlElement:
    """An lxml tree of the page (trafilatura's loader copes with encoding declarations and junk)."""
    tree = load_html(html)
    if tree is None:
        raise EmptyInputError("no HTML document could be parsed from the input")
    if _last_depth(tree) >= _MAX_DEPTH:  # truncated: refuse rather than pass part of a page off as all
        raise ExtractionError(f"HTML nested {_MAX_DEPTH} levels deep or more, past what the parser reads")
    return tree


def _last_depth(tree: HtmlElement) -> int:
    """The depth of the tree's last element, where a parse cut short by nesting stopped."""
    depth = 0
    element = tree
    while len(element):
        element = element[-1]
        depth += 1
    return depth


def extract_html(html: str, config: Config, url: str | None = None) -> HtmlExtraction:
    """The main content blocks of an HTML page, in order, with the page's metadata."""
    tree = parse_html(html)
    metadata = read_metadata(tree)  # before extraction, which works on its own copy of the tree
    document = trafilatura.bare_extraction(
        tree,
        url=url or metadata.url,
        output_format="txt",  # skips the whole-body text rendering we do per block anyway
        include_comments=config.include_comments,
        include_tables=config.include_tables,
        deduplicate=False,  # trafilatura's dedup is a process-global cache; ours is scoped
        with_metadata=False,  # read_metadata is cheaper and reads the same sources
    )
    blocks: list[tuple[Kind, str]] = []
    if isinstance(document, Document):
        for body in (document.body, document.commentsbody):
            if body is not None:
                blocks.extend(_blocks(body))
    return HtmlExtraction(blocks=blocks, metadata=metadata)


def _blocks(element: _Element) -> Iterator[tuple[Kind, str]]:
    for child in element:
        tag = child.tag
        if tag in _BLOCK_KINDS:
            text = " ".join(xmltotxt(child, False).split())
            if text:
                yield _BLOCK_KINDS[tag], text
        elif tag in _CONTAINERS:
            yield from _blocks(child)
        else:  # graphics, line breaks and other inline leftovers: keep any text they carry
            text = " ".join(xmltotxt(child, False).split())
            if text:
                yield Kind.PARAGRAPH, text
