"""What the waiting-room display shows, read from the engine in one go (no widgets here).

The display re-reads a :class:`Snapshot` only when the feed brings events or a deadline passes;
the one-second ticker recomputes countdowns and the may-leave state from the snapshot's stored
observation ends with ``clock.now()``, through :meth:`kiosk.model.Observation.may_leave` (the one
engine rule), so nothing drifts and nothing is re-queried every second.

Privacy: the display reads people only as the engine gives them to public screens, with masked
names (``engine.queries.public_observations``): a full name never reaches it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.errors import DayNotOpen, KioskError
from kiosk.model import Counts, DayStatus, Event, Observation

log = logging.getLogger(__name__)

CALLING_KINDS = ("registration", "vaccination")  # desks that call numbers (not observation)
OVERDUE_AFTER = timedelta(minutes=10)  # free to leave this long and still here: flag for the nurse


@dataclass(frozen=True)
class Call:
    """One call as the room sees it: ticket number, the desk it names, when."""

    label: str
    desk: str
    at: datetime | None


@dataclass(frozen=True)
class DeskNow:
    desk: str
    label: str | None  # the ticket now called to this desk, if any


class ObsStatus(StrEnum):
    COUNTING = "counting"  # observation not over yet
    MAY_LEAVE = "may_leave"  # the engine's may-leave rule holds
    OVERDUE = "overdue"  # may leave for a while (OVERDUE_AFTER) and still not released
    HELD = "held"  # the end has passed but an open adverse event keeps them


class Longer(StrEnum):
    """Why someone observes longer than the day's period: a short mark on the board, explained
    by its legend (never the answers themselves)."""

    NONE = ""
    ALLERGY = "allergy"  # an allergy history at screening: the day's allergy extension
    NURSE = "nurse"  # a nurse set a longer period at registration or extended it since


@dataclass(frozen=True)
class ObsRow:
    """One person in observation, public form: number, masked name, stored end."""

    ticket_id: int
    label: str
    masked_name: str
    end: datetime | None
    observation: Observation  # kept for the may-leave rule; its name is never shown
    end_ts: float = float("inf")  # the end as a POSIX timestamp: a cheap "not yet" pre-check
    longer: Longer = Longer.NONE

    def status(self, now: datetime) -> ObsStatus:
        if self.observation.may_leave(now):
            if self.end is not None and now - self.end >= OVERDUE_AFTER:
                return ObsStatus.OVERDUE
            return ObsStatus.MAY_LEAVE
        if self.observation.over_time(now):
            return ObsStatus.HELD
        return ObsStatus.COUNTING

    def remaining(self, now: datetime) -> timedelta:
        return max(timedelta(0), (self.end - now) if self.end else timedelta(0))


def free_to_leave(rows: tuple[ObsRow, ...], now: datetime) -> list[ObsRow]:
    """Those the engine's rule lets leave now (the rule is asked only once an end has passed)."""
    now_ts = now.timestamp()
    return [r for r in rows if r.end_ts <= now_ts and r.observation.may_leave(now)]


OPEN, NOT_OPEN, CLOSED = "open", "not_open", "closed"  # the day, as the room sees it


@dataclass(frozen=True)
class Snapshot:
    desks: tuple[DeskNow, ...]
    recent: tuple[Call, ...]  # newest first
    counts: Counts | None  # None when no day is open
    observing: tuple[ObsRow, ...]  # soonest end first
    day: str = OPEN  # OPEN, NOT_OPEN (no day row today) or CLOSED


def longer_reason(observation: Observation, config: Config, day_minutes: int | None) -> Longer:
    """Why ``observation`` is longer than the day's period (``day_minutes``), if it is."""
    ticket = observation.ticket
    answers = ticket.screening or {}
    if any(q.allergy and answers.get(q.key) for q in config.screening):
        return Longer.ALLERGY
    base = day_minutes if day_minutes is not None else config.day.observation_minutes
    minutes = ticket.observation_minutes or base
    if minutes > base:
        return Longer.NURSE
    end, start = ticket.observation_end, ticket.vaccinated_at
    if (
        end is not None
        and start is not None
        and end - start > timedelta(minutes=minutes, seconds=1)
    ):
        return Longer.NURSE  # extended at the observation desk
    return Longer.NONE


def obs_rows(
    observations: list[Observation], config: Config | None = None, day_minutes: int | None = None
) -> tuple[ObsRow, ...]:
    return tuple(
        ObsRow(
            o.ticket.id,
            o.ticket.label,
            o.person_name or "",  # masked by the engine (public_observations)
            o.ticket.observation_end,
            o,
            o.ticket.observation_end.timestamp() if o.ticket.observation_end else float("inf"),
            longer_reason(o, config, day_minutes) if config is not None else Longer.NONE,
        )
        for o in observations
    )


def recent_calls_from_log(engine: Engine, count: int, window: int = 400) -> tuple[Call, ...]:
    """The newest ``count`` calls of today, newest first, one per ticket, from the event log
    (tickets forget their desk once served; the log remembers). Reads the last ``window`` events."""
    today = engine.today()
    last = engine.queries.last_seq()
    events = engine.queries.events_since(max(0, last - window), limit=window)
    calls: list[Call] = []
    seen: set[int | None] = set()
    for event in reversed(events):
        if event.kind != "called" or event.day != today or event.ticket_id in seen:
            continue
        seen.add(event.ticket_id)
        label, desk = event.payload.get("label"), event.payload.get("desk")
        if label and desk:
            calls.append(Call(str(label), str(desk), event.at))
        if len(calls) >= count:
            break
    return tuple(calls)


# Events that cannot change who is in observation: the display skips that (slower) query.
QUEUE_ONLY_KINDS = frozenset(
    {"issued", "called", "recalled", "missed", "reinstated", "cancelled", "registered",
     "deferred", "capacity_set", "lot_added", "vials_added", "vial_opened", "doses_wasted",
     "reprinted"}
)  # fmt: skip


ACTIVE_FOR = timedelta(minutes=15)  # a desk outside the day's list shows while it calls


def desks_now(
    engine: Engine, config: Config, status: DayStatus | None = None
) -> tuple[DeskNow, ...]:
    """The day's desks and stations (``DayStatus.desks`` when the day was opened with a list,
    else this config's), in the config's order, then any other desk that called within
    ``ACTIVE_FOR`` (another PC's desk); a desk whose last call is older is not shown, so one that
    stopped calling (a simulated desk) does not stay on the screen all day."""
    if status is None:
        return ()
    called = engine.queries.called()
    newest = {t.desk: t for t in reversed(called) if t.desk}  # newest call wins
    kinds = {d.name: d.kind for d in config.desks}
    if status.desks is not None:
        day_desks = [d for d in status.desks if kinds.get(d, "registration") in CALLING_KINDS]
        order = {d.name: i for i, d in enumerate(config.desks)}
        names = sorted(day_desks, key=lambda d: (order.get(d, len(order)), d))
    else:
        names = [d.name for d in config.desks if d.kind in CALLING_KINDS]
    now = engine.clock.now()
    for desk, ticket in sorted(newest.items()):
        at = ticket.called_at or ticket.first_called_at
        if desk not in names and at is not None and now - at <= ACTIVE_FOR:
            names.append(desk)
    return tuple(DeskNow(name, newest[name].label if name in newest else None) for name in names)


def wait_minutes(engine: Engine, counts: Counts | None) -> int | None:
    """The estimated wait of a ticket taken now (kiosk.wait_estimate, from the registration call
    rate), or None when there is no honest estimate yet."""
    if counts is None:
        return None
    estimate = engine.queries.wait_estimate(counts.waiting_registration)
    return estimate.minutes if estimate is not None else None


def day_now(engine: Engine) -> DayStatus | None:
    """Today's status, or None when no day is open today (or it cannot be read)."""
    try:
        return engine.day.status()
    except DayNotOpen:
        return None
    except KioskError as exc:
        log.debug("display: no day status (%s)", exc)
        return None


def day_state(status: DayStatus | None) -> str:
    if status is None:
        return NOT_OPEN
    return CLOSED if status.closed_reason == "day_closed" else OPEN


def load_snapshot(
    engine: Engine,
    config: Config,
    recent: int = 8,
    *,
    previous: Snapshot | None = None,
    events: list[Event] | None = None,
) -> Snapshot:
    """Desks and their current tickets, the last ``recent`` calls, counts, observation.

    With ``previous`` and the feed's ``events`` since it, the recent calls are extended from the
    events (the feed delivers every event once, in order) and observation is re-read only when
    an event may have changed it; otherwise everything is read from the database."""
    status = day_now(engine)
    minutes = status.observation_minutes if status is not None else None
    if previous is None or events is None:
        return Snapshot(
            desks_now(engine, config, status),
            recent_calls_from_log(engine, recent),
            status.counts if status is not None else None,
            obs_rows(engine.queries.public_observations(), config, minutes),
            day_state(status),
        )
    today = engine.today()
    calls = list(previous.recent)
    for event in events:
        label, desk = event.payload.get("label"), event.payload.get("desk")
        if event.kind == "called" and event.day == today and label and desk:
            calls = [c for c in calls if c.label != label]
            calls.insert(0, Call(str(label), str(desk), event.at))
    observing = previous.observing
    if any(event.kind not in QUEUE_ONLY_KINDS for event in events):
        observing = obs_rows(engine.queries.public_observations(), config, minutes)
    return Snapshot(
        desks_now(engine, config, status),
        tuple(calls[:recent]),
        status.counts if status is not None else None,
        observing,
        day_state(status),
    )
