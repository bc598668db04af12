"""Time, injected: the only module that reads the real clock.

Everything else receives a :class:`Clock` and asks it for ``now()``, so a 30-minute observation runs in
microseconds in a test and ``kiosk run --at`` can start a demo day at 09:30.

A training database has one clock for every process on it (issue 16): ``kiosk run --at 10:30``
stores how far the training day is from the real time (``sites.clock_offset_seconds``, see
:mod:`kiosk.bootstrap`) and runs an :class:`OffsetClock`; a second process on that database reads
the same offset, so the display and the desks agree to the second however they were started.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from kiosk.errors import InvalidInput


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


class OffsetClock:
    """The real time moved by a fixed number of seconds: the shared clock of a training database.

    Two processes with the same offset agree to the second (they read the same real clock), which
    :class:`ShiftedClock` cannot promise: each of those starts from its own moment."""

    def __init__(self, offset_seconds: float) -> None:
        self.offset = timedelta(seconds=offset_seconds)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


def real_now() -> datetime:
    """The real time, for what must not be shifted (a training offset is measured against it)."""
    return datetime.now(UTC)


def offset_to(moment: datetime, now: datetime | None = None) -> float:
    """Seconds from the real time (or ``now``) to ``moment``: an :class:`OffsetClock`'s offset."""
    if moment.tzinfo is None:
        raise ValueError("offset_to needs an aware datetime")
    return (moment - (now or real_now())).total_seconds()


_AT_TIME = re.compile(r"\s*(\d{1,2}):(\d{2})\s*")
_AT_FULL = re.compile(r"\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}):(\d{2})\s*")


def parse_at(text: str, timezone: str, now: datetime | None = None) -> datetime:
    """``kiosk run --at``: "HH:MM" is that time today in the site's time zone (the site's date,
    which is not the machine's when the two zones are on different days); "YYYY-MM-DD HH:MM" names
    the day too. Raises InvalidInput naming ``--at`` and the expected forms."""
    zone = ZoneInfo(timezone)
    expected = f'--at {text!r}: expected "HH:MM" (today at {timezone}) or "YYYY-MM-DD HH:MM"'
    try:
        if match := _AT_TIME.fullmatch(text):
            day = (now or real_now()).astimezone(zone).date()
            hour, minute = int(match[1]), int(match[2])
        elif match := _AT_FULL.fullmatch(text):
            day = date.fromisoformat(match[1])
            hour, minute = int(match[2]), int(match[3])
        else:
            raise ValueError(text)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    except ValueError as exc:
        raise InvalidInput(expected, field="at") from exc
