"""Time, injected: the only module that reads the real clock.

Everything else receives a :class:`Clock` and asks it for ``now()``, so a 30-minute observation runs in
microseconds in a test and ``kiosk run --at`` can start a demo day at 09:30.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment as an aware datetime."""
        ...


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class Waiter(Protocol):
    """Something waiting on a :class:`FakeClock` (the screens' fake timers, ui/scheduler.py)."""

    def begin_move(self) -> None:
        """The clock is about to move (one ``advance`` or ``set``)."""

    def next_due(self, until: datetime) -> datetime | None:
        """The earliest moment, no later than ``until``, at which something is due; or None."""

    def fire_due(self) -> None:
        """Do what is due at the clock's current moment."""


class FakeClock:
    """A clock that moves only when told to (tests, simulations).

    What waits on it is done at its moment: moving the clock steps it from one due moment to the
    next up to the new time, so a deadline fires at 08:30 seeing 08:30, not at the end of a jump
    to 09:00, and what it does (re-reading, re-arming) sees the time it would have seen."""

    MAX_STEPS = 100_000  # per move: a waiter always due at the same moment is a bug

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start
        self._waiters: list[Waiter] = []

    def now(self) -> datetime:
        return self._now

    def subscribe(self, waiter: Waiter) -> None:
        self._waiters.append(waiter)

    def advance(self, delta: timedelta) -> datetime:
        if delta < timedelta(0):
            raise ValueError("time does not run backwards")
        self._move_to(self._now + delta)
        return self._now

    def set(self, moment: datetime) -> None:
        if moment < self._now:
            raise ValueError("time does not run backwards")
        self._move_to(moment)

    def _move_to(self, target: datetime) -> None:
        waiters = list(self._waiters)
        for w in waiters:
            w.begin_move()
        for _ in range(self.MAX_STEPS):
            due = [d for w in waiters if (d := w.next_due(target)) is not None]
            if not due:
                break
            self._now = max(self._now, min(due))
            for w in waiters:
                w.fire_due()
        else:
            raise RuntimeError(f"something keeps coming due before {target}")
        self._now = max(self._now, target)


class ShiftedClock:
    """Starts at a chosen moment and runs on in real time (``kiosk run --at``: demos, training)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ShiftedClock needs an aware datetime")
        self._start = start
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._origin)
