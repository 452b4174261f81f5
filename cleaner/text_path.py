"""The text path: a line or glued dump to labelled segments, plus the title, author and date it shows.

Segments come from segment.py, content scores from score.py; this module picks the main block and reads
the metadata. Everything outside the main block is labelled with its score, so `--explain` can say why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from .config import Config
from .dedup import Deduplicator, label_repeats, normalise
from .document import Kind, Label, Segment
from .html_meta import iso_date
from .score import (
    DumpShape,
    SegmentMemo,
    chrome_like,
    content_runs,
    detect_language,
    score_segments,
    trim_edges,
)
from .segment import Block, is_glued, segment_lines

_TITLE_SEPARATOR = re.compile(r"\s+[|–—·•»-]\s+")
_HEADLINE_SIMILARITY = 90.0
_EARLY_BLOCKS = 60  # a recurring headline is among the dump's first blocks
_HEADLINE_MIN_WORDS = 4
_MAX_ROUNDS = 30  # rounds cost less and less; most dumps settle in two or three
_HEADLINE_RUN_SHARE = 0.5  # the run below the headline must be worth this share of the best
_NEAR = 8  # blocks between the headline, the byline and the date line
_BYLINE = re.compile(r"^(?:by|von|par|por|door|di|av)\s+(.{3,60})$", re.IGNORECASE)
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+$")
_DATE_LINE = re.compile(r"^(?:posted|published|updated|on|date)\b", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class TextExtraction:
    segments: list[Segment]
    title: str | None = None
    author: str | None = None
    date: str | None = None


def extract_text(text: str, config: Config) -> TextExtraction:
    """The dump's segments labelled content or not, and the metadata the dump shows.

    Selection runs in rounds until the kept text, read again as a dump, keeps all of itself: so cleaning
    cleaner's own output changes nothing.
    """
    blocks = segment_lines(text)
    # A segment shows its line as the dump has it, marks and all; its kind says more only when unmarked.
    segments = [
        Segment(index=i, text=block.line, kind=block.kind if block.line == block.text else Kind.PARAGRAPH)
        for i, block in enumerate(blocks)
    ]
    texts = [block.text for block in blocks]
    language = detect_language(texts)
    memo = SegmentMemo(texts, language)  # the rounds re-score the same blocks: measure each one once
    title_line, headline = find_headline(texts)
    anchor = headline if headline is not None else 0
    live = list(range(len(segments)))  # the segments still kept, in order
    view = blocks  # those segments as a re-read of the kept text gives them: the same blocks, checked below
    shape: DumpShape = "glued" if is_glued(text) else "lines"
    for round_number in range(1, _MAX_ROUNDS + 1):
        labelled = _select(view, live, shape, config, memo, language, round_number)
        if round_number == 1 and headline is None:
            anchor = next((i for i, (label, _, _) in enumerate(labelled) if label.kept), 0)
        for position, (label, reason, probability) in zip(live, labelled, strict=True):
            segments[position] = replace(segments[position], label=label, reason=reason, score=probability)
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
    return TextExtraction(
        segments=segments,
        title=_title(texts, title_line, headline),
        author=_author(texts, anchor),
        date=_date(texts, anchor),
    )


def _select(
    blocks: Sequence[Block],
    positions: Sequence[int],
    shape: DumpShape,
    config: Config,
    memo: SegmentMemo,
    language: str,
    round_number: int,
) -> list[tuple[Label, str, float | None]]:
    """Each block's label, reason and content score: the main block is kept, the rest is not.

    `positions` are the blocks' indices in the dump, by which `memo` knows them.
    """
    if len(blocks) < max(config.min_blocks, 1):  # too little to tell content from chrome: keep it whole
        return [(Label.CONTENT, "", None)] * len(blocks)
    texts = [block.text for block in blocks]
    norms = [normalise(text) for text in texts]
    title_line, headline = find_headline(texts, norms)
    kinds = [block.kind for block in blocks]
    probabilities = score_segments(texts, kinds, language, headline, shape, memo, positions, norms)
    if min(probabilities) >= config.boilerplate_floor and not any(map(chrome_like, texts)):
        # nothing looks like boilerplate: a clean text, such as cleaner's own output
        return [(Label.CONTENT, "", round(probability, 3)) for probability in probabilities]
    word_counts = [memo.words(position) for position in positions]
    # The main content starts at the headline where the dump repeats it, unless far better text lies
    # elsewhere (the headline was matched in a rail of links, or precedes a mere teaser).
    found = content_runs(probabilities, word_counts, config.text_threshold, config.max_gap, config.run_share)
    if headline is not None:
        after = content_runs(
            probabilities[headline:],
            word_counts[headline:],
            config.text_threshold,
            config.max_gap,
            config.run_share,
        )
        best = max((value for value, _ in found), default=0.0)
        if after and max(value for value, _ in after) >= _HEADLINE_RUN_SHARE * best:
            found = [(value, range(headline + run.start, headline + run.stop)) for value, run in after]
        else:
            headline = None
    trimmed = (trim_edges(run, texts, probabilities, config.text_threshold) for _, run in found)
    runs = [run for run in trimmed if run]
    if headline is not None and runs:
        runs[0] = range(headline, runs[0].stop)
    inside = {index for run in runs for index in run}
    span = f"{runs[0].start}-{runs[-1].stop - 1}" if runs else "none"
    where = f" (round {round_number})" if round_number > 1 else ""
    # one string for all the blocks a reason fits: a long dump has thousands of them
    outside = f"outside the main content (blocks {span}{where})"
    below = f"inside the main block but scored below {config.inner_threshold}{where}"
    labelled: list[tuple[Label, str, float | None]] = []
    for index, probability in enumerate(probabilities):
        label, reason = Label.CONTENT, ""
        if index == title_line and headline is not None:
            label, reason = Label.DUPLICATE, f"an earlier copy of the headline, block {headline}{where}"
        elif index not in inside:
            label = Label.OUTSIDE_MAIN
            reason = outside
        elif probability < config.inner_threshold and index != headline:
            label = Label.BOILERPLATE
            reason = below
        labelled.append((label, reason, round(probability, 3)))
    return labelled


def find_headline(texts: Sequence[str], norms: Sequence[str] | None = None) -> tuple[int | None, int | None]:
    """The title line and the headline: a `Headline | Site` first block and the block repeating its
    headline; else an early block of a few words that recurs soon after (a breadcrumb, then the headline).

    Of the title line's parts, the headline is the one the page repeats least: the site name recurs in
    the logo, the navigation and the footer. `norms` are the texts normalised, when the caller has them.
    """
    if not texts:
        return None, None
    if norms is None:
        norms = [normalise(text) for text in texts]
    parts = _TITLE_SEPARATOR.split(texts[0])
    if len(parts) >= 2:
        found = []
        for part in parts:
            wanted = normalise(part)
            if len(wanted.split()) < 2:
                continue
            # every later block alike enough, compared in one call
            alike = process.extract(
                wanted, norms, scorer=fuzz.ratio, score_cutoff=_HEADLINE_SIMILARITY, limit=None
            )
            hits = [index for _, _, index in alike if index > 0]
            if hits:
                found.append((len(hits), -len(wanted), min(hits)))
        if found:
            return 0, min(found)[2]
    for index, text in enumerate(texts[:_EARLY_BLOCKS]):
        if len(text.split()) >= _HEADLINE_MIN_WORDS and norms[index] in norms[index + 1 : index + 1 + _NEAR]:
            return index, norms.index(norms[index], index + 1)
    return (0, None) if len(parts) >= 2 else (None, None)


def _title(texts: Sequence[str], title_line: int | None, headline: int | None) -> str | None:
    if headline is not None:
        return texts[headline]
    if title_line is not None:
        return max(_TITLE_SEPARATOR.split(texts[title_line]), key=len)
    return None


def _near(texts: Sequence[str], anchor: int) -> list[str]:
    """The blocks around the headline, nearest first: where bylines and dates sit."""
    order = sorted(
        range(max(anchor - _NEAR, 0), min(anchor + _NEAR + 1, len(texts))), key=lambda i: abs(i - anchor)
    )
    return [texts[i] for i in order if i != anchor]


def _author(texts: Sequence[str], anchor: int) -> str | None:
    """A `By Name` byline near the headline, or a name-shaped block there that recurs on the page."""
    near = _near(texts, anchor)
    for block in near:
        if (byline := _BYLINE.match(block)) and _NAME.match(byline.group(1)):
            return byline.group(1)
    for block in near:
        if _NAME.match(block) and sum(text == block for text in texts) >= 2:
            return block
    return None


def _date(texts: Sequence[str], anchor: int) -> str | None:
    """The date of a `Posted ...` line near the headline, else the first date near it."""
    near = _near(texts, anchor)
    dated = [block for block in near if len(block) < 80 and iso_date(block)]
    for block in dated:
        if _DATE_LINE.match(block):
            return iso_date(block)
    return iso_date(dated[0]) if dated else None
