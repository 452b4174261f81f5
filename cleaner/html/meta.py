"""Page metadata (title, author, date, URL, site name, description, language, image, tags) read from an
HTML tree.

Our own short cascade over JSON-LD, OpenGraph and `<meta>` tags, the first `<h1>` and `<time>`: it costs a
fraction of a full metadata pass and reads the same places a publisher fills in.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from ..document import Metadata
from ..language import tag_language
from ..links import safe_link
from ..textutils import (
    BYLINE_LEAD,
    SITE_SUFFIX,
    TITLE_SEPARATOR,
    TITLE_SEPARATOR_OR_COLON,
    composed,
    iso_date,
    longest_part,
    normalise,
    title_site,
)
from .blocks import page_base, shown_text

_DATE_META = (
    "date",
    "pubdate",
    "publishdate",
    "publish_date",
    "published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
)
_BY = re.compile(rf"^{BYLINE_LEAD}")
_NAME_EDGES = " -–—|·•,:;"  # marks a name's element leaves at its ends (`Tony Smith -`)
_PLACEHOLDERS = ("undefined", "null", "none")  # what a page's script wrote for a name it did not have
# Elements whose text may be a date or a name, by class: it holds one of the hints as written (a cheap
# test that rules most classes out, one regex search for all of them: the test runs on every element of
# the page) and one of the fragments once lower-cased.
_DATE_HINTS = re.compile("ate|ublish")
_DATE_CLASSES = ("date", "publish")
_AUTHOR_HINTS = re.compile("uthor|yline")
_AUTHOR_CLASSES = ("byline", "author-name", "authorname", "author_name")
_ARTICLE_TYPES = ("article", "posting", "report", "blog", "news", "webpage", "review")
_IMAGE_META = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
_DESCRIPTION_META = ("description", "og:description", "twitter:description", "dc.description")
# One tag a meta element, often several elements: all of them, where the other keys take the first.
_ARTICLE_TAGS = "//meta[@property='article:tag' or @name='article:tag']/@content"
_KEYWORD_META = ("article:section", "keywords", "news_keywords")
_CONTENT_LANGUAGE = "//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_metadata(tree: HtmlElement, url: str | None = None) -> Metadata:
    """The page's title, author, publication date (ISO), canonical URL, site name, description, declared
    language, lead image and tags, where it states them.

    `url`, the page's own address when the caller knows it, resolves a relative canonical or image URL
    (as does the page's `<base href>`).
    """
    meta = _meta_tags(tree)
    ld = list(_json_ld_objects(tree))
    articles = [obj for obj in ld if _is_article(obj)] or ld[:1]
    site = (
        _tidy(meta.get("og:site_name"))
        or _tidy(meta.get("application-name"))
        or _first(_ld_name(obj.get("publisher")) for obj in ld)
        or _first(_tidy(obj.get("name")) for obj in ld if _has_type(obj, ("website",)))
    )
    title = _title(tree, meta, articles, site)
    base = page_base(tree, url)  # what a relative canonical or image URL is relative to
    # Each cascade stops at its first hit (`or`), so the costlier fallbacks run only when needed.
    return Metadata(
        title=title,
        author=_first(_person(_ld_person(obj.get("author"))) for obj in articles)
        or _first(_person(_not_url(meta.get(key))) for key in ("author", "article:author", "dc.creator"))
        or _byline(tree),
        date=_first(iso_date(_tidy(obj.get("datePublished"))) for obj in ld)
        or iso_date(meta.get("article:published_time"))
        or _first(iso_date(meta.get(key)) for key in _DATE_META)
        or _date_element(tree)
        or _first(iso_date(_tidy(obj.get("dateModified"))) for obj in articles),
        url=_absolute_link(
            _tidy(next(iter(tree.xpath("//link[@rel='canonical']/@href")), None))
            or _tidy(meta.get("og:url")),
            base,
        ),
        sitename=site or _title_site(tree, meta, title),
        description=_first(_tidy(meta.get(key)) for key in _DESCRIPTION_META)
        or _first(_tidy(obj.get("description")) for obj in articles),
        declared_language=tag_language(tree.get("lang") or tree.get(_XML_LANG))
        or tag_language(next(iter(tree.xpath(_CONTENT_LANGUAGE)), None))
        or tag_language(meta.get("og:locale")),
        image=_absolute_link(
            _first(_tidy(meta.get(key)) for key in _IMAGE_META)
            or _first(_ld_image(obj.get("image")) for obj in articles),
            base,
        ),
        tags=_tags(tree, meta, articles),
    )


def _title(
    tree: HtmlElement, meta: dict[str, str], articles: list[dict[str, Any]], site: str | None
) -> str | None:
    """The first candidate, in the order JSON-LD `headline`, first `<h1>`, `og:title`, `twitter:title`,
    `<title>`, that another source agrees with; when none is backed so, the first candidate.

    A headline field may hold a description (Wikipedia's JSON-LD `headline` is the article's one-line
    summary); the page's title shows in several places, so agreement between two of them is the evidence.
    The title tag's and og:title's site names are cut off; a JSON-LD headline or an <h1> written as the
    title tag is (`Headline | Site`) loses its site's name where the page shows it is one: `Site` is the
    page's `site` name, or another source gives `Headline` alone.
    """
    headlines = [*(("ld", _tidy(obj.get("headline"))) for obj in articles), ("h1", _first_h1(tree))]
    og, twitter, title_tag = (
        _tidy(meta.get("og:title")),
        _tidy(meta.get("twitter:title")),
        tree.findtext(".//title"),
    )
    written = (*(text for _, text in headlines), og, twitter, _tidy(title_tag))
    given = {normalise(text) for text in written if text}
    candidates = [
        *((source, _without_named_site(text, given, site)) for source, text in headlines),
        ("og", _without_site(og)),
        ("twitter", _without_site(twitter)),
        ("title", _clean_title(title_tag)),
    ]
    found = [(source, text, set(normalise(text).split())) for source, text in candidates if text]
    for source, text, words in found:
        if any(other != source and _agree(words, theirs) for other, _, theirs in found):
            return text
    return found[0][1] if found else None


def _without_named_site(headline: str | None, given: set[str], site: str | None) -> str | None:
    """`Headline | Site` -> `Headline` when `Site` is the page's `site` name (one name holds the other) or
    the page writes `Headline` alone somewhere (`given`: its titles as written, normalised); any other
    headline as it is (`Nintendo Switch – OLED Model`)."""
    match = SITE_SUFFIX.match(headline) if headline else None
    if match is None:
        return headline
    bare = match.group(1)
    suffix, name = f" {normalise(match.group(2))} ", f" {normalise(site or '')} "
    named = bool(suffix.strip() and name.strip()) and (suffix in name or name in suffix)
    return bare if named or normalise(bare) in given else headline


def _agree(ours: set[str], theirs: set[str]) -> bool:
    """Two titles name the same thing: they share half the shorter one's words and a third of the longer's."""
    if not ours or not theirs:
        return False
    shared = len(ours & theirs)
    return shared >= 0.5 * min(len(ours), len(theirs)) and shared >= 0.3 * max(len(ours), len(theirs))


def _absolute_link(found: str | None, base: str | None) -> str | None:
    """A URL the page gives (canonical, image), made absolute against `base` (`page_base`) by the same rule
    as its links; a relative one with nothing to resolve it against is dropped."""
    resolved = safe_link(found, base)
    return resolved if resolved and _absolute(resolved) else None


def _title_site(tree: HtmlElement, meta: dict[str, str], title: str | None) -> str | None:
    """The site's name from a `Headline | Site` title tag or og:title, unless that part is the headline."""
    for full in (_tidy(tree.findtext(".//title")), _tidy(meta.get("og:title"))):
        if full and (site := title_site(full, title)):
            return site
    return None


def _tags(tree: HtmlElement, meta: dict[str, str], articles: list[dict[str, Any]]) -> tuple[str, ...]:
    """Article tags, sections and keywords, from the meta tags then JSON-LD: each once (case aside), in
    the order found."""
    found = [
        *tree.xpath(_ARTICLE_TAGS),
        *(word for key in _KEYWORD_META for word in _keywords(meta.get(key))),
        *(
            word
            for obj in articles
            for key in ("keywords", "articleSection")
            for word in _keywords(obj.get(key))
        ),
    ]
    tags: dict[str, str] = {}
    for tag in filter(None, map(_tidy, found)):
        tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


def _keywords(value: Any) -> list[str]:
    """A keywords field: a comma-separated string, or a list of strings (or of JSON-LD terms with a name)."""
    names = [item.get("name") if isinstance(item, dict) else item for item in _items(value)]
    return [word for name in names if isinstance(name, str) for word in name.split(",")]


def _ld_name(value: Any) -> str | None:
    """The name of a JSON-LD organisation (a publisher): an object's `name`, or a plain string."""
    return _first(_ld_item_name(item) for item in _items(value))


def _ld_person(value: Any) -> str | None:
    """A JSON-LD author, or its authors joined by commas: each an object's `name`, or a plain string."""
    return ", ".join(filter(None, (_ld_item_name(item) for item in _items(value)))) or None


def _ld_item_name(item: Any) -> str | None:
    return _tidy(item.get("name")) if isinstance(item, dict) else _tidy(_not_url(_tidy(item)))


def _ld_image(value: Any) -> str | None:
    """A JSON-LD image: a URL, an ImageObject's `url` or `contentUrl`, or the first of a list of them."""
    return _first(
        _tidy(item.get("url")) or _tidy(item.get("contentUrl")) if isinstance(item, dict) else _tidy(item)
        for item in _items(value)
    )


def _items(value: Any) -> list[Any]:
    """A JSON-LD value that may be one item or a list of them, as a list: one level only, so no
    recursion that deeply nested lists could run out of stack."""
    return value if isinstance(value, list) else [value]


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _first(values: Iterator[str | None]) -> str | None:
    return next(filter(None, values), None)


def _tidy(value: Any) -> str | None:
    """A string with its character references resolved, whitespace runs folded and in composed form (NFC,
    as the text is); None for anything else."""
    return composed(" ".join(html.unescape(value).split())) or None if isinstance(value, str) else None


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        content = element.get("content")
        if key and content and key not in tags:
            tags[key] = content
    return tags


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):  # RecursionError: JSON nested past Python's stack
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                yield item


def _is_article(obj: dict[str, Any]) -> bool:
    return _has_type(obj, _ARTICLE_TYPES)


def _has_type(obj: dict[str, Any], fragments: tuple[str, ...]) -> bool:
    types = obj.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(isinstance(name, str) and any(t in name.lower() for t in fragments) for name in names)


def _not_url(value: str | None) -> str | None:
    return None if value is None or "://" in value or value.startswith("/") else value


def _first_h1(tree: HtmlElement) -> str | None:
    heading = tree.find(".//h1")
    return _tidy(shown_text(heading)) if heading is not None else None


def _byline(tree: HtmlElement) -> str | None:
    candidates = (
        element
        for element in _document_elements(tree)
        if element.get("rel") == "author"
        or element.get("itemprop") == "author"
        or _class_has(element, _AUTHOR_HINTS, _AUTHOR_CLASSES)
    )
    for element in islice(candidates, 5):
        name = _person(shown_text(element))
        if name and len(name.split()) <= 6 and not any(ch.isdigit() for ch in name):
            return name
    return None


def _person(value: str | None) -> str | None:
    """An author's name as the page states it, tidied: without its `By` (a byline's lead alone is none) and
    the marks at its ends, once where it stands on both sides of a separator (`Seb – Seb`); none for a
    script's placeholder (`undefined`, a template key such as `page.head.author`)."""
    name = _tidy(value)
    if name is None:
        return None
    # `Von Braun`, `Di Wang` are names: a lead goes only where a name of two words or more follows it
    unled = _BY.sub("", name).strip(_NAME_EDGES)
    name = unled if len(unled.split()) >= 2 or not unled else name.strip(_NAME_EDGES)
    if len(parts := TITLE_SEPARATOR.split(name)) == 2 and parts[0] == parts[1]:
        name = parts[0]
    template_key = " " not in name and "." in name.strip(".") and "@" not in name
    return None if not name or name.lower() in _PLACEHOLDERS or template_key else name


def _class_has(element: HtmlElement, hints: re.Pattern[str], fragments: tuple[str, ...]) -> bool:
    names = element.get("class")
    if names is None or not hints.search(names):
        return False
    names = names.lower()
    return any(fragment in names for fragment in fragments)


def _document_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Every element of the document in order, as an XPath `//*` query reaches them (elements the parser
    left after the root too), walked lazily: a cascade that finds its value early reads no further, and
    a walk in Python costs half the query's test of every element's class in XPath."""
    root = tree.getroottree().getroot()
    for top in (root, *root.itersiblings()):
        yield from top.iter(etree.Element)


def _date_element(tree: HtmlElement) -> str | None:
    candidates = (
        element
        for element in _document_elements(tree)
        if element.tag == "time"
        or element.get("itemprop") == "datePublished"
        or _class_has(element, _DATE_HINTS, _DATE_CLASSES)
    )
    for element in islice(candidates, 10):
        found = iso_date(element.get("datetime") or element.get("content")) or iso_date(
            shown_text(element)[:100]
        )
        if found:
            return found
    return None


def _without_site(title: str | None) -> str | None:
    """`Headline | Site` -> `Headline`: a short last part after a separator is the site's name."""
    if title and (match := SITE_SUFFIX.match(title)):
        return match.group(1)
    return title


def _clean_title(title: str | None) -> str | None:
    """`Headline | Site` -> `Headline`: the longest part of a title split on its separators."""
    if not title:
        return None
    return _tidy(longest_part(title.strip(), TITLE_SEPARATOR_OR_COLON))
