"""Fuzzy deduplication of blocks, with a scope the caller chooses.

A `Deduplicator` remembers the blocks it was shown. Make one per page, per site or per run and pass it
along: nothing is remembered anywhere else, so a result never depends on what an unrelated call saw.

Matching is not all-pairs: each block is filed under a few keys (its normalised text, its first and its
last words); only blocks sharing a key are compared with rapidfuzz. One comparison costs at most a fixed
amount, whatever the blocks' length: two blocks of which one is longer than `_LONG_BLOCK` characters are
compared by their length and by their first and last `_SKETCH` characters (a fuzzy ratio on the whole of
two long blocks grows with the product of their lengths: minutes for two 4 MB lines). Exact repeats of
any length are still found by their full text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from rapidfuzz import fuzz

from .config import DEDUP_THRESHOLD
from .document import Kind, Label, Segment
from .textutils import normalise, word_count

Ref = TypeVar("Ref")

_KEY_WORDS = 4  # words in a prefix or suffix key
_MAX_CANDIDATES = 32  # per key; beyond this a key is too common to tell blocks apart
# A block this long is content-sized: a fuzzy repeat of it is not chrome (see label_repeats).
LONG_BLOCK_WORDS = 25
# A run of repeats holding this many long blocks is a section the page printed twice (see label_repeats).
COPIED_SECTION = 3
# A block repeats by design on this many places at least: a template's field, not a menu in a header and a
# footer (see label_repeats).
_TEMPLATE_COPIES = 3
_LONG_BLOCK = 20_000  # characters: longer blocks are compared by a bounded sketch, not in full
_SKETCH = 4_000  # characters from each end of a long block in its sketch


@dataclass(frozen=True)
class Match(Generic[Ref]):
    """An earlier block that the new one repeats, how alike they are (0-100), and its text (normalised)."""

    ref: Ref
    similarity: float
    text: str


class Deduplicator(Generic[Ref]):
    """Remembers blocks and finds near-repeats of them.

    `ref` is whatever the caller wants back on a match: a segment index, or a (page, index) pair for a
    site or run scope.
    """

    def __init__(self, *, threshold: float = DEDUP_THRESHOLD) -> None:
        self.threshold = threshold
        # One list of (text, ref) pairs: a single append, so a timeout raised mid-`add` leaves no
        # text without its ref.
        self._entries: list[tuple[str, Ref]] = []
        self._exact: dict[str, int] = {}
        # Each key's blocks (see `_bucket`): most keys have a single block, kept as its bare position,
        # with no container to allocate; more are a tuple.
        self._by_key: dict[str, int | tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, text: str) -> Match[Ref] | None:
        """The remembered block most like `text`, if any is at least `threshold` alike."""
        return self._find(normalise(text))

    def add(self, text: str, ref: Ref) -> None:
        """Remember `text`, to be reported as `ref` when a later block repeats it."""
        self._add(normalise(text), ref)

    def check(self, text: str, ref: Ref) -> Match[Ref] | None:
        """`find`, then `add` when nothing matched: the first copy is remembered, later ones reported."""
        norm = normalise(text)
        match = self._find(norm)
        if match is None:
            self._add(norm, ref)
        return match

    def _find(self, norm: str) -> Match[Ref] | None:
        if not norm:
            return None
        exact = self._exact.get(norm)
        if exact is not None:
            return Match(self._entries[exact][1], 100.0, norm)
        best: Match[Ref] | None = None
        for candidate in self._candidates(norm):
            text, ref = self._entries[candidate]
            similarity = _similarity(norm, text, self.threshold)
            if similarity and (best is None or similarity > best.similarity):
                best = Match(ref, similarity, text)
        return best

    def _add(self, norm: str, ref: Ref) -> None:
        if not norm or norm in self._exact:
            return
        position = len(self._entries)
        self._entries.append((norm, ref))
        self._exact[norm] = position
        for key in _keys(norm):
            bucket = self._bucket(key)
            if len(bucket) < _MAX_CANDIDATES:
                self._by_key[key] = (*bucket, position) if bucket else position

    def _candidates(self, norm: str) -> set[int]:
        found: set[int] = set()
        for key in _keys(norm):
            found.update(self._bucket(key))
        return found

    def _bucket(self, key: str) -> tuple[int, ...]:
        """The positions of the blocks filed under `key`, in the order they came."""
        bucket = self._by_key.get(key, ())
        return (bucket,) if isinstance(bucket, int) else bucket


def _similarity(norm: str, other: str, threshold: float) -> float:
    """rapidfuzz's ratio of two blocks (0 below `threshold`), in bounded time: blocks of ordinary size
    are compared in full, a long block by its length and its sketch."""
    if len(norm) <= _LONG_BLOCK and len(other) <= _LONG_BLOCK:
        return fuzz.ratio(norm, other, score_cutoff=threshold)
    # The ratio is at most 2 * shorter / (both lengths): lengths this far apart can never match.
    if 200 * min(len(norm), len(other)) < threshold * (len(norm) + len(other)):
        return 0.0
    return fuzz.ratio(_sketch(norm), _sketch(other), score_cutoff=threshold)


def _sketch(norm: str) -> str:
    """A long block's first and last `_SKETCH` characters: what a long near-repeat shares with it."""
    return norm if len(norm) <= 2 * _SKETCH else norm[:_SKETCH] + " " + norm[-_SKETCH:]


def _keys(norm: str) -> tuple[str, str]:
    """A block's first and last words: a near-repeat almost always shares one of the two."""
    words = norm.split(" ")
    return "^" + " ".join(words[:_KEY_WORDS]), "$" + " ".join(words[-_KEY_WORDS:])


def relabel(
    segments: Iterable[Segment], label: Label, reason_for: Callable[[Segment], str | None]
) -> list[Segment]:
    """The segments, each kept one for which `reason_for` gives a reason now labelled `label` with it.

    Segments are visited in page order, so a `reason_for` that remembers (a deduplicator) sees them so.
    """
    out = list(segments)  # a copy of the exact size: a long page has many segments
    for index, segment in enumerate(out):
        if segment.kept and (reason := reason_for(segment)) is not None:
            out[index] = replace(segment, label=label, reason=reason)
    return out


def label_repeats(
    segments: Sequence[Segment],
    scope: Deduplicator[str],
    page: str,
    by_design: Callable[[int, int], bool] | None = None,
) -> list[Segment]:
    """Label every kept block that repeats an earlier one in `scope`; table rows may repeat by design, and
    so may a short block of the page on `_TEMPLATE_COPIES` places or more, where `by_design(earlier,
    later)` (segment indices) says it repeats the copy before or after it so, as the same field of sibling
    records does (cleaner.html.records), outside a copied section.

    Deduplication is for repeated chrome and copies: headlines, teasers, nav, short notices, a section the
    page prints twice. A short block goes when it is `threshold` alike an earlier one and, where that one is
    of its own page, only adds or drops words (`_another_thing`: one that swaps words is another item) and
    is not a heading repeating a block of another kind (a section's heading after the contents list). A
    long block (`LONG_BLOCK_WORDS` words or more) is never a fuzzy duplicate: it goes only as a verbatim repeat
    (after normalising) of another page's block in a shared scope, as a site's boilerplate is, or of a
    block of its own page inside a copied section (a run of kept blocks that all repeat earlier ones and
    holds `COPIED_SECTION` long blocks or more: a responsive layout's second copy, a hidden duplicate). A
    long block the page repeats on its own (a refrain, a quoted passage, templated specs) is content.
    """
    # The refs this call filed, by identity, and their segment indices: a ref an earlier page filed in a
    # shared scope may be an equal string (two pages without a URL), never the same object.
    own: dict[int, int] = {}
    matches: dict[int, Match[str]] = {}  # segment index -> the earlier block it repeats
    kept = [segment for segment in segments if segment.kept and segment.kind is not Kind.TABLE_ROW]
    kinds = {segment.index: segment.kind for segment in kept}
    long = {segment.index for segment in kept if word_count(segment.text) >= LONG_BLOCK_WORDS}
    for segment in kept:
        ref = f"segment {segment.index}{page}"
        match = scope.check(segment.text, ref)
        earlier = own.get(id(match.ref)) if match is not None else None
        if match is not None and (
            (
                match.similarity < 100
                and (
                    segment.index in long
                    or (earlier is not None and _another_thing(segment.text, match.text))
                )
            )
            # a section's heading that the page's contents list (or a link to it) named first
            or (segment.kind is Kind.HEADING and earlier is not None and kinds[earlier] is not Kind.HEADING)
        ):
            scope.add(segment.text, ref)  # it stays as itself: its own verbatim copies are found
            match = None
        if match is None:
            own[id(ref)] = segment.index
        else:
            matches[segment.index] = match
    in_copies: set[int] = set()  # the blocks of copied sections
    run: list[int] = []
    for index in [segment.index for segment in kept] + [-1]:
        if index in matches:
            run.append(index)
            continue
        if len(long.intersection(run)) >= COPIED_SECTION:
            in_copies.update(run)
        run = []
    for index in _by_design(matches, own, by_design) if by_design else ():
        if index not in long and index not in in_copies:  # fields are short, and a copy's go with it
            del matches[index]

    def repeat(segment: Segment) -> str | None:
        match = matches.get(segment.index)
        if match is None:
            return None
        if segment.index in long and id(match.ref) in own and segment.index not in in_copies:
            return None
        return f"duplicate of {match.ref} ({match.similarity:.0f}% alike)"

    return relabel(segments, Label.DUPLICATE, repeat)


def _another_thing(text: str, norm: str) -> bool:
    """Whether a block names another thing than an earlier block of its page (`norm`, normalised): it swaps
    some of that block's words for others (the `C10` and the `C20` trainer, the women's and the men's boot,
    `Added in version 3.12.` and `3.14.`), where a repeat only adds or drops words (`Headline` under
    `Headline | Site`). Across pages, a footer's year or a counter changes, and the block is the same."""
    own, earlier = set(normalise(text).split()), set(norm.split())
    return not (own <= earlier or earlier <= own)


def _by_design(
    matches: dict[int, Match[str]], own: dict[int, int], by_design: Callable[[int, int], bool]
) -> list[int]:
    """The repeats that repeat by design the copy before or after them, among the copies of one block of
    the page in page order: the first card's brand is a field of the cards although a logo came first."""
    copies: dict[int, list[int]] = {}
    for index, match in matches.items():  # in page order
        if (first := own.get(id(match.ref))) is not None:
            copies.setdefault(id(match.ref), [first]).append(index)
    found = []
    for run in copies.values():
        if len(run) < _TEMPLATE_COPIES:
            continue
        for before, index, after in zip(run[:-1], run[1:], [*run[2:], None], strict=True):
            if by_design(before, index) or (after is not None and by_design(index, after)):
                found.append(index)
    return found
