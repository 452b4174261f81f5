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
