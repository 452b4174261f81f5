"""The tree ensemble scorer: numpy's all-rows-at-once walk gives what walking each tree node by node gives."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cleaner.models import TreeEnsemble

# [feature, threshold, left, right, value]; feature -1 is a leaf
LOPSIDED = [
    [0, 0.5, 1, 2, 0.0],
    [-1, 0, 0, 0, -1.0],
    [1, 0.2, 3, 4, 0.0],
    [-1, 0, 0, 0, 0.5],
    [0, 0.9, 5, 6, 0],
]
LOPSIDED += [[-1, 0, 0, 0, 2.0], [-1, 0, 0, 0, 3.0]]
STUMP = [[1, 0.7, 1, 2, 0.0], [-1, 0, 0, 0, 0.25], [-1, 0, 0, 0, -0.25]]
LEAF = [[-1, 0, 0, 0, 0.125]]


def walk(tree: list[list[float]], row: list[float]) -> float:
    node = tree[0]
    while node[0] >= 0:
        node = tree[int(node[2] if row[int(node[0])] <= node[1] else node[3])]
    return node[4]


def test_all_rows_at_once_score_as_each_tree_walked() -> None:
    trees = [LOPSIDED, STUMP, LEAF]
    ensemble = TreeEnsemble(0.1, trees)
    generator = random.Random(7)
    rows = [
        [generator.choice([0.2, 0.5, 0.7, 0.9, 1.0, generator.random()]) for _ in range(2)]
        for _ in range(200)
    ]
    expected = [0.1 + sum(walk(tree, row) for tree in trees) for row in rows]
    assert ensemble.scores(np.array(rows)).tolist() == pytest.approx(expected, rel=1e-12)
    assert ensemble.probabilities(np.array(rows))[0] == 1 / (1 + np.exp(-expected[0]))


def test_no_rows_score_to_nothing() -> None:
    assert TreeEnsemble(0.0, [STUMP]).scores(np.zeros((0, 2))).shape == (0,)
