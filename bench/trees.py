"""Gradient-boosted trees for cleaner's models: the one fit (scikit-learn, training only) and the one export
(plain lists, which cleaner.models.TreeEnsemble and cleaner.html.model read)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier


def fit(
    x: np.ndarray, y: np.ndarray, weights: np.ndarray, params: dict[str, float]
) -> HistGradientBoostingClassifier:
    model = HistGradientBoostingClassifier(**params, random_state=0)
    return model.fit(x, y, sample_weight=weights)


def export(model: HistGradientBoostingClassifier, names: Sequence[str]) -> dict[str, object]:
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
        "features": list(names),
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "trees": trees,
    }
