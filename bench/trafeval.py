"""`python -m bench.trafeval`: cleaner against trafilatura on trafilatura's own evaluation set.

Data: trafilatura's evaluation set (Adrien Barbaresi and contributors, Apache-2.0): 990 real pages from
many sites, mostly German; `html/FILE.gz` is the page and `evaldata.json` maps each page's URL to `file`,
`with` (snippets a correct extraction contains) and `without` (boilerplate snippets it must not contain).
The metric is trafilatura's (`bench.metrics.snippet_counts`): over all pages, a `with` snippet found in
the output is a true positive, a missing one a false negative, a `without` snippet found a false positive;
precision, recall and F1 from those totals.

Inputs: in `html` mode both systems get the page's bytes and decode them themselves (cleaner: BOM, valid
UTF-8, the declared charset, a detector; trafilatura: valid UTF-8, then a detector). The dumps (`lines`,
`glued` and `markdown`, made by bench/run.py's `DUMPS`) are made from the page decoded as a browser
would (`decode_page`), and both systems, and `dump` (the dump kept whole), get the same text.

`load_trafeval` and `site_of` are the loader and the site grouping the HTML-model training uses too.
Writes per-page results to bench/out/trafeval-MODE.jsonl and the `trafeval` section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import html
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import charset_normalizer
import trafilatura

from cleaner import Cleaner, CleanerError, Config

from .metrics import SnippetCounts, snippet_counts, snippet_matches
from .results import RESULTS, ModeRun, mode_sections, write_section
from .run import DUMPS, output, whole

HERE = Path(__file__).parent
DEFAULT_DATA = Path("../shared/trafeval")
MODES = ("html", "lines", "glued", "markdown")
CREDIT = (
    "Data: trafilatura's evaluation set (`../shared/trafeval`), by Adrien Barbaresi and contributors, "
    "Apache-2.0."
)


@dataclass(frozen=True)
class TrafevalPage:
    id: str  # the file name under html/, without .gz
    url: str  # the page's URL (see `page_url`)
    site: str  # `site_of(url)`: the group for by-site held-out splits
    html: bytes  # the page as served (gunzipped), not decoded
    with_snippets: list[str]
    without_snippets: list[str]


def load_trafeval(data_dir: Path | str, limit: int | None = None) -> list[TrafevalPage]:
    """The pages of trafilatura's evaluation set in `data_dir`, in evaldata.json's order."""
    data_dir = Path(data_dir)
    entries = json.loads((data_dir / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for key, entry in list(entries.items())[:limit]:
        raw = gzip.decompress((data_dir / "html" / f"{entry['file']}.gz").read_bytes())
        url = page_url(key, raw, entry["file"])
        pages.append(
            TrafevalPage(
                id=entry["file"],
                url=url,
                site=site_of(url),
                html=raw,
                with_snippets=list(entry.get("with") or []),
                without_snippets=list(entry.get("without") or []),
            )
        )
    return pages


_KEY_URL = re.compile(r"^x?(https?://\S+)$")  # one key is `xhttps://…`
_LINK_TAG = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I)
_OG_URL_TAG = re.compile(rb"<meta\b[^>]*\bproperty\s*=\s*[\"']?og:url\b[^>]*>", re.I)
_ATTRIBUTE = {
    "href": re.compile(rb"\bhref\s*=\s*[\"']([^\"']+)", re.I),
    "content": re.compile(rb"\bcontent\s*=\s*[\"']([^\"']+)", re.I),
}


def page_url(key: str, raw: bytes, file: str) -> str:
    """The page's URL: evaldata's key when it is one; else (keys like `hard::site.tld-word.html`) the
    page's canonical link or og:url; else `http://` and the host-like start of the file name (its
    lowercase letters, digits and dots: `iwr.de` of `hard::iwr.de.IWR-Pressedienst.html`)."""
    match = _KEY_URL.match(key)
    if match:
        return match.group(1)
    for tag, attribute in ((_LINK_TAG, "href"), (_OG_URL_TAG, "content")):
        found = tag.search(raw)
        value = found and _ATTRIBUTE[attribute].search(found.group(0))
        if value:
            url = html.unescape(value.group(1).decode("utf-8", errors="replace")).strip()
            if url.startswith(("http://", "https://")):
                return url
    host = re.match(r"[a-z0-9.]*", key.split("::")[-1] or file)
    return "http://" + (host.group(0) if host else "").strip(".")


_ARCHIVED = re.compile(r"^/web/[^/]+/(.+)$")


def site_of(url: str) -> str:
    """The site a page belongs to: its host, lowercase, without `www.`; a Wayback Machine copy
    (`web.archive.org/web/TIMESTAMP/URL`) belongs to the archived page's site."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = (parts.hostname or "").lower()
    if host == "web.archive.org":
        archived = _ARCHIVED.match(parts.path)
        if archived:
            return site_of(archived.group(1) + (f"?{parts.query}" if parts.query else ""))
    return host.removeprefix("www.")


# --- inputs ---------------------------------------------------------------------------------------

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_page(raw: bytes) -> str:
    """The page as a browser reads it: a BOM, then valid UTF-8, then the charset the page declares (latin-1
    read as windows-1252, bad bytes replaced), then a detector."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(raw[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            name = ""
        if name in ("latin-1", "iso8859-1", "ascii"):
            name = "cp1252"
        if name and not name.startswith(("utf-16", "utf-32")):
            return raw.decode(name, errors="replace")
    best = charset_normalizer.from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("utf-8", errors="replace")


def as_dump(shape: str, page: TrafevalPage) -> str:
    """The page as a `lines`, `glued` or `markdown` dump, made from the page decoded as a browser would."""
    return DUMPS[shape](decode_page(page.html))


def prepare(mode: str, page: TrafevalPage) -> str | bytes:
    return page.html if mode == "html" else as_dump(mode, page)


def systems(mode: str) -> dict[str, Callable[[str | bytes], str]]:
    """cleaner (default Config, no timeout), trafilatura.extract with its defaults, and in the dump modes
    `dump`: the input kept whole."""
    worker = Cleaner(Config(timeout=0))

    def run_cleaner(page: str | bytes) -> str:
        try:
            return output(worker.clean(page), mode)
        except CleanerError:
            return ""

    def run_trafilatura(page: str | bytes) -> str:
        return trafilatura.extract(page) or ""

    found: dict[str, Callable[[str | bytes], str]] = {"cleaner": run_cleaner, "trafilatura": run_trafilatura}
    if mode != "html":
        found["dump"] = lambda page: whole(page, mode) if isinstance(page, str) else ""
    return found


# --- running and scoring --------------------------------------------------------------------------


@dataclass(frozen=True)
class PageResult:
    id: str
    url: str
    site: str
    system: str
    mode: str
    seconds: float  # wall time of the call
    cpu_seconds: float  # this process's CPU time during the call: steadier on a busy machine
    input_bytes: int
    counts: SnippetCounts
    missed_with: list[int]  # indices into the page's `with` snippets
    kept_without: list[int]  # indices into its `without` snippets

    def record(self) -> dict[str, object]:
        c = self.counts
        return {
            "id": self.id,
            "url": self.url,
            "site": self.site,
            "system": self.system,
            "mode": self.mode,
            "seconds": round(self.seconds, 6),
            "cpu_seconds": round(self.cpu_seconds, 6),
            "input_bytes": self.input_bytes,
            "tp": c.tp,
            "fn": c.fn,
            "fp": c.fp,
            "tn": c.tn,
            "precision": round(c.precision, 4),
            "recall": round(c.recall, 4),
            "f1": round(c.f1, 4),
            "missed_with": self.missed_with,
            "kept_without": self.kept_without,
        }


def run_mode(mode: str, pages: list[TrafevalPage]) -> Iterator[PageResult]:
    inputs = [prepare(mode, page) for page in pages]
    for system, extract in systems(mode).items():
        for page, page_input in zip(pages, inputs, strict=True):
            start, cpu_start = time.perf_counter(), time.process_time()
            output = extract(page_input)
            seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
            found = snippet_matches(output, page.with_snippets)
            kept = snippet_matches(output, page.without_snippets)
            size = len(page_input) if isinstance(page_input, bytes) else len(page_input.encode())
            yield PageResult(
                page.id,
                page.url,
                page.site,
                system,
                mode,
                seconds,
                cpu_seconds,
                size,
                snippet_counts(output, page.with_snippets, page.without_snippets),
                [i for i, hit in enumerate(found) if hit is False],
                [i for i, hit in enumerate(kept) if hit],
            )


def total(results: list[PageResult]) -> SnippetCounts:
    return sum((r.counts for r in results), SnippetCounts())


def _by_system(results: list[PageResult]) -> dict[str, list[PageResult]]:
    grouped: dict[str, list[PageResult]] = defaultdict(list)
    for result in results:
        grouped[result.system].append(result)
    return dict(grouped)


def summary_rows(results: list[PageResult]) -> list[str]:
    rows = [
        "| system | pages | precision | recall | F1 | without kept | mean page F1 | site-mean F1 "
        "| ms/page (wall / CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for system, rs in _by_system(results).items():
        counts = total(rs)
        sites: dict[str, list[PageResult]] = defaultdict(list)
        for r in rs:
            sites[r.site].append(r)
        site_f1 = statistics.fmean(total(site_results).f1 for site_results in sites.values())
        rows.append(
            f"| {system} | {len(rs)} | {counts.precision:.3f} | {counts.recall:.3f} | **{counts.f1:.3f}** "
            f"| {counts.without_kept:.3f} | {statistics.fmean(r.counts.f1 for r in rs):.3f} "
            f"| {site_f1:.3f} | {1000 * statistics.fmean(r.seconds for r in rs):.1f} "
            f"/ {1000 * statistics.fmean(r.cpu_seconds for r in rs):.1f} |"
        )
    return rows


def _tld(site: str) -> str:
    return site.rsplit(".", 1)[-1] if "." in site else site


def site_rows(results: list[PageResult]) -> list[str]:
    """cleaner against trafilatura by site: how many sites each wins, and F1 by the sites' top-level
    domain (the main ones, the rest together)."""
    by = _by_system(results)
    c_sites: dict[str, list[PageResult]] = defaultdict(list)
    t_sites: dict[str, list[PageResult]] = defaultdict(list)
    for r in by["cleaner"]:
        c_sites[r.site].append(r)
    for r in by["trafilatura"]:
        t_sites[r.site].append(r)
    diffs = [total(c_sites[s]).f1 - total(t_sites[s]).f1 for s in c_sites]
    wins, losses = sum(d > 1e-9 for d in diffs), sum(d < -1e-9 for d in diffs)
    tld_pages: dict[str, int] = defaultdict(int)
    for r in by["cleaner"]:
        tld_pages[_tld(r.site)] += 1
    main = [tld for tld, n in sorted(tld_pages.items(), key=lambda item: -item[1]) if n >= 20]

    def group(site: str) -> str:
        return f".{_tld(site)}" if _tld(site) in main else "other"

    rows = [
        f"By site: {wins} sites where cleaner's F1 is higher, {losses} where trafilatura's is, "
        f"{len(diffs) - wins - losses} equal.",
        "",
        "| top-level domain | sites | pages | F1 (c / t) | precision (c / t) | recall (c / t) | without kept (c / t) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in [f".{tld}" for tld in main] + ["other"]:
        c = [r for r in by["cleaner"] if group(r.site) == name]
        t = [r for r in by["trafilatura"] if group(r.site) == name]
        if not c:
            continue
        cc, tt = total(c), total(t)
        rows.append(
            f"| {name} | {len({r.site for r in c})} | {len(c)} | {cc.f1:.3f} / {tt.f1:.3f} "
            f"| {cc.precision:.3f} / {tt.precision:.3f} | {cc.recall:.3f} / {tt.recall:.3f} "
            f"| {cc.without_kept:.3f} / {tt.without_kept:.3f} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument(
        "--modes", default=",".join(MODES), help="comma-separated subset of html,lines,glued,markdown"
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (args.data / "evaldata.json").is_file():
        print(
            f"bench.trafeval: no trafeval data at {args.data} (set TRAFEVAL_DATA): skipped", file=sys.stderr
        )
        return 0
    started = time.perf_counter()
    pages = load_trafeval(args.data, args.limit)
    pages_of_site = Counter(page.site for page in pages)
    alone = sum(1 for count in pages_of_site.values() if count == 1)
    modes = [mode for mode in args.modes.split(",") if mode]
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    sections = [
        f"## trafilatura's evaluation set: cleaner against trafilatura ({len(pages)} pages, {len(pages_of_site)} sites)",
        "",
        CREDIT,
        "",
        "trafilatura's metric: over all pages, a `with` snippet in the output is a true positive, a missing "
        "one a false negative, a `without` snippet in it a false positive (lowercase, whitespace collapsed, "
        "substring match); precision, recall and **F1** from those totals. `without kept` is the share of "
        "`without` snippets in the output; `mean page F1` averages each page's own F1, `site-mean F1` each "
        "site's. A site is the URL's host without `www.` (a Wayback Machine copy counts as the archived "
        f"site; keys that are not URLs take the page's canonical link): {len(pages_of_site)} sites for "
        f"{len(pages)} pages; {alone} pages are alone on their site. "
        "cleaner runs with its default Config (no timeout), trafilatura.extract with its defaults; in `html` "
        "mode both get the page's bytes and decode them themselves. The dumps are made as in the WCXB "
        "benchmark from the page decoded as a browser would, and `dump` is the dump kept whole. Speed is "
        "single-process time per call: wall time, and the process's CPU time (steadier when other work "
        "shares the cores). The HTML block model is trained on WCXB dev and on this set, so the `html` "
        "figures here are in-sample: its figures by site held out and across sets are in the `html-model` "
        "section.",
    ]

    def run(mode: str) -> ModeRun:
        results = list(run_mode(mode, pages))
        rows = summary_rows(results)
        if mode == "html":
            rows += ["", *site_rows(results)]
        return (result.record() for result in results), rows

    sections += mode_sections(modes, run, lambda mode: out_dir / f"trafeval-{mode}.jsonl")
    write_section("trafeval", "\n".join(sections), args.results)
    print(f"\nwrote {args.results} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
