"""Text extraction: a line or glued dump to labelled segments, plus the title, author and date it shows.

Blocks come from segment, their scores from model, the main block from select, the metadata from meta,
the structure the markup outputs show from markup.
Everything outside the main block is labelled with its score, so `--explain` can say why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..config import Config
from ..dedup import Deduplicator, label_repeats
from ..document import Extraction, Kind, Label, Segment
from ..textutils import normalise
from .features import detect_language
from .markup import with_structure
from .meta import dump_metadata, find_headline
from .model import DumpShape, SegmentMemo
from .segment import BlockColumns, DumpBlock, is_glued, long_enough_to_be_glued, segment_lines
from .select import SPREAD_SCORE, Labelled, select_main, spread_items

_CODE_REASON = "script or style text: minified code"
_MAX_ROUNDS = 30  # rounds cost less and less; most dumps settle in two or three
_MAX_PASSES = 3  # passes of rounds: a page of spread items takes a second, which settles almost always


def extract_text(text: str, config: Config) -> Extraction:
    """The dump's segments labelled content or not, and the metadata the dump shows.

    Selection runs in rounds until the kept text, read again as a dump, keeps all of itself: so cleaning
    cleaner's own output changes nothing. A page whose content is spread over many items (select's
    `spread_items`) then takes the items back, and the rounds go on from there.
    """
    blocks = BlockColumns(segment_lines(text))
    # A glued dump's minified code (its page's scripts and styles) is set aside: never read, never kept.
    code = Kind.CODE in blocks.kinds
    texts = (
        [("" if kind is Kind.CODE else text) for kind, text in zip(blocks.kinds, blocks.texts, strict=True)]
        if code
        else blocks.texts
    )
    live: Sequence[int] = range(len(blocks))  # the segments still kept, in order
    if code:
        live = [position for position, kind in enumerate(blocks.kinds) if kind is not Kind.CODE]
    # normalised once for the headline and the first round, which reads the same blocks
    all_norms = [normalise(text) for text in texts]
    language = detect_language(texts)
    # the rounds re-score the same blocks: measure each one once
    memo = SegmentMemo(texts, language, live if code else None)
    title_line, headline = find_headline(texts, all_norms)
    anchor = headline if headline is not None else 0
    norms: list[str] | None = [all_norms[position] for position in live] if code else all_norms
    del all_norms  # the first round's norms are all a long dump holds of them
    glued = is_glued(text)
    shape: DumpShape = "glued" if glued else "lines"
    segments: list[Segment] = []
    # the blocks of this pass and their scores in its first round, which reads them all (see _take_items)
    first: tuple[Sequence[int], list[float | None]] = ([], [])
    pass_start, passes = 1, 1
    relanguaged = False  # whether this pass's rounds went on in the kept text's own language
    for round_number in range(1, _MAX_ROUNDS + 1):
        # From the second round the blocks are those of the kept text, read again: the same, checked below.
        view = BlockColumns(map(blocks.__getitem__, live)) if round_number > 1 or code else blocks
        verdicts = select_main(
            view.texts, view.kinds, live, shape, config, memo, language, round_number, norms
        )
        # later rounds read fewer blocks: select_main normalises those, rather than keep them all
        norms = None  # (and the first round's segments are made without them)
        segments = _with_verdicts(segments, blocks, live, verdicts)
        if round_number == pass_start:
            first = live, [segments[position].score for position in live]
        if round_number == 1 and headline is None:
            anchor = next((segment.index for segment in segments if segment.kept), 0)
        _label_repeats(segments, live, config)
        kept = [position for position in live if segments[position].kept]
        if len(kept) < len(live):
            live = kept
            reread = _reread_shape([segments[position].text for position in live])
            if reread is not None:
                shape = reread
                continue
        elif (reread := _reread_shape([segments[p].text for p in live])) not in (None, shape):
            # All kept, but the kept text reads in another shape (a glued dump's blocks, joined by the
            # output's blank lines, read as lines): the rounds go on in it, as cleaning the output would.
            shape = reread
            continue
        elif not relanguaged and (own := detect_language([texts[p] for p in live])) != language:
            # The kept text, cleaned again, is read in the stoplist its own words point to: where that is
            # not the dump's, the rounds go on in it (once a pass), so that cleaning the output changes
            # nothing.
            language, relanguaged = own, True
            memo.use_stoplist(texts, language)
            continue
        # Settled (or the kept text would read differently: no sound next round). A page of many items
        # takes them back, and a new pass of rounds reads what it keeps then, as cleaning this output
        # again would.
        if passes == _MAX_PASSES or not _take_items(segments, *first, pass_start, memo, config):
            break
        passes, pass_start = passes + 1, round_number + 1
        relanguaged = False  # the items change the kept text: its own stoplist is read again, once a pass
        live = [position for position in first[0] if segments[position].kept]
        reread = _reread_shape([segments[position].text for position in live])
        if reread is None:
            break
        shape = reread
    return Extraction(
        segments=with_structure(segments, blocks, headline, config.links),
        metadata=dump_metadata(texts, title_line, headline, anchor, glued=glued),
        deduplicated=config.dedup,
    )


def _take_items(
    segments: list[Segment],
    positions: Sequence[int],
    scores: list[float | None],
    round_number: int,
    memo: SegmentMemo,
    config: Config,
) -> bool:
    """Whether `spread_items` found items among `positions` (a pass's blocks, `scores` from its first
    round, `round_number`): they are content again, in `segments`, and what is left out says it is no
    item either."""
    # A repeat is neither content left out nor an item: it has no say in whether the page is a list.
    scores = [
        None if segments[position].label is Label.DUPLICATE else score
        for position, score in zip(positions, scores, strict=True)
    ]
    kept = [segments[position].kept for position in positions]
    items = {positions[index] for index in spread_items(scores, [memo.words[p] for p in positions], kept)}
    if not items:
        return False
    longer: dict[tuple[str, str], str] = {}  # one string per reason and score: a long dump has thousands
    for position, score in zip(positions, scores, strict=True):
        segment = segments[position]
        if position in items:
            segments[position] = replace(segment, label=Label.CONTENT, reason="")
        elif not segment.kept and score is not None:  # the score shown is the segment's last round's
            key = segment.reason, f"{score:.2f}"
            if key not in longer:
                longer[key] = (
                    f"{key[0]}; no item either (scored {key[1]} in round {round_number}, below {SPREAD_SCORE})"
                )
            segments[position] = replace(segment, reason=longer[key])
    _label_repeats(segments, positions, config)
    return True


def _label_repeats(segments: list[Segment], live: Sequence[int], config: Config) -> None:
    """Label the page's repeats in `segments`, by a deduplicator of this page and this labelling alone. Only
    the `live` positions are read: every kept segment is among them, so that a round reads no more of a
    long dump than it kept the round before."""
    if not config.dedup:
        return
    labelled = label_repeats(
        [segments[position] for position in live], Deduplicator(threshold=config.dedup_threshold), ""
    )
    for position, segment in zip(live, labelled, strict=True):
        segments[position] = segment


def _with_verdicts(
    segments: list[Segment], blocks: BlockColumns, live: Sequence[int], verdicts: Iterable[Labelled]
) -> list[Segment]:
    """The segments with the live blocks' new verdicts; in the first round (no segments yet) every block is
    live but the code, which is set aside with its reason."""
    fresh = (
        _segment(position, blocks[position], *verdict)
        for position, verdict in zip(live, verdicts, strict=True)
    )
    if not segments:
        if len(live) == len(blocks):
            return list(fresh)
        return [
            _segment(position, blocks[position], Label.BOILERPLATE, _CODE_REASON, None)
            if kind is Kind.CODE
            else next(fresh)
            for position, kind in enumerate(blocks.kinds)
        ]
    for position, segment in zip(live, fresh, strict=True):
        segments[position] = segment
    return segments


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
