"""Crawl formats: compressed JSONL, .ndjson, Parquet, JSONL and WARC on stdin, --url, Parquet output."""

import gzip
import json
from pathlib import Path

import pytest

from .test_batch import article, records, run, write_warc

PAGES = [
    {"id": "a", "url": "https://example.org/a", "html": article(1), "lang": "en"},
    {"id": "b", "url": "https://example.org/b", "html": article(2), "lang": "de"},
]
JSONL = "".join(json.dumps(page) + "\n" for page in PAGES).encode()


def check_records(got: list[dict[str, object]], source: str) -> None:
    assert [r["id"] for r in got] == ["a", "b"]
    assert [r["metadata"]["source"] for r in got] == [f"{source}#1", f"{source}#2"]  # type: ignore[index]
    assert [r["metadata"]["lang"] for r in got] == ["en", "de"]  # type: ignore[index]
    assert "(report 2)" in str(got[1]["text"]) and got[1]["error"] is None


def jsonl_out(*args: str, stdin: bytes | None = None) -> list[dict[str, object]]:
    code, out, err = run("clean", "--format", "jsonl", *args, stdin=stdin)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".ndjson", ".ndjson.gz", ".jsonl.zst"])
def test_compressed_jsonl_and_ndjson_are_read_as_records(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"pages{suffix}"
    if suffix.endswith(".gz"):
        path.write_bytes(gzip.compress(JSONL))
    elif suffix.endswith(".zst"):
        zstandard = pytest.importorskip("zstandard")
        path.write_bytes(zstandard.ZstdCompressor().compress(JSONL))
    else:
        path.write_bytes(JSONL)
    check_records(jsonl_out(str(path)), str(path))


@pytest.mark.parametrize("compress", [False, True])
def test_jsonl_on_stdin_is_detected(compress: bool) -> None:
    check_records(jsonl_out(stdin=gzip.compress(JSONL) if compress else JSONL), "-")


def test_warc_on_stdin_is_detected(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [("https://example.org/one", "text/html", article(1).encode())])
    got = jsonl_out(stdin=warc.read_bytes())
    assert [r["metadata"]["url"] for r in got] == ["https://example.org/one"]  # type: ignore[index]
    assert "(report 1)" in str(got[0]["text"])


def test_stdin_format_forces_a_page() -> None:
    got = jsonl_out("--stdin-format", "page", "--input-type", "text", stdin=b'{"html": "a page"}\n')
    assert len(got) == 1 and got[0]["text"] == '{"html": "a page"}'


def test_url_names_the_page_on_stdin() -> None:
    got = jsonl_out("--url", "https://example.org/piped", stdin=article(3).encode())
    assert got[0]["metadata"]["url"] == "https://example.org/piped"  # type: ignore[index]


def test_url_names_the_one_file_given_and_no_page_of_several(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(article(3))
    got = jsonl_out("--url", "https://example.org/saved", str(page))
    assert got[0]["metadata"]["url"] == "https://example.org/saved"  # type: ignore[index]
    code, _, err = run("clean", "--url", "https://example.org/saved", str(page), str(page))
    assert code == 2 and "--url names one page" in err


def test_parquet_in_with_a_named_column(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    rows = [{"id": p["id"], "url": p["url"], "body": p["html"], "lang": p["lang"]} for p in PAGES]
    path = tmp_path / "pages.parquet"
    parquet.write_table(pa.Table.from_pylist(rows), path)
    check_records(jsonl_out("--field", "body", str(path)), str(path))
    check_records(jsonl_out("--field", "body", stdin=path.read_bytes()), "-")


def parquet_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A JSONL corpus of the two pages and a broken record, and where its Parquet output goes."""
    source = tmp_path / "pages.jsonl"
    source.write_bytes(JSONL + b"{broken\n")
    return source, tmp_path / "out" / "clean.parquet"


def test_parquet_out_holds_the_jsonl_records(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    source, target = parquet_corpus(tmp_path)
    code, _, _ = run("clean", "--format", "parquet", "-o", str(target), str(source))
    assert code == 1  # the broken record fails, and still has its row
    expected = jsonl_out_file(tmp_path, source)
    assert parquet.read_table(target).to_pylist() == expected
    assert not list(target.parent.glob("*partial*"))


def test_parquet_out_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    source, target = parquet_corpus(tmp_path)
    target.parent.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    (target.parent / f".{target.name}.cleaner-partial").symlink_to(victim)  # a guessable temporary name
    run("clean", "--format", "parquet", "-o", str(target), str(source))
    assert victim.read_text() == "untouched"
    assert len(parquet.read_table(target).to_pylist()) == 3


def jsonl_out_file(tmp_path: Path, source: Path) -> list[dict[str, object]]:
    """The jsonl run's records, each with every metadata key of any record (Parquet's one schema: a
    field a record lacks is null there)."""
    target = tmp_path / "clean.jsonl"
    run("clean", "--format", "jsonl", "-o", str(target), str(source))
    got = records(target)
    keys = {key for record in got for key in record["metadata"]}  # type: ignore[attr-defined]
    for record in got:
        record["metadata"] = dict.fromkeys(keys) | record["metadata"]  # type: ignore[operator]
    return got


def test_parquet_out_resumes_like_jsonl(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    source, target = parquet_corpus(tmp_path)
    expected = jsonl_out_file(tmp_path, source)
    target.parent.mkdir()
    journal = target.with_name(target.name + ".partial")  # a run killed after one record and a half
    first = json.dumps(expected[0])
    journal.write_text(first + "\n" + first[:40])
    code, _, err = run("clean", "--format", "parquet", "--resume", "-o", str(target), str(source))
    assert code == 1 and "1 already done" in err
    assert parquet.read_table(target).to_pylist() == expected and not journal.exists()
    code, _, err = run("clean", "--format", "parquet", "--resume", "-o", str(target), str(source))
    assert code == 0 and "3 already done" in err  # finished: nothing to do again
    assert parquet.read_table(target).to_pylist() == expected


def test_parquet_needs_a_file() -> None:
    code, _, err = run("clean", "--format", "parquet", stdin=b"Some text.")
    assert code == 2 and "-o" in err


def test_outputs_load_in_pandas_and_hf_datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    source = tmp_path / "pages.jsonl"
    source.write_bytes(JSONL)
    jsonl, parquet = tmp_path / "clean.jsonl", tmp_path / "clean.parquet"
    for target, output_format in ((jsonl, "jsonl"), (parquet, "parquet")):
        code, _, err = run("clean", "--format", output_format, "-o", str(target), str(source))
        assert code == 0, err
    frame = pd.read_parquet(parquet)
    assert list(frame.columns) == ["id", "text", "metadata", "error"]
    assert list(frame["id"]) == ["a", "b"] and frame["metadata"][1]["lang"] == "de"
    cache = str(tmp_path / "hf-cache")
    for kind, path in (("json", jsonl), ("parquet", parquet)):
        loaded = datasets.load_dataset(kind, data_files=str(path), split="train", cache_dir=cache)
        assert loaded.column_names == ["id", "text", "metadata", "error"]
        assert loaded[1]["metadata"]["url"] == "https://example.org/b"
        assert "(report 2)" in loaded[1]["text"]


def test_stdin_named_jsonl_fills_a_folder(tmp_path: Path) -> None:
    code, _, err = run("clean", "--stdin-format", "jsonl", "-o", str(tmp_path / "out"), stdin=JSONL)
    assert code == 0 and "2 inputs, 2 cleaned" in err
    assert "(report 2)" in (tmp_path / "out" / "stdin" / "2.txt").read_text()


def test_a_carried_field_that_changes_type_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    monkeypatch.setattr("cleaner.corpus.parquet._BATCH", 2)  # the types change within a batch and across
    carried = [
        {"rank": 1, "crawl": None, "score": 1},
        {"rank": "two", "crawl": {"id": 7}, "score": 2.5},
        {"rank": [3], "crawl": {"name": "cc"}, "score": None},
    ]
    source = tmp_path / "pages.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": str(n), "html": article(n)} | fields) + "\n" for n, fields in enumerate(carried)
        )
    )
    target = tmp_path / "clean.parquet"
    code, _, err = run("clean", "--format", "parquet", "-o", str(target), str(source))
    assert code == 0, err
    expected_rank = ["1", '"two"', "[3]"]  # conflicting types: the JSON text of each value
    expected_crawl = [None, {"id": 7, "name": None}, {"id": None, "name": "cc"}]  # one struct type: kept
    frame = pd.read_parquet(target)
    assert [meta["rank"] for meta in frame["metadata"]] == expected_rank
    assert [meta["crawl"] for meta in frame["metadata"]] == expected_crawl
    assert [meta["score"] for meta in frame["metadata"]][:2] == [1.0, 2.5]  # ints and floats: floats
    loaded = datasets.load_dataset(
        "parquet", data_files=str(target), split="train", cache_dir=str(tmp_path / "hf-cache")
    )
    assert [row["metadata"]["rank"] for row in loaded] == expected_rank
    assert [row["metadata"]["crawl"] for row in loaded] == expected_crawl
    assert "(report 2)" in loaded[2]["text"]


def test_parquet_columns_of_carried_fields_keep_their_first_seen_order(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    carried = [f"field_{letter}" for letter in "qwertyuiopas"]  # enough that a set's order would differ
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"id": "1", "html": article(1)} | dict.fromkeys(carried, 1)) + "\n")
    target = tmp_path / "clean.parquet"
    code, _, err = run("clean", "--format", "parquet", "-o", str(target), str(source))
    assert code == 0, err
    metadata = parquet.read_schema(target).field("metadata").type
    names = [metadata.field(index).name for index in range(metadata.num_fields)]
    assert [name for name in names if name.startswith("field_")] == carried


def test_the_record_shape_is_the_same_in_json_jsonl_and_parquet(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    page = tmp_path / "page.html"
    page.write_text(
        article(1).replace(
            "<head>",
            '<head><meta property="og:site_name" content="Coastal Times">'
            '<meta property="article:tag" content="energy"><meta property="og:image" content="/tide.jpg">'
            '<base href="https://example.org/news/">',
        )
    )
    shapes = {}
    for output_format in ("json", "jsonl", "parquet"):
        target = tmp_path / f"clean.{output_format}"
        code, _, err = run("clean", "--format", output_format, "-o", str(target), str(page))
        assert code == 0, err
        if output_format == "parquet":
            (record,) = parquet.read_table(target).to_pylist()
        else:
            (record,) = records(target) if output_format == "jsonl" else [json.loads(target.read_text())]
        shapes[output_format] = record
    assert shapes["json"] == shapes["jsonl"] == shapes["parquet"]
    metadata = shapes["json"]["metadata"]
    assert list(metadata) == [
        *("source", "title", "author", "date", "url", "sitename", "description"),
        *("language", "image", "tags", "input_type"),
    ]
    assert metadata["sitename"] == "Coastal Times" and metadata["tags"] == ["energy"]  # type: ignore[index]
    assert metadata["image"] == "https://example.org/tide.jpg" and metadata["language"] == "en"  # type: ignore[index]
