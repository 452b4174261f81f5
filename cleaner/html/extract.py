"""HTML extraction: every block of the page, labelled content or boilerplate by the block model.

trafilatura's main content is one of the model's cues (which blocks an article extractor would keep); the
model adds what article extractors drop (forum posts, repeated cards, product and service sections) and
takes out what they let through. This is the only module that imports trafilatura.
"""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura
from lxml.etree import LxmlError, XPathEvalError, _Element
from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.settings import Document
from trafilatura.utils import is_dubious_html, repair_faulty_html
from trafilatura.xml import xmltotxt

from ..config import Config
from ..document import Extraction, Kind, Label, Segment
from ..errors import EmptyInputError, ExtractionError
from .blocks import CUE_BITS, HtmlBlock, page_blocks
from .features import FEATURE_NAMES, Reference, block_features
from .meta import read_metadata
from .model import THRESHOLD, content_probabilities

# trafilatura's internal containers, whose children are the blocks.
_CONTAINERS = {"list", "table", "div", "body", "article", "section"}
_COMMENT_BIT = CUE_BITS["comment"]
_REFERENCE = FEATURE_NAMES.index("reference_share")
_LINK_DENSITY = FEATURE_NAMES.index("link_density")
_BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "form")
# <noscript> stays in the page (some forums serve every post in it), but a few words of its own are a notice.
_NOSCRIPT_NOTICE_WORDS = 10
# libxml2 stops parsing at this many levels of nesting and drops the rest of the page.
_MAX_DEPTH = 255


def parse_html(html: str) -> HtmlElement:
    """An lxml tree of the whole page, parsed as trafilatura's loader does (junk repaired, comments and
    processing instructions dropped) but with libxml2's size limits lifted (`huge_tree`): without it the
    parser stops at any text node over 10 MB (an inline JSON state, a `data:` image) and silently drops
    the rest of the page. What bounds the size instead is `max_bytes`, checked before parsing."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree: HtmlElement | None = None
    try:
        tree = fromstring(html, parser=_parser())
    # "Unicode strings with encoding declaration are not supported", or lxml's own errors ("Document is
    # empty"): the page is parsed again as bytes
    except (ValueError, LxmlError):
        tree = None
    if tree is None or len(tree) < 1:
        tree = _parse_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        tree = None  # not HTML at all, as trafilatura judges it
    if tree is None:
        raise EmptyInputError("no HTML document could be parsed from the input")
    if _last_depth(tree) >= _MAX_DEPTH:  # truncated: refuse rather than pass part of a page off as all
        raise ExtractionError(f"HTML nested {_MAX_DEPTH} levels deep or more, past what the parser reads")
    try:  # libxml2's XPath holds at most 10 million nodes in a node set: the extraction's queries fail past it
        tree.xpath("count(descendant::node())")
    except XPathEvalError as error:
        raise ExtractionError(
            "HTML of over 10 million nodes, past what the parser's XPath queries can hold"
        ) from error
    return tree


def _parser() -> HTMLParser:
    """A parser of its own for each page: lxml parsers must not be shared between threads."""
    return HTMLParser(  # type: ignore[call-arg]  # lxml-stubs lack default_doctype
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )


def _parse_bytes(html: str) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf-8", "surrogatepass"), parser=_parser())
    except (ValueError, LxmlError):  # an empty or unparsable document: the caller refuses it
        return None


def _last_depth(tree: HtmlElement) -> int:
    """The depth of the tree's last element, where a parse cut short by nesting stopped."""
    depth = 0
    element = tree
    while len(element):
        element = element[-1]
        depth += 1
    return depth


def extract_html(html: str, config: Config, url: str | None = None) -> Extraction:
    """Every block of an HTML page, in order, labelled, with the page's metadata."""
    tree = parse_html(html)
    metadata = read_metadata(tree)  # before extraction, which works on its own copy of the tree
    blocks, rows = page_features(tree, config, url or metadata.url)
    segments = []
    probabilities = content_probabilities(rows)
    for index, (block, row, probability) in enumerate(zip(blocks, rows, probabilities, strict=True)):
        label, reason = Label.CONTENT, ""
        if probability < THRESHOLD:
            label, reason = Label.BOILERPLATE, _why(row)
        elif block.tag == "noscript" and len(block.words) < _NOSCRIPT_NOTICE_WORDS:
            label, reason = Label.BOILERPLATE, "short <noscript> text: a notice to turn JavaScript on"
        elif not config.include_comments and block.look_any & _COMMENT_BIT:
            label, reason = Label.BOILERPLATE, "reader comment (include_comments is off)"
        elif not config.include_tables and block.kind is Kind.TABLE_ROW:
            label, reason = Label.BOILERPLATE, "table row (include_tables is off)"
        segments.append(
            Segment(
                index=index, text=block.text, kind=block.kind, label=label, reason=reason, score=probability
            )
        )
    return Extraction(segments=segments, metadata=metadata)


def page_features(
    tree: HtmlElement, config: Config, url: str | None
) -> tuple[list[HtmlBlock], list[list[float]]]:
    """The page's blocks and the block model's feature row of each: what inference and training see."""
    reference = Reference(" ".join(trafilatura_blocks(tree, config, url)))
    blocks = page_blocks(tree)
    return blocks, block_features(blocks, tree, reference)


def _why(row: list[float]) -> str:
    """The block model's verdict, with the plainest cues behind it (the score itself is the segment's)."""
    cues = ["block model says boilerplate"]
    if row[_REFERENCE] < 0.5:
        cues.append("outside trafilatura's main text")
    if row[_LINK_DENSITY] >= 0.5:
        cues.append(f"link density {row[_LINK_DENSITY]:.2f}")
    cues += [f"inside <{tag}>" for tag in _BOILERPLATE_TAGS if row[FEATURE_NAMES.index(f"in_{tag}")]]
    return "; ".join(cues)


def trafilatura_blocks(tree: HtmlElement, config: Config, url: str | None) -> list[str]:
    """The text of trafilatura's main content blocks, in order; `tree` is left as it was."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,  # no readability / jusText fallbacks: a cue for the block model needs no second opinion
        output_format="txt",  # skips the whole-body text rendering we do per block anyway
        include_comments=config.include_comments,
        include_tables=config.include_tables,
        deduplicate=False,  # trafilatura's dedup is a process-global cache; ours is scoped
        with_metadata=False,  # read_metadata is cheaper and reads the same sources
    )
    blocks: list[str] = []
    if isinstance(document, Document):
        for body in (document.body, document.commentsbody):
            if body is not None:
                blocks.extend(_blocks(body))
    return blocks


def _blocks(element: _Element) -> Iterator[str]:
    """The text of each block below `element`: a container is walked; anything else is a block, its
    inline leftovers (graphics, line breaks) included, so no text they carry is lost."""
    for child in element:
        if child.tag in _CONTAINERS:
            yield from _blocks(child)
        else:
            text = " ".join(xmltotxt(child, False).split())
            if text:
                yield text
