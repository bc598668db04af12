"""Timers behind one small interface, so that tests drive them with the fake clock.

Every timer of the screens (the feed's poll, the next deadline, the kiosk's idle return, the
one-second tickers, the scanner's flush) comes from a :class:`Scheduler`. The program uses
:class:`QtScheduler` (QTimer underneath). Tests use :class:`FakeScheduler`, which fires a timer when
the :class:`~kiosk.clock.FakeClock` is advanced past its moment: a 15-second idle return or a
30-minute observation runs instantly and in a known order, and no test waits on the wall clock.

``soon()`` is not a timer: it runs a callback once the event loop has handled what is already
queued (a paint, the rest of a key press), as ``QTimer.singleShot(0, ...)`` does, in both.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from kiosk.clock import FakeClock


class Timer(Protocol):
    """A single-shot or repeating timer that calls its callback on the UI thread."""

    def start(self, interval_ms: int | None = None) -> None:
        """(Re)start it: it fires ``interval_ms`` (or the last interval) from now."""

    def stop(self) -> None: ...

    def is_active(self) -> bool: ...

    @property
    def interval_ms(self) -> int: ...

    def set_interval(self, interval_ms: int) -> None:
        """The interval of later starts (and of a running repeating timer's next round)."""


class Scheduler(Protocol):
    def timer(
        self,
        callback: Callable[[], object],
        interval_ms: int = 0,
        *,
        repeat: bool = False,
        parent: QObject | None = None,
    ) -> Timer:
        """A stopped timer; with ``parent`` it stops for good when the parent is destroyed."""
        ...

    def soon(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the event loop has handled what is already queued."""


class QtTimer:
    """A QTimer, as the program runs it."""

    def __init__(
        self,
        callback: Callable[[], object],
        interval_ms: int,
        repeat: bool,
        parent: QObject | None,
    ) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(not repeat)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(callback)

    def start(self, interval_ms: int | None = None) -> None:
        if interval_ms is None:
            self._timer.start()
        else:
            self._timer.start(interval_ms)

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)


class QtScheduler:
    """The program's scheduler: Qt's timers and event loop."""

    def timer(
        self,
        callback: Callable[[], object],
        interval_ms: int = 0,
        *,
        repeat: bool = False,
        parent: QObject | None = None,
    ) -> Timer:
        return QtTimer(callback, interval_ms, repeat, parent)

    def soon(self, callback: Callable[[], object]) -> None:
        QTimer.singleShot(0, callback)


class FakeTimer:
    """A timer of :class:`FakeScheduler`: due at a moment of the fake clock."""

    def __init__(
        self,
        scheduler: FakeScheduler,
        callback: Callable[[], object],
        interval_ms: int,
        repeat: bool,
        parent: QObject | None,
    ) -> None:
        self.scheduler = scheduler
        self.callback = callback
        self.repeat = repeat
        self._interval = interval_ms
        self.due: datetime | None = None
        self.order = 0  # start order: timers due at the same moment fire in it
        self.dead = False
        if parent is not None:
            parent.destroyed.connect(self._parent_gone)

    def _parent_gone(self) -> None:
        self.dead = True
        self.stop()

    def start(self, interval_ms: int | None = None) -> None:
        if self.dead:
            return
        if interval_ms is not None:
            self._interval = interval_ms
        self.due = self.scheduler.clock.now() + timedelta(milliseconds=max(0, self._interval))
        self.order = self.scheduler.next_order()
        self.scheduler.active.add(self)

    def stop(self) -> None:
        self.due = None
        self.scheduler.active.discard(self)

    def is_active(self) -> bool:
        return self.due is not None

    @property
    def interval_ms(self) -> int:
        return self._interval

    def set_interval(self, interval_ms: int) -> None:
        self._interval = interval_ms

    def __repr__(self) -> str:
        name = getattr(self.callback, "__qualname__", repr(self.callback))
        return f"FakeTimer({name}, {self._interval} ms, due {self.due})"


class FakeScheduler:
    """Timers on a :class:`FakeClock`: moving the clock fires each timer at its moment, in time
    order (the clock steps to it, so the callback sees that moment). A repeating timer fires at
    its first moment in a move and, if it came due again, once more at the move's end: a long
    jump does not run a one-second ticker 1,800 times, as a busy event loop coalesces a QTimer's
    rounds."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.active: set[FakeTimer] = set()
        self._order = 0
        self._fired: set[FakeTimer] = set()  # repeating timers fired in this move
        clock.subscribe(self)

    def next_order(self) -> int:
        self._order += 1
        return self._order

    def timer(
        self,
        callback: Callable[[], object],
        interval_ms: int = 0,
        *,
        repeat: bool = False,
        parent: QObject | None = None,
    ) -> Timer:
        return FakeTimer(self, callback, interval_ms, repeat, parent)

    def soon(self, callback: Callable[[], object]) -> None:
        QTimer.singleShot(0, callback)

    # --- the clock's side (kiosk.clock.Waiter) ----------------------------------------------------

    def begin_move(self) -> None:
        self._fired.clear()

    def _due_at(self, timer: FakeTimer, until: datetime) -> datetime | None:
        if timer.due is None or timer.due > until:
            return None
        return until if timer in self._fired else timer.due  # coalesced to the move's end

    def next_due(self, until: datetime) -> datetime | None:
        moments = [m for t in self.active if (m := self._due_at(t, until)) is not None]
        return min(moments) if moments else None

    def fire_due(self) -> None:
        now = self.clock.now()
        due = sorted(
            (t for t in self.active if (m := self._due_at(t, now)) is not None and m <= now),
            key=lambda t: (t.due, t.order),
        )
        for timer in due:
            if not timer.is_active():  # stopped by an earlier callback
                continue
            if timer.repeat:
                self._fired.add(timer)
                timer.start()
            else:
                timer.stop()
            timer.callback()

    def stop_all(self) -> list[FakeTimer]:
        """Stop every running timer; the ones that were running (a test's leak check)."""
        leaked = sorted(self.active, key=lambda t: t.order)
        for t in leaked:
            t.stop()
        return leaked
