"""`make bench`, batch section: pages/s of a batch run with 1 and 2 jobs and on a local Dask cluster,
and what `--site-dedup` gains on the WCXB dev sites with several pages, in lines and glued mode.

The pages are written out as a corpus (a folder of HTML pages; for site-dedup one folder per site, so
the site is the folder, as for a folder of saved pages) and cleaned by `cleaner.corpus.run.run`, the code
behind `cleaner clean`.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from cleaner import Config
from cleaner.corpus.inputs import Corpus
from cleaner.corpus.run import Batch, run
from cleaner.site import MIN_PAGES

from .metrics import Score, score
from .results import RESULTS, write_section
from .run import PREPARE, Page, load_pages


def throughput(pages: list[Page], workdir: Path, runs: dict[str, Batch]) -> list[str]:
    """Clean a folder of the pages into a folder once per run; a table of pages/s."""
    folder = workdir / "html"
    folder.mkdir()
    for page in pages:
        (folder / f"{page.id}.html").write_text(page.html, encoding="utf-8")
    rows = [
        "| run | seconds | pages/s | speed-up over 1 job | CPU ms/page | cores busy |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    base = None
    for name, batch in runs.items():
        output = workdir / f"out-{len(rows)}"
        corpus = Corpus(paths=[str(folder)])
        cpu, start = _cpu_seconds(), time.perf_counter()
        run(corpus, Config(), replace(batch, output=output), out=io.StringIO(), err=sys.stderr)
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds() - cpu
        rate = len(pages) / seconds
        base = base or rate
        rows.append(
            f"| `{name}` | {seconds:.1f} | {rate:.1f} | {rate / base:.2f}× "
            f"| {1000 * cpu / len(pages):.0f} | {cpu / seconds:.2f} |"
        )
        print(rows[-1], flush=True)
    return rows


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def site_dedup_gain(pages: list[Page], domains: dict[str, str], workdir: Path, mode: str) -> str:
    """Clean the pages of every site with several pages, without and with --site-dedup; one table row."""
    per_site = Counter(domains[page.id] for page in pages)
    chosen = [page for page in pages if per_site[domains[page.id]] >= MIN_PAGES]
    root = workdir / f"sites-{mode}"
    for page in chosen:
        folder = root / domains[page.id]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{page.id}.txt").write_text(PREPARE[mode](page.html), encoding="utf-8")
    scores: dict[bool, list[Score]] = {}
    blocks: dict[bool, int] = {}
    for site_dedup in (False, True):
        output = workdir / f"sites-{mode}-{site_dedup}.jsonl"
        batch = Batch(output=output, output_format="jsonl", jobs=2, site_dedup=site_dedup)
        run(Corpus(paths=[str(root)]), Config(), batch, out=io.StringIO(), err=io.StringIO())
        texts = {
            Path(record["metadata"]["source"]).stem: record["text"] or ""
            for record in map(json.loads, output.read_text(encoding="utf-8").splitlines())
        }
        scores[site_dedup] = [
            score(texts[page.id], page.truth, page.with_snippets, page.without_snippets) for page in chosen
        ]
        blocks[site_dedup] = sum(len(text.split("\n\n")) for text in texts.values() if text)
    sites = len({domains[page.id] for page in chosen})

    def mean(site_dedup: bool, name: str) -> str:
        values = [getattr(s, name) for s in scores[site_dedup] if getattr(s, name) is not None]
        return f"{statistics.fmean(values):.3f}" if values else "-"

    def pair(name: str) -> str:
        return f"{mean(False, name)} → {mean(True, name)}"

    return (
        f"| {mode} | {sites} / {len(chosen)} | {pair('f1')} | {pair('precision')} | {pair('recall')} "
        f"| {pair('with_found')} | {pair('without_kept')} | {blocks[False]} → {blocks[True]} |"
    )


def _domain(data: Path, page_id: str) -> str:
    """The page's site: its URL's host (metadata.json lists the domains of only some pages); a page
    without a URL is a site of its own."""
    record = json.loads((data / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    host = urlsplit(record.get("url") or "").hostname
    return host.removeprefix("www.") if host else page_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages for throughput")
    parser.add_argument("--modes", default="html,lines,glued", help="modes of the site-dedup table")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth").is_dir():
        print(f"bench: no WCXB data at {args.data} (set BENCH_DATA)", file=sys.stderr)
        return 2
    pages = load_pages(args.data, None)
    domains = {page.id: _domain(args.data, page.id) for page in pages}
    load_before = os.getloadavg()[0]
    runs = {
        "--jobs 1": Batch(jobs=1),
        "--jobs 2": Batch(jobs=2),
        "--scheduler local --jobs 2": Batch(jobs=2, scheduler="local"),
    }
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        workdir = Path(tmp)
        speed = throughput(pages[: args.limit], workdir, runs)
        load_after = os.getloadavg()[0]
        gains = [site_dedup_gain(pages, domains, workdir, mode) for mode in args.modes.split(",") if mode]
    count = len(pages[: args.limit])
    sections = [
        "## Batch runs",
        "",
        f"### Throughput: {count} pages of WCXB dev HTML, a folder cleaned into a folder",
        "",
        "Wall time of the whole run (start-up, reading, cleaning, writing) on this machine's "
        f"{os.cpu_count()} cores. Load average (1 min) before / after: {load_before:.1f} / "
        f"{load_after:.1f}: with other processes on the cores, the speed-up is a lower bound. CPU ms/page "
        "counts this process and its workers (Dask's only as far as they are its children); cores busy is "
        "CPU time over wall time: what the run got of the machine.",
        "",
        *speed,
        "",
        f"### Site-wide boilerplate: `--site-dedup` on the WCXB dev sites with ≥ {MIN_PAGES} pages",
        "",
        "Each site's pages in a folder of their own (the site is the folder). Scores are WCXB's, averaged "
        "over pages, without → with `--site-dedup`; blocks are the blank-line separated blocks kept.",
        "",
        "| mode | sites / pages | F1 | precision | recall | with found | without kept | blocks kept |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *gains,
    ]
    print("\n".join(gains))
    write_section("batch", "\n".join(sections), args.results)
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
