"""The progress bar of a run over a corpus, and the failures printed above it."""

from __future__ import annotations

import re
import sys
import time
from typing import TextIO

# What must not reach a terminal raw: control characters (a newline would fake a line for another input,
# an escape sequence would redraw the screen), line and paragraph separators, and the lone surrogates by
# which Python carries a file name's undecodable bytes.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class Progress:
    """A one-line progress bar on stderr: done/total, pages/s, failures, time left."""

    _EVERY = 0.2  # seconds between redraws

    def __init__(self, stream: TextIO, total: int | None, label: str = "", *, enabled: bool) -> None:
        self._stream, self._total, self._label, self._enabled = stream, total, label, enabled
        self._done = self._failed = 0
        self._started = self._drawn = time.monotonic()

    def advance(self, *, failed: bool) -> None:
        self._done += 1
        self._failed += failed
        now = time.monotonic()
        if self._enabled and now - self._drawn >= self._EVERY:
            self._drawn = now
            self._draw(now)

    def note(self, line: str) -> None:
        """Print a line (a failure) above the bar."""
        if self._enabled:
            self._stream.write("\r\x1b[K")
        self._stream.write(line + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._enabled:
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()

    def _draw(self, now: float) -> None:
        elapsed = max(now - self._started, 1e-9)
        rate = self._done / elapsed
        total = f"/{self._total}" if self._total is not None else ""
        left = ""
        if self._total is not None and rate > 0:
            left = f", {_duration((self._total - self._done) / rate)} left"
        label = f"{self._label}: " if self._label else ""
        self._stream.write(
            f"\r\x1b[K{label}{self._done}{total} pages, {rate:.1f} pages/s, {self._failed} failed{left}"
        )
        self._stream.flush()


def failure_line(source: str, reason: str, *, debug: bool = False) -> str:
    """The one line that reports a failed input: `cleaner: SOURCE: REASON`, each escaped so that it stays
    one line whatever the input's name or the error's text holds. With `debug`, the reason's first line
    is the reason and the lines after it the traceback, printed as they are."""
    reason, newline, traceback = reason.partition("\n") if debug else (reason, "", "")
    return f"cleaner: {escape(source)}: {escape(reason)}{newline}{traceback}"


def escape(text: str) -> str:
    """`text` with every unprintable character written as an escape (`\\n`, `\\x1b`; an undecodable
    byte of a file name as `\\xff`)."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte a file name held
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def default_progress() -> bool:
    """A progress bar by default only when stderr is a terminal."""
    return sys.stderr.isatty()
