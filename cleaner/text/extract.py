"""Text extraction: a line or glued dump to labelled segments, plus the title, author and date it shows.

Blocks come from segment, their scores from model, the main block from select, the metadata from meta,
the structure the markup outputs show from markup.
Everything outside the main block is labelled with its score, so `--explain` can say why.
"""

from __future__ import annotations

from ..config import Config
from ..dedup import Deduplicator, label_repeats
from ..document import Extraction, Kind, Label, Segment
from ..textutils import normalise
from .features import detect_language
from .markup import with_structure
from .meta import dump_metadata, find_headline
from .model import DumpShape, SegmentMemo
from .segment import DumpBlock, is_glued, segment_lines
from .select import select_main

_MAX_ROUNDS = 30  # rounds cost less and less; most dumps settle in two or three


def extract_text(text: str, config: Config) -> Extraction:
    """The dump's segments labelled content or not, and the metadata the dump shows.

    Selection runs in rounds until the kept text, read again as a dump, keeps all of itself: so cleaning
    cleaner's own output changes nothing.
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
        if round_number == 1:
            segments = fresh  # every block is live in the first round: no unlabelled segments before it
        else:
            for position, segment in zip(live, fresh, strict=True):
                segments[position] = segment
        if config.dedup:
            segments = label_repeats(segments, Deduplicator(threshold=config.dedup_threshold), "")
        kept = [position for position in live if segments[position].kept]
        if len(kept) == len(live):
            break
        live = kept
        kept_text = "\n\n".join(segments[position].text for position in live)
        view = segment_lines(kept_text)
        shape = "glued" if is_glued(kept_text) else "lines"
        if [block.line for block in view] != [segments[position].text for position in live]:
            break  # the kept text would read differently: no sound next round
    return Extraction(
        segments=with_structure(segments, blocks, headline, config.links),
        metadata=dump_metadata(texts, title_line, headline, anchor),
        deduplicated=config.dedup,
    )


def _segment(index: int, block: DumpBlock, label: Label, reason: str, score: float | None) -> Segment:
    """A block with its verdict. A segment shows its line as the dump has it, marks and all; its kind says
    more only when unmarked."""
    kind = block.kind if block.line == block.text else Kind.PARAGRAPH
    return Segment(index=index, text=block.line, kind=kind, label=label, reason=reason, score=score)
