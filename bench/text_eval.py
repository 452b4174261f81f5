"""The text path by site held out, on both dev sets: line, glued and Markdown dumps of WCXB dev (per page
type) and of trafeval, keep-everything beside.

    python -m bench.text_eval [--data ../shared/wcxb-dev] [--trafeval ../shared/trafeval]
                              [--modes lines,glued,markdown] [--folds 5]

The shipped text model is trained on all of both sets, so cleaning them with it is in-sample. Here the
pages of both sets are split into folds by site; each fold's pages are cleaned with both stages trained on
the other folds only (bench.train_text's recipe), so every figure is for sites the model never saw. WCXB
is scored with its word F1 averaged over pages, trafeval with trafilatura's snippet metric (totals over
all pages). `keep` is keeping the whole dump: the floor no page type should fall below. A Markdown export
(bench.run's `as_markdown`) is read with the line dumps' model, which is trained on none: its figures are
for a shape the models never saw, scored on cleaner's Markdown output (bench.run's `output`). Without trafeval
data, WCXB dev alone trains and is scored. Dumps are cached in bench/out/ (git-ignored). Writes the
`text-cv` section of bench/RESULTS.md.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import statistics
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from cleaner import Cleaner, CleanerError, Config
from cleaner.text import model as text_model

from .cache import source_digest
from .dumps import DUMP_CODE, OUT, TRAFEVAL, WCXB, Dump, load_dumps
from .metrics import Score, SnippetCounts, score, snippet_counts
from .results import write_section
from .run import PAGE_TYPES, has_wcxb, output, wcxb_parser, whole

MODES = ("lines", "glued", "markdown")


def folds_by_site(dumps: list[Dump], folds: int) -> list[int]:
    """Each dump's fold: sites dealt round-robin by size, so folds are about even and a site is in one."""
    sizes: dict[str, int] = {}
    for dump in dumps:
        sizes[dump.site] = sizes.get(dump.site, 0) + 1
    loads = [0] * folds
    fold_of: dict[str, int] = {}
    for site in sorted(sizes, key=lambda s: (-sizes[s], s)):
        fold = loads.index(min(loads))
        fold_of[site] = fold
        loads[fold] += sizes[site]
    return [fold_of[dump.site] for dump in dumps]


def train_weights(pages_by_shape: dict[str, list], keep: set[int]) -> dict[str, object]:  # type: ignore[type-arg]
    """model.json contents trained on the pages whose index is in `keep` (bench.train_text's recipe)."""
    from .train_text import model_file

    return model_file(
        {
            shape: [rows for i, rows in enumerate(pages) if rows is not None and i in keep]
            for shape, pages in pages_by_shape.items()
        }
    )


def use_model(weights: dict[str, object]) -> None:
    """Make the text path score with these weights (a temporary model file), for this process."""
    path = Path(tempfile.mkdtemp()) / "model.json"
    path.write_text(json.dumps(weights), encoding="utf-8")
    text_model.MODEL_PATH = path
    text_model.default_model.cache_clear()


def clean(cleaner: Cleaner, text: str, mode: str) -> str:
    try:
        return output(cleaner.clean(text), mode)
    except CleanerError:
        return ""


@dataclass(frozen=True)
class Outcome:
    """A WCXB dump's scores."""

    id: str
    page_type: str
    mode: str
    cleaner: Score
    keep: Score


@dataclass(frozen=True)
class SnippetOutcome:
    """A trafeval dump's snippet counts."""

    mode: str
    cleaner: SnippetCounts
    keep: SnippetCounts


def _rows(dump: Dump) -> object:
    from .train_text import dump_rows

    return dump_rows(dump)


def _clean_fold(task: tuple[dict[str, object], list[tuple[str, Dump]]]) -> list[Outcome | SnippetOutcome]:
    weights, dumps = task
    use_model(weights)
    cleaner = Cleaner(Config(input_type="text"))
    outcomes: list[Outcome | SnippetOutcome] = []
    for mode, dump in dumps:
        cleaned, kept = clean(cleaner, dump.dump, mode), whole(dump.dump, mode)
        if dump.set == WCXB:
            snippets = dump.truth, dump.with_snippets, dump.without_snippets
            outcomes.append(
                Outcome(dump.id, dump.page_type, mode, score(cleaned, *snippets), score(kept, *snippets))
            )
        else:
            counts = partial(
                snippet_counts, with_snippets=dump.with_snippets, without_snippets=dump.without_snippets
            )
            outcomes.append(SnippetOutcome(mode, counts(cleaned), counts(kept)))
    return outcomes


def _training_key(folds: int, limit: int | None, sets: list[str]) -> str:
    """What the fold models depend on: the code that makes the dumps and the training rows, the folds, the
    pages."""
    text_code = Path(text_model.__file__).parent
    bench_code = Path(__file__).parent
    return source_digest(
        [
            *(text_code / name for name in ("features.py", "segment.py", "meta.py")),
            text_code.parent / "textutils.py",  # the words, dates and sentence ends the features read
            *(bench_code / name for name in ("train_text.py", "trees.py", "labels.py")),
            *DUMP_CODE,
        ],
        f"{folds} {limit} {sets}",
    )


def cross_validate(
    data: Path, trafeval: Path | None, modes: list[str], folds: int, limit: int | None, jobs: int = 2
) -> Iterator[Outcome | SnippetOutcome]:
    """Every dump of both sets (WCXB alone when `trafeval` is None) cleaned by its fold's models."""
    dumps = {
        mode: load_dumps(WCXB, data, mode, limit)
        + (load_dumps(TRAFEVAL, trafeval, mode, limit) if trafeval else [])
        for mode in {*modes, *text_model.SHAPES}
    }
    fold_of = folds_by_site(dumps["lines"], folds)
    # the fold models, trained once per version of the feature code (selection changes reuse them)
    sets = [WCXB] + ([TRAFEVAL] if trafeval else [])
    cache = OUT / f"cv-models-{_training_key(folds, limit, sets)}.json"
    with contextlib.ExitStack() as stack:
        # one process runs the work itself: jobs counts the processes that work
        pool = stack.enter_context(multiprocessing.get_context("fork").Pool(jobs)) if jobs > 1 else None
        imap = pool.imap if pool else map
        if cache.exists():
            fold_weights = json.loads(cache.read_text(encoding="utf-8"))
        else:
            # both shapes train each fold's model, as make train-text does; Markdown exports are read with
            # the line dumps' model, trained on none
            pages_by_shape: dict[str, list[object]] = {
                shape: list(imap(_rows, dumps[shape])) for shape in text_model.SHAPES
            }
            fold_weights = [
                train_weights(pages_by_shape, {i for i, f in enumerate(fold_of) if f != fold})
                for fold in range(folds)
            ]
            cache.write_text(json.dumps(fold_weights), encoding="utf-8")
        print("fold models ready", file=sys.stderr, flush=True)
        tasks = []
        for fold, weights in enumerate(fold_weights):
            chosen = [(m, d) for m in modes for i, d in enumerate(dumps[m]) if fold_of[i] == fold]
            # a few tasks per fold, so that both workers stay busy
            tasks += [(weights, chosen[start::4]) for start in range(4)]
        for outcomes in (pool.imap_unordered if pool else map)(_clean_fold, tasks):
            yield from outcomes


def _mean(values: list[float | None]) -> float:
    present = [value for value in values if value is not None]
    return statistics.fmean(present) if present else float("nan")


def table(outcomes: list[Outcome], mode: str) -> list[str]:
    rows = [
        "| page type | pages | cleaner F1 | keep-everything F1 | cleaner P / R | without kept (c / keep) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for page_type in ("all", *PAGE_TYPES):
        chosen = [o for o in outcomes if o.mode == mode and page_type in ("all", o.page_type)]
        if not chosen:
            continue

        def stat(name: str, which: str = "cleaner", rows: list[Outcome] = chosen) -> float:
            return _mean([getattr(getattr(o, which), name) for o in rows])

        cells = [
            f"**{page_type}**" if page_type == "all" else page_type,
            str(len(chosen)),
            f"{stat('f1'):.3f}",
            f"{stat('f1', 'keep'):.3f}",
            f"{stat('precision'):.3f} / {stat('recall'):.3f}",
            f"{stat('without_kept'):.2f} / {stat('without_kept', 'keep'):.2f}",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def trafeval_table(outcomes: list[SnippetOutcome], modes: list[str]) -> list[str]:
    rows = [
        "| dumps | pages | cleaner F1 | keep-everything F1 | cleaner P / R | without kept (c / keep) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for mode in modes:
        chosen = [o for o in outcomes if o.mode == mode]
        cleaner = sum((o.cleaner for o in chosen), SnippetCounts())
        keep = sum((o.keep for o in chosen), SnippetCounts())
        rows.append(
            f"| {mode} | {len(chosen)} | {cleaner.f1:.3f} | {keep.f1:.3f} "
            f"| {cleaner.precision:.3f} / {cleaner.recall:.3f} | {cleaner.without_kept:.2f} / {keep.without_kept:.2f} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = wcxb_parser(__doc__)
    parser.add_argument("--trafeval", type=Path, default=Path("../shared/trafeval"))
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--scores", type=Path, default=None, help="write per-page scores here (jsonl)")
    args = parser.parse_args(argv)
    if not has_wcxb(args.data, "text_eval"):
        return 2
    modes = [mode for mode in args.modes.split(",") if mode]
    trafeval: Path | None = args.trafeval
    if not (args.trafeval / "evaldata.json").is_file():
        print(f"text_eval: no trafeval data at {args.trafeval}: WCXB dev alone", file=sys.stderr)
        trafeval = None
    both = list(cross_validate(args.data, trafeval, modes, args.folds, args.limit, args.jobs))
    outcomes = [o for o in both if isinstance(o, Outcome)]
    if args.scores:
        with args.scores.open("w", encoding="utf-8") as handle:
            for o in outcomes:
                handle.write(
                    json.dumps({"id": o.id, "type": o.page_type, "mode": o.mode, "f1": o.cleaner.f1}) + "\n"
                )
    sections = [
        f"## Text path by site held out ({args.folds}-fold, sites grouped), keep-everything beside",
        "",
        "Each page is cleaned with text models trained on the other folds' sites only, the folds made over "
        f"the sites of {'WCXB dev and trafeval' if trafeval else 'WCXB dev'} "
        "(`bench/text_eval.py`). `keep-everything` is the dump kept whole. Markdown exports (markdownify's) "
        "are read with the line dumps' model, trained on none, and scored on cleaner's Markdown output (links "
        "as their text); kept whole, they are scored as cleaner reads them (without URLs and marks).",
    ]
    for mode in modes:
        rows = table(outcomes, mode)
        sections += ["", f"### WCXB dev, {mode} dumps (word F1, mean over pages)", "", *rows]
        print(f"\n## {mode}", *rows, sep="\n", flush=True)
    if trafeval:
        rows = trafeval_table([o for o in both if isinstance(o, SnippetOutcome)], modes)
        sections += ["", "### trafeval dumps (snippet F1 from the totals over all pages)", "", *rows]
        print("\n## trafeval", *rows, sep="\n", flush=True)
    if args.limit is None:
        write_section("text-cv", "\n".join(sections), args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
