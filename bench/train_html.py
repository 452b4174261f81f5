"""Rebuild cleaner/html/model.json, the HTML block model, from WCXB dev; report its grouped-CV estimate.

    python -m bench.train_html [--data ../shared/wcxb-dev] [--folds 5] [--no-write]

Every block of every page (cleaner.html.extract.page_features) gets its features and a label: content when most of its
word trigrams (short blocks: all its words, in order) occur in the page's ground-truth main content. A
gradient-boosted tree ensemble (scikit-learn, training only) learns the labels; its trees are written as
plain lists that cleaner.html.model walks in pure Python. Cross-validation is grouped by site (domain), so
the estimate is for sites the model never saw. Needs the `train` extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from cleaner.config import Config
from cleaner.html.extract import page_features, parse_html
from cleaner.html.features import FEATURE_NAMES, Reference
from cleaner.html.meta import read_metadata
from cleaner.html.model import MODEL_PATH, THRESHOLD

from .metrics import score
from .run import PAGE_TYPES, Page, load_pages

HERE = Path(__file__).parent
CACHE = HERE / "out" / "html-blocks.pkl"
CONTENT_SHARE = 0.5
PARAMS = {"max_iter": 80, "max_leaf_nodes": 15, "learning_rate": 0.15, "min_samples_leaf": 40}


@dataclass
class PageBlocks:
    id: str
    page_type: str
    domain: str
    truth: str
    texts: list[str]
    features: list[list[float]]
    labels: list[int]


def page_domains(data: Path) -> dict[str, str]:
    files = json.loads((data / "metadata.json").read_text(encoding="utf-8")).get("files", {})
    domains = {key: value["domain"] for key, value in files.items() if value.get("domain")}
    for truth_file in (data / "ground-truth").glob("*.json"):
        if truth_file.stem not in domains:
            url = json.loads(truth_file.read_text(encoding="utf-8")).get("url") or truth_file.stem
            domains[truth_file.stem] = urlsplit(url).netloc.removeprefix("www.") or truth_file.stem
    return domains


def extract(page: Page) -> tuple[list[str], list[list[float]], list[int]]:
    tree = parse_html(page.html)
    # the rows inference makes of this page: the same function, settings and URL
    blocks, rows = page_features(tree, Config(), read_metadata(tree).url)
    truth = Reference(page.truth)
    labels = [int(truth.share(block.words) >= CONTENT_SHARE) for block in blocks]
    return [block.text for block in blocks], rows, labels


def load_blocks(data: Path, refresh: bool) -> list[PageBlocks]:
    if CACHE.exists() and not refresh:
        with CACHE.open("rb") as handle:
            cached: list[PageBlocks] = pickle.load(handle)
        if cached and len(cached[0].features[0] if cached[0].features else FEATURE_NAMES) == len(
            FEATURE_NAMES
        ):
            return cached
    pages = load_pages(data, None)
    domains = page_domains(data)
    with Pool(2) as pool:
        extracted = pool.map(extract, pages, chunksize=8)
    result = [
        PageBlocks(page.id, page.page_type, domains.get(page.id, page.id), page.truth, *parts)
        for page, parts in zip(pages, extracted, strict=True)
    ]
    CACHE.parent.mkdir(exist_ok=True)
    with CACHE.open("wb") as handle:
        pickle.dump(result, handle)
    return result


def page_f1(pages: list[PageBlocks], kept: dict[str, list[bool]]) -> dict[str, float]:
    by_type: dict[str, list[float]] = defaultdict(list)
    for page in pages:
        text = "\n".join(t for t, keep in zip(page.texts, kept[page.id], strict=True) if keep)
        f1 = score(text, page.truth, [], []).f1
        by_type["all"].append(f1)
        by_type[page.page_type].append(f1)
    return {name: sum(values) / len(values) for name, values in by_type.items()}


def show(title: str, figures: dict[str, float]) -> None:
    cells = " ".join(f"{name} {figures[name]:.3f}" for name in ("all", *PAGE_TYPES) if name in figures)
    print(f"{title:<22} {cells}", flush=True)


def cross_validate(
    x: np.ndarray, y: np.ndarray, folds: Iterable[tuple[np.ndarray, np.ndarray]], params: dict[str, float]
) -> np.ndarray:
    """Out-of-fold probabilities: each page scored by a model that never saw its site."""
    predicted = np.zeros(len(y))
    for train, test in folds:
        model = HistGradientBoostingClassifier(**params, random_state=0).fit(x[train], y[train])
        predicted[test] = model.predict_proba(x[test])[:, 1]
    return predicted


def kept_by_page(owners: list[str], probabilities: np.ndarray, threshold: float) -> dict[str, list[bool]]:
    kept: dict[str, list[bool]] = defaultdict(list)
    for owner, probability in zip(owners, probabilities, strict=True):
        kept[owner].append(bool(probability >= threshold))
    return kept


def export(model: HistGradientBoostingClassifier) -> dict[str, object]:
    """The ensemble as nested lists: per tree, [feature, threshold, left, right, value] per node."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = [
            [
                int(node["feature_idx"]) if not node["is_leaf"] else -1,
                round(float(node["num_threshold"]), 6),
                int(node["left"]),
                int(node["right"]),
                round(float(node["value"]), 6),
            ]
            for node in predictor.nodes
        ]
        trees.append(nodes)
    return {
        "features": list(FEATURE_NAMES),
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "trees": trees,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--refresh", action="store_true", help="re-extract the blocks (else cached)")
    parser.add_argument("--no-write", action="store_true", help="only report, keep the model file")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pages = load_blocks(args.data, args.refresh)
    print(
        f"{sum(len(p.texts) for p in pages)} blocks of {len(pages)} pages ({time.perf_counter() - start:.0f} s)"
    )
    x = np.array([row for page in pages for row in page.features], dtype=np.float64)
    y = np.array([label for page in pages for label in page.labels])
    groups = np.array([page.domain for page in pages for _ in page.labels])
    owners = [page.id for page in pages for _ in page.labels]
    show("oracle (labels)", page_f1(pages, {p.id: [bool(v) for v in p.labels] for p in pages}))
    reference = FEATURE_NAMES.index("reference_share")
    show("reference only", page_f1(pages, {p.id: [r[reference] >= 0.5 for r in p.features] for p in pages}))
    if args.folds > 1:
        folds = GroupKFold(n_splits=args.folds).split(x, y, groups)
        predicted = cross_validate(x, y, folds, PARAMS)
        np.save(HERE / "out" / "html-oof.npy", predicted)
        for threshold in (0.3, 0.4, 0.5, 0.6):
            show(
                f"CV ({args.folds}) at {threshold}",
                page_f1(pages, kept_by_page(owners, predicted, threshold)),
            )
        print(
            f"block accuracy {np.mean((predicted >= THRESHOLD) == y):.3f} ({time.perf_counter() - start:.0f} s)"
        )
    if not args.no_write:
        model = HistGradientBoostingClassifier(**PARAMS, random_state=0).fit(x, y)
        MODEL_PATH.write_text(json.dumps(export(model), separators=(",", ":")), encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
