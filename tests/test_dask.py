"""Dask: the CLI's --scheduler and the bag and dataframe API give what a --jobs run gives."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner import Config

from .test_batch import SITE_BLURB, STORIES, run, site_page

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")
pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")

from cleaner.corpus.dask_runner import clean_bag, clean_dataframe  # noqa: E402


def site_records() -> list[dict[str, object]]:
    """Pages of two sites, by URL, interleaved; the second has too few pages to learn from."""
    pages: list[dict[str, object]] = []
    for number in range(1, len(STORIES) + 1):
        host = "news.example.org" if number <= 7 else "other.example.net"
        pages.append({"id": number, "url": f"https://{host}/{number}", "text": site_page(number, number)})
    return pages


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in site_records()))
    return path


def jsonl_run(corpus: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run("clean", "--format", "jsonl", "--site-dedup", *args, str(corpus))
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_scheduler_local_equals_jobs_run(corpus: Path) -> None:
    on_dask = jsonl_run(corpus, "--scheduler", "local", "--jobs", "2")
    assert on_dask == jsonl_run(corpus, "--jobs", "2")
    assert SITE_BLURB not in str(on_dask[0]["text"]) and SITE_BLURB in str(on_dask[-1]["text"])


def test_bag_equals_jobs_run(corpus: Path, client: object) -> None:
    expected = jsonl_run(corpus, "--jobs", "2")
    for record in expected:  # a bag's items have no source
        record["metadata"]["source"] = ""  # type: ignore[index]
    bag = db.from_sequence(site_records(), npartitions=3)
    assert clean_bag(bag, site_dedup=True).compute() == expected


def test_dataframe_gets_record_columns(corpus: Path, client: object) -> None:
    frame = dd.from_pandas(pd.DataFrame(site_records()), npartitions=2)
    cleaned = clean_dataframe(frame, Config(), column="text", site_dedup=True).compute()
    expected = jsonl_run(corpus, "--jobs", "1")
    assert list(cleaned["text"]) == [record["text"] for record in expected]
    assert [meta["url"] for meta in cleaned["metadata"]] == [record["metadata"]["url"] for record in expected]
