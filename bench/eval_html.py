"""A quick loop for the HTML path: cleaner alone on WCXB pages, two processes, F1 per page type.

    python -m bench.eval_html [--data ../shared/wcxb-dev] [--limit N] [--every K]

`--every K` takes every K-th page (a spread over all page types, unlike `--limit`). Not the benchmark:
`make bench` is, with trafilatura beside cleaner in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

from cleaner import Cleaner, CleanerError

from .metrics import Score, score
from .run import PAGE_TYPES, Page, load_pages


def clean_page(page: Page) -> tuple[str, Score, float]:
    start = time.perf_counter()
    try:
        text = Cleaner().clean(page.html).text
    except CleanerError:
        text = ""
    seconds = time.perf_counter() - start
    return page.page_type, score(text, page.truth, page.with_snippets, page.without_snippets), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--every", type=int, default=1)
    args = parser.parse_args(argv)
    pages = load_pages(args.data, args.limit)[:: args.every]
    with Pool(2) as pool:
        results = pool.map(clean_page, pages, chunksize=4)
    by_type: dict[str, list[tuple[Score, float]]] = defaultdict(list)
    for page_type, page_score, seconds in results:
        by_type["all"].append((page_score, seconds))
        by_type[page_type].append((page_score, seconds))
    for name in ("all", *PAGE_TYPES):
        rows = by_type.get(name)
        if not rows:
            continue
        without = [s.without_kept for s, _ in rows if s.without_kept is not None]
        print(
            f"{name:<14} {len(rows):>5} F1 {statistics.fmean(s.f1 for s, _ in rows):.3f} "
            f"P {statistics.fmean(s.precision for s, _ in rows):.3f} "
            f"R {statistics.fmean(s.recall for s, _ in rows):.3f} "
            f"without {statistics.fmean(without) if without else float('nan'):.3f} "
            f"{1000 * statistics.fmean(t for _, t in rows):.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
