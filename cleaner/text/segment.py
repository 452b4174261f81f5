"""Segmentation of text dumps: the blocks a line dump is made of, and the boundaries a glued dump lost.

A glued dump (every text node of a page run together) keeps its block boundaries only as traces: a
sentence end running into a capital (`logo.The`), a lowercase letter into a capital (`contentThe`), an
acronym into a word (`RSSThe`), digits against letters (`Comments0Posted`), a closing bracket or quote
into a word (`it[Lowpass]Follow`). Each trace becomes a line break again. Real words with an inner capital
(`iPhone`, `YouTube`, `McDonald`) stay whole: the document shows them as whole tokens elsewhere, or they
are on a short list of common ones. Segmentation only ever adds whitespace and drops list markers.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice, repeat
from typing import NamedTuple

from ..document import Kind
from ..textutils import UNSPACED, UNSPACED_PUNCTUATION, composed, has_unspaced
from .inline import visible

_BULLET = re.compile(r"^\s*[-*•·▪◦‣]\s+")
# A numbered line (`3. Grind`, `12) Pour`): its number, and where its content starts. The number is content
# of the line: it stays in the text (the markup outputs carry it as the item's number).
NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(?=\S)")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MARKDOWN_QUOTE = re.compile(r"^\s*>\s?")
# A Markdown code fence: three backticks or tildes or more, and the code's language after them (in which a
# backtick fence allows no backtick: ``` `x` ``` is inline code). Indented as far as a list item nests it.
_FENCE = re.compile(r"^[ \t]*(`{3,}(?=[^`]*$)|~{3,})(.*)$")
# What a line starts with for one of the marks above to match (after any spaces; a number's first digit).
_MARK_STARTS = frozenset("#-*•·▪◦‣>")


def _letters(predicate: str) -> str:
    """A regex class body of the Latin, Greek and Cyrillic letters with a case, upper or lower."""
    chars = [chr(code) for code in range(0x41, 0x530)]
    picked = [c for c in chars if (c.isupper() if predicate == "upper" else c.islower())]
    return "".join(re.escape(c) for c in picked)


_UP = _letters("upper")
_LO = _letters("lower")
# Where a lost block boundary shows: at the start of a `_GLUE_AT` match, each of whose alternatives is the
# character after the boundary with what must surround it; or at the end of a `_GLUE_AFTER` match. The
# character comes first so that the regex engine skips the characters no boundary is before (most of a
# text) in a fast scan instead of trying each alternative there: a zero-width pattern would try them all
# at every position.
_GLUE_AT = re.compile(
    rf"[\"“‘«{_UP}\d©](?:"
    rf"(?<=[{_LO}\d.)][.!?…].)(?:(?<=[{_UP}])|(?<=[\"“‘«])(?=[{_UP}]))"  # sentence end into a capital: logo.The
    rf"|(?<=[{_LO}][.!?…][\"”’»)][{_UP}])"  # ... through a closing quote: over.”The
    rf"|(?<=[{_UP}]{{2}}[.!?][{_UP}])(?=[{_LO}])"  # ... after an acronym: the PATH.Sadly
    rf"|(?<=[{_LO}]{{4}}[.!?]\d)"  # ... into a number: our customers.10 Benefits
    rf"|(?<=[{_LO}][{_UP}])(?<![^{_UP}{_LO}][{_LO}].)(?<![^{_UP}{_LO}][{_LO}]{{2}}.)"  # contentThe,
    rf"|(?<=[^{_UP}{_LO}][{_LO}]{{2}}[{_UP}])(?=[{_LO}])"  # TechReviews, adTop; not eBay, reCAPTCHA
    rf"|(?<=[{_UP}]{{3}})(?=[{_LO}]{{2}})"  # acronym into a word: RSSThe, AIHamburger
    rf"|(?<=[{_LO}]{{3}}\d)"  # a word into a number: Comments0
    rf"|(?<=\d[{_UP}])(?=[{_LO}])"  # a number into a word: 0Posted, 21The
    rf"|(?<=[{_LO}]’[{_UP}])"  # a closing quote into a word: experience’I
    rf"|(?<=[{_UP}{_LO}]©)"  # the copyright line: Status© 2025
    rf")"
)
# a closing bracket or quote into a word: [Lowpass]Follow
_GLUE_AFTER = re.compile(rf"[\])”»](?=[{_UP}{_LO}])")
# Chinese and Japanese prose puts no space between its characters: a space between two of them is where two
# blocks were glued with a space (`首页 新闻 体育`, a sentence's `。` and the next block). The space first, for
# the regex engine's fast scan; searched for only in a text that has such characters. A space, not a line
# break: a line dump's paragraphs are blocks already.
_SPACE = "[ \t\xa0\u3000]"
_UNSPACED_GAP_AT = rf"{_SPACE}(?<=[{UNSPACED}{UNSPACED_PUNCTUATION}]{_SPACE})(?=[{UNSPACED}「『（])"
_UNSPACED_GAP = re.compile(_UNSPACED_GAP_AT)
# The strong traces alone: clean prose almost never has them, so they tell a glued dump from a clean text.
_STRONG_GLUE = re.compile(rf"[{_LO}][.!?][{_UP}]|[{_LO}]{{2}}[{_UP}][{_LO}]{{2}}|{_UNSPACED_GAP_AT}")
_GLUED_MIN_TRACES = 3
_GLUED_MIN_LINE_CHARS = 1000  # a glued dump has next to no line breaks: its lines are long
_GLUED_LONG_LINE = 3000  # a line this long is a glued dump even where its blocks were glued with spaces
_GLUED_LINE_SHARE = 0.8  # ... when it is most of the text, not one long paragraph among others
_LONG_PIECE = 1000  # a piece this long after the cuts holds several blocks: cut it at sentence ends
# The line boundaries of str.splitlines.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_SENTENCE_GAP = re.compile(
    rf"(?<=[{_LO}\d][.!?…])\s+(?=[\"“‘«]?[{_UP}])|(?<=[{_LO}][.!?…][\"”’»)])\s+(?=[{_UP}])"
)

# Minified code that a page's scripts and styles leave in a glued dump (`{"id":4,"title":"`, `;color:red;`,
# `){`): tokens of code close together, and almost no spaces. Such a stretch is one block, not cut at its
# camel-cased names; a code sample written for readers has a space every few characters and is cut as text.
_CODE_TOKEN = re.compile(
    r'"[^"\s]{0,60}":["{\[\dtfn-]|","|"\},|"\}\]|\}\],'  # JSON: "key":value, ","
    r"|[{;]-{0,2}[a-z][\w-]*:[^;{}\"]{1,60}(?=[;}])"  # CSS: ;name:value; (the next one shares the `;`)
    r"|\)\{|\}\)|\};|\);|=>|function\(|\bvar \w+="  # script
)
_LONG_RUN = re.compile(r"\S{40,}")
_CODE_GAP_SPACES = 3  # between two runs of one stretch of code: a word or two of a string (`"Sign in"`)
_CODE_MIN_TOKENS = 6
_CODE_MIN_SPAN = 600  # characters from the first token to the end of the sixth: code is dense with them
_CODE_MAX_SPACES = 0.05  # spaces per character
# What code is written in, so what a stretch starts with before its first token (`window.cfg={`): never
# a letter of another script, which a run without spaces (Chinese, Japanese) may hold before the code.
_CODE_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.#@[]'\"=(){}:;,*>+~!%&|/-"
)
_CODE_FOLLOW = re.compile(f"[{re.escape(''.join(sorted(_CODE_CHARS)))}]*")
_CODE_LEAD = 200  # at most this many code characters before a stretch's first token are its own
_CODE_TOKEN_GAP = 200  # at most this many characters between two tokens of one piece (see _code_in)
_CODE_CLOSERS = ")]};"
_CODE_TAIL = 500  # the window the last token is looked for in, from a stretch's end backwards
_CODE_BRIDGE = 2000  # at most this many characters between two stretches of one piece of code
_CODE_QUOTE = re.compile(r'"[:,]"|"[}\]]|[{\[]"')  # a quote that closes a string of code, or opens one
_CODE_QUOTE_EVERY = 150

# A word with one inner capital used mid-sentence (between lowercase words): iPhone in `foldable iPhone
# might`; `contentThe` in `main contentThe homepage` is a glued boundary the shape rules below refuse.
# The space before it first, for the regex engine's fast scan.
_CAMEL_IN_SENTENCE = re.compile(rf" (?<=[{_LO},] )([{_UP}]?[{_LO}]+[{_UP}][{_LO}]+)(?= [{_LO}])")
_MIN_USES = 2
_TRAILING_LETTERS = re.compile(rf"(?<![{_UP}{_LO}])[{_UP}{_LO}]+$")
_LEADING_LETTERS = re.compile(rf"[{_UP}{_LO}]+")
_CAMEL_PART = re.compile(rf"[{_UP}][{_LO}]*")
# A whole run of ASCII letters with an inner capital; tried only where a run starts, so the scan is linear,
# and its lowercase letters taken at once (possessive): no backtracking through a word without a capital.
_INNER_CAPITAL_RUN = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]*+[A-Z][A-Za-z]*")
# A word with an inner capital starts with a capital (McDonald) or a short lowercase prefix (iPhone, macOS),
# and none of its parts is a function word (`VergeThe`, `UpBy` are glued boundaries).
_MAX_LOWER_PREFIX = 3
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "be",
        "it",
        "its",
        "this",
        "that",
        "these",
        "our",
        "your",
        "we",
        "you",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "my",
        "me",
        "us",
        "not",
        "no",
        "all",
        "more",
        "most",
        "new",
        "about",
        "how",
        "what",
        "why",
        "when",
        "who",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "et",
        "du",
        "de",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "und",
        "el",
        "los",
        "las",
        "y",
        "en",
        "il",
        "lo",
        "gli",
        "di",
        "da",
    ]
)
# Inner-capital words common enough that a dump may show them only glued to a neighbour.
KNOWN_CAMEL_WORDS = frozenset(
    [
        "iPhone",
        "iPad",
        "iPod",
        "iMac",
        "iOS",
        "iPadOS",
        "macOS",
        "watchOS",
        "tvOS",
        "iCloud",
        "iTunes",
        "eBay",
        "eBook",
        "eMail",
        "YouTube",
        "PlayStation",
        "McDonald",
        "JavaScript",
        "TypeScript",
        "CoffeeScript",
        "GitHub",
        "GitLab",
        "LinkedIn",
        "PayPal",
        "WordPress",
        "TikTok",
        "WhatsApp",
        "FaceTime",
        "PowerPoint",
        "SharePoint",
        "OneDrive",
        "DeepMind",
        "OpenAI",
        "ChatGPT",
        "MacBook",
        "AirPods",
        "AirPod",
        "HarperCollins",
        "McKinsey",
        "McLaren",
        "MasterCard",
        "DreamWorks",
        "StarCraft",
        "WarCraft",
        "SpaceX",
        "BlackBerry",
        "SoundCloud",
        "DuckDuckGo",
        "DoorDash",
        "GoPro",
        "FedEx",
        "PhD",
        "GmbH",
        "NetBeans",
        "IntelliJ",
        "PyPI",
        "NumPy",
        "SciPy",
        "PyTorch",
        "TensorFlow",
        "MySQL",
        "PostgreSQL",
        "NoSQL",
        "GraphQL",
        "WiFi",
        "HubSpot",
        "MailChimp",
        "SalesForce",
        "CrowdStrike",
        "AstraZeneca",
        "BioNTech",
        "McGraw",
        "MacDonald",
        "McCarthy",
        "McConnell",
        "McCartney",
        "DiCaprio",
        "LeBron",
    ]
)


class DumpBlock(NamedTuple):
    """One block of a dump: its kind, its text without a leading mark, and its line as the dump has it."""

    kind: Kind
    text: str
    line: str


class BlockColumns:
    """A dump's blocks field by field: three lists take a third of the memory of a tuple per block, and a
    long dump has tens of thousands of blocks."""

    def __init__(self, blocks: Iterable[DumpBlock]) -> None:
        self.kinds: list[Kind] = []
        self.texts: list[str] = []
        self.lines: list[str] = []
        for kind, text, line in blocks:
            self.kinds.append(kind)
            self.texts.append(text)
            self.lines.append(line)

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> DumpBlock:
        return DumpBlock(self.kinds[index], self.texts[index], self.lines[index])

    def __iter__(self) -> Iterator[DumpBlock]:
        return map(DumpBlock, self.kinds, self.texts, self.lines)


def segment_lines(text: str) -> list[DumpBlock]:
    """The blocks of a text dump: one per line, or per restored boundary when the dump is glued.

    Bullets and markdown heading or quote marks are read as kinds; `DumpBlock.text` is what follows the mark
    as a reader sees it (a Markdown link as its text: cleaner.text.inline), `DumpBlock.line` keeps the line
    as written, so that output made of lines reads back the same. A glued dump's stretches of
    minified code (a page's scripts and styles, `code_spans`) are blocks of kind CODE. The dump's lines are
    read one at a time, so that no copy of the whole dump is ever made.

    Each block is composed (NFC), as the HTML path's are: a dump copied from some apps spells `für` as `u`
    and a combining mark, which every word pattern and stoplist would read as two words. Block by block
    (`composed`): checking or composing a whole dump can take six times its size at once.
    """
    glued = is_glued(text)
    lines = _glued_lines(text) if glued else zip(_lines(text), repeat(False))
    blocks: list[DumpBlock] = []
    fence: list[str] | None = None  # the lines so far of a code block a Markdown export fenced
    marker = ""  # its opening fence's backticks or tildes
    for raw, code in lines:
        if fence is not None:
            fence.append(raw)
            if _closes(marker, raw):
                blocks.extend(_fenced_block(fence))
                fence = None
        elif not glued and (opening := _FENCE.match(raw)):
            fence, marker = [raw], opening.group(1)
        else:
            blocks.extend(_line_block(raw, code))
    if fence is not None:  # a fence never closed is text, line by line
        blocks.extend(block for raw in fence for block in _line_block(raw, False))
    return blocks


def _line_block(raw: str, code: bool) -> Iterator[DumpBlock]:
    """The block of one line (none for a blank one): minified code, or text with its mark read."""
    line = " ".join(raw.split())
    if not line:
        return
    if code:
        yield DumpBlock(Kind.CODE, line, line)
        return
    line = composed(line)
    kind, content = marked(line)
    shown = visible(content)  # a Markdown export's links and styles: the text they show
    if shown:
        yield DumpBlock(kind, shown, line)


def marked(line: str) -> tuple[Kind, str]:
    """The kind a line's leading mark gives it, and the line's content after the mark (inline markup and
    all). A mark after a mark (`>>> code`) is text: the line is then a paragraph, marks and all."""
    kind, content = _read_mark(line)
    if _read_mark(content)[1] != content:
        return Kind.PARAGRAPH, line
    return kind, content


def _closes(marker: str, line: str) -> bool:
    """Whether `line` closes a code block whose opening fence is `marker` (its backticks or tildes): a
    fence of its character, as long or longer, with nothing after it (CommonMark)."""
    closing = _FENCE.match(line)
    if closing is None or closing.group(2).strip():
        return False
    return closing.group(1)[0] == marker[0] and len(closing.group(1)) >= len(marker)


def fence_language(line: str) -> str:
    """The language a fenced block's opening fence names (```` ```python ````: its info string's first
    word), or "" (also for a glued dump's code, which has no fence)."""
    opening = _FENCE.match(line.partition("\n")[0])
    words = opening.group(2).split() if opening else []
    return words[0] if words else ""


def _fenced_block(fence: list[str]) -> Iterator[DumpBlock]:
    """A fenced code block as one block of kind CODE: its text the code, each line as written (the fence's
    own indentation taken off, as CommonMark does), its line the block with its fences, as the dump has it."""
    indent = len(fence[0]) - len(fence[0].lstrip(" \t"))
    code = "\n".join(
        line[min(indent, len(line) - len(line.lstrip(" \t"))) :].rstrip() for line in fence[1:-1]
    )
    code = composed(code.strip("\n"))
    if code:
        yield DumpBlock(Kind.CODE, code, "\n".join((fence[0].strip(), code, fence[-1].strip())))


def _read_mark(line: str) -> tuple[Kind, str]:
    """The kind a line's leading mark gives it, and the line without the mark."""
    first = line[:1]
    if not (first in _MARK_STARTS or first.isdecimal() or first.isspace()):  # most lines: no regex to try
        return Kind.PARAGRAPH, line
    if heading := _MARKDOWN_HEADING.match(line):
        return Kind.HEADING, heading.group(2)
    if bullet := _BULLET.match(line):
        return Kind.LIST_ITEM, line[bullet.end() :]
    if NUMBERED.match(line):
        return Kind.LIST_ITEM, line
    if quote := _MARKDOWN_QUOTE.match(line):
        return Kind.QUOTE, line[quote.end() :]
    return Kind.PARAGRAPH, line


def is_glued(text: str) -> bool:
    """A glued dump: long lines that show the traces of lost block boundaries, or one very long line."""
    if not long_enough_to_be_glued(len(text), text.count("\n") + 1):
        return False
    traces = _STRONG_GLUE.finditer(text, 0, 100_000)
    if next(islice(traces, _GLUED_MIN_TRACES - 1, None), None) is not None:  # the scan stops at the third
        return True
    longest = max(end - start for start, end in _line_spans(text))
    return longest >= _GLUED_LONG_LINE and longest >= _GLUED_LINE_SHARE * len(text)


def long_enough_to_be_glued(length: int, lines: int) -> bool:
    """Whether a text of `length` characters in `lines` lines (its line feeds + 1) has the long lines of a
    glued dump: the first test of `is_glued`."""
    return length >= _GLUED_MIN_LINE_CHARS * lines


def split_glued(text: str) -> list[str]:
    """The text cut at every trace of a lost boundary, except inside words the document vouches for.

    A piece still very long after that is a stretch of blocks that were glued with spaces: it is cut at
    its sentence ends too.
    """
    return [line for line, _ in _glued_lines(text)]


def _glued_lines(text: str) -> Iterator[tuple[str, bool]]:
    """`split_glued`, one line at a time, each with whether it is a stretch of minified code (`code_spans`):
    such a stretch is one line, not cut at its camel-cased names."""
    joins = _joins(vouched_words(text))  # once for the dump: its text comes in stretches between code
    start = 0
    for code_start, code_end in code_spans(text):
        yield from zip(_text_lines(text[start:code_start], joins), repeat(False))
        yield text[code_start:code_end], True
        start = code_end
    yield from zip(_text_lines(text[start:], joins), repeat(False))


def _text_lines(text: str, joins: dict[str, set[str]]) -> Iterator[str]:
    for line in _rejoin(_glued_pieces(text), joins):
        if len(line) > _LONG_PIECE:
            yield from _SENTENCE_GAP.split(line)
        else:
            yield line


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where the stretches of minified code are, in order (`_code_stretches`); two with a gap between them
    that quotes like code are one (`_quotes_like_code`): the gap is strings of the code with spaces in
    them (`tooltip":"Shows the player"},{"`), not the page's text."""
    start = end = -1
    for first, last in _code_stretches(text):
        if end < 0:
            start = first
        elif not _quotes_like_code(text, end, first):
            yield start, end
            start = first
        end = last
    if end >= 0:
        yield start, end


def _quotes_like_code(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], between two stretches of code, is a string or strings of the code: short,
    and with a quote that opens or closes a string (`":"`, `","`, `"}`) every `_CODE_QUOTE_EVERY`
    characters."""
    if end - start > _CODE_BRIDGE:
        return False
    quotes = _CODE_QUOTE.finditer(text, start, end)
    return next(islice(quotes, (end - start) // _CODE_QUOTE_EVERY, None), None) is not None


def _code_stretches(text: str) -> Iterator[tuple[int, int]]:
    """Runs of 40+ characters without whitespace, each a word or two from the next, with next to no spaces
    and `_CODE_MIN_TOKENS` tokens of code (`_CODE_TOKEN`) close together. Only such runs are searched for
    tokens: prose has none, so most of a dump is passed over."""
    first = last = -1
    for run in chain(_LONG_RUN.finditer(text), [None]):
        if run is not None and last >= 0 and text.count(" ", last, run.start()) <= _CODE_GAP_SPACES:
            last = run.end()
            continue
        if last >= 0 and text.count(" ", first, last) < _CODE_MAX_SPACES * (last - first):
            yield from _code_in(text, first, last)
        if run is not None:
            first, last = run.span()


def _code_in(text: str, first: int, last: int) -> Iterator[tuple[int, int]]:
    """The code in text[first:last], a stretch with next to no spaces: from its first token to its last.
    Where the stretch holds letters of a script written without spaces (Chinese, Japanese), text may sit
    between pieces of code: there each piece is a run of tokens close together."""
    tokens = _CODE_TOKEN.finditer(text, first, last)
    if text[first:last].isascii():
        head = list(islice(tokens, _CODE_MIN_TOKENS))
        if _dense(head):
            yield (
                _code_start(text, first, head[0].start()),
                _code_end(text, _last_token_end(text, first, last)),
            )
        return
    piece: list[re.Match[str]] = []
    for token in chain(tokens, [None]):
        if token is not None and (not piece or token.start() - piece[-1].end() <= _CODE_TOKEN_GAP):
            piece.append(token)
            continue
        if _dense(piece[:_CODE_MIN_TOKENS]):
            yield _code_start(text, first, piece[0].start()), _code_end(text, piece[-1].end())
        piece = [token] if token is not None else []


def _dense(tokens: list[re.Match[str]]) -> bool:
    """Whether these are `_CODE_MIN_TOKENS` tokens within `_CODE_MIN_SPAN` characters."""
    return len(tokens) == _CODE_MIN_TOKENS and tokens[-1].end() - tokens[0].start() <= _CODE_MIN_SPAN


def _code_start(text: str, first: int, token: int) -> int:
    """Where code whose first token starts at `token` begins: with the code characters before it
    (`window.cfg={`), back to `first` at most (a word glued on before the code goes with it)."""
    start = token
    while start > max(first, token - _CODE_LEAD) and text[start - 1] in _CODE_CHARS:
        start -= 1
    return start


def _last_token_end(text: str, first: int, last: int) -> int:
    """Where the last token of text[first:last] ends, looked for a window at a time from the end (a token
    may cross into the next window)."""
    for start in range(last - _CODE_TAIL, first - _CODE_TAIL, -_CODE_TAIL):
        tail = deque(
            _CODE_TOKEN.finditer(text, max(start, first), min(start + 2 * _CODE_TAIL, last)), maxlen=1
        )
        if tail:
            return tail[0].end()
    return first


def _code_end(text: str, end: int) -> int:
    """Where code whose last token ends at `end` stops: after the last bracket or semicolon among the code
    characters that follow (`…"port":1981}The story`: the text glued on after it is the page's again)."""
    follow = _CODE_FOLLOW.match(text, end)
    limit = follow.end() if follow else end
    return max(max(text.rfind(char, end, limit) for char in _CODE_CLOSERS) + 1, end)


def _glued_pieces(text: str) -> Iterator[str]:
    """The lines of the text with a line break put in at every trace (`_traces`), sliced from the text one
    at a time, without a copy of the whole text.

    A trace is never next to a line break (it lies between two letters, digits or marks), so the text's
    own lines are those of the stretches between traces.
    """
    start = 0
    for trace in _traces(text):
        yield from text[start:trace].splitlines()
        start = trace
    yield from text[start:].splitlines()


def _traces(text: str) -> Iterator[int]:
    """Where the text's lost block boundaries are (`_GLUE_AT`, `_GLUE_AFTER`), in order, each once."""
    last = -1
    at = (trace.start() for trace in _GLUE_AT.finditer(text))
    after = (trace.end() for trace in _GLUE_AFTER.finditer(text))
    gaps = (trace.end() for trace in _UNSPACED_GAP.finditer(text)) if has_unspaced(text) else ()
    for position in heapq.merge(at, after, gaps):
        if position != last:
            yield position
        last = position


def _lines(text: str) -> Iterator[str]:
    """`text.splitlines()`, one line at a time."""
    for start, end in _line_spans(text):
        yield text[start:end]


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each line of `text.splitlines()` starts and ends."""
    start = 0
    for line_break in _LINE_BREAK.finditer(text):
        yield start, line_break.start()
        start = line_break.end()
    if start < len(text):
        yield start, len(text)


def _joins(words: set[str]) -> dict[str, set[str]]:
    """The cuts the glue rules would make inside the vouched words, as the letters after each cut (the
    head) to the letters before it (the tails): `Tube` -> {`You`}."""
    joins: dict[str, set[str]] = {}
    for word in words:
        parts = list(_glued_pieces(word))  # a word has no line break: its pieces are its cuts
        for i in range(1, len(parts)):
            joins.setdefault(parts[i], set()).add("".join(parts[:i]))
    return joins


def _rejoin(pieces: Iterable[str], joins: dict[str, set[str]]) -> Iterator[str]:
    """The pieces with the cuts inside vouched words (`_joins`) undone: `You` + `Tube` -> `YouTube`.

    Each cut is looked up by the letters on either side of it, so the cost stays linear in the text.
    """
    if not joins:
        yield from pieces
        return
    last: str | None = None  # the piece the next one may join
    for piece in pieces:
        if last is not None:
            # the head first: it is one match at the piece's start, the tail a search through the last
            head = _LEADING_LETTERS.match(piece)
            tails = joins.get(head.group()) if head else None
            tail = _TRAILING_LETTERS.search(last) if tails else None
            if tail and tails and tail.group() in tails:
                last += piece
                continue
            yield last
        last = piece
    if last is not None:
        yield last


def vouched_words(text: str) -> set[str]:
    """Inner-capital words the document uses as words (mid-sentence, word-shaped), and known ones in it."""
    uses = Counter(_CAMEL_IN_SENTENCE.findall(text))
    used = {word for word, count in uses.items() if count >= _MIN_USES and _word_shaped(word)}
    # A known word (ASCII letters, an inner capital) is in the text iff it is in one of the text's runs
    # of letters with an inner capital: one scan finds those, and the few distinct ones are searched.
    runs = "\n".join(set(_INNER_CAPITAL_RUN.findall(text)))
    return used | {word for word in KNOWN_CAMEL_WORDS if word in runs}


def _word_shaped(token: str) -> bool:
    prefix_end = next(i for i, char in enumerate(token) if i and char.isupper())
    if token[0].islower() and prefix_end > _MAX_LOWER_PREFIX:
        return False
    return not any(part.lower() in _FUNCTION_WORDS for part in _CAMEL_PART.findall(token[prefix_end:]))
