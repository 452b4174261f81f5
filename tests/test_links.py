"""`safe_link`: the one rule for which link targets an output may carry."""

import pytest

from cleaner.links import safe_link

BASE = "https://example.org/docs/page"


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("../img/a.png", BASE, "https://example.org/img/a.png"),
        ("setup.html", None, "setup.html"),  # relative, nothing to resolve it against
        ("\x00 https://example.org/x\t\n ", None, "https://example.org/x"),
        ("mailto:a@example.org", BASE, "mailto:a@example.org"),
        ("FTP://example.org/f", None, "FTP://example.org/f"),
        ("#top", BASE, None),
        ("", BASE, None),
        (None, BASE, None),
        ("java\nscript:alert(1)", BASE, None),
        ("\x01javascript:alert(1)", None, None),
        ("vbscript:x", None, None),
        ("data:text/html,x", BASE, None),
        ("tel:123", None, None),
        ("https://[::1", None, "https://[::1"),  # no base: nothing is parsed
        ("x", "https://[::1", None),  # a malformed base
    ],
)
def test_safe_link(href: str | None, base: str | None, expected: str | None) -> None:
    assert safe_link(href, base) == expected
