"""cleaner opens no network connection, loads no external entity or DTD, and writes only to -o."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner, CleanerError, Config

from .pages import ARTICLE_HTML, ARTICLE_SENTENCES
from .test_batch import write_warc
from .test_cli import run

XHTML_STRICT = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
)
NETWORK_BAIT = (
    ARTICLE_HTML.replace("<!DOCTYPE html>", XHTML_STRICT).replace(
        "</head>",
        '<link rel="stylesheet" href="http://127.0.0.1:9/style.css"><base href="http://127.0.0.1:9/">'
        '<script src="http://127.0.0.1:9/app.js"></script></head>',
    )
    + '<img src="http://127.0.0.1:9/pixel.gif"><iframe src="http://127.0.0.1:9/frame"></iframe>'
)


def with_entity(declaration: str, xml_declaration: bool = False) -> str:
    """The article page with `declaration` in its DOCTYPE's internal subset, and `&ent;` in its text."""
    page = ARTICLE_HTML.replace("<!DOCTYPE html>", f"<!DOCTYPE html [{declaration}]>").replace(
        "<p>The first", "<p>&ent; The first"
    )
    return ("<?xml version='1.0'?>\n" if xml_declaration else "") + page


def clean_or_error(page: str | bytes, **settings: Any) -> str:
    try:
        return Cleaner(Config(**settings)).clean(page, url="http://127.0.0.1:9/page").text
    except CleanerError as error:
        return str(error)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every way to open a connection raises, and is recorded."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access in a test")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.mark.parametrize("input_type", ["auto", "html", "text"])
def test_cleaning_opens_no_network_connection(no_network: list[object], input_type: str) -> None:
    pages = [
        NETWORK_BAIT,
        with_entity('<!ENTITY ent SYSTEM "http://127.0.0.1:9/entity">'),
        with_entity('<!ENTITY % dtd SYSTEM "http://127.0.0.1:9/evil.dtd"> %dtd;', xml_declaration=True),
        '<?xml-stylesheet href="http://127.0.0.1:9/s.xsl"?>' + ARTICLE_HTML,
    ]
    for page in pages:
        clean_or_error(page, input_type=input_type)
        clean_or_error(page.encode("utf-16"), input_type=input_type)
    assert no_network == []


@pytest.mark.parametrize("xml_declaration", [False, True])
def test_external_entities_are_not_loaded(tmp_path: Path, xml_declaration: bool) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    text = clean_or_error(with_entity(f'<!ENTITY ent SYSTEM "file://{secret}">', xml_declaration))
    assert ARTICLE_SENTENCES[0] in text and "TOP-SECRET-TOKEN" not in text


@pytest.mark.parametrize("xml_declaration", [False, True])
def test_internal_entities_are_not_expanded(xml_declaration: bool) -> None:
    text = clean_or_error(with_entity('<!ENTITY ent "EXPANDED-ENTITY">', xml_declaration))
    assert ARTICLE_SENTENCES[0] in text and "EXPANDED-ENTITY" not in text


def test_only_the_output_file_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp_path / "in" / "..%2F..%2Fetc"
    inputs.mkdir(parents=True)
    tricky = inputs / "..page.html"
    tricky.write_text(ARTICLE_HTML)
    monkeypatch.chdir(inputs)
    target = tmp_path / "out" / "result.json"
    target.parent.mkdir()
    before = set(tmp_path.rglob("*"))
    code, _, _ = run("clean", "--format", "json", "-o", str(target), "../../in/..%2F..%2Fetc/..page.html")
    assert code == 0 and ARTICLE_SENTENCES[0] in target.read_text()
    assert set(tmp_path.rglob("*")) - before == {target}


def test_batch_outputs_stay_inside_the_output_folder(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "crawl.jsonl").write_text(
        json.dumps({"html": ARTICLE_HTML, "id": "../../../evil", "url": "file:///../../evil"}) + "\n"
    )
    write_warc(inputs / "crawl.warc.gz", [("http://x/../../../../evil", "text/html", ARTICLE_HTML.encode())])
    out = tmp_path / "out"
    out.mkdir()
    (out / "crawl.warc.gz").symlink_to(tmp_path)  # planted: would lead the WARC's outputs out
    before = set(tmp_path.rglob("*"))
    code, _, err = run("clean", "-o", str(out), str(inputs))
    written = set(tmp_path.rglob("*")) - before
    assert written == {out / "crawl.jsonl", out / "crawl.jsonl" / "1.txt"}
    assert code == 1 and "would be written outside" in err
