"""Training labels from trafeval's snippets, for both models: which blocks a page's `with` and `without`
snippets touch.

trafeval (`../shared/trafeval`, trafilatura's evaluation set, Apache-2.0) does not give a page's whole main
content, only snippets a correct extraction contains (`with`) and boilerplate it must not (`without`). A
block is 1 when it overlaps a `with` snippet, 0 when it overlaps a `without` snippet, and unlabelled (-1)
otherwise or when it overlaps both. Overlap: the block's words lie (mostly) inside the snippet, or the
snippet's words lie inside the block.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cleaner.html.features import Reference, word_string
from cleaner.textutils import WORD

CONTENT_SHARE = 0.5  # a block is in a text when this share of its word trigrams is in it
UNLABELLED = -1


def snippet_labels(
    blocks_words: Iterable[Sequence[str]], with_snippets: Sequence[str], without_snippets: Sequence[str]
) -> list[int]:
    """1, 0 or UNLABELLED for each block, given as its lowercased words (`WORD`)."""
    snippets = [(1, WORD.findall(s.lower())) for s in with_snippets]
    snippets += [(0, WORD.findall(s.lower())) for s in without_snippets]
    references = [
        (value, Reference(" ".join(words)), word_string(words)) for value, words in snippets if words
    ]
    labels = []
    for words in blocks_words:
        joined = word_string(words)
        found = {
            value
            for value, reference, needle in references
            if words and (reference.share(words) >= CONTENT_SHARE or needle in joined)
        }
        labels.append(found.pop() if len(found) == 1 else UNLABELLED)
    return labels
