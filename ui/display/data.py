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
from kiosk.errors import KioskError
from kiosk.model import Counts, Event, Observation

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


@dataclass(frozen=True)
class ObsRow:
    """One person in observation, public form: number, masked name, stored end."""

    ticket_id: int
    label: str
    masked_name: str
    end: datetime | None
    observation: Observation  # kept for the may-leave rule; its name is never shown
    end_ts: float = float("inf")  # the end as a POSIX timestamp: a cheap "not yet" pre-check

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


@dataclass(frozen=True)
class Snapshot:
    desks: tuple[DeskNow, ...]
    recent: tuple[Call, ...]  # newest first
    counts: Counts | None  # None when no day is open
    observing: tuple[ObsRow, ...]  # soonest end first


def obs_rows(observations: list[Observation]) -> tuple[ObsRow, ...]:
    return tuple(
        ObsRow(
            o.ticket.id,
            o.ticket.label,
            o.person_name or "",  # masked by the engine (public_observations)
            o.ticket.observation_end,
            o,
            o.ticket.observation_end.timestamp() if o.ticket.observation_end else float("inf"),
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


def desks_now(engine: Engine, config: Config) -> tuple[DeskNow, ...]:
    called = engine.queries.called()
    by_desk = {t.desk: t.label for t in reversed(called) if t.desk}  # newest call wins
    names = [d.name for d in config.desks if d.kind in CALLING_KINDS]
    names += sorted(d for d in by_desk if d not in names)  # desks of another PC's config
    return tuple(DeskNow(name, by_desk.get(name)) for name in names)


def wait_minutes(engine: Engine, counts: Counts | None) -> int | None:
    """The estimated wait of a ticket taken now (kiosk.wait_estimate, from the registration call
    rate), or None when there is no honest estimate yet."""
    if counts is None:
        return None
    estimate = engine.queries.wait_estimate(counts.waiting_registration)
    return estimate.minutes if estimate is not None else None


def counts_now(engine: Engine) -> Counts | None:
    try:
        return engine.day.status().counts
    except KioskError as exc:
        log.debug("display: no day status (%s)", exc)
        return None


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
    if previous is None or events is None:
        return Snapshot(
            desks_now(engine, config),
            recent_calls_from_log(engine, recent),
            counts_now(engine),
            obs_rows(engine.queries.public_observations()),
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
        observing = obs_rows(engine.queries.public_observations())
    return Snapshot(desks_now(engine, config), tuple(calls[:recent]), counts_now(engine), observing)
