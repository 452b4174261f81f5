"""WCXB's scoring: word-level precision, recall and F1, and the `with` / `without` snippet checks."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    with_found: float | None  # share of `with` snippets in the output (None: the page lists none)
    without_kept: float | None  # share of `without` snippets wrongly in the output


def score(predicted: str, truth: str, with_snippets: list[str], without_snippets: list[str]) -> Score:
    """Bag-of-words P/R/F1 of `predicted` against `truth`, and the snippet shares.

    An empty truth scores 1 for an empty prediction and 0 otherwise. Snippets are matched as whole-word
    runs, so `Home` is not found inside `homemade`.
    """
    predicted_words, truth_words = words(predicted), words(truth)
    if not truth_words:
        perfect = float(not predicted_words)
        precision = recall = f1 = perfect
    else:
        overlap = sum((Counter(predicted_words) & Counter(truth_words)).values())
        precision = overlap / len(predicted_words) if predicted_words else 0.0
        recall = overlap / len(truth_words)
        f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    haystack = f" {' '.join(predicted_words)} "
    return Score(precision, recall, f1, _share(with_snippets, haystack), _share(without_snippets, haystack))


def _share(snippets: list[str], haystack: str) -> float | None:
    needles = [" ".join(words(snippet)) for snippet in snippets]
    needles = [needle for needle in needles if needle]
    if not needles:
        return None
    return sum(f" {needle} " in haystack for needle in needles) / len(needles)


def snippet_text(text: str) -> str:
    """trafilatura's evaluation normalisation: lowercase, every whitespace run one space."""
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class SnippetCounts:
    """trafilatura's evaluation counts for one page or summed over many.

    A `with` snippet found in the output is a true positive, one missing a false negative; a `without`
    snippet found is a false positive, one missing a true negative. Snippets match as plain substrings of
    the normalised output (`snippet_text`), as in trafilatura's own evaluation.
    """

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """2TP / (2TP + FP + FN): the harmonic mean of precision and recall, 0 when nothing is right."""
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    @property
    def without_kept(self) -> float:
        """The share of `without` snippets wrongly in the output."""
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0


def snippet_matches(predicted: str, snippets: list[str]) -> list[bool | None]:
    """For each snippet, whether it is in `predicted` (both normalised); None for a snippet empty once
    normalised, which would be found in anything and is not counted."""
    haystack = snippet_text(predicted)
    return [needle in haystack if needle else None for needle in map(snippet_text, snippets)]


def snippet_counts(predicted: str, with_snippets: list[str], without_snippets: list[str]) -> SnippetCounts:
    """trafilatura's counts for one page's output."""
    found = snippet_matches(predicted, with_snippets)
    kept = snippet_matches(predicted, without_snippets)
    return SnippetCounts(
        tp=found.count(True), fn=found.count(False), fp=kept.count(True), tn=kept.count(False)
    )
