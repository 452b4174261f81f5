"""The block model: gradient-boosted trees over the blocks' features, run in pure Python.

bench/train_html.py writes model.json (the trees as plain number lists). Loading turns the trees into
one Python expression of nested conditionals, compiled once: walking them as data would cost ten times more
per block. The code is generated from numbers only (ints and floats formatted here), never from strings of
the file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..models import load_model
from .features import FEATURE_NAMES

MODEL_PATH = Path(__file__).with_name("model.json")
THRESHOLD = 0.4  # a block is content from this probability on (best page F1 in grouped CV)


def _expression(nodes: list[list[Any]], index: int = 0) -> str:
    feature, threshold, left, right, value = nodes[index]
    if int(feature) < 0:
        return repr(float(value))
    return (
        f"({_expression(nodes, int(left))} if x[{int(feature)}] <= {float(threshold)!r} "
        f"else {_expression(nodes, int(right))})"
    )


def _compile(ensemble: dict[str, Any]) -> Callable[[Sequence[float]], float]:
    terms = " + ".join(_expression(tree) for tree in ensemble["trees"])
    source = f"lambda x: {float(ensemble['baseline'])!r} + {terms or '0.0'}"
    function: Callable[[Sequence[float]], float] = eval(compile(source, MODEL_PATH.name, "eval"))
    return function


@cache
def _load() -> Callable[[Sequence[float]], float]:
    model = load_model(MODEL_PATH, {"features": FEATURE_NAMES}, "make train-html")
    return _compile(model)


def content_probabilities(rows: list[list[float]]) -> list[float]:
    """The probability that each block (a row of its features) is main content."""
    score = _load()
    return [1.0 / (1.0 + math.exp(-score(row))) for row in rows]
