"""Page metadata (title, author, date, URL) read from an HTML tree.

Our own short cascade over JSON-LD, OpenGraph and `<meta>` tags, the first `<h1>` and `<time>`: it costs a
fraction of a full metadata pass and reads the same places a publisher fills in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»-]\s+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_DATE_META = ("date", "pubdate", "publishdate", "dc.date", "dc.date.issued")
_ARTICLE_TYPES = ("article", "posting", "report", "blog", "news", "webpage", "review")


@dataclass(frozen=True, kw_only=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


def read_metadata(tree: HtmlElement) -> Metadata:
    """The page's title, author, publication date (ISO) and canonical URL, where it states them."""
    meta = _meta_tags(tree)
    ld = list(_json_ld_objects(tree))
    article = next((obj for obj in ld if _is_article(obj)), ld[0] if ld else {})
    # Each cascade stops at its first hit (`or`), so the costlier fallbacks run only when needed.
    published = article.get("datePublished")
    date_element = tree.xpath("(//*[@itemprop='datePublished']/@content|//time/@datetime)[1]")
    return Metadata(
        title=_tidy(article.get("headline"))
        or _tidy(meta.get("og:title"))
        or _tidy(meta.get("twitter:title"))
        or _first_h1(tree)
        or _clean_title(tree.findtext(".//title")),
        author=_ld_person(article.get("author"))
        or _tidy(_not_url(meta.get("author")))
        or _tidy(_not_url(meta.get("article:author")))
        or _tidy(_not_url(meta.get("dc.creator")))
        or _byline(tree),
        date=iso_date(_tidy(published))
        or iso_date(meta.get("article:published_time"))
        or next(filter(None, (iso_date(meta.get(key)) for key in _DATE_META)), None)
        or iso_date(str(date_element[0]) if date_element else None)
        or iso_date(_tidy(article.get("dateModified"))),
        url=_tidy(next(iter(tree.xpath("//link[@rel='canonical']/@href")), None))
        or _tidy(meta.get("og:url")),
    )


def iso_date(value: str | None) -> str | None:
    """`2025-09-19T15:48Z`, `Sep 19, 2025` or `19 September 2025` as `2025-09-19`; None if no date."""
    if not value:
        return None
    if match := _ISO_DATE.search(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _MONTH_DAY_YEAR.search(value):
        month, day, year = _MONTHS[match.group(1).lower()], int(match.group(2)), int(match.group(3))
    elif match := _DAY_MONTH_YEAR.search(value):
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _tidy(value: Any) -> str | None:
    """A string with its whitespace runs folded, or None for anything else or nothing."""
    return " ".join(value.split()) or None if isinstance(value, str) else None


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
    types = obj.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(isinstance(name, str) and any(t in name.lower() for t in _ARTICLE_TYPES) for name in names)


def _ld_person(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for name in (_ld_person(item) for item in value) if name]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _tidy(value.get("name"))
    return _tidy(_not_url(value if isinstance(value, str) else None))


def _not_url(value: str | None) -> str | None:
    return None if value is None or "://" in value or value.startswith("/") else value


def _first_h1(tree: HtmlElement) -> str | None:
    heading = tree.find(".//h1")
    return _tidy(heading.text_content()) if heading is not None else None


def _byline(tree: HtmlElement) -> str | None:
    found = tree.xpath(
        "(//*[@rel='author' or @itemprop='author' or contains(@class, 'byline__name')"
        " or contains(@class, 'author-name')])[1]"
    )
    return _tidy(found[0].text_content()) if found else None


def _clean_title(title: str | None) -> str | None:
    """`Headline | Site` -> `Headline`: the longest part of a title split on its separators."""
    if not title:
        return None
    return _tidy(max(_TITLE_SEPARATORS.split(title.strip()), key=len))
