"""bench/RESULTS.md is made of sections, one per benchmark; each run rewrites only its own."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
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


# One mode's run: its per-page records and its table.
ModeRun = tuple[Iterable[dict[str, object]], list[str]]


def mode_sections(
    modes: Sequence[str], run: Callable[[str], ModeRun], scores: Callable[[str], Path]
) -> list[str]:
    """Run each mode in turn: write its per-page records to `scores(mode)` (jsonl) and print its table
    as soon as it is done; the tables under `### MODE mode` headings, for the section."""
    sections: list[str] = []
    for mode in modes:
        records, rows = run(mode)
        with scores(mode).open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        sections += ["", f"### {mode} mode", "", *rows]
        print(f"\n## {mode}", *rows, sep="\n", flush=True)
    return sections
