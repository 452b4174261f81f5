"""cleaner in the tools of LLM-data pipelines: a datatrove pipeline, HF datasets' map, pandas."""

import gzip
import json
from pathlib import Path

import pytest

from cleaner import Config

from .test_formats import PAGES

BROKEN = {"id": "c", "url": "https://example.org/c", "html": "   ", "lang": "fr"}


def test_a_local_datatrove_pipeline_cleans_each_document(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.corpus.datatrove_step import CleanerExtractor

    (tmp_path / "in").mkdir()
    lines = [json.dumps(page) for page in [*PAGES, BROKEN]]
    (tmp_path / "in" / "pages.jsonl").write_text("\n".join(lines) + "\n")
    for errors, kept in (("drop", ["a", "b"]), ("empty", ["a", "b", "c"])):
        out = tmp_path / f"out-{errors}"
        LocalPipelineExecutor(
            pipeline=[
                JsonlReader(str(tmp_path / "in"), text_key="html"),
                CleanerExtractor(Config(), errors=errors),  # type: ignore[arg-type]
                JsonlWriter(str(out)),
            ],
            tasks=1,
            workers=1,
            logging_dir=str(tmp_path / f"logs-{errors}"),
        ).run()
        files = sorted(out.glob("*.jsonl.gz"))
        docs = [
            json.loads(line) for file in files for line in gzip.decompress(file.read_bytes()).splitlines()
        ]
        assert [doc["id"] for doc in docs] == kept
        assert docs[0]["text"].startswith("Tidal power, part 1") and "(report 1)" in docs[0]["text"]
        meta = docs[0]["metadata"]
        assert (meta["title"], meta["input_type"], meta["lang"]) == ("Tidal power, part 1", "html", "en")
        if errors == "empty":
            # (datatrove's JsonlWriter leaves out a field whose value is empty: here the text)
            assert "text" not in docs[2] and docs[2]["metadata"]["error"] == "the input is empty"


def test_hf_dataset_map_needs_no_try_except(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    from cleaner.corpus.frames import clean_example

    pages = datasets.Dataset.from_list([*PAGES, BROKEN])
    cleaned = pages.map(clean_example, remove_columns=pages.column_names)
    assert cleaned.column_names == ["id", "text", "metadata", "error"]
    assert cleaned["id"] == ["a", "b", "c"] and cleaned["error"] == [None, None, "the input is empty"]
    assert cleaned[2]["text"] == "" and cleaned[2]["metadata"]["lang"] == "fr"
    assert "(report 2)" in cleaned[1]["text"] and cleaned[1]["metadata"]["title"] == "Tidal power, part 2"


def test_clean_dataframe_takes_a_pandas_frame() -> None:
    pd = pytest.importorskip("pandas")
    from cleaner.corpus.frames import clean_dataframe

    frame = pd.DataFrame([*PAGES, BROKEN], index=[10, 11, 12])
    cleaned = clean_dataframe(frame, column="html")
    assert list(cleaned.columns) == ["id", "text", "metadata", "error"] and list(cleaned.index) == [
        10,
        11,
        12,
    ]
    assert cleaned.loc[11, "text"].startswith("Tidal power, part 2") and cleaned.loc[12, "text"] == ""
    assert cleaned.loc[12, "error"] == "the input is empty" and cleaned.loc[10, "metadata"]["lang"] == "en"
    pytest.importorskip("dask.dataframe")
    from cleaner.corpus.dask_runner import clean_dataframe as dask_clean_dataframe

    assert dask_clean_dataframe(frame, column="html").equals(cleaned)  # a pandas frame: no Dask needed


def test_missing_values_of_a_pandas_frame_are_absent() -> None:
    pd = pytest.importorskip("pandas")
    from cleaner.corpus.frames import clean_dataframe

    frame = pd.DataFrame(
        [{"id": "a", "html": PAGES[0]["html"]}, {"url": "https://example.org/b", "html": "x"}]
    )
    cleaned = clean_dataframe(frame)
    assert cleaned.loc[0, "metadata"]["url"] == "https://example.org/tidal-power"  # the page's own, not NaN
    assert cleaned.loc[0, "id"] == "a" and len(cleaned.loc[1, "id"]) == 24  # a stable id, not "nan"


def test_a_rows_source_column_is_the_records_source_not_an_input_field() -> None:
    pd = pytest.importorskip("pandas")
    from cleaner.corpus.frames import clean_dataframe

    cleaned = clean_dataframe(pd.DataFrame([{"html": PAGES[0]["html"], "source": "crawl-7"}]))
    metadata = cleaned.loc[0, "metadata"]
    assert metadata["source"] == "crawl-7" and "input_source" not in metadata
