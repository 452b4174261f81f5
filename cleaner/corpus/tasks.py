"""What a worker does with one input: clean it and render its output, or keep its blocks for the first
pass of site-wide dedup. A failure is an outcome, never an exception."""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..document import Result
from ..errors import CleanerError
from ..output.explain import explain_text
from ..output.records import record, stable_id
from ..output.render import FILE_FORMATS, RECORD_FORMATS, OutputFormat, render
from ..pipeline import Cleaner
from ..site import SiteLearner, SiteProfile
from .inputs import STDIN, Input, describe


@dataclass(frozen=True, kw_only=True)
class Job:
    """What a worker needs to clean a page: the settings and the output format."""

    config: Config
    output_format: OutputFormat = "text"
    explain: bool = False  # every segment and why it was removed (`--explain`)
    colour: bool = False  # ANSI colours in a text --explain
    debug: bool = False  # a failure's traceback after its reason (`--debug`)


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What became of one input: the text to write for it (if any) and the error (None when cleaned)."""

    source: str
    output: str | None
    error: str | None = None


def clean_input(job: Job, page: Input, profile: SiteProfile | None = None) -> Outcome:
    """Clean one input: a worker's task. A failure is an outcome, never an exception."""
    result, error = clean_page(job.config, page, profile, debug=job.debug)
    if result is None:
        return failure(job, page, error or "failed")
    if job.output_format in RECORD_FORMATS:  # one record shape for them all, --explain's segments too
        fields = input_record(page, result, segments=job.explain)
        return Outcome(source=page.source, output=json.dumps(fields, ensure_ascii=False, default=str))
    if job.explain:
        output = explain_text(result, page.source, colour=job.colour)
    else:
        output = render(result, job.output_format)
    return Outcome(source=page.source, output=output)


def clean_page(
    config: Config, page: Input, profile: SiteProfile | None = None, *, debug: bool = False
) -> tuple[Result | None, str | None]:
    """The cleaned page, or None and why it failed (with `debug`, the traceback on the lines after)."""
    if page.error is not None:
        return None, page.error
    try:
        return Cleaner(config).clean(page.data, url=page.url, site_profile=profile), None
    except CleanerError as error:
        reason = describe(error)
        if debug:
            reason += "\n" + "".join(traceback.format_exception(error)).rstrip()
        return None, reason  # an UnexpectedError too: run_limited gives a bug on one page that type


def failure(job: Job, page: Input, error: str) -> Outcome:
    """A failed input; in JSONL it still gets its record, with the error."""
    output = None
    if job.output_format in FILE_FORMATS:
        output = json.dumps(input_record(page, None, error), ensure_ascii=False, default=str)
    return Outcome(source=page.source, output=output, error=error)


def input_record(
    page: Input, result: Result | None, error: str | None = None, *, segments: bool = False
) -> dict[str, Any]:
    """The record of an input: what cleaning gave, or the error that stopped it, with what the input came
    with (`url`, `id`, its other fields). A page read from standard input has no name to tell it from
    another's: without an id or URL of its own, its id is its content's."""
    id = page.id
    if id is None and page.source == STDIN and not page.url:
        id = stable_id(None, None, page.data)
    return record(
        result,
        source=page.source,
        url=page.url,
        id=id,
        error=error,
        carried=page.fields,
        segments=segments,
        data=page.data,
    )


def kept_blocks(config: Config, page: Input) -> tuple[str, ...] | None:
    """The first pass of site-wide dedup: a page's kept blocks, or None when it fails (pass two says why)."""
    result, _ = clean_page(config, page)
    return None if result is None else tuple(segment.text for segment in result.segments if segment.kept)


def learn_sites(config: Config, kept: Iterable[tuple[Input, tuple[str, ...] | None]]) -> SiteLearner:
    """Every page's kept blocks (`kept_blocks`), counted under its site; a failed page counts nowhere.

    The run feeds it all its pages; on Dask, each partition learns apart and the learners are merged.
    """
    learner = SiteLearner(threshold=config.dedup_threshold)
    for page, blocks in kept:
        if blocks is not None:
            learner.observe(page.site, blocks)
    return learner
