"""Limits on one input: how large it may be and how long cleaning it may take.

The time limit is an interval timer (SIGALRM), which POSIX lets only the main thread handle. In any other
thread, or on a platform without `signal.setitimer` (Windows), `timeout` is not enforced: run such work in
processes instead (each has a main thread of its own). A signal is handled between Python bytecodes, so
one long call into C (a single lxml parse, a single regex search) runs to its end before the timeout
interrupts what follows it. The command line closes that gap from outside: it cleans in worker processes
and kills one that is still running a second (or a tenth) past the timeout (`corpus.executors.ordered`).
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import IO, TypeVar

from .errors import CleanerError, CleanerTimeoutError, InputTooLargeError, UnexpectedError

T = TypeVar("T")

# After a timeout fires, fire again this soon: a broad `except Exception` in a library may swallow one.
_RETRY_SECONDS = 0.05


def run_limited(work: Callable[[], T], source: str | bytes, *, timeout: float, max_bytes: int) -> T:
    """`work()`, which cleans `source`: the size checked first, the time bounded, and any exception but a
    `CleanerError` turned into an `UnexpectedError` (the original chained as its cause)."""
    try:
        check_size(source, max_bytes)
        return _call_with_timeout(work, timeout)
    except CleanerError:
        raise
    except MemoryError as error:  # the input, not cleaner, is at fault: say what to do about it
        raise InputTooLargeError(
            "out of memory on this input (a lower max_bytes refuses it sooner)"
        ) from error
    except Exception as error:
        raise UnexpectedError(f"unexpected {type(error).__name__} ({error}): a bug in cleaner") from error


def check_size(source: str | bytes, max_bytes: int) -> None:
    """Refuse an input larger than `max_bytes` (0: no limit); a `str` is measured as UTF-8."""
    if not max_bytes:
        return
    size = len(source)
    if isinstance(source, str) and size <= max_bytes < 4 * size:  # 1 to 4 bytes a character: measure
        size = len(source.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InputTooLargeError(f"{size:,} bytes, over the max_bytes limit ({max_bytes:,} bytes)")


def read_limited(stream: IO[bytes], max_bytes: int) -> bytes:
    """All of `stream`, refused without reading further once it holds more than `max_bytes` (0: no limit).

    A bounded read keeps `/dev/zero` or a huge file from filling memory before the size check."""
    if not max_bytes:
        return stream.read()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"over the max_bytes limit ({max_bytes:,} bytes)")
    return data


def _call_with_timeout(work: Callable[[], T], seconds: float) -> T:
    if not seconds or not _can_set_alarm():
        return work()
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_delay and outer_delay <= seconds:
        return work()  # the caller's own alarm comes first: leave it alone
    guarded = sys._getframe()
    finished = False

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if finished or not _on_stack(guarded, frame):
            return  # `work` is over: an alarm that lands late must neither fire again nor hit the caller
        signal.setitimer(signal.ITIMER_REAL, _RETRY_SECONDS)  # again, should this one be swallowed
        if frame is not guarded:  # inside `work`: never in this function's own set-up or clean-up
            raise CleanerTimeoutError(f"still running after the timeout of {seconds:g} s")

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        finished = True  # first: from here on the handler neither raises nor re-arms the timer
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous_handler is None else previous_handler)
        if outer_delay:  # give the caller's alarm back, less the time spent here
            left = max(outer_delay - (time.monotonic() - started), _RETRY_SECONDS)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)


def _can_set_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_stack(target: FrameType, frame: FrameType | None) -> bool:
    while frame is not None:
        if frame is target:
            return True
        frame = frame.f_back
    return False
