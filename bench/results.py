"""bench/RESULTS.md is made of sections, one per benchmark; each run rewrites only its own."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).parent / "RESULTS.md"
HEADER = (
    "# Benchmark results\n\n"
    "Written by `make bench`; each benchmark rewrites its own section. Data: the development split of WCXB, "
    "the Web Content eXtraction Benchmark (Murrough Foley, CC-BY-4.0), unless a section says otherwise.\n"
)


def write_section(name: str, markdown: str, path: Path = RESULTS) -> None:
    """Put `markdown` between the markers of section `name`, replacing what was there, or append it."""
    begin, end = f"<!-- section:{name} -->", f"<!-- /section:{name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    current = path.read_text(encoding="utf-8") if path.exists() else HEADER
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _: block, current)
    else:
        updated = f"{current.rstrip()}\n\n{block}\n"
    path.write_text(updated, encoding="utf-8")
