"""Input sniffing and decoding: bytes to text, and HTML told apart from a text dump."""

from __future__ import annotations

import codecs
import re
import zlib
from typing import Literal

import charset_normalizer
from charset_normalizer.utils import is_multi_byte_encoding

from .errors import DecodeError, InputTooLargeError
from .textutils import MARKUP_TAG

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, <?xml encoding="x"?>
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
_SNIFF_BYTES = 4096
# Control characters other than tab, newline, form feed and carriage return: text never has many.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# In a Python str every code point in this range stands alone: paired surrogates are one code point.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_HIGH_BYTE_RUN = re.compile(rb"[\x80-\xff]+")
_TEXT_BEFORE_MARKUP = 1000  # characters before a first tag from which a text is a dump, whatever it quotes
GZIP_MAGIC = b"\x1f\x8b"  # the first bytes of every gzip member


def decode(source: str | bytes, *, max_bytes: int = 0) -> str:
    """The input as text. Bytes: gzip undone (up to `max_bytes`, 0 for no limit), then a BOM, then UTF-8 if
    the bytes are valid UTF-8 (or nearly all their non-ASCII bytes are: the few others become U+FFFD),
    then the page's declared charset if it is a WHATWG encoding, then a detector. Text: lone surrogates,
    which no encoding can write out, are dropped.

    Valid UTF-8 goes before the label because labels lie (a UTF-8 page still saying `iso-8859-1`) while
    legacy-encoded text that happens to be valid UTF-8 is vanishingly rare.
    """
    if isinstance(source, str):
        return source if _encodable(source) else _LONE_SURROGATE.sub("", source)
    data = gunzip(source, max_bytes) if source.startswith(GZIP_MAGIC) else source
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"))
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _checked(data.decode("utf-8", errors="replace"))
    declared = _declared_encoding(data[:_SNIFF_BYTES])
    if declared is not None:
        try:
            return _checked(data.decode(declared))
        except UnicodeDecodeError:
            pass  # the label lies: let the detector read the content itself
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise DecodeError("binary data: no text encoding fits these bytes")
    # Short Latin text often fits several code pages equally well: the web's usual one wins the tie,
    # and wins over a CJK or UTF-16 reading, which short text fits by chance (`Ça va` as Big5 `ド va`).
    if is_multi_byte_encoding(best.encoding) and _reads_as_latin(data):
        return _checked(data.decode("cp1252"))
    tied = (m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence))
    return _checked(str(next((m for m in tied if "cp1252" in m.could_be_from_charset), best)))


def _reads_as_latin(data: bytes) -> bool:
    """Whether `data` reads in windows-1252 as words of a Latin script: every run of non-ASCII bytes is one
    or two letters (`ç`, `üß`), and no byte is NUL. A CJK text has longer runs, or reads as symbols; a
    UTF-16 text has a NUL beside every ASCII letter."""
    if b"\x00" in data:
        return False
    for run in _HIGH_BYTE_RUN.finditer(data):
        letters = run.group().decode("cp1252", errors="replace")
        if len(letters) > 2 or not letters.isalpha():
            return False
    return True


def _encodable(text: str) -> bool:
    """Whether `text` has no lone surrogate: UTF-8 encodes it. A copy in C, several times faster than the
    regex's scan of a text that has none (nearly every one)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def gunzip(data: bytes, max_bytes: int = 0) -> bytes:
    """The content of gzip data (a crawl's `.html.gz`, members concatenated), refused once it grows past
    `max_bytes` (0: no limit)."""
    content = b""
    rest = data
    while rest.startswith(GZIP_MAGIC):
        inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        room = max_bytes + 1 - len(content) if max_bytes else 0
        try:
            content += inflater.decompress(rest, room)
        except zlib.error as error:
            raise DecodeError(f"corrupt gzip data ({error})") from error
        if max_bytes and len(content) > max_bytes:
            raise InputTooLargeError(f"gzip data inflating over the max_bytes limit ({max_bytes:,} bytes)")
        if not inflater.eof:
            raise DecodeError("truncated gzip data")
        rest = inflater.unused_data
    if rest.strip(b"\0"):  # zero padding after the last member is common; anything else is not
        raise DecodeError("data after the end of the gzip data")
    return content


def _declared_encoding(head: bytes) -> str | None:
    """The codec of the page's declared charset, when it names an encoding of the WHATWG Encoding
    Standard (what browsers honour); anything else (`base64`, `rot13`, `cp037`, a typo) is ignored."""
    match = _DECLARED_CHARSET.search(head)
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WHATWG_CODECS.get(name)


# WHATWG labels Python's codec registry does not know, as labels it does.
_WHATWG_ALIASES = {
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-ukrainian": "mac-cyrillic",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "x-gbk": "gbk",
    "x-x-big5": "big5hkscs",
    "iso-8859-8-i": "iso8859-8",
    "csiso88598i": "iso8859-8",
    "logical": "iso8859-8",
    "x-euc-jp": "euc_jp",
    "x-cp1250": "cp1250",
    "x-cp1251": "cp1251",
    "x-cp1252": "cp1252",
    "x-cp1253": "cp1253",
    "x-cp1254": "cp1254",
    "x-cp1255": "cp1255",
    "x-cp1256": "cp1256",
    "x-cp1257": "cp1257",
    "x-cp1258": "cp1258",
}
# Python's name of each WHATWG encoding (single-byte and CJK; UTF-16 is left to the BOM, since a page in
# UTF-16 cannot declare itself in ASCII bytes) -> the codec that decodes it as browsers do: per the
# standard latin-1 and ascii mean windows-1252, Shift_JIS means windows-31J, EUC-KR means windows-949.
_WHATWG_CODECS = {
    "utf-8": "utf-8",
    "cp866": "cp866",
    **{f"iso8859-{n}": f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    "koi8-r": "koi8-r",
    "koi8-u": "koi8-u",
    "mac-roman": "mac-roman",
    "mac-cyrillic": "mac-cyrillic",
    "cp874": "cp874",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    **{f"cp125{n}": f"cp125{n}" for n in range(9)},
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "gbk": "gbk",
    "gb2312": "gbk",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "euc_jp": "euc_jp",
    "iso2022_jp": "iso2022_jp",
    "shift_jis": "cp932",
    "cp932": "cp932",
    "euc_kr": "cp949",
    "cp949": "cp949",
}
# A valid UTF-8 sequence of two to four bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_MOSTLY_UTF8 = 0.9  # share of the non-ASCII bytes in valid UTF-8 sequences from which a page is UTF-8


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are still UTF-8 but for a few stray bytes (a Latin-1 byte
    pasted into a UTF-8 page): then a few replacement characters beat a whole page in the wrong code
    page (`‚Äô` for every `’`)."""
    non_ascii = len(data) - len(data.translate(None, _HIGH_BYTES))
    in_sequences = len(data) - len(_UTF8_MULTIBYTE.sub(b"", data))
    return in_sequences > 0 and in_sequences >= _MOSTLY_UTF8 * non_ascii


def _checked(text: str) -> str:
    """Refuse decoded 'text' that is mostly control characters: that is binary data."""
    sample = text[:_SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) > 0.1 * len(sample):
        raise DecodeError("binary data: too many control characters for text")
    return text


_COMMENT = r"<!--(?:(?!-->).)*-->"  # an HTML comment, matched without backtracking into the next one
# A page opens with its doctype, `<html>` or `<head>`, after comments and any head elements written before
# them (a `<style>` or `<script>` element, `<meta>`, `<link>`: browsers move them into the head).
_DOCUMENT_START = re.compile(
    rf"\s*(?:(?:{_COMMENT}|<(style|script|title)\b[^<>]*>(?:(?!</\1).)*</\1\s*>|<(?:meta|link|base)\b[^<>]*>)\s*)*"
    r"<(?:!doctype\s+html|html[\s>]|head[\s>]|\?xml)",
    re.I | re.S,
)
_STRUCTURE_TAG = re.compile(
    r"<(?:html|head|body|div|p|span|a|table|ul|li|section|article|nav|header|footer|script|meta|link)"
    r"[\s>/]",
    re.IGNORECASE,
)


# The elements a fragment of a page (a CMS article body, an RSS item) opens with and closes.
_ELEMENTS = (
    "a|abbr|address|article|aside|audio|b|bdi|bdo|big|blockquote|br|button|caption|center|cite|code|dd|"
    "del|details|dfn|div|dl|dt|em|figcaption|figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|ins|"
    "kbd|label|li|main|mark|nav|noscript|ol|p|picture|pre|q|s|samp|script|section|small|span|strike|"
    "strong|style|sub|summary|sup|table|tbody|td|tfoot|th|thead|time|tr|tt|u|ul|var|video"
)
_OPENS_WITH_ELEMENT = re.compile(rf"\s*(?:{_COMMENT}\s*)*<(?:{_ELEMENTS})[\s>/]", re.I | re.S)
_CLOSES_AN_ELEMENT = re.compile(rf"</(?:{_ELEMENTS})\s*>", re.I)
_ENDS_WITH_TAG = re.compile(rf"<[^<>]*>\s*(?:{_COMMENT}\s*)*\Z", re.S)
# What only a whole document has; a fragment has none of these.
_DOCUMENT_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|title)[\s>/]", re.I)


def is_fragment(text: str) -> bool:
    """A fragment of HTML (what a CMS or an RSS item holds) rather than a whole document: no doctype,
    `<html>`, `<head>`, `<body>` or `<title>` tag."""
    return _DOCUMENT_TAG.search(text) is None


def _markup_end_to_end(text: str) -> bool:
    """Markup from the first character to the last: it opens with an HTML element's tag, ends with a tag
    and closes an element (`<p>Hello</p>`, `<div class="body">…</div>`). A text dump that quotes a tag
    starts or ends with prose, and a markdown file's `<br>` closes nothing."""
    return (
        _OPENS_WITH_ELEMENT.match(text) is not None
        and _ENDS_WITH_TAG.search(text[-_SNIFF_BYTES:]) is not None
        and _CLOSES_AN_ELEMENT.search(text) is not None
    )


def sniff(text: str) -> Literal["html", "text"]:
    """Tell HTML (a page, or a fragment of one) from a text dump; a dump that merely mentions a tag stays
    text."""
    if _DOCUMENT_START.match(text) or _markup_end_to_end(text):
        return "html"
    head = text[:20_000]
    if len(_STRUCTURE_TAG.findall(head)) < 5:
        return "text"
    # A dump of a page that shows code (a tutorial's JSX, an embed snippet) opens with its nav and title:
    # a page's markup, even a fragment's, opens with a tag within a few hundred characters.
    first_tag = MARKUP_TAG.search(head, 0, _TEXT_BEFORE_MARKUP)
    if first_tag is None:
        return "text"
    # A fragment without <html>: HTML when its markup is a real share of it, not a few quoted tags;
    # a head of almost nothing but tags is HTML even before its closing tags come (deep nesting).
    tags = MARKUP_TAG.findall(head)
    markup = sum(map(len, tags))
    if markup >= 0.8 * len(head):
        return "html"
    if sum(tag.startswith("</") for tag in tags) < 3:
        return "text"
    return "html" if markup >= 0.2 * len(head) else "text"
