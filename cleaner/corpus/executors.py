"""Where tasks run: this process, a pool of worker processes (or a Dask cluster, see `dask_runner`), and
`ordered`, which hands them out and gives their values back in task order."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
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
    """Worker processes that come back when one dies (a crash in a C extension, the OOM killer)."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        return self._pool.submit(fn, *args)

    def restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = ProcessPoolExecutor(max_workers=self._workers)

    def shutdown(self) -> None:
        self._pool.shutdown()


Lost = Callable[[tuple[Any, ...], str], Any]  # the outcome of a task whose worker died under it


def ordered(
    executor: Executor, fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]], window: int, lost: Lost
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Each task with `fn(*task)`, run by `executor`, in task order, with at most `window` pending.

    A task that kills its worker process gets `lost(task, reason)`. When a worker of a `Restartable`
    executor (a `ProcessPool`) dies, every task in flight dies with it: the pool is restarted, the first
    task is run again alone (lost if it kills that worker too) and the others are handed out again.
    """
    pending: deque[tuple[tuple[Any, ...], Any]] = deque()

    def first() -> tuple[tuple[Any, ...], Any]:
        task, future = pending.popleft()
        try:
            return task, future.result()
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
