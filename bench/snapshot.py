"""`make snapshot`: every output of cleaner on every dev page, to prove a change leaves them byte-identical.

    python -m bench.snapshot --out FILE.jsonl.gz [--sets wcxb,trafeval] [--modes html,lines,glued]
                             [--limit N] [--jobs N] [--shared ../shared]
    python -m bench.snapshot --compare A.jsonl.gz B.jsonl.gz [--show N] [--allow-missing]

Data (see ../shared/README.md): the WCXB dev split (`wcxb-dev/html/NNNN.html.gz`, 1,497 pages, Murrough
Foley, CC-BY-4.0) and trafilatura's evaluation set (`trafeval/html/FILE.gz`, 990 pages listed in
`trafeval/evaldata.json`, Apache-2.0). A set whose folder is missing is skipped with a message.

Each page is cleaned in three modes: `html` (the page's gunzipped bytes, so cleaner's own decoding is part of
the snapshot), `lines` and `glued` (the line and glued dumps of `bench.run.as_lines` / `as_glued`, made from
the page decoded as UTF-8 with replacement, as `make bench` does). Each input is cleaned with the default
settings except `Config(timeout=0)`: no time limit, since a page that times out on a loaded machine would
differ spuriously. No URL is passed. Only cleaner's public API is used (`Cleaner`, `Config`, `CleanerError`,
the attributes of `Result` and `Segment`), so the tool runs unchanged on old and new package layouts.

The output is gzip-compressed JSON lines: first a header (`{"snapshot": ...}`: versions of cleaner and of the
libraries that shape its output and the dumps, and the options), then one record per page and mode, in a fixed
order (set, page id, mode) whatever `--jobs`: `set`, `id`, `mode`, `input_sha256`, and either `error` (the
exception's class name) and `message`, or `text`, `title`, `author`, `date`, `url`, `input_type` and
`segments` (index, text, kind, label, reason, score).

How pages are run, so that two runs of the same code give byte-identical files: each set is cut into fixed
chunks of `CHUNK` pages, and each chunk is cleaned, page after page, in a fresh interpreter of its own
(`--jobs` of them at a time) with a fixed environment, `PYTHONHASHSEED=0` and, where `setarch -R` works,
address-space randomisation off. Long-lived workers are not enough: on the base commit some HTML-path
outputs depend on the history of the process and on memory addresses (html_blocks.block_features keys a
dict by `id()` of lxml proxies that are freed and whose addresses get reused), so pages handed to whichever
worker was free came out differently from run to run. A page's record is thus a function of the code, the
data and the pages before it in its chunk; `--limit` keeps chunk starts, and `--modes` changes what ran
before, so compare like with like.

`--compare A B` counts the records that differ per set and mode, shows the first few differences (the
field and a short excerpt of each side) and exits 1 if any record differs or is missing from either side
(`--allow-missing`: records only in A, as from a `--limit` run in B, do not count). Header differences
(versions, options) are shown but do not count.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import platform
import shutil
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from cleaner import Cleaner, CleanerError, Config

from .run import as_glued, as_lines

SETS = ("wcxb", "trafeval")
MODES = ("html", "lines", "glued")
RECORD_FIELDS = ("text", "title", "author", "date", "url", "input_type")
SEGMENT_FIELDS = ("index", "text", "kind", "label", "reason", "score")
VERSIONED = (
    "cleaner",
    "trafilatura",
    "htmldate",
    "justext",
    "lxml",
    "html-text",
    "rapidfuzz",
    "charset-normalizer",
)

CHUNK = 50  # pages of one set per worker process; changing it changes each page's process history
HASH_SEED = "0"
WORKER_ENV = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": HASH_SEED, "PYTHONUTF8": "1", "LC_ALL": "C.UTF-8"}
ROOT = Path(__file__).resolve().parent.parent  # where `python -m bench.snapshot` runs a worker

_cleaner: Cleaner | None = None  # one per process: Cleaner holds no state between calls


def pages_of(set_name: str, shared: Path) -> list[tuple[str, Path]] | None:
    """(page id, gzipped page) of one set in a fixed order, or None if its data is missing."""
    if set_name == "wcxb":
        folder = shared / "wcxb-dev" / "html"
        if not folder.is_dir():
            return None
        return [(path.name.removesuffix(".html.gz"), path) for path in sorted(folder.glob("*.html.gz"))]
    listing = shared / "trafeval" / "evaldata.json"
    if not listing.is_file():
        return None
    entries = json.loads(listing.read_text(encoding="utf-8"))
    files = sorted({entry["file"] for entry in entries.values()})
    return [(name, shared / "trafeval" / "html" / f"{name}.gz") for name in files]


def _value(field: Any) -> Any:
    """An enum's value (Kind, Label), anything else as it is."""
    return getattr(field, "value", field)


def clean_record(source: str | bytes) -> dict[str, Any]:
    global _cleaner
    if _cleaner is None:
        _cleaner = Cleaner(Config(timeout=0))
    try:
        result = _cleaner.clean(source)
    except CleanerError as error:
        return {"error": type(error).__name__, "message": str(error)}
    record = {name: _value(getattr(result, name)) for name in RECORD_FIELDS}
    record["segments"] = [
        {name: _value(getattr(segment, name)) for name in SEGMENT_FIELDS} for segment in result.segments
    ]
    return record


def snapshot_page(set_name: str, page_id: str, path: Path, modes: tuple[str, ...]) -> list[str]:
    """The JSON lines of one page, one per mode, in the order of `modes`."""
    raw = gzip.decompress(path.read_bytes())
    html = raw.decode("utf-8", errors="replace")
    lines = []
    for mode in modes:
        source: str | bytes = raw if mode == "html" else as_lines(html) if mode == "lines" else as_glued(html)
        digest = hashlib.sha256(source if isinstance(source, bytes) else source.encode("utf-8")).hexdigest()
        record = {
            "set": set_name,
            "id": page_id,
            "mode": mode,
            "input_sha256": digest,
            **clean_record(source),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "-"
    return found


def write_snapshot(args: argparse.Namespace) -> int:
    sets, modes = _choices(args.sets, SETS, "set"), tuple(_choices(args.modes, MODES, "mode"))
    shared = args.shared.resolve()
    chunks = []  # (set, first, end): pages [first, end) of the set, in its fixed order
    pages = 0
    for set_name in sets:
        found = pages_of(set_name, shared)
        if found is None:
            print(f"snapshot: no {set_name} data under {args.shared}: set skipped", file=sys.stderr)
            continue
        count = len(found[: args.limit])
        chunks += [(set_name, first, min(first + CHUNK, count)) for first in range(0, count, CHUNK)]
        pages += count
    if not chunks:
        print("snapshot: no data at all: nothing written", file=sys.stderr)
        return 2
    prefix = _fixed_addresses()
    header = {
        "snapshot": {
            "fixed_addresses": bool(prefix),
            "versions": versions(),
            "sets": sets,
            "modes": list(modes),
            "limit": args.limit,
            "chunk": CHUNK,
            "hash_seed": HASH_SEED,
        }
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    partial = args.out.with_name(args.out.name + ".partial")
    start = time.perf_counter()
    records = done = 0
    # mtime=0 and no file name in the gzip header: the same records give the same bytes.
    with (
        partial.open("wb") as raw_file,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw_file, mtime=0) as out,
        ThreadPoolExecutor(max(args.jobs, 1)) as pool,
    ):
        out.write((json.dumps(header, sort_keys=True) + "\n").encode("utf-8"))
        # map yields in chunk order, whichever worker finishes first
        for (_, first, end), lines in zip(
            chunks, pool.map(lambda chunk: _run_worker(chunk, modes, shared, prefix), chunks), strict=True
        ):
            out.write(lines)
            records += lines.count(b"\n")
            done += end - first
            print(
                f"snapshot: {done}/{pages} pages, {time.perf_counter() - start:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    partial.replace(args.out)
    elapsed = time.perf_counter() - start
    print(
        f"snapshot: wrote {records} records ({pages} pages x {len(modes)} modes) to {args.out} in {elapsed:.0f} s"
    )
    return 0


def _run_worker(
    chunk: tuple[str, int, int], modes: tuple[str, ...], shared: Path, prefix: list[str]
) -> bytes:
    """The JSON lines of one chunk, from a fresh interpreter (see the module's docstring for why)."""
    set_name, first, end = chunk
    command = [*prefix, sys.executable, "-m", "bench.snapshot", "--modes", ",".join(modes)]
    command += ["--shared", str(shared), "--worker", set_name, str(first), str(end)]
    done = subprocess.run(command, cwd=ROOT, env=WORKER_ENV, capture_output=True, check=False)
    if done.returncode:
        raise SystemExit(
            f"snapshot: worker for {set_name} pages {first}-{end} failed:\n{done.stderr.decode(errors='replace')}"
        )
    return done.stdout


def _fixed_addresses() -> list[str]:
    """The command prefix that turns address-space randomisation off for a worker, if this machine allows it."""
    setarch = shutil.which("setarch")
    if setarch:
        prefix = [setarch, platform.machine(), "-R"]
        if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode == 0:
            return prefix
    print(
        "snapshot: setarch -R unavailable: address randomisation stays on, runs may differ", file=sys.stderr
    )
    return []


def run_worker(set_name: str, first: int, end: int, modes: tuple[str, ...], shared: Path) -> int:
    found = pages_of(set_name, shared) or []
    for page_id, path in found[first:end]:
        sys.stdout.buffer.write(
            "".join(line + "\n" for line in snapshot_page(set_name, page_id, path, modes)).encode()
        )
    return 0


def _choices(value: str, allowed: tuple[str, ...], what: str) -> list[str]:
    chosen = [item for item in value.split(",") if item]
    unknown = [item for item in chosen if item not in allowed]
    if unknown:
        raise SystemExit(f"snapshot: unknown {what} {', '.join(unknown)} (choose from {', '.join(allowed)})")
    return chosen


def read_snapshot(path: Path) -> tuple[dict[str, Any], dict[tuple[str, str, str], str]]:
    """The header and the raw JSON line of each (set, id, mode), in file order."""
    header: dict[str, Any] = {}
    records: dict[tuple[str, str, str], str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "snapshot" in record:
                header = record["snapshot"]
            else:
                records[record["set"], record["id"], record["mode"]] = line.rstrip("\n")
    return header, records


def _excerpt(value: Any, width: int) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 3] + "..."


def _change(a: Any, b: Any, width: int = 90) -> str:
    """`a -> b` in short; two strings from a little before their first differing character."""
    if isinstance(a, str) and isinstance(b, str):
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        start = max(0, first - 20)
        cut = "..." if start else ""
        return (
            f"at char {first} (lengths {len(a)}, {len(b)}): {cut}{_excerpt(a[start:], width // 2)} -> "
            f"{cut}{_excerpt(b[start:], width // 2)}"
        )
    return f"{_excerpt(a, width // 2)} -> {_excerpt(b, width // 2)}"


def differences(line_a: str, line_b: str) -> list[str]:
    """Where two records differ: field by field, and the first differing segment field by field."""
    a, b = json.loads(line_a), json.loads(line_b)
    found = []
    for name in sorted(set(a) | set(b)):
        if name == "segments" or json.dumps(a.get(name)) == json.dumps(b.get(name)):
            continue  # compared as JSON text: a NaN score equals itself
        found.append(f"{name}: {_change(a.get(name, '<absent>'), b.get(name, '<absent>'))}")
    segments_a, segments_b = a.get("segments") or [], b.get("segments") or []
    if json.dumps(segments_a) != json.dumps(segments_b):
        if len(segments_a) != len(segments_b):
            found.append(f"segments: {len(segments_a)} -> {len(segments_b)}")
        for number, (seg_a, seg_b) in enumerate(zip(segments_a, segments_b, strict=False)):
            if json.dumps(seg_a) != json.dumps(seg_b):
                for name in sorted(set(seg_a) | set(seg_b)):
                    if json.dumps(seg_a.get(name)) != json.dumps(seg_b.get(name)):
                        found.append(
                            f"segments[{number}].{name}: {_change(seg_a.get(name), seg_b.get(name))}"
                        )
                break
    return found or ["(same values, different JSON text)"]


def _canonical(line: str) -> str:
    """A record as JSON text with sorted keys: the order of the fields is no difference."""
    return json.dumps(json.loads(line), sort_keys=True)


def compare(path_a: Path, path_b: Path, show: int, allow_missing: bool) -> int:
    header_a, records_a = read_snapshot(path_a)
    header_b, records_b = read_snapshot(path_b)
    for name in sorted(set(header_a) | set(header_b)):
        if header_a.get(name) != header_b.get(name):
            print(f"header {name} differs (not counted): {header_a.get(name)} -> {header_b.get(name)}")
    keys = list(records_a) + [key for key in records_b if key not in records_a]
    totals: Counter[tuple[str, str]] = Counter()
    changed: Counter[tuple[str, str]] = Counter()
    only_a: Counter[tuple[str, str]] = Counter()
    only_b: Counter[tuple[str, str]] = Counter()
    shown = []
    for key in keys:
        group = (key[0], key[2])
        totals[group] += 1
        if key not in records_b:
            only_a[group] += 1
        elif key not in records_a:
            only_b[group] += 1
        elif records_a[key] != records_b[key] and _canonical(records_a[key]) != _canonical(records_b[key]):
            changed[group] += 1
            if len(shown) < show:
                shown.append((key, differences(records_a[key], records_b[key])))
    print(f"{'set':<10} {'mode':<6} {'records':>8} {'differ':>7} {'only A':>7} {'only B':>7}")
    for group in totals:  # file order: set by set, mode by mode
        print(
            f"{group[0]:<10} {group[1]:<6} {totals[group]:>8} {changed[group]:>7} {only_a[group]:>7} {only_b[group]:>7}"
        )
    for (set_name, page_id, mode), where in shown:
        print(f"\n{set_name} {page_id} {mode}:")
        for line in where[:8]:
            print(f"  {line}")
    failed = sum(changed.values()) + sum(only_b.values()) + (0 if allow_missing else sum(only_a.values()))
    missing = f", {sum(only_a.values())} only in A, {sum(only_b.values())} only in B"
    print(
        f"\n{sum(changed.values())} of {len(keys)} records differ{missing}: {'DIFFERENT' if failed else 'IDENTICAL'}"
    )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("bench/out/snapshot.jsonl.gz"))
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated subset of wcxb,trafeval")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated subset of html,lines,glued")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--shared", type=Path, default=Path("../shared"), help="the folder holding the data sets"
    )
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="compare two snapshots")
    parser.add_argument(
        "--show", type=int, default=5, help="with --compare: how many differing records to show"
    )
    parser.add_argument(
        "--allow-missing", action="store_true", help="with --compare: records only in A do not count"
    )
    parser.add_argument("--worker", nargs=3, metavar=("SET", "FIRST", "END"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        set_name, first, end = args.worker
        return run_worker(
            set_name, int(first), int(end), tuple(_choices(args.modes, MODES, "mode")), args.shared
        )
    if args.compare:
        return compare(*args.compare, show=args.show, allow_missing=args.allow_missing)
    return write_snapshot(args)


if __name__ == "__main__":
    sys.exit(main())
