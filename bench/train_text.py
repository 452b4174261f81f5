"""Rebuild cleaner/text/model.json, the text scorer's two stages of gradient-boosted trees, from both dev
sets: WCXB dev and trafeval.

    python -m bench.train_text [--data ../shared/wcxb-dev] [--trafeval ../shared/trafeval] [--limit N]

Both dump shapes of every page (line and glued, as bench.run makes them) are segmented as cleaner does,
and each shape gets its own model. A WCXB segment's label is 1 when most of it is in the page's
ground-truth main content, else 0; a trafeval segment is labelled by the snippets it touches
(`bench.labels.snippet_labels`), and one that no snippet touches does not train. Stage 1 fits the
segment features; stage 2 fits them plus the neighbours' stage-1 scores, computed out-of-fold (folds by
site) so that stage 2 learns from scores like those it will see on a site it never saw. Held-out figures
are bench.text_eval's. Needs scikit-learn (the `train` extra); cleaner itself never imports it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from cleaner.text.features import (
    FEATURES,
    NEIGHBOUR_FEATURES,
    detect_language,
    feature_matrix,
    neighbour_columns,
)
from cleaner.text.meta import find_headline
from cleaner.text.model import MODEL_PATH, SHAPES
from cleaner.text.segment import segment_lines
from cleaner.textutils import WORD

from .dumps import DUMPS, TRAFEVAL, WCXB, Dump
from .labels import UNLABELLED, snippet_labels
from .trees import export, fit

# Shallow trees, few of them: the scorer runs on every block of every round, and deeper or more trees
# gained nothing by site held out.
PARAMS = {"max_iter": 100, "max_depth": 5, "learning_rate": 0.1, "min_samples_leaf": 40}
FOLDS = 5


@dataclass
class PageRows:
    domain: str
    rows: np.ndarray  # stage-1 features, one float32 row per segment
    labels: np.ndarray
    words: np.ndarray


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


def page_rows(
    dump: str, domain: str, truth: str = "", snippets: tuple[list[str], list[str]] | None = None
) -> PageRows | None:
    """A page's training rows, labelled from its ground truth (WCXB) or from its `with` and `without`
    `snippets` (trafeval); None when no segment has a label."""
    # A glued dump's code blocks (its scripts and styles) train as the chrome they are, though cleaning
    # sets them aside unscored: trained without them, the glued model scored less in-sample on WCXB dev
    # (README, text path).
    blocks = segment_lines(dump)
    texts = [block.text for block in blocks]
    if snippets is None:
        grams = truth_grams(truth)
        labels = np.array([label(text, grams) for text in texts])
    else:
        labels = np.array(snippet_labels((WORD.findall(text.lower()) for text in texts), *snippets))
    if not (labels != UNLABELLED).any():
        return None
    _, headline = find_headline(texts)
    return PageRows(
        domain=domain,
        rows=feature_matrix(texts, [block.kind for block in blocks], detect_language(texts), headline),
        labels=labels,
        words=np.array([len(text.split()) for text in texts], dtype=np.float64),
    )


def dump_rows(dump: Dump) -> PageRows | None:
    """A dump's training rows, labelled as its set's convention says."""
    if dump.set == WCXB:
        return page_rows(dump.dump, dump.site, truth=dump.truth)
    return page_rows(dump.dump, dump.site, snippets=(dump.with_snippets, dump.without_snippets))


def stage2_rows(page: PageRows, stage1: np.ndarray) -> np.ndarray:
    """The page's stage-2 rows: its features, then the neighbour features of these stage-1 scores."""
    return np.hstack([page.rows, neighbour_columns(stage1, page.words)])


def _stacked(
    pages: Sequence[PageRows], rows: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training arrays: the labelled rows, their labels and weights (longer segments count more)."""
    labels = np.concatenate([page.labels for page in pages])
    known = labels != UNLABELLED
    return (
        np.vstack(rows)[known],
        labels[known],
        np.concatenate([1.0 + np.sqrt(page.words) for page in pages])[known],
    )


def train_stages(pages: Sequence[PageRows], folds: int = FOLDS) -> dict[str, object]:
    """One shape's model.json entry: stage 1 on all pages; stage 2 on the pages' out-of-fold stage-1
    scores (folds by site)."""
    stage1 = fit(*_stacked(pages, [page.rows for page in pages]), PARAMS)
    out_of_fold: list[np.ndarray] = [np.zeros(0)] * len(pages)
    indices = np.arange(len(pages))
    for train, test in GroupKFold(n_splits=folds).split(indices, indices, [page.domain for page in pages]):
        chosen = [pages[i] for i in train]
        model = fit(*_stacked(chosen, [page.rows for page in chosen]), PARAMS)
        for i in test:
            out_of_fold[i] = stage2_rows(pages[i], model.predict_proba(pages[i].rows)[:, 1])
    stage2 = fit(*_stacked(pages, out_of_fold), PARAMS)
    return {"stage1": export(stage1, FEATURES), "stage2": export(stage2, FEATURES + NEIGHBOUR_FEATURES)}


def model_file(pages_by_shape: dict[str, Sequence[PageRows]]) -> dict[str, object]:
    """model.json's contents, trained on these pages of each shape."""
    return {
        "features": list(FEATURES),
        "neighbour_features": list(NEIGHBOUR_FEATURES),
        "shapes": {shape: train_stages(pages) for shape, pages in pages_by_shape.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/wcxb-dev"))
    parser.add_argument("--trafeval", type=Path, default=Path("../shared/trafeval"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth").is_dir():
        print(f"train_text: no WCXB data at {args.data}", file=sys.stderr)
        return 2
    sets = {WCXB: args.data}
    if (args.trafeval / "evaldata.json").is_file():
        sets[TRAFEVAL] = args.trafeval
    else:
        print(f"train_text: no trafeval data at {args.trafeval}: trained on WCXB dev alone", file=sys.stderr)
    by_shape = {
        shape: [
            rows
            for set_name, data in sets.items()
            for rows in map(dump_rows, DUMPS[set_name](data, shape, args.limit))
            if rows is not None
        ]
        for shape in SHAPES
    }
    args.out.write_text(json.dumps(model_file(by_shape), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
