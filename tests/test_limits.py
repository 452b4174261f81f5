"""The limits on one input (timeout, max_bytes) and the promise that only CleanerErrors come out."""

from __future__ import annotations

import contextlib
import signal
import threading
import time

import pytest

import cleaner
from cleaner import Cleaner, Config, Kind
from cleaner.errors import CleanerTimeoutError, InputTooLargeError, UnexpectedError
from cleaner.text.segment import DumpBlock

from .test_cli import run

# A stage that would run far past any timeout used here.
FOREVER = 60.0


def slow_segmentation(text: str) -> list[tuple[Kind, str]]:
    time.sleep(FOREVER)
    return [(Kind.PARAGRAPH, text)]


def test_a_stage_running_past_the_timeout_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    handler = signal.getsignal(signal.SIGALRM)
    monkeypatch.setattr("cleaner.text.extract.segment_lines", slow_segmentation)
    with pytest.raises(CleanerTimeoutError, match=r"timeout of 0\.2 s"):
        cleaner.clean("some text", input_type="text", timeout=0.2)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no retry left to fire later
    assert signal.getsignal(signal.SIGALRM) is handler


def test_a_timeout_swallowed_by_a_broad_except_fires_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def swallowing(text: str) -> list[tuple[Kind, str]]:
        with contextlib.suppress(Exception):  # what a library's catch-all does to the first timeout
            time.sleep(FOREVER)
        return slow_segmentation(text)

    monkeypatch.setattr("cleaner.text.extract.segment_lines", swallowing)
    with pytest.raises(CleanerTimeoutError):
        cleaner.clean("some text", input_type="text", timeout=0.2)


def test_the_alarm_is_gone_after_clean_returns() -> None:
    handler = signal.getsignal(signal.SIGALRM)
    cleaner.clean("some text", timeout=5)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler


def test_a_callers_own_alarm_is_kept() -> None:
    try:
        signal.setitimer(signal.ITIMER_REAL, 100)
        cleaner.clean("some text", timeout=5)
        assert 90 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100
        signal.setitimer(signal.ITIMER_REAL, 3)  # earlier than the timeout: left alone
        cleaner.clean("some text", timeout=5)
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 3
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_outside_the_main_thread_the_timeout_is_not_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    def brief_wait(text: str) -> list[DumpBlock]:
        time.sleep(0.5)
        return [DumpBlock(Kind.PARAGRAPH, text, text)]

    monkeypatch.setattr("cleaner.text.extract.segment_lines", brief_wait)
    results: list[str] = []
    worker = threading.Thread(target=lambda: results.append(cleaner.clean("text", timeout=0.1)))
    worker.start()
    worker.join()
    assert results == ["text"]


def test_zero_means_no_limit() -> None:
    assert Cleaner(Config(timeout=0, max_bytes=0)).clean("x" * 100).text == "x" * 100


def test_limits_are_config_fields_and_flags() -> None:
    with pytest.raises(ValueError, match="timeout"):
        Config(timeout=-1)
    with pytest.raises(ValueError, match="max_bytes"):
        Config(max_bytes=-1)
    code, out, _ = run("clean", "--help")
    assert code == 0 and "--timeout" in out and "--max-bytes" in out


def test_an_unplanned_exception_becomes_an_unexpected_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list[tuple[Kind, str]]:
        raise RuntimeError("boom")

    monkeypatch.setattr("cleaner.text.extract.segment_lines", broken)
    with pytest.raises(UnexpectedError, match=r"unexpected RuntimeError \(boom\)") as caught:
        cleaner.clean("text", input_type="text")
    assert isinstance(caught.value.__cause__, RuntimeError)
    code, out, err = run("clean", "--input-type", "text", stdin=b"text")
    assert (code, out, err) == (1, "", "cleaner: -: unexpected RuntimeError (boom): a bug in cleaner\n")
    code, _, err = run("clean", "--debug", "--input-type", "text", stdin=b"text")
    assert "Traceback" in err and "RuntimeError: boom" in err


def test_running_out_of_memory_is_blamed_on_the_input(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(text: str) -> list[tuple[Kind, str]]:
        raise MemoryError

    monkeypatch.setattr("cleaner.text.extract.segment_lines", exhausted)
    with pytest.raises(InputTooLargeError, match="out of memory on this input"):
        cleaner.clean("text", input_type="text")


def test_running_out_of_memory_measuring_an_input_refuses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def out_of_memory(source: str | bytes, max_bytes: int) -> None:
        raise MemoryError

    monkeypatch.setattr("cleaner.limits.check_size", out_of_memory)
    with pytest.raises(InputTooLargeError, match="out of memory"):
        cleaner.clean("A page.")
