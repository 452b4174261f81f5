"""The HTML model's honest figures: by site held out, and across the two dev sets, beside trafilatura.

    python -m bench.html_eval [--wcxb ../shared/wcxb-dev] [--trafeval ../shared/trafeval]

- **by site held out**: the pages of both sets in three folds grouped by site; each fold is scored by
  models trained on the other two (stage 2 on out-of-fold stage-1 scores).
- **across sets**: trained on WCXB dev alone, scored on trafeval; trained on trafeval alone, scored on
  WCXB dev. The two sets annotate differently (WCXB: the whole main content, generous with headlines,
  captions and short lists; trafeval: snippets, strict about chrome), so this is the figure for pages
  and conventions the model never saw.

WCXB: word F1, precision and recall averaged over pages, per page type, and the share of `without`
snippets kept. trafeval: trafilatura's metric (snippets found over all pages: F1 from the totals) and the
share of `without` snippets kept. The kept text is what cleaner outputs: the kept blocks less their repeats
(the pipeline's page-level dedup, the same for every row); trafilatura is `trafilatura.extract` with its defaults on the same pages. Needs the
`train` extra; writes the `html-model` section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import pickle
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import trafilatura

from cleaner import Cleaner, CleanerError, Config
from cleaner.dedup import Deduplicator, label_repeats
from cleaner.document import Kind, Label, Segment
from cleaner.html.features import FEATURE_NAMES
from cleaner.html.records import same_field

from .html_data import OUT, TRAFEVAL, WCXB, CachedPage
from .metrics import SnippetCounts, score, snippet_counts
from .results import write_section
from .run import PAGE_TYPES, load_pages
from .trafeval import load_trafeval
from .train_html import (
    FOLDS,
    IN_REGION,
    PARAMS2,
    THRESHOLDS,
    Thresholds,
    fit,
    kept_blocks,
    load_both,
    load_oof,
    predict,
    save_oof,
    site_folds,
    stage1_oof,
    stage2_rows,
    train,
    training_rows,
)

T = TypeVar("T")


_TABLE_ROW = FEATURE_NAMES.index("kind_tr")


def kept_text(page: CachedPage, kept: Sequence[bool]) -> str:
    """The text cleaner gives for the kept blocks: its page-level dedup (the pipeline's stage 4, default
    Config) then drops their repeats, as it does for every user."""
    segments = [
        Segment(
            index=index,
            text=text,
            kind=Kind.TABLE_ROW if row[_TABLE_ROW] else Kind.PARAGRAPH,
            label=Label.CONTENT if keep else Label.BOILERPLATE,
        )
        for index, (text, row, keep) in enumerate(zip(page.texts, page.features, kept, strict=True))
    ]
    by_design = same_field(page.paths, page.texts, page.shapes.__getitem__)
    segments = label_repeats(segments, Deduplicator(threshold=Config().dedup_threshold), "", by_design)
    return "\n".join(segment.text for segment in segments if segment.kept)


def judge(pages: Sequence[CachedPage], texts: Sequence[str]) -> dict[str, float]:
    """The figures of one system's texts on `pages` (one set)."""
    figures: dict[str, float] = {}
    if pages and pages[0].set == TRAFEVAL:
        total = SnippetCounts()
        for page, text in zip(pages, texts, strict=True):
            total += snippet_counts(text, page.with_snippets, page.without_snippets)
        return {
            "f1": total.f1,
            "precision": total.precision,
            "recall": total.recall,
            "without": total.without_kept,
        }
    by_type: dict[str, list] = defaultdict(list)
    for page, text in zip(pages, texts, strict=True):
        result = score(text, page.truth, page.with_snippets, page.without_snippets)
        by_type["all"].append(result)
        by_type[page.page_type].append(result)
    for name, results in by_type.items():
        figures[f"{name}:f1"] = statistics.fmean(r.f1 for r in results)
        figures[f"{name}:precision"] = statistics.fmean(r.precision for r in results)
        figures[f"{name}:recall"] = statistics.fmean(r.recall for r in results)
        without = [r.without_kept for r in results if r.without_kept is not None]
        figures[f"{name}:without"] = statistics.fmean(without) if without else 0.0
    return figures


def held_out(pages: Sequence[CachedPage], thresholds: Thresholds, reuse: bool = False) -> tuple[list, list]:
    """Stage-1 scores and stage-2 (probability, inside) of every page, from models that never saw its
    site. Stage 2 of a fold learns from the other folds' out-of-fold stage-1 scores (`reuse`: those
    saved by the last run, or by bench.train_html, on the same pages)."""
    stage1 = (load_oof(pages) if reuse else None) or stage1_oof(pages, FOLDS)
    save_oof(pages, stage1)
    rows = stage2_rows(pages, stage1, thresholds.region)
    stage2: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros(0), np.zeros(0, dtype=bool))] * len(pages)
    for train_pages, test in site_folds(pages):
        model = fit(*training_rows([pages[i] for i in train_pages], [rows[i] for i in train_pages]), PARAMS2)
        for i in test:
            if pages[i].features:
                stage2[i] = (model.predict_proba(rows[i])[:, 1], rows[i][:, IN_REGION] > 0.5)
    return stage1, stage2


def texts_of(
    pages: Sequence[CachedPage], stage2: Sequence[tuple[np.ndarray, np.ndarray]], thresholds: Thresholds
) -> list[str]:
    return [
        kept_text(page, kept_blocks(page, q, inside, thresholds)) if page.features else ""
        for page, (q, inside) in zip(pages, stage2, strict=True)
    ]


def stage1_texts(
    pages: Sequence[CachedPage], stage1: Sequence[np.ndarray], threshold: float = 0.4
) -> list[str]:
    return [
        kept_text(page, scores >= threshold) if page.features else ""
        for page, scores in zip(pages, stage1, strict=True)
    ]


def of_set(pages: Sequence[CachedPage], values: Sequence, name: str) -> tuple[list[CachedPage], list]:
    chosen = [i for i, page in enumerate(pages) if page.set == name]
    return [pages[i] for i in chosen], [values[i] for i in chosen]


def show(title: str, figures: dict[str, float]) -> None:
    keys = (
        "all:f1",
        "all:without",
        "article:precision",
        *(f"{t}:f1" for t in PAGE_TYPES),
        "f1",
        "precision",
        "recall",
        "without",
    )
    print(f"{title:<34} " + " ".join(f"{k} {figures[k]:.3f}" for k in keys if k in figures), flush=True)


@dataclass
class Figures:
    """One system's figures on one set, by name (see `judge`)."""

    cleaner: dict[str, float]
    stage1: dict[str, float]
    trafilatura: dict[str, float]


def across(
    train_pages: Sequence[CachedPage], test_pages: Sequence[CachedPage], thresholds: Thresholds
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Trained on one set (stage 2 on three inner folds by site), the other set's predictions."""
    return predict(train(train_pages, thresholds, folds=3), test_pages, thresholds)


def across_figures(
    pages: Sequence[CachedPage],
    predicted: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]],
    thresholds: Thresholds,
) -> Figures:
    return Figures(
        judge(pages, texts_of(pages, [(q, inside) for _, q, inside in predicted], thresholds)),
        judge(pages, stage1_texts(pages, [s1 for s1, _, _ in predicted])),
        judge(pages, [page.trafilatura for page in pages]),
    )


def _cached(name: str, reuse: bool, compute: Callable[[], T]) -> T:
    """`compute()`, kept in bench/out/ so that --reuse writes the figures again without training."""
    path = OUT / f"html-eval-{name}.pkl"
    if reuse and path.exists():
        with path.open("rb") as handle:
            value: T = pickle.load(handle)
        return value
    value = compute()
    with path.open("wb") as handle:
        pickle.dump(value, handle)
    return value


def speed(wcxb: Path, trafeval: Path, every: int) -> dict[str, float]:
    """CPU ms per page of cleaner (default Config) and trafilatura.extract (defaults) on every
    `every`-th page of both sets, alternating page by page in this one process."""
    sources = [page.html for page in load_pages(wcxb, None)[::every]]
    sources += [page.html for page in load_trafeval(trafeval)[::every]]
    worker = Cleaner(Config(timeout=0))
    totals = {"cleaner": 0.0, "trafilatura": 0.0}
    for source in sources[:3]:  # warm up: models compiled, caches filled
        worker.clean(source)
        trafilatura.extract(source)
    for source in sources:
        start = time.process_time()
        with contextlib.suppress(CleanerError):
            worker.clean(source)
        middle = time.process_time()
        trafilatura.extract(source)
        totals["cleaner"] += middle - start
        totals["trafilatura"] += time.process_time() - middle
    return {name: 1000 * seconds / len(sources) for name, seconds in totals.items()} | {"pages": len(sources)}


def _row(label: str, figures: Sequence[dict[str, float]], keys: Sequence[str]) -> str:
    return f"| {label} | " + " | ".join(" / ".join(f"{f[key]:.3f}" for f in figures) for key in keys) + " |"


def _table(title: str, held: Figures, cross: Figures, other: str, keys: Sequence[str]) -> list[str]:
    """One set's rows: held out and across sets, both stages and stage 1 alone, beside trafilatura."""
    return [
        f"| {title} | " + " | ".join(keys) + " |",
        "|---|" + "---:|" * len(keys),
        _row("by site held out", (held.cleaner, held.trafilatura), keys),
        _row(f"trained on {other} only", (cross.cleaner, cross.trafilatura), keys),
        _row("stage 1 alone, held out", (held.stage1, held.trafilatura), keys),
        _row(f"stage 1 alone, {other} only", (cross.stage1, cross.trafilatura), keys),
    ]


def section(held: dict[str, Figures], cross: dict[str, Figures], timing: dict[str, float]) -> str:
    wcxb_keys = ("all:f1", *(f"{t}:f1" for t in PAGE_TYPES), "article:precision", "all:without")
    traf_keys = ("f1", "precision", "recall", "without")
    lines = [
        "## HTML model: by site held out and across sets",
        "",
        "`python -m bench.html_eval` (run by `make bench`). Every cell is **cleaner / trafilatura** on the same "
        "pages (cleaner's stage 1 alone, the block model as it was before the main-content stage, in the last "
        "rows). *By site held out*: both sets in three folds grouped by site, each fold scored by models trained "
        "on the other two. *Across sets*: trained on one set only, scored on the other. The kept text is the "
        "kept blocks less their repeats (cleaner's page-level dedup), as cleaner outputs them. WCXB: word F1 averaged over pages, article precision, share "
        "of `without` snippets kept; trafeval (trafilatura's evaluation set, Apache-2.0): snippet F1 from the "
        "totals over pages (trafilatura's metric), precision, recall, `without` kept.",
        "",
        *_table("WCXB dev", held[WCXB], cross[WCXB], "trafeval", wcxb_keys),
        "",
        *_table("trafeval", held[TRAFEVAL], cross[TRAFEVAL], "WCXB", traf_keys),
        "",
        f"Time per page (CPU, the same {timing['pages']:.0f} pages of both sets, one process, alternating): "
        f"cleaner {timing['cleaner']:.1f} ms, trafilatura {timing['trafilatura']:.1f} ms "
        f"({timing['cleaner'] / timing['trafilatura']:.2f}x).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--wcxb", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--trafeval", type=Path, default=Path("../shared/trafeval"))
    parser.add_argument("--every", type=int, default=5, help="time every N-th page of each set")
    parser.add_argument("--grid", action="store_true", help="print held-out figures at other thresholds")
    parser.add_argument("--reuse", action="store_true", help="reuse the predictions of the last run")
    parser.add_argument(
        "--only-figures", action="store_true", help="print the figures; no timing, no RESULTS.md"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pages = load_both(args.wcxb, args.trafeval)
    print(f"{len(pages)} pages ({time.perf_counter() - start:.0f} s)", flush=True)
    thresholds = THRESHOLDS
    stage1, stage2 = _cached("held-out", args.reuse, lambda: held_out(pages, thresholds, args.reuse))
    held = {}
    for name in (WCXB, TRAFEVAL):
        chosen, s1 = of_set(pages, stage1, name)
        _, s2 = of_set(pages, stage2, name)
        held[name] = Figures(
            judge(chosen, texts_of(chosen, s2, thresholds)),
            judge(chosen, stage1_texts(chosen, s1)),
            judge(chosen, [page.trafilatura for page in chosen]),
        )
        show(f"{name} held out", held[name].cleaner)
        show(f"{name} stage 1 held out", held[name].stage1)
        show(f"{name} trafilatura", held[name].trafilatura)
        for inside, outside in [(a, b) for a in (0.3, 0.5) for b in (0.5, 0.9)] if args.grid else []:
            grid = Thresholds(thresholds.region, inside, outside)
            show(f"{name} held out {inside}/{outside}", judge(chosen, texts_of(chosen, s2, grid)))
    wcxb_pages, _ = of_set(pages, pages, WCXB)
    trafeval_pages, _ = of_set(pages, pages, TRAFEVAL)
    to_trafeval = _cached(
        "wcxb-to-trafeval", args.reuse, lambda: across(wcxb_pages, trafeval_pages, thresholds)
    )
    to_wcxb = _cached("trafeval-to-wcxb", args.reuse, lambda: across(trafeval_pages, wcxb_pages, thresholds))
    cross = {
        TRAFEVAL: across_figures(trafeval_pages, to_trafeval, thresholds),
        WCXB: across_figures(wcxb_pages, to_wcxb, thresholds),
    }
    for name, figures in cross.items():
        show(f"{name} across sets", figures.cleaner)
    if args.only_figures:
        return 0
    timing = speed(args.wcxb, args.trafeval, args.every)
    print(f"ms/page cleaner {timing['cleaner']:.1f} trafilatura {timing['trafilatura']:.1f}")
    write_section("html-model", section(held, cross, timing))
    print(f"({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
