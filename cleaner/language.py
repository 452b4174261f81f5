"""The language of a text (py3langid) and of a page's language tag, both as ISO 639 codes.

py3langid is langid.py's maintained fork, the detector trafilatura uses: a naive Bayes model over byte
n-grams, 140 languages, offline. Its model takes half a second of CPU to load, so it loads on first use,
once per process; after that the identifier is only read, never changed, so threads can share it.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

# The start of a long text tells its language as well as all of it, at a fraction of the cost.
_SAMPLE_CHARS = 4000
_MIN_LETTERS = 40  # below this a text is a caption or a button: too short to tell
_MIN_CONFIDENCE = 0.5  # the model's normalised probability; under it the guess is a coin toss
_NO_LANGUAGE = "zxx"  # the model's label for text with no linguistic content
# ISO 639's codes that name no one language: uncoded, several, undetermined, none
_NOT_A_LANGUAGE = frozenset({"mis", "mul", "und", _NO_LANGUAGE})
_LOADING = threading.Lock()


def text_language(text: str) -> str | None:
    """The language of `text` as an ISO 639-1 code (639-3 for the few the model knows that have no
    639-1 code), or None when the text is too short or too mixed to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < _MIN_LETTERS:
        return None
    language, confidence = _identifier().classify(sample)
    return language if confidence >= _MIN_CONFIDENCE and language != _NO_LANGUAGE else None


def tag_language(tag: str | None) -> str | None:
    """A language tag as a page states it (`en-US`, `pt_BR`, `DE`) as its primary language code; None
    for a tag that names no one language (`und`, `mul`, `zxx`) or is empty."""
    primary = (tag or "").split(",")[0].strip().replace("_", "-").split("-")[0].lower()
    if primary in _NOT_A_LANGUAGE:
        return None
    return primary if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha() else None


def _identifier() -> Any:
    with _LOADING:  # two threads asking first would otherwise both spend the load
        return _load_identifier()


@cache
def _load_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # our own instance: py3langid's module-level one can be re-restricted by any caller (set_languages)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
