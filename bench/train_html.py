"""Rebuild cleaner/html/model.json, the HTML path's two-stage block model, from both dev sets.

    python -m bench.train_html [--wcxb ../shared/wcxb-dev] [--trafeval ../shared/trafeval] [--no-write]
                               [--refresh] [--reuse]

Blocks, features and labels come from bench.html_data (cached in bench/out/). Stage 1 scores each block
alone; the main-content stage (cleaner.html.region) finds the page's main region from those scores; stage 2
labels each block from its own features, its stage-1 score and its place relative to the region. Stage 2 is
trained on out-of-fold stage-1 scores (stacking: folds by site), as inference feeds it scores the first
stage never trained on. Both stages are gradient-boosted trees (scikit-learn, training only) written as
plain lists that cleaner.html.model compiles to Python. Needs the `train` extra (scikit-learn).

The figures (by site held out, and across the two sets) are bench.html_eval's.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from cleaner.html.extract import model_verdicts
from cleaner.html.features import FEATURE_NAMES
from cleaner.html.model import MODEL_PATH
from cleaner.html.region import REGION_FEATURE_NAMES, region_features

from .html_data import OUT, TRAFEVAL, WCXB, CachedPage, load_set
from .trees import export, fit

PARAMS1 = {"max_iter": 80, "max_leaf_nodes": 15, "learning_rate": 0.15, "min_samples_leaf": 40}
PARAMS2 = {"max_iter": 60, "max_leaf_nodes": 15, "learning_rate": 0.15, "min_samples_leaf": 40}
FOLDS = 3
SET_ROWS = 40_000  # labelled blocks per set a fit sees at most
OOF_CACHE = OUT / "html-stage1-oof.pkl"


@dataclass(frozen=True)
class Thresholds:
    """Stage 1's cut for the region's worth; stage 2's cut inside the region and outside it."""

    region: float = 0.4
    inside: float = 0.4
    outside: float = 0.7


THRESHOLDS = Thresholds()  # chosen on the held-out figures of bench.html_eval


def load_both(wcxb: Path, trafeval: Path, refresh: bool = False) -> list[CachedPage]:
    return load_set(WCXB, wcxb, refresh) + load_set(TRAFEVAL, trafeval, refresh)


def training_rows(
    pages: Sequence[CachedPage], rows: Sequence[np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The labelled blocks a fit sees (features, labels, weights): at most SET_ROWS of each set, drawn at
    random (seeded) so the fits stay quick, each set weighing the same in total. `rows`: the pages'
    stage-2 rows (default: their features)."""
    random = np.random.default_rng(0)
    by_set: dict[str, list[tuple[int, int]]] = {}
    for p, page in enumerate(pages):
        by_set.setdefault(page.set, []).extend((p, b) for b, label in enumerate(page.labels) if label >= 0)
    picked: list[tuple[int, int]] = []
    weights: list[float] = []
    for blocks in by_set.values():
        if len(blocks) > SET_ROWS:
            blocks = [blocks[i] for i in sorted(random.choice(len(blocks), SET_ROWS, replace=False))]
        picked += blocks
        weights += [1.0 / len(blocks)] * len(blocks)
    if rows is None:
        x = np.array([pages[p].features[b] for p, b in picked], dtype=np.float64)
    else:
        x = np.array([rows[p][b] for p, b in picked], dtype=np.float64)
    y = np.array([pages[p].labels[b] for p, b in picked])
    w = np.array(weights) * len(picked) / len(by_set)
    return x, y, w


def site_folds(pages: Sequence[CachedPage], folds: int = FOLDS) -> list[tuple[list[int], list[int]]]:
    """Page indices of train and test per fold, grouped by site (a site is in one test fold only)."""
    groups = [f"{page.set}:{page.site}" for page in pages]
    indices = np.arange(len(pages))
    return [
        (list(train), list(test))
        for train, test in GroupKFold(n_splits=folds).split(indices, indices, groups)
    ]


def stage2_rows(pages: Sequence[CachedPage], stage1: Sequence[np.ndarray], region: float) -> list[np.ndarray]:
    """Each page's stage-2 rows: its features, then the region features from its stage-1 scores."""
    rows = []
    for page, scores in zip(pages, stage1, strict=True):
        _, more = region_features(page.paths, page.words, list(map(float, scores)), region)
        rows.append(
            np.hstack([np.array(page.features), np.array(more)]) if page.features else np.zeros((0, 1))
        )
    return rows


@dataclass
class Trained:
    stage1: HistGradientBoostingClassifier
    stage2: HistGradientBoostingClassifier


def stage1_scores(model: HistGradientBoostingClassifier, page: CachedPage) -> np.ndarray:
    return model.predict_proba(np.array(page.features))[:, 1] if page.features else np.zeros(0)


def stage1_oof(pages: Sequence[CachedPage], folds: int) -> list[np.ndarray]:
    """Out-of-fold stage-1 scores of `pages` (folds by site)."""
    result: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for train_pages, test in site_folds(pages, folds):
        model = fit(*training_rows([pages[i] for i in train_pages]), PARAMS1)
        for i in test:
            result[i] = stage1_scores(model, pages[i])
    return result


def train(
    pages: Sequence[CachedPage],
    thresholds: Thresholds,
    folds: int = FOLDS,
    oof: Sequence[np.ndarray] | None = None,
) -> Trained:
    """Both stages on `pages`: stage 2 learns from out-of-fold stage-1 scores (`oof` when given:
    bench.html_eval's held-out run computes the same over the same folds)."""
    stage1 = fit(*training_rows(pages), PARAMS1)
    scores = oof if oof is not None else stage1_oof(pages, folds)
    stage2 = fit(*training_rows(pages, stage2_rows(pages, scores, thresholds.region)), PARAMS2)
    return Trained(stage1, stage2)


def load_oof(pages: Sequence[CachedPage]) -> list[np.ndarray] | None:
    """The out-of-fold stage-1 scores bench.html_eval saved for these pages, if it ran on them."""
    if not OOF_CACHE.exists():
        return None
    with OOF_CACHE.open("rb") as handle:
        ids, scores = pickle.load(handle)
    return scores if ids == [(page.set, page.id) for page in pages] else None


def save_oof(pages: Sequence[CachedPage], scores: Sequence[np.ndarray]) -> None:
    with OOF_CACHE.open("wb") as handle:
        pickle.dump(([(page.set, page.id) for page in pages], list(scores)), handle)


def predict(
    trained: Trained, pages: Sequence[CachedPage], thresholds: Thresholds
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per page: stage-1 and stage-2 probabilities, and whether each block is inside the main region."""
    out = []
    for page in pages:
        if not page.features:
            out.append((np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool)))
            continue
        s1 = stage1_scores(trained.stage1, page)
        (rows,) = stage2_rows([page], [s1], thresholds.region)
        q = trained.stage2.predict_proba(rows)[:, 1]
        out.append((s1, q, rows[:, IN_REGION] > 0.5))
    return out


IN_REGION = len(FEATURE_NAMES) + REGION_FEATURE_NAMES.index("in_region")


def kept_blocks(page: CachedPage, q: np.ndarray, inside: np.ndarray, thresholds: Thresholds) -> np.ndarray:
    """Which blocks extract_html keeps (default Config), by its own call (cleaner.html.extract.model_verdicts):
    none of those its rules take out, the model's, less the edge stage's drops."""
    kept, drops = model_verdicts(
        page.texts,
        page.words,
        page.features,
        page.paths,
        page.comments,
        q.tolist(),
        page.ruled_out,
        inside.tolist(),
        thresholds.inside,
        thresholds.outside,
    )
    return np.array([keep and index not in drops for index, keep in enumerate(kept)], dtype=bool)


def write_model(trained: Trained, thresholds: Thresholds, path: Path = MODEL_PATH) -> None:
    model = {
        "features": list(FEATURE_NAMES),
        "region_features": list(REGION_FEATURE_NAMES),
        "thresholds": {
            "region": thresholds.region,
            "inside": thresholds.inside,
            "outside": thresholds.outside,
        },
        "stage1": export(trained.stage1, FEATURE_NAMES),
        "stage2": export(trained.stage2, (*FEATURE_NAMES, *REGION_FEATURE_NAMES)),
    }
    path.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--wcxb", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--trafeval", type=Path, default=Path("../shared/trafeval"))
    parser.add_argument("--no-write", action="store_true", help="only report, keep the model file")
    parser.add_argument("--reuse", action="store_true", help="reuse the saved out-of-fold stage-1 scores")
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="extract the blocks and features again (after a change to them)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pages = load_both(args.wcxb, args.trafeval, args.refresh)
    print(
        f"{sum(len(p.labels) for p in pages)} blocks of {len(pages)} pages ({time.perf_counter() - start:.0f} s)"
    )
    thresholds = THRESHOLDS
    oof = load_oof(pages) if args.reuse else None
    if oof is None:
        oof = stage1_oof(pages, FOLDS)
        save_oof(pages, oof)
    trained = train(pages, thresholds, oof=oof)
    if not args.no_write:
        write_model(trained, thresholds)
        print(
            f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e3:.0f} kB, {time.perf_counter() - start:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
