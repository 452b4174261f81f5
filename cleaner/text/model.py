"""The text scorer: the probability that each block of a dump is main content, after both stages.

Both stages are logistic models over cleaner.text.features; their weights are in `model.json`, rebuilt
from WCXB dev by `bench/train_text.py` (`make train-text`). Inference is plain Python: a `SegmentMemo`
measures each block of a page once, since the selection rounds score the same blocks again.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from operator import mul
from pathlib import Path
from typing import Literal

from ..document import Kind
from ..models import ModelMismatchError, load_model
from ..textutils import normalise
from .features import (
    FEATURES,
    LEADING,
    NEIGHBOUR_FEATURES,
    measure,
    neighbour_rows,
    stoplist,
    tail_rows,
)

DumpShape = Literal["lines", "glued"]
SHAPES: tuple[DumpShape, ...] = ("lines", "glued")
MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass(frozen=True)
class TextModel:
    """The weights of both stages, in the order of FEATURES and FEATURES + NEIGHBOUR_FEATURES.

    Line dumps and glued dumps have a model each: their blocks are cut differently.
    """

    stage1: tuple[float, ...]
    stage2: tuple[float, ...]

    @classmethod
    def load(cls, shape: DumpShape) -> TextModel:
        data = load_model(
            MODEL_PATH,
            {"features": FEATURES, "neighbour_features": NEIGHBOUR_FEATURES},
            "make train-text",
        )
        weights = data["shapes"][shape]
        if len(weights["stage1"]) != len(FEATURES) or len(weights["stage2"]) != len(
            FEATURES + NEIGHBOUR_FEATURES
        ):
            raise ModelMismatchError(f"{MODEL_PATH.name} has weights missing or extra: run make train-text")
        return cls(stage1=tuple(weights["stage1"]), stage2=tuple(weights["stage2"]))


@cache
def default_model(shape: DumpShape) -> TextModel:
    return TextModel.load(shape)


class SegmentMemo:
    """What each block of one dump gives the scorer alone, measured once for the page: the selection
    rounds re-score the same blocks. Blocks are named by their index in the dump; the memo keeps a few
    numbers per block (its words, the stage sums over its text-only features for both models), not its
    feature row.
    """

    def __init__(self, texts: Sequence[str], language: str) -> None:
        stopwords = stoplist(language)
        leading_weights = {
            (shape, stage): weights[:LEADING]
            for shape, model in zip(SHAPES, map(default_model, SHAPES), strict=True)
            for stage, weights in ((1, model.stage1), (2, model.stage2))
        }
        self.words = array("q")
        self._trailing = array("d")  # two numbers per block: arrays of doubles take a quarter of the memory
        self._leading_sums = {key: array("d") for key in leading_weights}
        sums = [(weights, self._leading_sums[key].append) for key, weights in leading_weights.items()]
        for text in texts:
            own = measure(text, stopwords)
            self.words.append(own.n_words)
            self._trailing.extend(own.trailing)
            for weights, append in sums:
                append(sum(map(mul, weights, own.leading)))  # as `_dot`, without a call per sum

    def trailing(self, block: int) -> tuple[float, float]:
        return self._trailing[2 * block], self._trailing[2 * block + 1]

    def leading_sums(self, shape: DumpShape, stage: int) -> array[float]:
        """Per block, the sum over its text-only features of `shape`'s stage-`stage` weights (1, or 2's own)."""
        return self._leading_sums[shape, stage]


def logistic(weights: Sequence[float], row: Sequence[float]) -> float:
    return _sigmoid(_dot(weights, row))


def _dot(weights: Sequence[float], values: Sequence[float]) -> float:
    """The weighted sum, added left to right; the lengths match by construction (`TextModel.load`)."""
    total: float = sum(map(mul, weights, values))
    return total


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def score_segments(
    texts: Sequence[str],
    kinds: Sequence[Kind],
    language: str,
    headline: int | None = None,
    shape: DumpShape = "lines",
    memo: SegmentMemo | None = None,
    blocks: Sequence[int] | None = None,
    norms: Sequence[str] | None = None,
) -> list[float]:
    """The probability that each segment is main content, after both stages.

    `memo` holds the measures of the dump whose blocks `blocks` the texts are;
    `norms` are the texts normalised, when the caller has them.
    """
    if memo is None or blocks is None:
        memo, blocks = SegmentMemo(texts, language), range(len(texts))
    if norms is None:
        norms = [normalise(text) for text in texts]
    model = default_model(shape)
    stage1_tail = model.stage1[LEADING:]
    own_tail = model.stage2[LEADING : len(FEATURES)]
    neighbour_weights = model.stage2[len(FEATURES) :]
    word_counts = [memo.words[block] for block in blocks]
    tails = tail_rows(word_counts, map(memo.trailing, blocks), norms, kinds, headline)
    stage1_sums, own_sums = memo.leading_sums(shape, 1), memo.leading_sums(shape, 2)
    # Keep two numbers per segment, not its feature row: stage 1, and stage 2's share from the row. Each
    # sum goes on from the block's text-only sum, in the features' order, as in `logistic`.
    stage1, own = array("d"), array("d")
    for block, tail in zip(blocks, tails, strict=True):
        stage1.append(_sigmoid(sum(map(mul, stage1_tail, tail), stage1_sums[block])))
        own.append(sum(map(mul, own_tail, tail), own_sums[block]))
    return [
        _sigmoid(base + _dot(neighbour_weights, extra))
        for base, extra in zip(own, neighbour_rows(stage1, word_counts), strict=True)
    ]
