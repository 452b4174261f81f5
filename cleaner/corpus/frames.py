"""Records in memory: a HF `Dataset.map` function and a pandas DataFrame, cleaned in this process.

Neither raises for a page that cannot be cleaned: its record has empty `text` and the reason in
`error`, so a `Dataset.map` needs no try/except. (For Dask collections see `dask_runner`, whose
`clean_dataframe` hands a pandas DataFrame to the one here.)

>>> from datasets import load_dataset
>>> from cleaner.corpus.frames import clean_example
>>> pages = load_dataset("json", data_files="pages.jsonl", split="train")
>>> cleaned = pages.map(clean_example, fn_kwargs={"field": "html"}, remove_columns=pages.column_names)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..config import Config
from ..output.records import RECORD_KEYS
from ..site import SiteProfile
from .inputs import DEFAULT_JSONL_FIELDS, Input, from_record
from .tasks import clean_page, input_record, kept_blocks, learn_sites

__all__ = ["clean_dataframe", "clean_example"]


def clean_example(
    example: Mapping[str, Any], config: Config | None = None, *, field: str | None = None
) -> dict[str, Any]:
    """The record of one row (`id`, `text`, `metadata`, `error`): the page in `field` (default: `html`,
    else `text`), its `url` and `id` if it has them, its other fields carried into the metadata."""
    page = _as_input(example, field)
    result, error = clean_page(config if config is not None else Config(), page)
    return input_record(page, result, error)


def clean_dataframe(
    frame: Any, config: Config | None = None, *, column: str = "html", site_dedup: bool = False
) -> Any:
    """Clean the pages in `column` of a pandas DataFrame into a DataFrame of records, one row per page in
    the same order and index: `id`, `text`, `metadata` (a dict: the page's metadata, then the row's other
    columns), `error`. With `site_dedup`, a first pass learns each site's recurring blocks (site: the
    host of the row's `url`), as `--site-dedup` does."""
    import pandas as pd

    config = config if config is not None else Config()
    pages = [_as_input(row, column) for row in frame.to_dict(orient="records")]
    profiles: dict[str, SiteProfile] = {}
    if site_dedup:
        profiles = learn_sites(config, ((page, kept_blocks(config, page)) for page in pages)).profiles()
    rows = []
    for page in pages:
        result, error = clean_page(config, page, profiles.get(page.site))
        rows.append(input_record(page, result, error))
    return pd.DataFrame(rows, index=frame.index, columns=list(RECORD_KEYS))


def _as_input(row: Mapping[str, Any], field: str | None) -> Input:
    present = {key: value for key, value in row.items() if not _missing(value)}  # pandas' NaN, NaT, NA
    return row_input(present, (field,) if field else DEFAULT_JSONL_FIELDS)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str | bytes) and value != value)  # NaN != NaN


def row_input(row: Any, wanted: tuple[str, ...]) -> Input:
    """The page of a row (a dict): in its first `wanted` field, with its `source` if it has one."""
    source = row.get("source") if isinstance(row, dict) else None
    page = from_record(row, wanted, source="" if source is None else str(source))
    page.fields.pop("source", None)  # it is the record's own `source`: not carried again as `input_source`
    return page
