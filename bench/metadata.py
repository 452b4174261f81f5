"""Metadata against the ground truth: title, author and date, cleaner against trafilatura.

    python -m bench.metadata [--data ../shared/wcxb-dev] [--limit N]

A field is right on a page when the system's value equals the ground truth's after normalising (title and
author: case-folded, whitespace runs made one space; date: the ISO day `YYYY-MM-DD`), or when the ground
truth has none and the system gives none. cleaner's metadata is Result.title / author / date;
trafilatura's is bare_extraction(with_metadata=True) on the same HTML.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path

import trafilatura

from cleaner.html.extract import parse_html
from cleaner.html.meta import read_metadata

from .results import RESULTS, write_section

FIELDS = ("title", "author", "date")
TRUTH_KEYS = {"title": "title", "author": "author", "date": "publish_date"}


def normalise(field: str, value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if field == "date":
        return value.strip()[:10]
    return " ".join(value.casefold().split())


def cleaner_metadata(html: str) -> dict[str, str | None]:
    # the same reading Cleaner.clean does for an HTML page, without the extraction around it
    meta = read_metadata(parse_html(html))
    return {"title": meta.title, "author": meta.author, "date": meta.date}


def trafilatura_metadata(html: str) -> dict[str, str | None]:
    document = trafilatura.bare_extraction(html, with_metadata=True, deduplicate=False)
    return {name: getattr(document, name, None) if document is not None else None for name in FIELDS}


SYSTEMS: dict[str, Callable[[str], dict[str, str | None]]] = {
    "cleaner": cleaner_metadata,
    "trafilatura": trafilatura_metadata,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth").is_dir():
        print(f"bench: no WCXB data at {args.data} (set BENCH_DATA)", file=sys.stderr)
        return 2
    # right[system][field] = [right on pages with a truth value, pages with one, right on pages without, ...]
    right = {system: {name: [0, 0, 0, 0] for name in FIELDS} for system in SYSTEMS}
    truth_files = sorted((args.data / "ground-truth").glob("*.json"))[: args.limit]
    for truth_file in truth_files:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))["ground_truth"]
        html = gzip.decompress((args.data / "html" / f"{truth_file.stem}.html.gz").read_bytes()).decode(
            "utf-8", errors="replace"
        )
        for system, read in SYSTEMS.items():
            found = read(html)
            for name in FIELDS:
                expected = normalise(name, truth.get(TRUTH_KEYS[name]))
                counts = right[system][name]
                offset = 0 if expected is not None else 2
                counts[offset] += normalise(name, found[name]) == expected
                counts[offset + 1] += 1
    rows = [
        f"## Metadata against the ground truth ({len(truth_files)} pages)",
        "",
        "Share of pages where the field is right: equal to the ground truth after normalising (title, author: "
        "case-folded, whitespace folded; date: ISO day), or absent where the ground truth has none. In brackets: "
        "right on pages whose ground truth has the field / right on pages whose ground truth has none. "
        "trafilatura is bare_extraction(with_metadata=True).",
        "",
        "| field | cleaner | trafilatura |",
        "|---|---:|---:|",
    ]
    for name in FIELDS:
        cells = []
        for system in SYSTEMS:
            hit, with_value, hit_none, without_value = right[system][name]
            total = (hit + hit_none) / max(with_value + without_value, 1)
            cells.append(
                f"{total:.3f} ({hit / max(with_value, 1):.3f} / {hit_none / max(without_value, 1):.3f})"
            )
        rows.append(f"| {name} | {' | '.join(cells)} |")
    print(*rows, sep="\n")
    write_section("metadata", "\n".join(rows), args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
