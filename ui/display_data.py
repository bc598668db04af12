"""What the waiting-room display shows, read from the engine in one go (no widgets here).

The display re-reads a :class:`Snapshot` only when the feed brings events or a deadline passes;
the one-second ticker recomputes countdowns and the may-leave state from the snapshot's stored
observation ends with ``clock.now()``, through :meth:`kiosk.model.Observation.may_leave` (the one
engine rule), so nothing drifts and nothing is re-queried every second.

Privacy: the snapshot holds people only as masked names (:func:`kiosk.privacy.mask_name`); the
full name the engine returns is dropped here, before any widget sees it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.errors import DomainError
from kiosk.model import Counts, Observation
from kiosk.privacy import mask_name

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
            mask_name(o.person_name) if o.person_name else "",
            o.ticket.observation_end,
            replace(o, person_name=None),  # the full name goes no further
        )
        for o in observations
    )


def recent_calls_from_log(engine: Engine, count: int, window: int = 400) -> tuple[Call, ...]:
    """The newest ``count`` calls of today, newest first, one per ticket, from the event log
    (tickets forget their desk once served; the log remembers). Reads the last ``window`` events."""
    today = engine.today()
    last = engine.last_seq()
    events = engine.events_since(max(0, last - window), limit=window)
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


def load_snapshot(engine: Engine, config: Config, recent: int = 8) -> Snapshot:
    """Desks and their current tickets, the last ``recent`` calls, counts, observation."""
    called = engine.called()
    by_desk = {t.desk: t.label for t in reversed(called) if t.desk}  # newest call wins
    names = [d.name for d in config.desks if d.kind in CALLING_KINDS]
    names += sorted(d for d in by_desk if d not in names)  # desks of another PC's config
    desks = tuple(DeskNow(name, by_desk.get(name)) for name in names)
    recent_calls = recent_calls_from_log(engine, recent)
    try:
        counts: Counts | None = engine.day_status().counts
    except DomainError as exc:
        log.debug("display: no day status (%s)", exc)
        counts = None
    return Snapshot(desks, recent_calls, counts, obs_rows(engine.observations()))
