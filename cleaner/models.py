"""Loading the models cleaner ships: one loader, one error for a model that does not fit the code."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np


class ModelMismatchError(RuntimeError):
    """A shipped model file was trained on other features than the code computes: a packaging bug."""


def load_model(path: Path, features: Mapping[str, Sequence[str]], retrain: str) -> dict[str, Any]:
    """The model file at `path`, checked to have been trained on these features.

    `features` maps each key of the file that lists feature names to the names the code computes, in
    order; `retrain` is the command that rebuilds the file.
    """
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for key, names in features.items():
        if list(data.get(key, ())) != list(names):
            raise ModelMismatchError(f"{path.name} was trained on other features: run {retrain}")
    return data


class TreeEnsemble:
    """A gradient-boosted tree ensemble (as bench exports scikit-learn's: per tree, nodes of [feature,
    threshold, left, right, value]; feature -1 for a leaf) scored on all rows at once with numpy.

    Every tree is padded to the same full depth (a leaf above it becomes nodes that always go left to
    copies of itself), so that one step per level moves all rows down all trees together: a page's blocks
    cost a few array operations per level, not a Python call per block and tree.
    """

    def __init__(self, baseline: float, trees: Sequence[Sequence[Sequence[float]]]) -> None:
        depth = max((_depth(tree, 0) for tree in trees), default=0)
        inner, leaves = max(2**depth - 1, 1), 2**depth
        # slots below a leaf keep feature 0 and threshold inf: always left
        features = np.zeros((len(trees), inner), dtype=np.int32)
        thresholds = np.full((len(trees), inner), np.inf)
        values = np.zeros((len(trees), leaves))

        def fill(tree: Sequence[Sequence[float]], number: int, node: int, slot: int, level: int) -> None:
            feature, threshold, left, right, value = tree[node]
            if int(feature) < 0:  # a leaf: every full-depth leaf under this slot holds its value
                width = 2 ** (depth - level)
                first = (slot + 1) * width - 1 - (2**depth - 1)  # the leftmost bottom slot, as a leaf
                values[number, first : first + width] = value
                return
            features[number, slot], thresholds[number, slot] = int(feature), threshold
            fill(tree, number, int(left), 2 * slot + 1, level + 1)
            fill(tree, number, int(right), 2 * slot + 2, level + 1)

        for number, tree in enumerate(trees):
            fill(tree, number, 0, 0, 0)
        self.depth, self.baseline = depth, baseline
        # the walk's flat arrays: tree t's slot s is t * inner + s; its leaf l, t * leaves + l
        self._features, self._thresholds, self._values = (
            a.reshape(-1) for a in (features, thresholds, values)
        )
        self._first_slots = (np.arange(len(trees), dtype=np.int32) * inner)[None, :]
        # from a bottom slot (in the tree's numbering, 2**depth - 1 + leaf) to that leaf's flat index
        self._leaf_shift = (
            np.arange(len(trees), dtype=np.int32)[None, :] * leaves - (2**depth - 1) - self._first_slots
        )

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The ensemble's raw score (log-odds) of each row. The walk holds rows x trees numbers at once:
        give it a few hundred rows at a time (cleaner.text.features.ROWS_AT_ONCE)."""
        # flat indices (tree's first slot + slot, row's first value + feature): 1-d takes are numpy's fastest
        rows = np.ascontiguousarray(rows)
        values = rows.reshape(-1)
        firsts = (np.arange(len(rows), dtype=np.int32) * rows.shape[1])[:, None]
        nodes = np.broadcast_to(self._first_slots, (len(rows), self._first_slots.shape[1]))
        for _ in range(self.depth):  # a row goes left where its value is at most the threshold
            right = values.take(firsts + self._features.take(nodes)) > self._thresholds.take(nodes)
            nodes = 2 * nodes - self._first_slots + 1 + right  # the child's slot, in its tree's numbering
        leaves = self._values.take(nodes + self._leaf_shift)
        result: np.ndarray = self.baseline + leaves.sum(axis=1)
        return result

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        result: np.ndarray = 1.0 / (1.0 + np.exp(-self.scores(rows)))
        return result

    @classmethod
    def from_export(cls, ensemble: Mapping[str, Any]) -> TreeEnsemble:
        return cls(float(ensemble["baseline"]), ensemble["trees"])


def _depth(tree: Sequence[Sequence[float]], node: int) -> int:
    feature, _, left, right, _ = tree[node]
    if int(feature) < 0:
        return 0
    return 1 + max(_depth(tree, int(left)), _depth(tree, int(right)))
