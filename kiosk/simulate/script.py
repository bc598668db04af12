"""The one definition of a simulated day's residents: when each arrives, how long each takes at the
desk and the station, and what each does out of the ordinary (misses the call, cancels, is
deferred, leaves observation early...).

Both the engine-driven day (:mod:`kiosk.simulate.day`) and the fast model the planner searches
(:mod:`kiosk.simulate.model`) play the same script, so they cannot drift apart. Every resident
takes the same fixed number of draws from the seed's generator, whatever the staffing: the same
seed gives the same residents with two desks or ten (common random numbers), which is what lets
the planner compare staffings fairly.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.simulate.params import LAST_ARRIVAL, OPEN_AT, PEAK, SimParams

REGISTRATION_MINUTES = (2.5, 1.0)  # mean and spread (lognormal): call, screen, register
VACCINATION_MINUTES = (1.5, 0.5)  # call, check, inject
CANCEL_AFTER_MINUTES = (40.0, 20.0)  # a resident who gives up, this long after taking a number
PEAK_SHARE = 0.65  # of arrivals in the morning peak (the rest trickle in evenly until 15:30)
PEAK_SPREAD_MINUTES = 50.0


@dataclass(frozen=True)
class Resident:
    """One resident's day, drawn before it starts. Times are offsets (from the opening for the
    arrival, from the moment it applies to otherwise)."""

    arrives: timedelta  # after OPEN_AT
    priority: bool
    prefix: str
    registration: timedelta  # service at the registration desk
    vaccination: timedelta  # service at the station
    cancels_after: timedelta | None  # after taking the number; only if still waiting then
    misses_registration: bool  # not there at the first registration call
    misses_vaccination: bool  # not there at the first station call
    comes_back_after: timedelta | None  # after being marked missed; None: never comes back
    deferred_at_registration: bool
    allergy: bool  # observation lengthened by the day's allergy extension
    deferred_at_station: bool  # not suitable on review, before the injection
    undone: bool  # "vaccinated" clicked on the wrong row, undone at once (first time only)
    undo_drawn: bool  # the undone dose had been drawn (wasted)
    leaves_early_after: timedelta | None  # after the injection
    adverse: bool  # a mild reaction: observation 20 minutes longer
    lingers: timedelta  # after the observation end, before the release


PLAIN = Resident(
    arrives=timedelta(0),
    priority=False,
    prefix="A",
    registration=timedelta(minutes=REGISTRATION_MINUTES[0]),
    vaccination=timedelta(minutes=VACCINATION_MINUTES[0]),
    cancels_after=None,
    misses_registration=False,
    misses_vaccination=False,
    comes_back_after=None,
    deferred_at_registration=False,
    allergy=False,
    deferred_at_station=False,
    undone=False,
    undo_drawn=False,
    leaves_early_after=None,
    adverse=False,
    lingers=timedelta(0),
)
"""Someone not in the script (a ticket taken by hand during a simulated day): average times."""


def draw_day(params: SimParams, count: int) -> tuple[Resident, ...]:
    """``count`` residents for the day of ``params.seed``, in arrival order."""
    rng = random.Random(params.seed)
    offsets = arrival_offsets(rng, count)
    return tuple(_resident(rng, params, offset) for offset in offsets)


def arrival_offsets(rng: random.Random, count: int) -> list[timedelta]:
    """A morning peak (most come early, many before 10:00) over a flat trickle, from the opening."""
    span = _seconds_between(OPEN_AT, LAST_ARRIVAL)
    peak = _seconds_between(OPEN_AT, PEAK)
    offsets = []
    for _ in range(count):
        if rng.random() < PEAK_SHARE:
            offset = -1.0
            while not 0 <= offset <= span:
                offset = rng.gauss(peak, PEAK_SPREAD_MINUTES * 60)
        else:
            offset = rng.uniform(0, span)
        offsets.append(timedelta(seconds=offset))
    return sorted(offsets)


def service_minutes(rng: random.Random, mean: float, sd: float) -> timedelta:
    """A service time: lognormal with the given mean and spread, in minutes."""
    sigma2 = math.log(1 + (sd / mean) ** 2)
    value = rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))
    return timedelta(minutes=value)


def _resident(rng: random.Random, p: SimParams, arrives: timedelta) -> Resident:
    # Every draw is taken whether it is used or not: one resident's draws never shift another's.
    priority = rng.random() < p.priority_share
    prefix = "A" if rng.random() < 0.6 else "B"
    registration = service_minutes(rng, *REGISTRATION_MINUTES)
    vaccination = service_minutes(rng, *VACCINATION_MINUTES)
    cancels = rng.random() < p.cancel_share
    cancel_after = service_minutes(rng, *CANCEL_AFTER_MINUTES)
    misses_registration = rng.random() < p.no_show_share
    misses_vaccination = rng.random() < p.no_show_share
    returns = rng.random() < p.return_share
    back_after = timedelta(minutes=rng.uniform(5, 60))
    deferred = rng.random() < p.defer_share
    allergy = rng.random() < 0.05
    deferred_at_station = rng.random() < 0.01
    undone = rng.random() < p.undo_share
    undo_drawn = rng.random() < 0.5
    roll = rng.random()
    early_after = timedelta(minutes=rng.uniform(5, 20))
    lingers = timedelta(minutes=rng.uniform(0, 4))
    return Resident(
        arrives=arrives,
        priority=priority,
        prefix=prefix,
        registration=registration,
        vaccination=vaccination,
        cancels_after=cancel_after if cancels else None,
        misses_registration=misses_registration,
        misses_vaccination=misses_vaccination,
        comes_back_after=back_after if returns else None,
        deferred_at_registration=deferred,
        allergy=allergy,
        deferred_at_station=deferred_at_station,
        undone=undone,
        undo_drawn=undo_drawn,
        leaves_early_after=early_after if roll < p.leave_early_share else None,
        adverse=p.leave_early_share <= roll < p.leave_early_share + p.adverse_share,
        lingers=lingers,
    )


def _seconds_between(start: time, end: time) -> float:
    day = date(2000, 1, 1)
    return (datetime.combine(day, end) - datetime.combine(day, start)).total_seconds()
