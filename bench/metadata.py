"""Metadata against the ground truth: title, author and date, cleaner against trafilatura; for the fields
the ground truth lacks (sitename, description, language, image, tags), how many pages have one.

    python -m bench.metadata [--data ../shared/wcxb-dev] [--trafeval ../shared/trafeval] [--limit N]

A field is right on a page when the system's value equals the ground truth's after normalising (title and
author: case-folded, whitespace runs made one space; date: the ISO day `YYYY-MM-DD`), or when the ground
truth has none and the system gives none. cleaner's metadata is what Cleaner.clean gives; trafilatura's is
bare_extraction(with_metadata=True) on the same HTML (its tags: tags and categories). cleaner's language
is also checked against the page's own `<html lang>`, where it has one.

The same title, author and date are scored on the WCXB pages' line and glued dumps (bench.dumps; cleaner
only: trafilatura reads no dumps). trafeval (`--trafeval`, trafilatura's evaluation set, Apache-2.0) has no
metadata truth; its pages whose URL carries a day (`/2015/12/13/`) give one for the date, in the three modes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import trafilatura

from cleaner import Cleaner, CleanerError
from cleaner.html.extract import parse_html
from cleaner.html.meta import read_metadata
from cleaner.language import tag_language, text_language

from .dumps import WCXB, load_dumps
from .results import RESULTS, write_section
from .trafeval import load_trafeval, prepare

FIELDS = ("title", "author", "date")
TRUTH_KEYS = {"title": "title", "author": "author", "date": "publish_date"}
COVERED = ("sitename", "description", "language", "image", "tags")
Found = dict[str, object]
SHAPES = ("lines", "glued")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|\b)")  # `/2015/12/13/` in a news URL


def normalise(field: str, value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if field == "date":
        return value.strip()[:10]
    return " ".join(value.casefold().split())


def cleaner_metadata(html: str, url: str | None) -> Found:
    # the same metadata Cleaner.clean gives an HTML page; read apart from it so that a page cleaning
    # refuses still counts with what its markup says
    tree = parse_html(html)
    meta = read_metadata(tree, url)
    try:
        text = Cleaner().clean(html, url=url).text
    except CleanerError:
        text = ""
    found: Found = {name: getattr(meta, name) for name in (*FIELDS, *COVERED) if name != "language"}
    found["detected"] = text_language(text)
    found["language"] = found["detected"] or meta.declared_language  # as Result.language is
    found["html_lang"] = tag_language(tree.get("lang"))
    return found


def trafilatura_metadata(html: str, url: str | None) -> Found:
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, deduplicate=False)
    found: Found = {name: getattr(document, name, None) for name in (*FIELDS, *COVERED)}
    found["tags"] = [*(getattr(document, "tags", None) or []), *(getattr(document, "categories", None) or [])]
    return found


SYSTEMS: dict[str, Callable[[str, str | None], Found]] = {
    "cleaner": cleaner_metadata,
    "trafilatura": trafilatura_metadata,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--trafeval", type=Path, default=Path("../shared/trafeval"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth").is_dir():
        print(f"bench: no WCXB data at {args.data} (set BENCH_DATA)", file=sys.stderr)
        return 2
    # right[system][field] = [right on pages with a truth value, pages with one, right on pages without, ...]
    right = {system: {name: [0, 0, 0, 0] for name in FIELDS} for system in SYSTEMS}
    covered = {system: dict.fromkeys(COVERED, 0) for system in SYSTEMS}
    declared = agreeing = 0  # pages with an <html lang> and a language detected; of those, the same one
    truth_files = sorted((args.data / "ground-truth").glob("*.json"))[: args.limit]
    truths = {}  # each page's ground truth, for its dumps' rows too
    for truth_file in truth_files:
        page = json.loads(truth_file.read_text(encoding="utf-8"))
        truth = truths[truth_file.stem] = page["ground_truth"]
        html = gzip.decompress((args.data / "html" / f"{truth_file.stem}.html.gz").read_bytes()).decode(
            "utf-8", errors="replace"
        )
        for system, read in SYSTEMS.items():
            found = read(html, page.get("url"))
            for name in COVERED:
                covered[system][name] += bool(found[name])
            if system == "cleaner" and found["html_lang"] and found["detected"]:
                declared += 1
                agreeing += found["html_lang"] == found["detected"]
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
        "trafilatura is bare_extraction(with_metadata=True); both are given the page's URL.",
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
    pages = max(len(truth_files), 1)
    rows += [
        "",
        "The ground truth has no site name, description, language, image or tags: the share of pages where "
        "each system gives one (not whether it is right).",
        "",
        "| field | cleaner | trafilatura |",
        "|---|---:|---:|",
        *(
            f"| {name} | {' | '.join(f'{covered[system][name] / pages:.3f}' for system in SYSTEMS)} |"
            for name in COVERED
        ),
        "",
        f"cleaner's language (detected on the cleaned text) equals the page's `<html lang>` on "
        f"{agreeing / max(declared, 1):.3f} of the {declared} pages that have both.",
    ]
    rows += ["", *dump_rows(args.data, args.limit, truths)]
    if (args.trafeval / "evaldata.json").is_file():
        rows += ["", *url_date_rows(args.trafeval, args.limit)]
    else:
        print(f"bench: no trafeval data at {args.trafeval}: its dates are skipped", file=sys.stderr)
    print(*rows, sep="\n")
    write_section("metadata", "\n".join(rows), args.results)
    return 0


def _cleaned_fields(source: str | bytes) -> Found:
    """Title, author and date as Cleaner.clean gives them; none where it refuses the input."""
    try:
        result = Cleaner().clean(source)
    except CleanerError:
        return {}
    return {name: getattr(result, name) for name in FIELDS}


def dump_rows(data: Path, limit: int | None, truths: dict[str, dict[str, object]]) -> list[str]:
    """The share of WCXB pages where cleaner's title, author and date from the page's dumps are right
    (`truths`: each page's ground truth, by its id)."""
    right = {shape: dict.fromkeys(FIELDS, 0) for shape in SHAPES}
    for shape in SHAPES:
        for dump in load_dumps(WCXB, data, shape, limit):
            found = _cleaned_fields(dump.dump)
            for name in FIELDS:
                expected = normalise(name, truths[dump.id].get(TRUTH_KEYS[name]))
                right[shape][name] += normalise(name, found.get(name)) == expected
    pages = max(len(truths), 1)
    return [
        "The same fields from the pages' dumps (cleaner only: trafilatura reads no dumps), right as above:",
        "",
        "| field | lines dump | glued dump |",
        "|---|---:|---:|",
        *(
            f"| {name} | {' | '.join(f'{right[shape][name] / pages:.3f}' for shape in SHAPES)} |"
            for name in FIELDS
        ),
    ]


def url_date_rows(data: Path, limit: int | None) -> list[str]:
    """On trafeval's pages whose URL carries a day: the share where cleaner's date is that day, or another."""
    days = {}
    for page in load_trafeval(data, limit):
        if match := _URL_DAY.search(page.url):
            days[page.id] = ("-".join(match.groups()), page)
    cells = []
    for mode in ("html", *SHAPES):
        same = other = 0
        for day, page in days.values():
            found = _cleaned_fields(prepare(mode, page)).get("date")
            same += found == day
            other += found is not None and found != day
        cells.append(f"| {mode} | {same / max(len(days), 1):.3f} | {other / max(len(days), 1):.3f} |")
    return [
        f"trafeval has no metadata truth, but {len(days)} of its pages have a URL that carries a day "
        "(`/2015/12/13/`): the share of those where cleaner's date is that day, and where it is another.",
        "",
        "| input | date = the URL's day | another date |",
        "|---|---:|---:|",
        *cells,
    ]


if __name__ == "__main__":
    sys.exit(main())
