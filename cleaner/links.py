"""Which link targets an output may carry: one rule for every path that reads links (HTML pages, text
dumps, page metadata such as the canonical URL) and for the renderers that write them."""

from __future__ import annotations

import re
from urllib.parse import urljoin

# The schemes a reader can follow without running anything: `javascript:`, `vbscript:` and `data:` run or
# embed content, and an unknown scheme may launch an application.
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")


def safe_link(href: str | None, base: str | None = None) -> str | None:
    """`href` made absolute against `base`, as a browser reads it (the WHATWG URL parser trims C0 controls
    and spaces and drops every tab, CR and LF: `java&#10;script:` is `javascript:`); None unless it leads
    to an http, https, mailto or ftp URL, or stays relative (no base, or a relative one). A `#fragment`
    alone is None too: it leads nowhere off the page."""
    target = (href or "").strip(_C0_AND_SPACE).translate(_TAB_NEWLINE)
    if not target or target.startswith("#"):
        return None
    if base:
        try:
            target = urljoin(base, target)
        except ValueError:  # a malformed URL (an unclosed IPv6 bracket): no link
            return None
    scheme = _SCHEME.match(target)
    return target if scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES else None
