"""Text extraction: a line or glued dump to labelled segments, plus the title, author and date it shows.

Blocks come from segment, their scores from model, the main block from select, the metadata from meta,
the structure the markup outputs show from markup.
Everything outside the main block is labelled with its score, so `--explain` can say why.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import Config
from ..dedup import Deduplicator, label_repeats
from ..document import Extraction, Kind, Label, Segment
from ..textutils import normalise
from .features import detect_language
from .markup import with_structure
from .meta import dump_metadata, find_headline
from .model import DumpShape, SegmentMemo
from .segment import DumpBlock, is_glued, segment_lines
from .select import SPREAD_SCORE, select_main, spread_items

_MAX_ROUNDS = 30  # rounds cost less and less; most dumps settle in two or three
_MAX_PASSES = 3  # passes of rounds: a page of spread items takes a second, which settles almost always


def extract_text(text: str, config: Config) -> Extraction:
    """The dump's segments labelled content or not, and the metadata the dump shows.

    Selection runs in rounds until the kept text, read again as a dump, keeps all of itself: so cleaning
    cleaner's own output changes nothing. A page whose content is spread over many items (select's
    `spread_items`) then takes the items back, and the rounds go on from there.
    """
    blocks = segment_lines(text)
    texts = [block.text for block in blocks]
    # normalised once for the headline and the first round, which reads the same blocks
    norms: list[str] | None = [normalise(text) for text in texts]
    language = detect_language(texts)
    memo = SegmentMemo(texts, language)  # the rounds re-score the same blocks: measure each one once
    title_line, headline = find_headline(texts, norms)
    anchor = headline if headline is not None else 0
    live = list(range(len(blocks)))  # the segments still kept, in order
    view = blocks  # those segments as a re-read of the kept text gives them: the same blocks, checked below
    shape: DumpShape = "glued" if is_glued(text) else "lines"
    segments: list[Segment] = []
    # the blocks of this pass and their scores in its first round, which reads them all (see _take_items)
    first: tuple[list[int], list[float | None]] = ([], [])
    pass_start, passes = 1, 1
    for round_number in range(1, _MAX_ROUNDS + 1):
        labelled = select_main(view, live, shape, config, memo, language, round_number, norms)
        norms = (
            None  # later rounds read fewer blocks: select_main normalises those, rather than keep them all
        )
        if round_number == 1 and headline is None:
            anchor = next((i for i, (label, _, _) in enumerate(labelled) if label.kept), 0)
        fresh = [
            _segment(position, blocks[position], *verdict)
            for position, verdict in zip(live, labelled, strict=True)
        ]
        if round_number == pass_start:
            first = list(live), [score for _, _, score in labelled]
        if round_number == 1:
            segments = fresh  # every block is live in the first round: no unlabelled segments before it
        else:
            for position, segment in zip(live, fresh, strict=True):
                segments[position] = segment
        if config.dedup:
            segments = label_repeats(segments, Deduplicator(threshold=config.dedup_threshold), "")
        kept = [position for position in live if segments[position].kept]
        if len(kept) < len(live):
            live = kept
            view, shape, sound = _reread(segments, live)
            if sound:
                continue
        # Settled. A page of many items takes them back, and a new pass of rounds reads what it keeps then,
        # as cleaning this output again would.
        if passes == _MAX_PASSES or not _take_items(segments, *first, pass_start, memo, config):
            break
        passes, pass_start = passes + 1, round_number + 1
        live = [position for position in first[0] if segments[position].kept]
        view, shape, sound = _reread(segments, live)
        if not sound:
            break
    return Extraction(
        segments=with_structure(segments, blocks, headline, config.links),
        metadata=dump_metadata(texts, title_line, headline, anchor),
        deduplicated=config.dedup,
    )


def _reread(segments: list[Segment], live: list[int]) -> tuple[list[DumpBlock], DumpShape, bool]:
    """The kept segments' text read again as a dump: its blocks, its shape, and whether those are the same
    blocks (else the kept text would read differently: no sound next round)."""
    kept_text = "\n\n".join(segments[position].text for position in live)
    view = segment_lines(kept_text)
    shape: DumpShape = "glued" if is_glued(kept_text) else "lines"
    return view, shape, [block.line for block in view] == [segments[position].text for position in live]


def _take_items(
    segments: list[Segment],
    positions: list[int],
    scores: list[float | None],
    round_number: int,
    memo: SegmentMemo,
    config: Config,
) -> bool:
    """Whether `spread_items` found items among `positions` (a pass's blocks, `scores` from its first
    round, `round_number`): they are content again, in `segments`, and what is left out says it is no
    item either."""
    kept = [segments[position].kept for position in positions]
    found = spread_items(scores, [memo.words[position] for position in positions], kept)
    items = {positions[index] for index in found if segments[positions[index]].label is not Label.DUPLICATE}
    if not items:
        return False
    longer: dict[str, str] = {}  # one string per reason, as select_main gives them
    for position in positions:
        segment = segments[position]
        if position in items:
            segments[position] = replace(segment, label=Label.CONTENT, reason="")
        elif not segment.kept and segment.label is not Label.DUPLICATE:
            if segment.reason not in longer:
                longer[segment.reason] = (
                    f"{segment.reason}; no item either (scored below {SPREAD_SCORE} in round {round_number})"
                )
            segments[position] = replace(segment, reason=longer[segment.reason])
    if config.dedup:
        segments[:] = label_repeats(segments, Deduplicator(threshold=config.dedup_threshold), "")
    return True


def _segment(index: int, block: DumpBlock, label: Label, reason: str, score: float | None) -> Segment:
    """A block with its verdict. A segment shows its line as the dump has it, marks and all; its kind says
    more only when unmarked."""
    kind = block.kind if block.line == block.text else Kind.PARAGRAPH
    return Segment(index=index, text=block.line, kind=kind, label=label, reason=reason, score=score)
