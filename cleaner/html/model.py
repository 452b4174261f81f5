"""The block model: two stages of gradient-boosted trees over the blocks' features, run in pure Python.

Stage 1 scores each block alone; stage 2 scores it again with its place relative to the main region
(cleaner.html.region) found from the stage-1 scores. bench/train_html.py writes model.json (both ensembles
as plain number lists, and the thresholds). Loading turns the trees into one Python function, a sum of
nested conditionals, compiled once: walking them as data would cost ten times more per block. The code is
generated from numbers only (ints and floats formatted here), never from strings of the file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..models import load_model
from .features import FEATURE_NAMES
from .region import REGION_FEATURE_NAMES

MODEL_PATH = Path(__file__).with_name("model.json")


def _expression(nodes: list[list[Any]], index: int = 0) -> str:
    feature, threshold, left, right, value = nodes[index]
    if int(feature) < 0:
        return repr(float(value))
    return (
        f"({_expression(nodes, int(left))} if x{int(feature)} <= {float(threshold)!r} "
        f"else {_expression(nodes, int(right))})"
    )


def _compile(ensemble: dict[str, Any]) -> Callable[[Sequence[float]], float]:
    """The ensemble as `score(x)`. Each feature the trees test is read from the row once, into a local
    (`x17`), where indexing the row at each of its tests costs a quarter more time."""
    trees = ensemble["trees"]
    features = sorted({int(node[0]) for tree in trees for node in tree if int(node[0]) >= 0})
    reads = "".join(f"    x{feature} = x[{feature}]\n" for feature in features)
    terms = " + ".join(_expression(tree) for tree in trees)
    source = f"def score(x):\n{reads}    return {float(ensemble['baseline'])!r} + {terms or '0.0'}\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, MODEL_PATH.name, "exec"), namespace)
    function: Callable[[Sequence[float]], float] = namespace["score"]
    return function


@dataclass(frozen=True)
class BlockModel:
    """Both stages, compiled, and the thresholds chosen in grouped cross-validation: `region` is the
    stage-1 score a block's worth to the main region is counted from, `inside` and `outside` the stage-2
    score from which a block inside / outside the main region is content."""

    stage1: Callable[[Sequence[float]], float]
    stage2: Callable[[Sequence[float]], float]
    region: float
    inside: float
    outside: float


@cache
def block_model() -> BlockModel:
    model = load_model(
        MODEL_PATH,
        {"features": FEATURE_NAMES, "region_features": REGION_FEATURE_NAMES},
        "make train-html",
    )
    thresholds = model["thresholds"]
    return BlockModel(
        _compile(model["stage1"]),
        _compile(model["stage2"]),
        float(thresholds["region"]),
        float(thresholds["inside"]),
        float(thresholds["outside"]),
    )


def _probability(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score))


def content_probabilities(rows: list[list[float]]) -> list[float]:
    """Stage 1: the probability that each block (a row of its features) is main content, alone."""
    score = block_model().stage1
    return [_probability(score(row)) for row in rows]


def revised_probabilities(rows: list[list[float]], region_rows: list[list[float]]) -> list[float]:
    """Stage 2: the same, given each block's features and its region features."""
    score = block_model().stage2
    return [_probability(score(row + more)) for row, more in zip(rows, region_rows, strict=True)]
