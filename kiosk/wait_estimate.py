"""How long a new ticket will wait, estimated from the recent service rate at registration.

The rate is the number of first registration calls in the last ``window`` (30 minutes by default)
divided by the time the desks were actually calling in it: the window starts no earlier than the
day's first call, so at 08:10 ten minutes of calling are not averaged over thirty. A ticket with
``ahead`` people before it is called after about ``ahead + 0.5`` more calls (the desks are on
average half-way through the people they serve). With fewer than ``min_calls`` calls in the window
there is no honest rate, and no estimate (the kiosk then shows none rather than a guess).

Pure domain code: it takes the call times, so the engine's tickets (``first_called_at``) or the
event log (``called`` events of the registration queue) can feed it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.model import Ticket

WINDOW = timedelta(minutes=30)
MIN_CALLS = 3
MIN_SPAN = timedelta(minutes=5)
"""A rate measured over less than this is too noisy (three calls in ten seconds at opening)."""


@dataclass(frozen=True)
class WaitEstimate:
    minutes: int
    """Whole minutes, rounded up to the next 5 above 10 minutes (an honest, not precise, figure)."""
    exact_minutes: float
    rate_per_minute: float
    calls: int
    """How many calls the rate was measured on."""


def registration_calls(tickets: Iterable[Ticket]) -> list[datetime]:
    """When each ticket was first called to registration (the engine keeps it on the ticket)."""
    return sorted(t.first_called_at for t in tickets if t.first_called_at is not None)


def service_rate(
    calls: Iterable[datetime],
    now: datetime,
    *,
    window: timedelta = WINDOW,
    min_calls: int = MIN_CALLS,
) -> tuple[float, int] | None:
    """Calls per minute over the recent window, and the sample size; None without enough data."""
    all_calls = sorted(c for c in calls if c <= now)
    if not all_calls:
        return None
    start = max(now - window, all_calls[0])
    recent = [c for c in all_calls if c >= now - window]
    span = max(now - start, MIN_SPAN)
    if len(recent) < min_calls:
        return None
    return len(recent) / (span.total_seconds() / 60), len(recent)


def estimate_wait(
    ahead: int,
    calls: Iterable[datetime],
    now: datetime,
    *,
    window: timedelta = WINDOW,
    min_calls: int = MIN_CALLS,
) -> WaitEstimate | None:
    """The estimated wait of a ticket with ``ahead`` people before it in the registration queue."""
    if ahead < 0:
        raise ValueError("ahead must be >= 0")
    measured = service_rate(calls, now, window=window, min_calls=min_calls)
    if measured is None:
        return None
    rate, n = measured
    exact = (ahead + 0.5) / rate
    return WaitEstimate(rounded_minutes(exact), exact, rate, n)


def rounded_minutes(minutes: float) -> int:
    """1..10 minutes to the minute, above that up to the next multiple of 5."""
    if minutes <= 10:
        return max(1, math.ceil(minutes))
    return 5 * math.ceil(minutes / 5)
