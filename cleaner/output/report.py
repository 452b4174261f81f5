"""`cleaner report`: one self-contained HTML page showing what was kept and what was removed, and why.

No external assets and no script: the page reads in any browser, offline, and can be mailed around.
Each input's segments appear in page order, kept ones as plain text, removed ones struck through and
coloured by their label. Long runs of removed segments, and long removed segments, fold into
<details> elements that open on click, so that a long page stays readable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape

from ..document import Label, Result, Segment
from .explain import kept_share, plural, removal_reason
from .styles import STYLES

_KEPT_SWATCH = "#1c1917"  # the legend shows a kept label in the text colour
_RUN_SHOWN = 2  # removed segments shown before the rest of a run folds away
_RUN_FOLDED = 4  # a run of removed segments longer than this folds
_LONG_TEXT = 400  # characters of a removed segment shown before the rest folds away

_BACK = ' <a class="back" href="#index">↑ index</a>'
_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; color: #1c1917; background: #fafaf9; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 0.25rem; border-top: 2px solid #d6d3d1; padding-top: 1rem; }
h2 .back { font-size: 0.8rem; font-weight: normal; margin-left: 0.5rem; }
.meta, .counts { color: #57534e; font-size: 0.9rem; margin: 0.25rem 0; }
table.index { border-collapse: collapse; margin: 1rem 0; width: 100%; font-size: 0.9rem; }
table.index th, table.index td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e7e5e4; }
table.index td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 8rem; height: 0.6rem; background: #e7e5e4; vertical-align: middle; }
.bar span { display: block; height: 100%; background: #15803d; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; font-size: 0.9rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 2px; vertical-align: -0.1rem;
  background: var(--c); margin-right: 0.3rem; }
.seg { margin: 0.45rem 0; position: relative; padding-left: 2.6rem; overflow-wrap: anywhere; }
.seg::before { content: attr(data-n); position: absolute; left: 0; width: 2.2rem; text-align: right; color: #a8a29e;
  font-size: 0.75rem; line-height: 1.9; font-variant-numeric: tabular-nums; }
.kept.heading { font-weight: 650; font-size: 1.1rem; }
.kept.code { font-family: ui-monospace, monospace; white-space: pre-wrap; }
.removed { color: var(--c); font-size: 0.9rem; border-left: 3px solid var(--c); padding-left: 2.4rem; }
.removed del { text-decoration-color: var(--c); text-decoration-thickness: 1px; color: #78716c; }
.removed .why { display: block; font-size: 0.8rem; }
details > summary { cursor: pointer; color: #57534e; font-size: 0.85rem; }
details.run { margin: 0.45rem 0 0.45rem 2.6rem; }
details.run > .seg { margin-left: -2.6rem; }
details.rest { display: inline; }
details.rest > summary { display: inline; }
"""


@dataclass(frozen=True)
class ReportedInput:
    """One input of the report: what to call it, and what cleaning it gave: a result, or none and the
    reason it could not be cleaned."""

    name: str
    result: Result | None
    error: str = ""


def report_html(inputs: Sequence[ReportedInput], *, title: str = "cleaner report") -> str:
    """The whole report page: a legend, an index when there are several inputs, one section each (a
    failed input's says why)."""
    counts = Counter(segment.label for item in inputs if item.result for segment in item.result.segments)
    failed = sum(item.result is None for item in inputs)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}{_label_rules()}</style>",
        "</head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{plural(len(inputs), "input")}{f" ({failed} failed)" if failed else ""}, '
        f"{plural(sum(counts.values()), 'segment')}, {counts[Label.CONTENT]} kept. Removed segments are struck "
        "through and coloured by the rule that removed them; folded runs open on click.</p>",
        _legend(counts),
    ]
    if len(inputs) > 1:
        parts.append(_index(inputs))
    parts.extend(_section(number, item, len(inputs) > 1) for number, item in enumerate(inputs, 1))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _label_rules() -> str:
    return "".join(f"\n.label-{label.value} {{ --c: {STYLES[label].report}; }}" for label in Label)


def _legend(counts: Counter[Label]) -> str:
    items = []
    for label in Label:
        if label.kept:
            swatch = f'<span class="swatch" style="--c: {_KEPT_SWATCH}"></span>'
        else:
            swatch = f'<span class="swatch label-{label.value}"></span>'
        items.append(
            f'<li class="label-{label.value}">{swatch}<b>{label.value}</b> '
            f"({escape(STYLES[label].meaning)}): {counts[label]}</li>"
        )
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _index(inputs: Sequence[ReportedInput]) -> str:
    rows = []
    for number, item in enumerate(inputs, 1):
        link = f'<tr><td><a href="#input-{number}">{escape(item.name)}</a></td>'
        if item.result is None:
            rows.append(f'{link}<td colspan="4">failed: {escape(item.error)}</td></tr>')
            continue
        share = kept_share(item.result)
        segments = item.result.segments
        rows.append(
            f"{link}<td>{item.result.input_type}</td>"
            f'<td class="num">{sum(s.kept for s in segments)} / {len(segments)}</td>'
            f'<td class="num">{share:.0%}</td>'
            f'<td><span class="bar"><span style="width: {share:.1%}"></span></span></td></tr>'
        )
    head = "<tr><th>input</th><th>type</th><th>segments kept</th><th>text kept</th><th></th></tr>"
    return f'<table class="index" id="index"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _section(number: int, item: ReportedInput, indexed: bool) -> str:
    heading = f'<section id="input-{number}"><h2>{escape(item.name)}{_BACK if indexed else ""}</h2>'
    result = item.result
    if result is None:
        return f'{heading}\n<p class="meta">Not cleaned: {escape(item.error)}</p>\n</section>'
    removed = Counter(segment.label for segment in result.segments if not segment.kept)
    title = f"“{result.title}”" if result.title else None
    found = (title, result.sitename, result.author, result.date, result.language, result.url)
    facts = [*filter(None, found), result.input_type, f"{kept_share(result):.0%} of the text kept"]
    counts = ", ".join(f"{label.value} {count}" for label, count in removed.most_common())
    body = (
        "\n".join(_segments_html(result.segments, f"input-{number}"))
        or "<p>No segments: nothing was found in this input.</p>"
    )
    return (
        f'{heading}<p class="meta">{escape(", ".join(facts))}</p>'
        f'<p class="counts">{plural(len(result.segments), "segment")}, removed: {counts or "none"}</p>'
        f"\n{body}\n</section>"
    )


def _segments_html(segments: Sequence[Segment], anchor: str) -> Iterator[str]:
    """Kept segments one by one; removed ones in runs, a long run folding after its first few.

    Each segment's id is `anchor` and its index: `input-2-s14`.
    """
    run: list[Segment] = []
    for segment in (*segments, None):
        if segment is not None and not segment.kept:
            run.append(segment)
            continue
        if len(run) > _RUN_FOLDED:
            yield from (_removed_html(s, anchor) for s in run[:_RUN_SHOWN])
            rest = run[_RUN_SHOWN:]
            tally = Counter(s.label.value for s in rest)
            summary = ", ".join(f"{name} {count}" for name, count in tally.most_common())
            inner = "\n".join(_removed_html(s, anchor) for s in rest)
            yield (
                f'<details class="run"><summary>{len(rest)} more removed segments ({summary})</summary>'
                f"\n{inner}\n</details>"
            )
        else:
            yield from (_removed_html(s, anchor) for s in run)
        run = []
        if segment is not None:
            yield _kept_html(segment, anchor)


def _kept_html(segment: Segment, anchor: str) -> str:
    return f'<p class="seg kept {segment.kind.value}" {_place(segment, anchor)}>{escape(segment.text)}</p>'


def _removed_html(segment: Segment, anchor: str) -> str:
    text = segment.text
    if len(text) > _LONG_TEXT:
        cut = text.rfind(" ", 0, _LONG_TEXT)
        cut = cut if cut > _LONG_TEXT // 2 else _LONG_TEXT
        head, rest = text[:cut], text[cut:]
        shown = (
            f'<del>{escape(head)}</del><details class="rest"><summary> … {len(rest)} more characters'
            f"</summary><del>{escape(rest)}</del></details>"
        )
    else:
        shown = f"<del>{escape(text)}</del>"
    return (
        f'<div class="seg removed {segment.kind.value} label-{segment.label.value}" {_place(segment, anchor)}>'
        f"{shown}"
        f'<span class="why">{escape(removal_reason(segment))}</span></div>'
    )


def _place(segment: Segment, anchor: str) -> str:
    """The id a segment is linked by, and its index for the margin."""
    return f'id="{anchor}-s{segment.index}" data-n="{segment.index}"'
