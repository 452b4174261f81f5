"""HTML extraction: every block of the page, labelled content or boilerplate by the block model.

trafilatura's main content is one of the model's cues (which blocks an article extractor would keep); the
model adds what article extractors drop (forum posts, repeated cards, product and service sections) and
takes out what they let through. This is the only module that imports trafilatura.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence

import trafilatura
from lxml.etree import ElementDefaultClassLookup, LxmlError, XPathEvalError, _Element
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.settings import Document
from trafilatura.utils import is_dubious_html, repair_faulty_html
from trafilatura.xml import xmltotxt

from ..config import Config
from ..document import Extraction, Kind, Label, Segment
from ..errors import EmptyInputError, ExtractionError
from ..sniff import is_fragment
from ..textutils import markup_share
from .blocks import CUE_BITS, HtmlBlock, page_blocks
from .edges import edge_blocks, edge_drops
from .features import FEATURE_NAMES, Reference, block_features
from .meta import read_metadata
from .model import block_model, content_probabilities, revised_probabilities
from .records import element_shape, same_field
from .region import kept_by_model, region_features

# trafilatura's internal containers, whose children are the blocks.
_CONTAINERS = {"list", "table", "div", "body", "article", "section"}
_COMMENT_BIT = CUE_BITS["comment"]
_REFERENCE = FEATURE_NAMES.index("reference_share")
_LINK_DENSITY = FEATURE_NAMES.index("link_density")
_SENTENCE_END = FEATURE_NAMES.index("sentence_end")
_IN_FORM = FEATURE_NAMES.index("in_form")
_IN_HEADING = FEATURE_NAMES.index("in_h")
_COMMENT_WORDS = 8  # a reader comment shorter than this is a name, a date or a button
# A comment form holds 1-3 prose lines on the dev pages; a page of comments each in a form, 12 or more.
_COMMENT_FORM_LINES = 5
# A comment the block model scores under this is a notice of the comment section, not a reader's comment.
# Chosen by site held out: above it, forum pages start to lose their posts.
_COMMENT_FLOOR = 0.1
_BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "form")
_IN_BOILERPLATE_TAG = [(tag, FEATURE_NAMES.index(f"in_{tag}")) for tag in _BOILERPLATE_TAGS]
# <noscript> stays in the page (some forums serve every post in it), but a few words of its own are a notice.
_NOSCRIPT_NOTICE_WORDS = 10
# A block at least this share of whose non-space characters are tags is markup that came out as text.
_MARKUP_SHARE = 0.5
_CODE_TAGS = frozenset(("pre", "code", "kbd", "samp", "tt", "var", "xmp"))
_CODE_DESCENDANT = "boolean(.//*[" + " or ".join(f"self::{tag}" for tag in sorted(_CODE_TAGS)) + "])"
_FRAGMENT_CHROME = frozenset(("nav", "aside", "footer"))
# libxml2 stops parsing at this many levels of nesting and drops the rest of the page.
_MAX_DEPTH = 255
# The class of each node lxml hands to Python, chosen in C. lxml.html's own lookup is a Python method, run
# for every element object lxml makes (thousands a page, in our walks and trafilatura's, ~3% of the time),
# only to give <form>, <input>, <select>, <textarea> and <label> form-filling methods nothing here calls.
_NODE_CLASSES = ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
)


def parse_html(html: str, *, fragment: bool | None = None) -> HtmlElement:
    """An lxml tree of the whole page, parsed as trafilatura's loader does (junk repaired, comments and
    processing instructions dropped) but with libxml2's size limits lifted (`huge_tree`): without it the
    parser stops at any text node over 10 MB (an inline JSON state, a `data:` image) and silently drops
    the rest of the page. What bounds the size instead is `max_bytes`, checked before parsing. A fragment
    is read as the body of a page, all of it (`fragment`: whether `html` is one, when the caller knows)."""
    if is_fragment(html) if fragment is None else fragment:
        html = f"<html><body>{html}</body></html>"
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
    _adopt_trailing_content(tree)
    return tree


def _adopt_trailing_content(tree: HtmlElement) -> None:
    """Move what follows `</html>` to the end of the body, where a browser shows it. libxml2 makes it a
    second root element (a page's template closing the document early), which no walk of the body reaches:
    a whole article can stand there."""
    body = tree.find("body")
    if body is None:
        body = tree
    for element in [sibling for sibling in tree.itersiblings() if isinstance(sibling.tag, str)]:
        if element.tag != "html":
            body.append(element)
            continue
        if element.text and element.text.strip():
            if len(body):
                body[-1].tail = (body[-1].tail or "") + element.text
            else:
                body.text = (body.text or "") + element.text
        for child in list(element):
            if child.tag == "body":
                body.extend(list(child))
            elif child.tag != "head":  # a second head's metadata: a browser ignores it too
                body.append(child)


def _parser() -> HTMLParser:
    """A parser of its own for each page: lxml parsers must not be shared between threads. Copies of the
    tree (trafilatura's) keep its node classes."""
    parser = HTMLParser(  # type: ignore[call-arg]  # lxml-stubs lack default_doctype
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    parser.set_element_class_lookup(_NODE_CLASSES)
    return parser


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
    """Every block of an HTML page, in order, labelled, with the page's metadata.

    Stage 1 scores each block alone; the main-content stage finds the main region from those scores
    (cleaner.html.region); stage 2 scores each block again knowing where it sits relative to the region.
    Inside the region a block is content from the `inside` threshold on; outside it, it needs the higher
    `outside` threshold, or to be a reader comment in prose when include_comments is on, or to be an item of
    a page whose content is spread over many (cleaner.spread)."""
    fragment = is_fragment(html)
    tree = parse_html(html, fragment=fragment)
    metadata = read_metadata(tree, url)  # before extraction, which works on its own copy of the tree
    if fragment:
        blocks = page_blocks(tree, links=config.links, url=url or metadata.url)
        return Extraction(
            segments=_fragment_segments(blocks, config),
            metadata=metadata,
            by_design=_same_field(blocks, config),
        )
    blocks, rows = page_features(tree, config, url or metadata.url)
    model = block_model()
    stage1 = content_probabilities(rows)
    paths = [block.ancestors for block in blocks]
    word_counts = [len(block.words) for block in blocks]
    (first, last, region), region_rows = region_features(paths, word_counts, stage1, model.region)
    probabilities = revised_probabilities(rows, region_rows)
    where = _describe(region, first, last)
    in_region = [first <= index <= last for index in range(len(blocks))]
    rules = [rule_out(block, config) for block in blocks]
    kept, drops = model_verdicts(
        [block.text for block in blocks],
        word_counts,
        rows,
        paths,
        [bool(block.look_any & _COMMENT_BIT) for block in blocks],
        probabilities,
        [rule is not None for rule in rules],
        in_region,
        model.inside,
        model.outside,
    )
    segments = []
    for index, (block, row, probability, inside, rule) in enumerate(
        zip(blocks, rows, probabilities, in_region, rules, strict=True)
    ):
        label, reason = Label.CONTENT, ""
        if index in drops:
            label, reason = Label.BOILERPLATE, drops[index]
        elif rule is not None:
            label, reason = Label.BOILERPLATE, rule
        elif not kept[index] and inside:
            label, reason = Label.BOILERPLATE, _why(row)
        elif not kept[index]:
            label, reason = Label.OUTSIDE_MAIN, f"outside the main content ({where}); {_why(row)}"
        segments.append(_segment(index, block, label, reason, probability))
    return Extraction(segments=segments, metadata=metadata, by_design=_same_field(blocks, config))


def model_verdicts(
    texts: Sequence[str],
    words: Sequence[int],
    rows: Sequence[Sequence[float]],
    paths: Sequence[Sequence[Hashable]],
    marked_comments: Sequence[bool],
    scores: Sequence[float],
    ruled_out: Sequence[bool],
    in_region: Sequence[bool],
    inside: float,
    outside: float,
) -> tuple[list[bool], dict[int, str]]:
    """Which blocks the block model keeps (cleaner.html.region.kept_by_model, the reader comments among
    the blocks `marked_comments` by prose_comments), and those of them the edge stage then drops, each with
    its reason (cleaner.html.edges). bench/train_html.py judges its held-out scores by the same call."""
    comments = prose_comments(marked_comments, words, rows, scores)
    kept = kept_by_model(scores, ruled_out, words, in_region, comments, inside, outside)
    return kept, edge_drops(edge_blocks(texts, words, rows, paths), kept, in_region)


def _same_field(blocks: list[HtmlBlock], config: Config) -> Callable[[int, int], bool] | None:
    """Which two blocks are the same field of sibling records (cleaner.html.records): their repeats are
    content, for deduplication to keep. None when there is no deduplication to tell."""
    if not config.dedup:
        return None
    return same_field([block.ancestors for block in blocks], [block.text for block in blocks], element_shape)


def _segment(index: int, block: HtmlBlock, label: Label, reason: str, score: float) -> Segment:
    """The segment of a block: its text, kind and structure, and the verdict on it."""
    return Segment(
        index=index,
        text=block.text,
        kind=block.kind,
        label=label,
        reason=reason,
        score=score,
        **vars(block.structure),
    )


def rule_out(block: HtmlBlock, config: Config) -> str | None:
    """Why a block goes whatever the model says, or None: markup read as text, a `<noscript>` notice,
    and what the settings leave out."""
    share = markup_share(block.text)
    if share >= _MARKUP_SHARE and block.kind is not Kind.CODE and not _holds_code(block):
        return f"markup, not text: {share:.0%} of it is tags"
    if block.tag == "noscript" and len(block.words) < _NOSCRIPT_NOTICE_WORDS:
        return "short <noscript> text: a notice to turn JavaScript on"
    if not config.include_comments and block.look_any & _COMMENT_BIT:
        return "reader comment (include_comments is off)"
    if not config.include_tables and block.kind is Kind.TABLE_ROW:
        return "table row (include_tables is off)"
    return None


def _holds_code(block: HtmlBlock) -> bool:
    """Code shown on the page (tags in it are its text): the block is in or holds a code element."""
    return any(element.tag in _CODE_TAGS for element in block.ancestors) or bool(
        block.ancestors[-1].xpath(_CODE_DESCENDANT)
    )


def _fragment_segments(blocks: list[HtmlBlock], config: Config) -> list[Segment]:
    """A fragment's blocks, labelled without the page model: a fragment (a CMS article body, an RSS item) is
    the content a page's chrome was around, so every block is content except those ruled out
    (`rule_out`) and those inside the chrome elements a fragment may still carry (`<nav>`, `<aside>`,
    `<footer>`)."""
    segments = []
    for index, block in enumerate(blocks):
        chrome = next((element.tag for element in block.ancestors if element.tag in _FRAGMENT_CHROME), None)
        reason = rule_out(block, config) or (chrome and f"inside <{chrome}> in a fragment")
        label = Label.BOILERPLATE if reason else Label.CONTENT
        segments.append(_segment(index, block, label, reason or "", 1.0))
    return segments


def prose_comments(
    comments: Sequence[bool], words: Sequence[int], rows: Sequence[Sequence[float]], scores: Sequence[float]
) -> list[bool]:
    """Which blocks are reader comments worth keeping under include_comments: inside an element marked as
    comments, written as sentences, few of their characters links, not a heading ("11 replies to …"), not
    what the block model (`scores`) is all but sure is chrome (the comment section's notices: "You must be
    logged in to post a comment"), and not the few lines of a comment form ("Your email address will not be
    published", consent lines).
    Comments in forms stay when there are many of them (old Reddit puts each comment in its edit form) or
    most of the page's blocks are in forms (ASP.NET wraps whole pages in one). bench/train_html.py judges
    the same rule."""
    prose = [
        comment
        and count >= _COMMENT_WORDS
        and row[_SENTENCE_END] > 0
        and row[_LINK_DENSITY] < 0.5
        and not row[_IN_HEADING]
        and score >= _COMMENT_FLOOR
        for comment, count, row, score in zip(comments, words, rows, scores, strict=True)
    ]
    in_form = [bool(row[_IN_FORM]) for row in rows]
    comments_in_forms = sum(map(bool.__and__, prose, in_form)) > _COMMENT_FORM_LINES
    if comments_in_forms or sum(in_form) > len(rows) / 2:
        return prose
    return [keep and not form for keep, form in zip(prose, in_form, strict=True)]


def _describe(region: object, first: int, last: int) -> str:
    """The main region for a reason: `<article class="post">`, blocks first-last."""
    if not isinstance(region, HtmlElement):
        return "none found"
    attributes = "".join(f' {name}="{value[:40]}"' for name in ("id", "class") if (value := region.get(name)))
    return f"<{region.tag}{attributes}>, blocks {first}-{last}"


def page_features(
    tree: HtmlElement, config: Config, url: str | None
) -> tuple[list[HtmlBlock], list[list[float]]]:
    """The page's blocks and the block model's feature row of each: what inference and training see."""
    reference = Reference(" ".join(trafilatura_blocks(tree, config, url)))
    blocks = page_blocks(tree, links=config.links, url=url)
    return blocks, block_features(blocks, tree, reference)


def _why(row: list[float]) -> str:
    """The block model's verdict, with the plainest cues behind it (the score itself is the segment's)."""
    cues = ["block model says boilerplate"]  # the score shown is stage 2's
    if row[_REFERENCE] < 0.5:
        cues.append("outside trafilatura's main text")
    if row[_LINK_DENSITY] >= 0.5:
        cues.append(f"link density {row[_LINK_DENSITY]:.2f}")
    cues += [f"inside <{tag}>" for tag, column in _IN_BOILERPLATE_TAG if row[column]]
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
