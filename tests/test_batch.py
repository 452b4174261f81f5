"""Cleaning a corpus: folders, JSONL, WARC, outputs, resume, site-wide dedup."""

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleaner.cli import cli
from cleaner.corpus.executors import ordered
from cleaner.corpus.inputs import Corpus

from .pages import ARTICLE_HTML, ARTICLE_SENTENCES

BINARY = bytes(range(256)) * 8  # no text encoding fits: a broken input
# Every page of the site ends with it; read alone, it is as much a story as the stories are
SITE_BLURB = (
    "The Harbour Gazette has been written by the people of the harbour for the harbour since the year 1921."
)


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def article(number: int) -> str:
    """A distinct page: the article with its title and first sentence numbered."""
    return ARTICLE_HTML.replace("Tidal power comes of age", f"Tidal power, part {number}").replace(
        ARTICLE_SENTENCES[0], f"{ARTICLE_SENTENCES[0]} (report {number})"
    )


STORIES = (
    "The harbour master counted more boats in the bay this week than in any week since the spring.",
    "Divers found two old anchors near the pier; the museum wants the larger one for its new hall.",
    "A storm closed the ferry line on Tuesday and left the fishing fleet in port for three days.",
    "The school choir sang on the quay to raise money for a new roof over the lifeboat station.",
    "Oyster growers say the warm autumn water has doubled their harvest compared with last year.",
    "Council plans for a car park on the old rope works drew a crowd of angry neighbours to the hall.",
    "A seal pup rescued from the slipway in March was released back into the sea at the point.",
    "The lighthouse keeper's cottage opens as a café next month after two years of restoration work.",
    "Night swimmers reported glowing plankton along the south beach during the calm, warm evenings.",
)


def site_page(number: int, counter: int) -> str:
    """A line dump of one page of a site: its own story between blocks every page of the site has."""
    return "\n".join(
        [
            "Harbour Gazette",
            STORIES[number - 1],
            SITE_BLURB,
            f"Copyright 2025 Harbour Gazette. {counter} readers online.",
        ]
    )


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_folder_with_a_broken_file_mirrors_the_tree(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "news").mkdir(parents=True)
    (corpus / "a.html").write_text(article(1))
    (corpus / "news" / "b.html").write_text(article(2))
    (corpus / "news" / "broken.html").write_bytes(BINARY)
    out = tmp_path / "out"
    code, _, err = run("clean", "--jobs", "2", "-o", str(out), str(corpus))
    assert code == 1
    assert (
        "(report 1)" in (out / "a.txt").read_text() and "(report 2)" in (out / "news" / "b.txt").read_text()
    )
    assert not (out / "news" / "broken.txt").exists()
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"cleaner: {corpus / 'news' / 'broken.html'}: binary data")
    assert lines[1].startswith("cleaner: 3 inputs, 2 cleaned, 1 failed")


def test_glob_picks_files_and_markdown_gets_md(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(article(1))
    (tmp_path / "in" / "notes.bin").write_bytes(BINARY)
    code, _, _ = run(
        "clean", "--glob", "*.html", "--format", "markdown", "-o", str(tmp_path / "out"), str(tmp_path / "in")
    )
    assert code == 0 and [p.name for p in (tmp_path / "out").iterdir()] == ["page.md"]


def saved_page(folder: Path) -> Path:
    """A browser's "Save page, complete", with a few more files that may be pages beside it."""
    assets = folder / "page_files"
    assets.mkdir(parents=True)
    (folder / "page.html").write_text(article(1))
    (folder / "notes.txt").write_text(site_page(1, 1))
    (folder / "README").write_text(site_page(2, 1))  # no suffix: may be a page
    (folder / "old.html.gz").write_bytes(gzip.compress(article(2).encode()))
    (folder / "more.jsonl").write_text(json.dumps({"html": article(3)}) + "\n")
    (assets / "style.css").write_text("body { color: #333; margin: 0 auto; max-width: 40em }\n" * 5)
    (assets / "app.js").write_text("function show(id) { document.getElementById(id).hidden = false; }\n" * 5)
    (assets / "app.js.map").write_text(json.dumps({"version": 3, "sources": ["app.ts"]}))
    (assets / "state.json").write_text(json.dumps({"user": None, "items": list(range(50))}))
    (assets / "vendor.js.gz").write_bytes(gzip.compress(b"var vendor = {};\n" * 20))
    (assets / "favicon.ico").write_bytes(BINARY)
    (assets / "Logo.PNG").write_bytes(BINARY)
    (assets / "font.woff2").write_bytes(BINARY)
    (folder / ".DS_Store").write_bytes(BINARY)  # hidden: a system's, as `.git/` is a tool's
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return folder


SAVED_PAGES = ["README", "more.jsonl#1", "notes.txt", "old.html.gz", "page.html"]


def test_a_saved_page_folder_is_read_without_its_assets(tmp_path: Path) -> None:
    folder, target = saved_page(tmp_path / "saved"), tmp_path / "out.jsonl"
    code, _, err = run("clean", "--format", "jsonl", "-o", str(target), str(folder))
    sources = [str(Path(r["metadata"]["source"]).relative_to(folder)) for r in records(target)]
    assert (code, sources) == (0, SAVED_PAGES)
    assert err.startswith("cleaner: 5 inputs, 5 cleaned, 0 failed")


def test_an_asset_is_read_when_the_glob_or_a_path_names_it(tmp_path: Path) -> None:
    folder = saved_page(tmp_path / "saved")
    code, out, _ = run("clean", "--glob", "*.css", "--format", "json", str(folder))
    assert code == 0 and [r["metadata"]["source"] for r in map(json.loads, out.splitlines())] == [
        str(folder / "page_files" / "style.css")
    ]
    code, out, _ = run("clean", "--format", "json", str(folder / "page_files" / "app.js"))
    assert code == 0 and "getElementById" in json.loads(out)["text"]
    code, _, err = run("clean", "--glob", "*", str(folder))  # every file: the binary ones fail
    assert code == 1 and f"cleaner: {folder / 'page_files' / 'favicon.ico'}: binary data" in err


def test_count_agrees_with_the_walk(tmp_path: Path) -> None:
    folder, empty = saved_page(tmp_path / "saved"), tmp_path / "empty"
    empty.mkdir()
    # A folder with nothing to read is one (failed) input: `empty` always, `saved` with *.htm
    walks = {None: len(SAVED_PAGES) + 1, "*.js": 1 + 1, "*.htm": 1 + 1}
    for glob, inputs in walks.items():
        corpus = Corpus(paths=(str(folder), str(empty)), glob=glob)
        assert corpus.count() == len(list(corpus)) == inputs


def test_a_glob_matching_no_file_fails_by_the_folders_name(tmp_path: Path) -> None:
    folder = saved_page(tmp_path / "saved")
    code, _, err = run("clean", "--glob", "*.htm", "-o", str(tmp_path / "out"), str(folder))
    lines = err.splitlines()
    assert code == 1 and lines[0] == f"cleaner: {folder}: no file matches --glob '*.htm'"
    assert lines[1].startswith("cleaner: 1 input, 0 cleaned, 1 failed")


def test_an_empty_folder_fails_and_the_other_inputs_are_cleaned(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "page.html").write_text(article(1))
    code, out, err = run("clean", str(tmp_path / "empty"), str(tmp_path / "page.html"))
    assert code == 1 and "(report 1)" in out
    assert err.splitlines()[0] == f"cleaner: {tmp_path / 'empty'}: an empty folder: no file to read"
    assert err.splitlines()[1].startswith("cleaner: 2 inputs, 1 cleaned, 1 failed")


def test_a_folder_of_hidden_files_only_says_they_were_passed_over(tmp_path: Path) -> None:
    (tmp_path / "hidden" / ".git").mkdir(parents=True)
    (tmp_path / "hidden" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    code, _, err = run("clean", str(tmp_path / "hidden"))
    assert code == 1 and err.splitlines()[0] == (
        f"cleaner: {tmp_path / 'hidden'}: no file to read: hidden files and folders are passed over unless"
        " --glob names them"
    )


def test_a_folder_of_assets_only_says_they_were_passed_over(tmp_path: Path) -> None:
    folder = saved_page(tmp_path / "saved") / "page_files"
    code, out, err = run("clean", str(folder))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"cleaner: {folder}: no page: its 8 files are all a saved page's assets (.css, .ico, .js, .json,"
        " .map, .png, .woff2), passed over unless --glob names them"
    )


def test_jsonl_in_and_out_one_record_per_input(tmp_path: Path) -> None:
    source = tmp_path / "pages.jsonl"
    lines = [
        json.dumps({"id": 7, "url": "https://example.org/a", "html": article(1), "lang": "en"}),
        "",
        "{not json",
        json.dumps({"id": "b", "text": "A short line dump.\nWith a second line."}),
        json.dumps({"id": "c", "body": "no page field"}),
    ]
    source.write_text("\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, _ = run("clean", "--format", "jsonl", "-o", str(target), str(source))
    assert code == 1
    got = records(target)
    meta = [r["metadata"] for r in got]
    assert [m["source"] for m in meta] == [f"{source}#{n}" for n in (1, 3, 4, 5)]
    first = got[0]
    assert (first["id"], meta[0]["url"], meta[0]["lang"], first["error"]) == (
        "7",
        "https://example.org/a",
        "en",
        None,
    )
    assert "(report 1)" in str(first["text"]) and meta[0]["title"] == "Tidal power, part 1"
    assert got[1]["text"] == "" and str(got[1]["error"]).startswith("not a JSON record")
    assert got[2]["text"] == "A short line dump.\n\nWith a second line." and meta[2]["input_type"] == "text"
    assert got[3]["error"] == "no 'html' or 'text' text field" and meta[3]["body"] == "no page field"


@pytest.mark.parametrize("explain", [(), ("--explain",)])
def test_json_and_jsonl_give_an_input_the_same_record(tmp_path: Path, explain: tuple[str, ...]) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"id": "r1", "html": article(1), "language": "xx"}) + "\n")
    outputs = [run("clean", "--format", name, *explain, str(source))[1] for name in ("json", "jsonl")]
    as_json, as_jsonl = (json.loads(output) for output in outputs)
    assert as_json == as_jsonl and as_json["id"] == "r1" and as_json["metadata"]["input_language"] == "xx"
    assert ("segments" in as_json) == bool(explain)


def test_pages_from_standard_input_have_ids_of_their_own() -> None:
    ids = [
        json.loads(run("clean", "--format", "json", stdin=article(n).encode())[1])["id"] for n in (1, 2, 1)
    ]
    assert ids[0] != ids[1] and ids[0] == ids[2]


def test_input_fields_named_like_the_pages_own_keys_are_kept_under_input_names(tmp_path: Path) -> None:
    source = tmp_path / "pages.jsonl"
    fineweb = {"language": "de", "tags": "crawl-7", "source": "common-crawl", "input_language": "deu"}
    source.write_text(json.dumps({"html": article(1), **fineweb}) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, err = run("clean", "--format", "jsonl", "-o", str(target), str(source))
    assert code == 0, err
    (meta,) = (r["metadata"] for r in records(target))
    assert (meta["language"], meta["tags"], meta["source"]) == ("en", [], f"{source}#1")  # the page's own
    assert (meta["input_tags"], meta["input_source"]) == ("crawl-7", "common-crawl")
    # the input's own `input_language` is not overwritten: its `language` moves on to a free name
    assert (meta["input_language"], meta["input_input_language"]) == ("deu", "de")


def test_jsonl_field_names_the_page(tmp_path: Path) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"html": "ignored", "content": article(3)}) + "\n")
    code, out, _ = run("clean", "--jsonl-field", "content", str(source))
    assert code == 0 and "(report 3)" in out


def write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_warc_html_responses_with_their_urls(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(
        warc,
        [
            ("https://example.org/one", "text/html; charset=utf-8", article(1).encode()),
            ("https://example.org/logo.png", "image/png", BINARY),
            ("https://example.org/two", "text/html", article(2).encode()),
        ],
    )
    target = tmp_path / "out.jsonl"
    code, _, _ = run("clean", "--format", "jsonl", "-o", str(target), str(warc))
    got = records(target)
    urls = [r["metadata"]["url"] for r in got]
    assert code == 0 and urls == ["https://example.org/one", "https://example.org/two"]
    assert "(report 2)" in str(got[1]["text"]) and str(got[1]["metadata"]["source"]).startswith(f"{warc}#")


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A line dump that must stay as it is.\nIts second line.")
    code, _, _ = run("clean", "-o", str(tmp_path), str(page), str(page))
    assert code == 1 and page.read_text() == "A line dump that must stay as it is.\nIts second line."
    code, _, err = run("clean", "-o", str(page), str(page))
    assert code == 2 and "overwrite" in err


def corpus_jsonl(path: Path, pages: int) -> Path:
    path.write_text("".join(json.dumps({"id": n, "html": article(n)}) + "\n" for n in range(pages)))
    return path


def test_resume_drops_a_cut_line_and_finishes(tmp_path: Path) -> None:
    source = corpus_jsonl(tmp_path / "pages.jsonl", 6)
    assert _resumed_equals_whole(tmp_path, [str(source)]) == "2 already done"


def test_resume_with_site_dedup_learns_from_every_page(tmp_path: Path) -> None:
    paths = site_corpus(tmp_path / "site", [1, 2, 3, 4, 5, 6])
    assert _resumed_equals_whole(tmp_path, ["--site-dedup", *paths]) == "2 already done"


def _resumed_equals_whole(tmp_path: Path, args: list[str]) -> str:
    """Run whole; fake a run killed in its third record; resume it: the outputs must be the same."""
    whole = tmp_path / "whole.jsonl"
    assert run("clean", "--format", "jsonl", "-o", str(whole), *args)[0] == 0
    lines = whole.read_text().splitlines(keepends=True)
    resumed = tmp_path / "resumed.jsonl"
    Path(f"{resumed}.partial").write_text("".join(lines[:2]) + lines[2][:40])
    code, _, err = run("clean", "--format", "jsonl", "--resume", "-o", str(resumed), *args)
    assert code == 0 and resumed.read_text() == whole.read_text()
    assert not Path(f"{resumed}.partial").exists()
    return err.split(", ")[-1].split(" in ")[0]


def test_resume_refuses_an_output_of_other_inputs(tmp_path: Path) -> None:
    source = corpus_jsonl(tmp_path / "pages.jsonl", 2)
    target = tmp_path / "out.jsonl"
    target.write_text(json.dumps({"source": "elsewhere.html"}) + "\n")
    code, _, err = run("clean", "--format", "jsonl", "--resume", "-o", str(target), str(source))
    assert code == 2 and "cannot resume" in err


@pytest.mark.parametrize("output", ["out.jsonl", "out"])
def test_resume_after_a_kill_equals_an_uninterrupted_run(tmp_path: Path, output: str) -> None:
    source = corpus_jsonl(tmp_path / "pages.jsonl", 150)
    args = ["--format", "jsonl"] if output.endswith(".jsonl") else []
    command = [sys.executable, "-m", "cleaner", "clean", *args, "--jobs", "2", str(source), "-o"]
    whole, resumed = tmp_path / "whole" / output, tmp_path / "resumed" / output
    subprocess.run([*command, str(whole)], check=True)
    progress = Path(f"{resumed}.partial") if args else resumed
    killed = subprocess.Popen([*command, str(resumed)])
    deadline = time.monotonic() + 60
    while not _has_output(progress) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    assert killed.returncode == -signal.SIGKILL
    subprocess.run([*command, str(resumed), "--resume"], check=True)
    assert _contents(resumed) == _contents(whole)


def _has_output(path: Path) -> bool:
    if path.is_dir():
        return any(path.rglob("*.txt"))
    return path.exists() and b"\n" in path.read_bytes()


def _contents(path: Path) -> dict[str, str]:
    if path.is_file():
        return {"": path.read_text()}
    return {
        str(file.relative_to(path)): file.read_text() for file in sorted(path.rglob("*")) if file.is_file()
    }


def site_corpus(folder: Path, numbers: list[int]) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number in numbers:
        page = folder / f"page{number}.txt"
        page.write_text(site_page(number, counter=100 + 13 * number))
        paths.append(str(page))
    return paths


def test_site_dedup_drops_blocks_recurring_across_a_site(tmp_path: Path) -> None:
    paths = site_corpus(tmp_path / "site", [1, 2, 3, 4, 5, 6])
    code, out, _ = run("clean", "--format", "jsonl", "--site-dedup", "--jobs", "1", *paths)
    texts = [str(r["text"]) for r in map(json.loads, out.splitlines())]
    assert code == 0 and len(texts) == 6
    for number, text in enumerate(texts, start=1):
        assert text.startswith(STORIES[number - 1])
        assert SITE_BLURB not in text and "Copyright" not in text and "Harbour Gazette\n" not in text


def test_site_dedup_is_independent_of_jobs_and_order(tmp_path: Path) -> None:
    paths = site_corpus(tmp_path / "site", [1, 2, 3, 4, 5, 6, 7])
    other = site_corpus(tmp_path / "other", [8, 9])  # too few pages to learn from: kept whole

    def texts(*args: str) -> dict[str, str]:
        code, out, _ = run("clean", "--format", "jsonl", "--site-dedup", *args)
        assert code == 0
        return {str(r["metadata"]["source"]): str(r["text"]) for r in map(json.loads, out.splitlines())}

    one = texts("--jobs", "1", *paths, *other)
    assert one == texts("--jobs", "2", *reversed(paths + other))
    assert SITE_BLURB in one[other[0]] and SITE_BLURB not in one[paths[0]]


def test_resume_needs_an_output_it_can_check() -> None:
    code, _, err = run("clean", "--resume", stdin=b"Some text.")
    assert code == 2 and "--resume" in err


def test_a_page_that_kills_its_worker_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import Cleaner

    clean = Cleaner.clean

    def crashing(self: Cleaner, source: str | bytes, **options: object) -> object:
        if b"CRASH" in (source if isinstance(source, bytes) else source.encode()):
            os._exit(1)  # as a segfault in a C extension or the OOM killer would end it
        return clean(self, source, **options)

    monkeypatch.setattr(Cleaner, "clean", crashing)  # the forked workers inherit it
    for number in range(6):
        (tmp_path / f"page{number}.html").write_text(article(number))
    (tmp_path / "page3.html").write_text(article(3) + "<!-- CRASH -->")
    code, out, _ = run("clean", "--jobs", "2", "--format", "jsonl", str(tmp_path))
    got = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [r["error"] for r in got] == [None] * 3 + ["its worker process died"] + [None] * 2


def test_progress_bar_and_summary_on_stderr(tmp_path: Path) -> None:
    for number in range(3):
        (tmp_path / f"page{number}.html").write_text(article(number))
    code, _, err = run("clean", "--progress", "--jobs", "1", str(tmp_path))
    assert code == 0 and "3/3 pages" in err and "0 failed" in err
    assert err.splitlines()[-1].startswith("cleaner: 3 inputs, 3 cleaned, 0 failed")


def test_output_inside_the_input_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(article(1))
    target = tmp_path / "out.jsonl"
    for _ in range(2):  # the second run finds the first one's output in the folder
        code, _, _ = run("clean", "--format", "jsonl", "-o", str(target), str(tmp_path))
        assert code == 0 and [r["metadata"]["source"] for r in records(target)] == [
            str(tmp_path / "page.html")
        ]


def test_explain_in_jsonl_lists_the_site_boilerplate(tmp_path: Path) -> None:
    paths = site_corpus(tmp_path / "site", [1, 2, 3, 4])
    code, out, _ = run("clean", "--format", "jsonl", "--explain", "--site-dedup", *paths)
    segments = json.loads(out.splitlines()[0])["segments"]
    removed = {s["text"]: (s["label"], s["reason"]) for s in segments if not s["kept"]}
    assert code == 0 and removed[SITE_BLURB] == (
        "site-boilerplate",
        f"recurs on 4 of 4 pages of {tmp_path / 'site'}",
    )


def test_files_of_one_name_in_two_folders_keep_both_outputs(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "input.txt").write_text(site_page(1 if folder == "one" else 2, counter=7))
    out = tmp_path / "out"
    code, _, _ = run(
        "clean", "-o", str(out), str(tmp_path / "one/input.txt"), str(tmp_path / "two/input.txt")
    )
    assert code == 0 and sorted(_contents(out)) == ["one/input.txt", "two/input.txt"]


def test_a_later_input_of_the_same_output_fails_also_on_resume(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(article(1))
    (tmp_path / "page.txt").write_text(site_page(1, counter=7))
    out = tmp_path / "out"
    for resume in ([], ["--resume"]):
        code, _, err = run(
            "clean", *resume, "-o", str(out), str(tmp_path / "page.html"), str(tmp_path / "page.txt")
        )
        assert (
            code == 1
            and f"{tmp_path / 'page.txt'}: {out / 'page.txt'} is already the output of an earlier input"
            in err
        )
        assert "(report 1)" in (out / "page.txt").read_text()


@pytest.mark.parametrize("folder", ["existing", "new/"])
def test_jsonl_into_a_folder_is_a_usage_error(tmp_path: Path, folder: str) -> None:
    """A folder already there, or one named with a trailing slash: jsonl writes one file, not a folder."""
    (tmp_path / "page.html").write_text(article(1))
    (tmp_path / "existing").mkdir()
    code, _, err = run(
        "clean", "--format", "jsonl", "-o", f"{tmp_path}/{folder}", str(tmp_path / "page.html")
    )
    assert code == 2 and "is a folder" in err and not (tmp_path / "new").exists()
    assert not (tmp_path / "existing.partial").exists()


def test_many_inputs_into_an_existing_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "page.html").write_text(article(1))
    (tmp_path / "out.txt").write_text("an earlier output")
    code, _, err = run("clean", "-o", str(tmp_path / "out.txt"), str(tmp_path / "pages"))
    assert code == 2 and "is a file" in err and (tmp_path / "out.txt").read_text() == "an earlier output"


def test_progress_counts_a_broken_warc_as_one_failed_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(BINARY)
    code, _, err = run("clean", "--progress", str(broken))
    assert code == 1 and "1/1 pages" in err and "1 failed" in err


@pytest.mark.parametrize(
    "earlier", [b"plain text, not JSON\n", b'["a list"]\n', b'{"id": 1}\n', b"\xff\xfe\n"]
)
def test_resume_over_a_file_that_is_not_cleaner_jsonl_is_a_usage_error(
    tmp_path: Path, earlier: bytes
) -> None:
    source = corpus_jsonl(tmp_path / "pages.jsonl", 2)
    target = tmp_path / "out.jsonl"
    target.write_bytes(earlier)
    code, _, err = run("clean", "--format", "jsonl", "--resume", "-o", str(target), str(source))
    assert code == 2 and "is not cleaner JSONL" in err and target.read_bytes() == earlier


class _BrokenOnce:
    """An executor whose first task's future breaks as a dead worker's does; `restart` only if asked."""

    def __init__(self) -> None:
        self.broken = False

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        if self.broken:
            future.set_result(fn(*args))
        else:
            self.broken = True
            future.set_exception(BrokenProcessPool("a worker died"))
        return future


class _RestartableBrokenOnce(_BrokenOnce):
    restarts = 0

    def restart(self) -> None:
        self.restarts += 1


def test_ordered_runs_again_what_a_restartable_pool_lost() -> None:
    executor = _RestartableBrokenOnce()
    tasks = [(number,) for number in range(4)]
    values = [value for _, value in ordered(executor, lambda n: n * 10, tasks, 2, lambda task, why: why)]
    assert values == [0, 10, 20, 30] and executor.restarts == 1


def test_ordered_loses_a_task_of_a_broken_executor_it_cannot_restart() -> None:
    """A real branch, not an `assert`: the same under `python -O`."""
    tasks = [(number,) for number in range(3)]
    got = list(ordered(_BrokenOnce(), lambda n: n * 10, tasks, 2, lambda task, why: f"lost {task}: {why}"))
    assert [value for _, value in got] == ["lost (0,): a worker died", 10, 20]
