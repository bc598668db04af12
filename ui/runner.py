"""The one path for engine work off the UI thread (as Anki's ``CollectionOp``).

A screen hands the runner a piece of work (an engine operation, or a read that may wait on the
database) and what to do with its result; the work runs on a worker thread, and the result, or
the refusal (a :class:`~kiosk.errors.KioskError`), comes back on the UI thread. Meanwhile the
screen keeps taking input and painting: with PostgreSQL a dead link costs a screen nothing but a
"working…" line until the connection gives up and the refusal says so.

Each job belongs to a screen (its owner) and has a name. While a job runs, another ``run`` of the
same owner and name is not started (a double tap or a second key press does nothing twice); a
``read`` asked for while the same one runs is done once more when it returns, so a screen never
draws an older read over a newer one. A result whose owner was destroyed meanwhile is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

T = TypeVar("T")
WORKERS = 4


@dataclass
class _Job(Generic[T]):
    owner: QObject
    name: str
    work: Callable[[], T]
    done: Callable[[T], object]
    failed: Callable[[KioskError], object] | None
    again: bool = False  # a read asked for while this one ran: run it once more
    future: Future[T] | None = field(default=None, repr=False)


class Runner(QObject):
    """Runs work on worker threads and delivers results on the UI thread."""

    _finished = Signal(object)  # a _Job, from a worker thread: queued to the UI thread

    def __init__(self, parent: QObject | None = None, workers: int = WORKERS) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="engine")
        self._running: dict[tuple[int, str], _Job[Any]] = {}
        self._closed = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def idle(self) -> bool:
        """Nothing running and nothing waiting to be delivered."""
        return not self._running

    def busy(self, owner: QObject, name: str) -> bool:
        return (id(owner), name) in self._running

    def run(
        self,
        owner: QObject,
        name: str,
        work: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[KioskError], object] | None = None,
    ) -> bool:
        """Start ``work`` unless the owner's job ``name`` is running; False when not started."""
        if self._closed or self.busy(owner, name):
            return False
        self._start(_Job(owner, name, work, done, failed))
        return True

    def read(
        self,
        owner: QObject,
        name: str,
        work: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[KioskError], object] | None = None,
    ) -> None:
        """Start a read; if the owner's ``name`` runs, run this one when it returns (the newest
        asked-for read is the one drawn last)."""
        if self._closed:
            return
        job = self._running.get((id(owner), name))
        if job is not None:
            job.again = True
            job.work, job.done, job.failed = work, done, failed
            return
        self._start(_Job(owner, name, work, done, failed))

    def _start(self, job: _Job[Any]) -> None:
        self._running[(id(job.owner), job.name)] = job
        job.future = self._pool.submit(job.work)
        job.future.add_done_callback(lambda _f: self._finished.emit(job))

    def _deliver(self, job: _Job[Any]) -> None:
        assert job.future is not None
        key = (id(job.owner), job.name)
        if self._running.get(key) is job:
            del self._running[key]
        if not shiboken6.isValid(job.owner):
            return  # the screen is gone: nobody to tell
        if job.again and not self._closed:
            job.again = False
            self._start(job)  # its newest work, delivered instead of this result
            return
        error = job.future.exception()
        if error is None:
            job.done(job.future.result())
        elif isinstance(error, KioskError):
            if job.failed is not None:
                job.failed(error)
            else:
                log.warning("%s: %s", job.name, error)
        else:
            raise error  # a bug: let it surface on the UI thread (and fail its test)

    def shutdown(self) -> None:
        """No new work; wait for what runs (the program is ending, or the test is)."""
        self._closed = True
        self._pool.shutdown(wait=True)
