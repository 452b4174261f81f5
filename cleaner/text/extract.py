"""Text extraction: a line or glued dump to labelled segments, plus the title, author and date it shows.

Blocks come from segment, their scores from model, the main block from select, the metadata from meta,
the structure the markup outputs show from markup.
Everything outside the main block is labelled with its score, so `--explain` can say why.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..config import Config
from ..dedup import Deduplicator, label_repeats
from ..document import Extraction, Kind, Label, Segment
from ..spread import spread_items
from ..textutils import normalise
from .features import detect_language
from .markup import with_structure
from .meta import dump_metadata, find_headline
from .model import DumpShape, SegmentMemo
from .segment import BlockColumns, DumpBlock, is_glued, long_enough_to_be_glued, segment_lines
from .select import SPREAD_SCORE, Labelled, Reading, select_main

_CODE_REASON = "script or style text: minified code"
_MAX_ROUNDS = 30  # rounds cost less and less; most dumps settle in two or three
_MAX_PASSES = 3  # passes of rounds: a page of spread items takes a second, which settles almost always


def extract_text(text: str, config: Config) -> Extraction:
    """The dump's segments labelled content or not, and the metadata the dump shows.

    Selection runs in rounds until the kept text, read again as a dump, keeps all of itself: so cleaning
    cleaner's own output changes nothing. A page whose content is spread over many items (cleaner.spread)
    then takes the items back, and the rounds go on from there.
    """
    blocks = BlockColumns(segment_lines(text))
    glued = is_glued(text)
    # A glued dump's minified code (its page's scripts and styles) is set aside: never read, never kept. A
    # line dump's code is what a Markdown export fenced, read as its other blocks are.
    code = glued and Kind.CODE in blocks.kinds
    texts = _without_code(blocks) if code else blocks.texts
    live: Sequence[int] = range(len(blocks))  # the segments still kept, in order
    if code:
        live = [position for position, kind in enumerate(blocks.kinds) if kind is not Kind.CODE]
    verdicts = _Verdicts(blocks.kinds, set_aside=code)
    # normalised once for the headline and the first round, which reads the same blocks (all but the code),
    # and let go before any block is measured or scored
    all_norms = [normalise(text) for text in texts]
    reading: Reading | None
    if code:
        title_line, headline = find_headline(texts, all_norms)
        reading = Reading.of([texts[p] for p in live], [all_norms[p] for p in live])
    else:
        reading = Reading.of(texts, all_norms)
        title_line, headline = reading.title_line, reading.headline
    del all_norms
    anchor = headline if headline is not None else 0
    language = detect_language(texts)
    # the rounds re-score the same blocks: measure each one once
    memo = SegmentMemo(texts, language, live if code else None)
    shape: DumpShape = "glued" if glued else "lines"
    # the blocks of this pass and their scores in its first round, which reads them all (see _take_items)
    first: tuple[Sequence[int], list[float | None]] = ([], [])
    pass_start, passes = 1, 1
    for round_number in range(1, _MAX_ROUNDS + 1):
        # From the second round the blocks are those of the kept text, read again: the same, checked below.
        view = BlockColumns(map(blocks.__getitem__, live)) if round_number > 1 or code else blocks
        verdicts.update(
            live,
            select_main(view.texts, view.kinds, live, shape, config, memo, language, round_number, reading),
        )
        reading = None  # later rounds read fewer blocks, which select_main reads itself
        if round_number == pass_start:
            first = live, [verdicts.scores[position] for position in live]
        if round_number == 1 and headline is None:
            anchor = next(iter(verdicts.kept(live)), 0)
        _label_repeats(verdicts, blocks, live, config)
        kept = verdicts.kept(live)
        if len(kept) < len(live):
            live = kept
            reread = _reread_shape([blocks.lines[position] for position in live])
            if reread is not None:
                shape = reread
                continue
        elif (reread := _reread_shape([blocks.lines[p] for p in live])) not in (None, shape):
            # All kept, but the kept text reads in another shape (a glued dump's blocks, joined by the
            # output's blank lines, read as lines): the rounds go on in it, as cleaning the output would.
            shape = reread
            continue
        elif (own := detect_language([texts[p] for p in live])) != language:
            # The kept text, cleaned again, is read in the stoplist its own words point to: where that is
            # not the one these rounds read, they go on in it, so that cleaning the output changes nothing.
            # They end: the stoplist changes only when the kept text does or once after it.
            language = own
            memo.use_stoplist(texts, language)
            continue
        # Settled (or the kept text would read differently: no sound next round). A page of many items
        # takes them back, and a new pass of rounds reads what it keeps then, as cleaning this output
        # again would.
        if passes == _MAX_PASSES or not _take_items(verdicts, blocks, *first, pass_start, memo, config):
            break
        passes, pass_start = passes + 1, round_number + 1
        live = verdicts.kept(first[0])
        reread = _reread_shape([blocks.lines[position] for position in live])
        if reread is None:
            break
        shape = reread
    del memo, first, live  # the rounds' measures: a long dump's segments are made without them
    # the metadata before the segments: a long dump never holds both the segments and the metadata's reading
    # nor is code a title, a byline or a date: a fenced block first is no title
    metadata = dump_metadata(
        texts if code else _without_code(blocks), title_line, headline, anchor, glued=glued
    )
    return Extraction(
        segments=with_structure(
            # made one by one as with_structure reads them: a long dump holds one list of its segments
            (
                _segment(position, block, *verdict)
                for position, (block, verdict) in enumerate(zip(blocks, verdicts, strict=True))
            ),
            blocks,
            headline,
            config.links,
        ),
        metadata=metadata,
        deduplicated=config.dedup,
    )


class _Verdicts:
    """The verdict on each block of a dump, by position, field by field: a round writes those of the blocks
    it read, in place, and the segments are made once, when the rounds end. A dump's code is set aside from
    the start, with its reason, where `set_aside`."""

    def __init__(self, kinds: Sequence[Kind], *, set_aside: bool) -> None:
        self._kinds = kinds
        self._set_aside = set_aside
        self.labels: list[Label] = []
        self.reasons: list[str] = []
        self.scores: list[float | None] = []

    def _start(self) -> None:
        """Made at the first update, after the first round's scoring: not held through that round's peak of
        memory, a long dump's."""
        kinds = self._kinds
        aside = [self._set_aside and kind is Kind.CODE for kind in kinds]
        self.labels = [Label.BOILERPLATE if out else Label.CONTENT for out in aside]
        self.reasons = [_CODE_REASON if out else "" for out in aside]
        self.scores = [None] * len(kinds)

    def __iter__(self) -> Iterator[Labelled]:
        return zip(self.labels, self.reasons, self.scores, strict=True)

    def update(self, positions: Sequence[int], verdicts: Iterable[Labelled]) -> None:
        if len(self.labels) < len(self._kinds):
            self._start()
        labels, reasons, scores = self.labels, self.reasons, self.scores
        for position, (label, reason, score) in zip(positions, verdicts, strict=True):
            labels[position], reasons[position], scores[position] = label, reason, score

    def kept(self, positions: Iterable[int]) -> list[int]:
        """The positions among `positions` labelled content."""
        labels = self.labels
        return [position for position in positions if labels[position] is Label.CONTENT]


def _take_items(
    verdicts: _Verdicts,
    blocks: BlockColumns,
    positions: Sequence[int],
    scores: list[float | None],
    round_number: int,
    memo: SegmentMemo,
    config: Config,
) -> bool:
    """Whether `spread_items` found items among `positions` (a pass's blocks, `scores` from its first
    round, `round_number`): they are content again, in `verdicts`, and what is left out says it is no
    item either."""
    labels, reasons = verdicts.labels, verdicts.reasons
    # A repeat is neither content left out nor an item: it has no say in whether the page is a list.
    scores = [
        None if labels[position] is Label.DUPLICATE else score
        for position, score in zip(positions, scores, strict=True)
    ]
    kept = [labels[position] is Label.CONTENT for position in positions]
    items = {
        positions[index]
        for index in spread_items(scores, [memo.words[p] for p in positions], kept, SPREAD_SCORE)
    }
    if not items:
        return False
    longer: dict[tuple[str, str], str] = {}  # one string per reason and score: a long dump has thousands
    for position, score in zip(positions, scores, strict=True):
        if position in items:
            labels[position], reasons[position] = Label.CONTENT, ""
        elif labels[position] is not Label.CONTENT and score is not None:  # the score shown: its last round's
            key = reasons[position], f"{score:.2f}"
            if key not in longer:
                longer[key] = (
                    f"{key[0]}; no item either (scored {key[1]} in round {round_number}, below {SPREAD_SCORE})"
                )
            reasons[position] = longer[key]
    _label_repeats(verdicts, blocks, positions, config)
    return True


def _label_repeats(verdicts: _Verdicts, blocks: BlockColumns, live: Sequence[int], config: Config) -> None:
    """Label the page's repeats among the `live` positions, by a deduplicator of this page and this
    labelling alone: every kept block is among them, so that a round reads no more of a long dump than it
    kept the round before."""
    if not config.dedup:
        return
    # each block with the kind its marks give (a heading stays after the contents list that names it)
    kept = [
        Segment(index=position, text=blocks[position].line, kind=blocks[position].kind)
        for position in verdicts.kept(live)
    ]
    for segment in label_repeats(kept, Deduplicator(threshold=config.dedup_threshold), ""):
        if not segment.kept:
            verdicts.labels[segment.index], verdicts.reasons[segment.index] = segment.label, segment.reason


def _without_code(blocks: BlockColumns) -> list[str]:
    """The blocks' texts, a code block's empty (the list itself where there is none)."""
    if Kind.CODE not in blocks.kinds:
        return blocks.texts
    return [
        ("" if kind is Kind.CODE else text) for kind, text in zip(blocks.kinds, blocks.texts, strict=True)
    ]


def _reread_shape(lines: list[str]) -> DumpShape | None:
    """The shape of the text the lines make as the output joins them, if reading that text as a dump gives
    the lines back (so that another round judges the same blocks); None if not.

    A text too short per line to be glued is read line by line, and each line, a block's line as
    segment_lines made it (whitespace normalised, so without a line break, and with text after any mark),
    reads back as itself: that text is then not built (with one character beyond the BMP in it, it would
    take 4 bytes a character).
    """
    separators = 2 * (len(lines) - 1)  # the line feeds of "\n\n".join(lines)
    if lines and not long_enough_to_be_glued(sum(map(len, lines)) + separators, separators + 1):
        return "lines"
    kept_text = "\n\n".join(lines)
    if [block.line for block in segment_lines(kept_text)] != lines:
        return None
    return "glued" if is_glued(kept_text) else "lines"


def _segment(index: int, block: DumpBlock, label: Label, reason: str, score: float | None) -> Segment:
    """A block with its verdict. A segment shows its line as the dump has it, marks and all; its kind says
    more only when unmarked."""
    kind = block.kind if block.line == block.text else Kind.PARAGRAPH
    return Segment(index=index, text=block.line, kind=kind, label=label, reason=reason, score=score)
