"""Where tasks run: this process, a pool of worker processes (or a Dask cluster, see `dask_runner`), and
`ordered`, which hands them out and gives their values back in task order."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, runtime_checkable

from .inputs import describe


class Executor(Protocol):
    """Anything that runs `fn(*args)` somewhere and gives back a future: a process pool, a Dask client."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


@runtime_checkable
class Restartable(Executor, Protocol):
    """An executor whose workers can all die at once (`BrokenProcessPool`) and be started again."""

    def restart(self) -> None: ...


class InProcess:
    """Runs each task at once in this process: one job, or a single page."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args))
        return future


class ProcessPool:
    """Worker processes that come back when one dies (a crash in a C extension, the OOM killer), that
    `ordered` kills and replaces when a task runs past its time limit, and that exit when this process
    dies (a SIGKILL leaves no orphans behind)."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._workers, initializer=_exit_with_parent, initargs=(os.getpid(),)
        )

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        return self._pool.submit(fn, *args)

    def restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start()

    def kill(self) -> None:
        """Stop every worker at once, whatever it is doing (a C call no signal handler interrupts)."""
        processes = getattr(self._pool, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(OSError, ValueError):
                process.kill()
        for process in list(processes.values()):
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(5)

    def shutdown(self) -> None:
        self._pool.shutdown()


def _exit_with_parent(parent: int) -> None:
    """In a worker: die with the process that started it. Linux signals it at once (PR_SET_PDEATHSIG);
    elsewhere, and should the parent already be gone, a watcher thread checks every second."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


_PR_SET_PDEATHSIG = 1


@runtime_checkable
class Killable(Restartable, Protocol):
    """A restartable executor whose workers can be stopped at once, mid-task."""

    def kill(self) -> None: ...


Lost = Callable[[tuple[Any, ...], str], Any]  # the outcome of a task whose worker died under it


def ordered(
    executor: Executor,
    fn: Callable[..., Any],
    tasks: Iterable[tuple[Any, ...]],
    window: int,
    lost: Lost,
    *,
    limit: float = 0,
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Each task with `fn(*task)`, run by `executor`, in task order, with at most `window` pending.

    A task that kills its worker process gets `lost(task, reason)`. When a worker of a `Restartable`
    executor (a `ProcessPool`) dies, every task in flight dies with it: the pool is restarted, the first
    task is run again alone (lost if it kills that worker too) and the others are handed out again.

    With a `limit` (seconds, 0 for none) and a `Killable` executor, a task still running `limit` seconds
    after it came first in line (when every task before it is done, so it has started: workers take
    tasks in order) is lost as past its time: the workers are killed, since no signal reaches a worker
    inside a long C call, and the pool restarted as above.
    """
    pending: deque[tuple[tuple[Any, ...], Any]] = deque()
    deadline = limit if limit and isinstance(executor, Killable) else None

    def first() -> tuple[tuple[Any, ...], Any]:
        task, future = pending.popleft()
        try:
            return task, future.result(timeout=deadline)
        except FutureTimeout:
            assert isinstance(executor, Killable)
            executor.kill()
            executor.restart()
            for position, (other, _) in enumerate(pending):
                pending[position] = (other, executor.submit(fn, *other))
            return task, lost(task, f"still running after {limit:g} s: its worker process was stopped")
        except BrokenProcessPool as error:
            if not isinstance(executor, Restartable):  # a pool that cannot come back loses the task
                return task, lost(task, describe(error))
            executor.restart()
            try:
                value = executor.submit(fn, *task).result()
            except BrokenProcessPool:
                executor.restart()
                value = lost(task, "its worker process died")
            for position, (other, _) in enumerate(pending):
                pending[position] = (other, executor.submit(fn, *other))
            return task, value
        except Exception as error:  # a Dask worker lost for good with this task (KilledWorker, ...)
            return task, lost(task, describe(error))

    for task in tasks:
        pending.append((task, executor.submit(fn, *task)))
        if len(pending) >= window:
            yield first()
    while pending:
        yield first()
