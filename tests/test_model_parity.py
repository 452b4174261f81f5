"""Training and inference see the same features: the rows a model is trained on give the scores it gives
when cleaning. (Inference takes shortcuts: the text scorer measures each block's text once per page.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import cleaner
from cleaner import Config
from cleaner.html.extract import page_features, parse_html
from cleaner.html.meta import read_metadata
from cleaner.html.model import block_model, content_probabilities, revised_probabilities
from cleaner.html.region import region_features
from cleaner.text.features import detect_language, feature_matrix, neighbour_columns
from cleaner.text.meta import find_headline
from cleaner.text.model import SHAPES, default_model, score_segments
from cleaner.text.segment import segment_lines

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("shape", SHAPES)
def test_text_scores_are_the_training_rows_scored(shape: str) -> None:
    blocks = segment_lines((SAMPLES / "lowpass-article" / "input.txt").read_text(encoding="utf-8"))
    texts, kinds = [block.text for block in blocks], [block.kind for block in blocks]
    language = detect_language(texts)
    _, headline = find_headline(texts)
    model = default_model(shape)  # type: ignore[arg-type]
    rows = feature_matrix(texts, kinds, language, headline)  # as bench/train_text.py builds them
    words = np.array([len(text.split()) for text in texts], dtype=np.float64)
    more = neighbour_columns(model.stage1.probabilities(rows), words)
    trained = model.stage2.probabilities(np.hstack([rows, more])).tolist()
    inferred = score_segments(texts, kinds, language, headline, shape)  # type: ignore[arg-type]
    assert inferred == pytest.approx(trained, rel=1e-12, abs=1e-12)


def test_html_scores_are_the_training_rows_scored() -> None:
    html = (SAMPLES / "article-arc-dev" / "input.html").read_text(encoding="utf-8")
    tree = parse_html(html)
    blocks, rows = page_features(tree, Config(), read_metadata(tree).url)  # as bench/html_data.py does
    # as bench/train_html.py builds stage 2's rows: element keys numbered in page order, not elements
    keys: dict[int, int] = {}
    paths = [tuple(keys.setdefault(id(e), len(keys)) for e in block.ancestors) for block in blocks]
    words = [len(block.words) for block in blocks]
    _, region_rows = region_features(paths, words, content_probabilities(rows), block_model().region)
    scores = [segment.score for segment in cleaner.Cleaner(Config(dedup=False)).clean(html).segments]
    assert scores == pytest.approx(revised_probabilities(rows, region_rows), rel=1e-12, abs=1e-12)


def test_a_page_without_blocks_scores_to_nothing() -> None:
    assert content_probabilities([]) == []
    assert revised_probabilities([], []) == []
