"""The text scorer: the probability that each block of a dump is main content, after both stages.

Both stages are gradient-boosted trees over cleaner.text.features, scored with numpy
(cleaner.models.TreeEnsemble); `model.json` holds them, rebuilt from both dev sets by `bench/train_text.py`
(`make train-text`). A `SegmentMemo` measures each block of a page once, since the selection rounds score
the same blocks again.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import numpy as np

from ..document import Kind
from ..models import TreeEnsemble, load_model
from ..textutils import normalise
from .features import (
    FEATURES,
    NEIGHBOUR_FEATURES,
    ROWS_AT_ONCE,
    line_shapes,
    neighbour_columns,
    own_columns,
    remeasure_stopwords,
    repeats,
    stage1_rows,
)

DumpShape = Literal["lines", "glued"]
SHAPES: tuple[DumpShape, ...] = ("lines", "glued")
MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass(frozen=True)
class TextModel:
    """Both stages: stage 1 over FEATURES, stage 2 over FEATURES + NEIGHBOUR_FEATURES.

    Line dumps and glued dumps have a model each: their blocks are cut differently.
    """

    stage1: TreeEnsemble
    stage2: TreeEnsemble

    @classmethod
    def load(cls, shape: DumpShape) -> TextModel:
        data = load_model(
            MODEL_PATH,
            {"features": FEATURES, "neighbour_features": NEIGHBOUR_FEATURES},
            "make train-text",
        )
        stages = data["shapes"][shape]
        return cls(
            stage1=TreeEnsemble.from_export(stages["stage1"]),
            stage2=TreeEnsemble.from_export(stages["stage2"]),
        )


@cache
def default_model(shape: DumpShape) -> TextModel:
    return TextModel.load(shape)


class SegmentMemo:
    """What each block of one dump gives the scorer alone, measured once for the page: the selection
    rounds re-score the same blocks. Blocks are named by their index in the dump; the memo keeps their
    `own_columns` rows (float32), not their strings. With `read`, only those blocks (in order) are ever
    measured or asked for: the others (a glued dump's code) count no words.
    """

    def __init__(self, texts: Sequence[str], language: str, read: Sequence[int] | None = None) -> None:
        self.read = read
        self.own = own_columns(self._read_texts(texts), language)
        words = self.own[:, 0].astype(np.int64)
        self._row: np.ndarray | None = None  # by dump position, the block's row (when not every block's)
        if read is not None:
            self._row = np.full(len(texts), -1, dtype=np.intp)
            self._row[np.asarray(read, dtype=np.intp)] = np.arange(len(read))
            words = self._by_position(words)
        self.words = array("q", words.tobytes())  # read one at a time, as ints

    def _by_position(self, values: np.ndarray) -> np.ndarray:
        """Values of the read blocks' rows, by dump position: 0 for a block not read."""
        if self._row is None:
            return values
        chosen = np.zeros(len(self._row), dtype=values.dtype)
        read = self._row >= 0
        chosen[read] = values[self._row[read]]
        return chosen

    def _read_texts(self, texts: Sequence[str]) -> Sequence[str]:
        return texts if self.read is None else [texts[position] for position in self.read]

    def rows(self, blocks: Sequence[int]) -> np.ndarray:
        """The rows of these blocks: the memo's own array, not a copy, when they are every block it read
        (a first round)."""
        if blocks is self.read or (
            self._row is None and isinstance(blocks, range) and blocks == range(len(self.own))
        ):
            return self.own
        index = np.asarray(blocks, dtype=np.intp).reshape(-1)
        return self.own[index if self._row is None else self._row[index]]

    def use_stoplist(self, texts: Sequence[str], language: str) -> None:
        """Measure the same blocks (`texts`, the dump's) in another stoplist from now on: only their
        stopword features change, in place (a long dump's memo is not copied)."""
        remeasure_stopwords(self.own, self._read_texts(texts), language)

    @cached_property
    def shapes(self) -> np.ndarray:
        """Each block's `line_shapes` value, by position: made once a page, when a round first asks (line
        dumps only)."""
        return self._by_position(line_shapes(self.own))


def score_segments(
    texts: Sequence[str],
    kinds: Sequence[Kind],
    language: str,
    headline: int | None = None,
    shape: DumpShape = "lines",
    memo: SegmentMemo | None = None,
    blocks: Sequence[int] | None = None,
    copies: np.ndarray | None = None,
) -> array[float]:
    """The probability that each segment is main content, after both stages.

    `memo` holds the measures of the dump whose blocks `blocks` the texts are; `copies` are the texts'
    `repeats` counts, when the caller has them.
    """
    if memo is None or blocks is None:
        memo, blocks = SegmentMemo(texts, language), range(len(texts))
    if copies is None:
        copies, _ = repeats([normalise(text) for text in texts])
    model = default_model(shape)
    own = memo.rows(blocks)
    stage1 = np.concatenate(
        [model.stage1.probabilities(rows) for rows in stage1_rows(own, copies, kinds, headline)]
        or [np.zeros(0)]
    )
    around = neighbour_columns(stage1, own[:, 0].astype(np.float64))
    # stage 2 reads the stage-1 rows again, made anew: a long dump never holds them all
    probabilities = np.concatenate(
        [
            model.stage2.probabilities(np.hstack([rows, around[start : start + ROWS_AT_ONCE]]))
            for start, rows in zip(
                range(0, len(own), ROWS_AT_ONCE), stage1_rows(own, copies, kinds, headline), strict=True
            )
        ]
        or [np.zeros(0)]
    )
    return array("d", probabilities.tobytes())
