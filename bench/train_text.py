"""Rebuild cleaner/text/model.json, the text scorer's two logistic stages, from WCXB dev.

    python -m bench.train_text [--data ../shared/wcxb-dev] [--limit N]

Both dump shapes of every page (line and glued, as bench.run makes them) are segmented as cleaner does,
and each shape gets its own model;
a segment's label is 1 when most of it is in the page's ground-truth main content. Stage 1 fits the
segment features; stage 2 fits them plus the neighbours' stage-1 scores, computed out-of-fold so stage 2
learns from scores like those it will see. Cross-validation is grouped by domain, since a held-out set
of other sites is what counts. Needs scikit-learn (the `train` extra); cleaner itself never imports it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from cleaner.text.features import FEATURES, NEIGHBOUR_FEATURES, detect_language, features, neighbour_features
from cleaner.text.meta import find_headline
from cleaner.text.model import MODEL_PATH, SHAPES, logistic
from cleaner.text.segment import segment_lines
from cleaner.textutils import WORD

from .run import as_glued, as_lines, load_pages


@dataclass
class PageRows:
    domain: str
    rows: list[list[float]]
    labels: list[int]
    words: list[int]


def truth_grams(truth: str) -> tuple[set[str], set[tuple[str, str]], str]:
    words = WORD.findall(truth.lower())
    return set(words), set(itertools.pairwise(words)), " " + " ".join(words) + " "


def label(text: str, grams: tuple[set[str], set[tuple[str, str]], str]) -> int:
    """1 when most of the segment's word pairs (a lone word: the segment itself) are in the truth."""
    _unigrams, bigrams, joined = grams
    words = WORD.findall(text.lower())
    if len(words) < 2:
        return int(bool(words) and f" {' '.join(words)} " in joined)
    pairs = list(itertools.pairwise(words))
    return int(sum(pair in bigrams for pair in pairs) > len(pairs) / 2)


def page_rows(dump: str, truth: str, domain: str) -> PageRows | None:
    blocks = segment_lines(dump)
    if not blocks:
        return None
    texts = [block.text for block in blocks]
    grams = truth_grams(truth)
    _, headline = find_headline(texts)
    return PageRows(
        domain=domain,
        rows=features(texts, [block.kind for block in blocks], detect_language(texts), headline),
        labels=[label(text, grams) for text in texts],
        words=[len(text.split()) for text in texts],
    )


def weights_of(model: LogisticRegression) -> list[float]:
    """Our weight vector: the intercept goes to the `bias` feature (always 1)."""
    coef = [float(c) for c in model.coef_[0]]
    coef[0] += float(model.intercept_[0])
    return coef


def fit(rows: list[list[float]], labels: list[int], sample_weight: list[float]) -> list[float]:
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(rows, labels, sample_weight=sample_weight)
    return weights_of(model)


def flatten(pages: list[PageRows], attribute: str) -> list:  # type: ignore[type-arg]
    return [item for page in pages for item in getattr(page, attribute)]


def sample_weights(pages: list[PageRows]) -> list[float]:
    return [1.0 + word_count**0.5 for page in pages for word_count in page.words]


def stage2_rows(page: PageRows, stage1_weights: list[float]) -> list[list[float]]:
    stage1 = [logistic(stage1_weights, row) for row in page.rows]
    extra = neighbour_features(stage1, page.words)
    return [row + more for row, more in zip(page.rows, extra, strict=True)]


def train(pages: list[PageRows], folds: int) -> dict[str, object]:
    groups = sorted({page.domain for page in pages})
    group_of = {domain: i for i, domain in enumerate(groups)}
    # out-of-fold stage-1 weights per page, so that stage 2 trains on honest neighbour scores
    splitter = GroupKFold(n_splits=folds)
    stage2_pages: list[list[list[float]]] = [[] for _ in pages]
    accuracy = []
    for fold, (train_idx, test_idx) in enumerate(
        splitter.split(pages, groups=[group_of[p.domain] for p in pages])
    ):
        train_pages = [pages[i] for i in train_idx]
        w1 = fit(flatten(train_pages, "rows"), flatten(train_pages, "labels"), sample_weights(train_pages))
        for i in test_idx:
            stage2_pages[i] = stage2_rows(pages[i], w1)
        # grouped CV of the full two-stage model: fit stage 2 on this fold's training pages
        w2 = fit(
            [row for i in train_idx for row in stage2_rows(pages[i], w1)],
            flatten(train_pages, "labels"),
            sample_weights(train_pages),
        )
        hits = total = 0.0
        for i in test_idx:
            for row, truth, words in zip(
                stage2_rows(pages[i], w1), pages[i].labels, pages[i].words, strict=True
            ):
                hits += words * ((logistic(w2, row) > 0.5) == bool(truth))
                total += words
        accuracy.append(hits / total)
        print(f"fold {fold}: word-weighted accuracy {accuracy[-1]:.3f}", flush=True)
    stage1 = fit(flatten(pages, "rows"), flatten(pages, "labels"), sample_weights(pages))
    stage2 = fit(
        [row for rows in stage2_pages for row in rows], flatten(pages, "labels"), sample_weights(pages)
    )
    return {
        "stage1": [round(w, 5) for w in stage1],
        "stage2": [round(w, 5) for w in stage2],
        "cv_accuracy": round(sum(accuracy) / len(accuracy), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth").is_dir():
        print(f"train_text: no WCXB data at {args.data}", file=sys.stderr)
        return 2
    by_shape: dict[str, list[PageRows]] = {shape: [] for shape in SHAPES}
    for page in load_pages(args.data, args.limit):
        domain = urlsplit(page.url).netloc.removeprefix("www.") or page.id
        for shape, dump in (("lines", as_lines(page.html)), ("glued", as_glued(page.html))):
            rows = page_rows(dump, page.truth, domain)
            if rows is not None:
                by_shape[shape].append(rows)
    model = {
        "features": list(FEATURES),
        "neighbour_features": list(NEIGHBOUR_FEATURES),
        "shapes": {shape: train(pages, args.folds) for shape, pages in by_shape.items()},
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
