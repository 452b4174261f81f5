"""cleaner on a Dask cluster: the CLI's `--scheduler`, and a user's own bags and dataframes.

Needs the `dask` extra: `pip install page-cleaner[dask]`.

`Config.timeout` is not enforced here: a Dask worker runs its tasks in threads, and the time limit is a
signal only a main thread can take (see cleaner.limits). `max_bytes` still bounds every page.

>>> import json
>>> import dask.bag as db
>>> from cleaner.corpus.dask_runner import clean_bag
>>> records = clean_bag(db.read_text("pages-*.jsonl").map(json.loads), site_dedup=True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import Any

import dask.bag as db
import dask.dataframe as dd
from dask.distributed import Client, LocalCluster

from ..config import Config
from ..output.records import RECORD_KEYS
from ..site import SiteLearner, SiteProfile
from .executors import Executor
from .frames import clean_dataframe as clean_pandas_dataframe
from .frames import row_input
from .inputs import DEFAULT_JSONL_FIELDS, STDIN, Input
from .tasks import clean_page, input_record, kept_blocks, learn_sites

__all__ = ["clean_bag", "clean_dataframe", "dask_executor"]

LOCAL = "local"  # the scheduler address that starts a LocalCluster on this machine


class _ClientExecutor:
    def __init__(self, client: Client) -> None:
        self._client = client

    def submit(self, fn: Any, /, *args: Any) -> Any:
        return self._client.submit(fn, *args, pure=False)


@contextmanager
def dask_executor(address: str, workers: int) -> Iterator[tuple[Executor, int]]:
    """An executor running tasks on the cluster at `address` (`local`: a LocalCluster of `workers`
    single-threaded processes), and how many tasks the cluster runs at once."""
    if address == LOCAL:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            yield _ClientExecutor(client), workers
    else:
        with Client(address) as client:
            yield _ClientExecutor(client), max(1, sum(client.nthreads().values()))


def clean_bag(
    bag: db.Bag, config: Config | None = None, *, field: str | None = None, site_dedup: bool = False
) -> db.Bag:
    """Clean a bag of pages into a bag of records, one per page, as `--format jsonl` writes them.

    An item is a page (`str` or `bytes`) or a record (a dict) holding the page in `field` (default:
    `html`, else `text`) and maybe `url`, `id` and `source`; its other fields are carried along.
    With `site_dedup`, a first pass over the bag learns each site's recurring blocks (site: the host of
    `url`), and the second drops them, as the CLI's `--site-dedup` does.
    """
    config = config if config is not None else Config()
    wanted = (field,) if field else DEFAULT_JSONL_FIELDS
    pages = bag.map(_as_input, wanted)
    profiles: dict[str, SiteProfile] = {}
    if site_dedup:
        profiles = pages.reduction(
            lambda part: _learn(config, part), lambda learners: _merged(config, learners)
        ).compute()
    return pages.map(_clean_to_record, config, profiles)


def clean_dataframe(
    frame: Any, config: Config | None = None, *, column: str = "html", site_dedup: bool = False
) -> Any:
    """Clean the pages in `column` of a Dask dataframe into a Dask dataframe of records: `id`, `text`,
    `metadata` (a dict: the page's metadata, then the row's other columns) and `error`. A pandas
    DataFrame is cleaned in this process (`frames.clean_dataframe`) into a pandas DataFrame."""
    if not isinstance(frame, dd.DataFrame):
        return clean_pandas_dataframe(frame, config, column=column, site_dedup=site_dedup)
    records = clean_bag(frame.to_bag(format="dict"), config, field=column, site_dedup=site_dedup)
    return records.to_dataframe(meta=dict.fromkeys(RECORD_KEYS, object))


def _as_input(item: Any, wanted: tuple[str, ...]) -> Input:
    if isinstance(item, str | bytes):
        return Input(source="", data=item, name=PurePosixPath("page"), file=STDIN)
    return row_input(item, wanted)


def _learn(config: Config, pages: Iterable[Input]) -> SiteLearner:
    return learn_sites(config, ((page, kept_blocks(config, page)) for page in pages))


def _merged(config: Config, learners: Iterable[SiteLearner]) -> dict[str, SiteProfile]:
    total = SiteLearner(threshold=config.dedup_threshold)
    for learner in learners:
        total.merge(learner)
    return total.profiles()


def _clean_to_record(page: Input, config: Config, profiles: dict[str, SiteProfile]) -> dict[str, Any]:
    result, error = clean_page(config, page, profiles.get(page.site))
    return input_record(page, result, error)
