"""Glued-text speed: throughput on one core, cost linearity (1 MB against 20 MB) and peak memory.

    python -m bench.text_speed [--data ../shared/wcxb-dev]

The dumps are WCXB pages as glued text (bench.run's `glued` mode) run together until they reach the size;
single line dumps (the `lines` mode) are measured too. Time is the process's CPU time (one core: the
machine may be shared, and wall time would count the other processes' turns). Memory is tracemalloc's peak
of Python allocations during one call, relative to the input's size. A process's first call also loads the
text model and indexes the stoplists, once: it has a row of its own, and the rates are a warm process's.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

from cleaner import Cleaner, Config

from .results import RESULTS, write_section
from .run import as_glued, as_lines, load_pages

SIZES_MB = (1, 20)


def glued_dump(pages: list[str], megabytes: int) -> str:
    """WCXB glued dumps concatenated (cycling) until the text has `megabytes` MB of UTF-8."""
    target = megabytes * 1_000_000
    parts, size = [], 0
    while size < target:
        for page in pages:
            parts.append(page)
            size += len(page.encode()) + 1
            if size >= target:
                break
    return " ".join(parts)


def seconds(cleaner: Cleaner, text: str) -> float:
    start = time.process_time()
    cleaner.clean(text)
    return time.process_time() - start


def seconds_per_mb(cleaner: Cleaner, text: str) -> float:
    return seconds(cleaner, text) / (len(text.encode()) / 1e6)


def peak_memory_ratio(cleaner: Cleaner, text: str) -> float:
    tracemalloc.start()
    cleaner.clean(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / len(text.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--pages", type=int, default=200, help="WCXB pages to build the dumps from")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth").is_dir():
        print(f"text_speed: no WCXB data at {args.data} (set BENCH_DATA)", file=sys.stderr)
        return 2
    html_pages = load_pages(args.data, args.pages)
    pages = [dump for dump in (as_glued(page.html) for page in html_pages) if dump]
    line_pages = [dump for dump in (as_lines(page.html) for page in html_pages[:50]) if dump]
    cleaner = Cleaner(Config(input_type="text", timeout=0, max_bytes=0))  # measure, never stop
    # A process's first page also loads the text model and indexes jusText's stoplists: a cost once a
    # process, not a page's, shown on its own row; the pages are timed after it.
    startup = seconds(cleaner, pages[0]) - seconds(cleaner, pages[0])
    per_page = [seconds_per_mb(cleaner, page) for page in pages[:50]]
    per_line_page = [seconds_per_mb(cleaner, page) for page in line_pages]
    cost = {size: seconds_per_mb(cleaner, glued_dump(pages, size)) for size in SIZES_MB}
    memory = peak_memory_ratio(cleaner, glued_dump(pages, SIZES_MB[0]))
    small, large = cost[SIZES_MB[0]], cost[SIZES_MB[-1]]
    rows = [
        "## Text-dump speed (one core, CPU time)",
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
        f"| glued, single pages ({len(per_page)}) | {len(per_page) / sum(per_page):.2f} MB/s | ≥ 10 MB/s |",
        f"| lines, single pages ({len(per_line_page)}) | {len(per_line_page) / sum(per_line_page):.2f} MB/s "
        "| ≥ 10 MB/s |",
        *(
            f"| {size} MB glued dump | {cost[size]:.2f} s/MB ({1 / cost[size]:.2f} MB/s) | ≥ 10 MB/s |"
            for size in SIZES_MB
        ),
        f"| cost ratio {SIZES_MB[-1]} MB / {SIZES_MB[0]} MB | {large / small:.2f} | ≤ 1.3 |",
        f"| a process's start (its first page: the model loaded, the stoplists indexed) | {startup:.2f} s | |",
        f"| peak memory / input ({SIZES_MB[0]} MB, tracemalloc) | {memory:.1f}x | < 5x |",
    ]
    print(*rows, sep="\n")
    write_section("text-speed", "\n".join(rows), args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
