"""The progress bar of a run over a corpus, and the failures printed above it."""

from __future__ import annotations

import sys
import time
from typing import TextIO


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


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def default_progress() -> bool:
    """A progress bar by default only when stderr is a terminal."""
    return sys.stderr.isatty()
