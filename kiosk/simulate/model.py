"""A fast model of a simulated day: the engine-driven day's own schedule and call order, kept in
memory (no database), so the staffing planner can try many staffings in seconds.

It plays the same script (:func:`kiosk.simulate.script.draw_day`) through the same steps as
:class:`kiosk.simulate.day.DaySimulation`: the same delays, the same call order as the engine's
(``kiosk.engine.tickets.CALL_ORDER``: reinstated tickets first, in reinstatement order; then
priority tickets; then the rest; each in issue order), the same close at 17:30 with observation
going on. Times are whole microseconds from the opening, as the engine's datetimes are.
Not modelled: the day's cap and stock (the planner's days have neither limit) and the dose rules
(one day of new residents meets none of them).
"""

from __future__ import annotations

import functools
import heapq
import itertools
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.reports.stats import percentile  # the day report's p90, exactly
from kiosk.simulate.params import CLOSE_AT, OPEN_AT, SimParams
from kiosk.simulate.script import Resident, draw_day

US = timedelta(microseconds=1)
MINUTE = 60_000_000  # microseconds
_TURNAROUND = 5_000_000
_RECALL, _MISSED, _REACTION, _RESOLVED = MINUTE, 2 * MINUTE, 10 * MINUTE, 15 * MINUTE

# ticket states, as few as the model needs
_WAITING, _CALLED, _OBSERVING, _DONE, _DEFERRED, _CANCELLED, _MISSED_STATE = range(7)
_REGISTRATION, _VACCINATION = 0, 1


@dataclass(frozen=True)
class ModelDay:
    """What the planner needs from one modelled day."""

    registration_desks: int
    stations: int
    issued: int
    vaccinated: int
    unserved: int  # still waiting or at a desk when the site closed
    p90_wait_minutes: float | None  # issue to first call, as the day report computes it
    p90_station_wait_minutes: float | None  # registered to first called at a station
    observation_peak: int
    day_ends: time | None  # the last release from observation (site time)


def observation_peak(spans: Iterable[tuple[object, object]]) -> int:
    """The most people in observation at once, from (in, out) pairs; a seat freed at a moment is
    free for someone sitting down at that same moment."""
    moves = sorted(m for start, end in spans for m in ((start, 1), (end, -1)))
    peak = here = 0
    for _, step in moves:
        here += step
        peak = max(peak, here)
    return peak


def model_day(params: SimParams, script: tuple[Resident, ...] | None = None) -> ModelDay:
    """Model the day of ``params`` (its seed, desks and stations, observation lengths); give
    ``script`` to reuse one already drawn for this seed and size."""
    residents = script if script is not None else draw_day(params, params.residents)
    return _Model(params, residents).run()


class _Model:
    def __init__(self, p: SimParams, script: tuple[Resident, ...]) -> None:
        self.p = p
        self.script = script
        self.now = 0
        self.heap: list[tuple[int, int, bool, Callable[[], None]]] = []
        self.order = itertools.count()
        # per ticket (index = ticket id, issue order)
        self.who: list[Resident] = []
        self.state: list[int] = []
        self.queue: list[int] = []
        self.issued_at: list[int] = []
        self.first_called: list[int | None] = []
        self.registered_at: list[int | None] = []
        self.station_called: list[int | None] = []
        self.vaccinated_at: list[int | None] = []
        self.finished_at: list[int | None] = []
        self.missed_once: set[tuple[int, int]] = set()
        self.injections: list[int] = []
        # per queue: reinstated (in reinstatement order), priority, the rest (heaps of ids)
        self.reinstated: tuple[deque[int], deque[int]] = (deque(), deque())
        self.priority: tuple[list[int], list[int]] = ([], [])
        self.rest: tuple[list[int], list[int]] = ([], [])
        self.desks = [[_REGISTRATION, False] for _ in range(p.registration_desks)] + [
            [_VACCINATION, False] for _ in range(p.vaccination_stations)
        ]

    def at(self, moment: int, action: Callable[[], None], observation: bool = False) -> None:
        heapq.heappush(self.heap, (moment, next(self.order), observation, action))

    def run(self) -> ModelDay:
        for resident in self.script:
            self.at(resident.arrives // US, functools.partial(self.arrive, resident))
        close_at = _micro(OPEN_AT, CLOSE_AT)
        closed = False
        while self.heap:
            moment, _, observation, action = heapq.heappop(self.heap)
            if not closed and moment > close_at:
                closed = True
            if closed and not observation:
                continue
            self.now = max(moment, self.now)
            action()
        return self.result()

    def result(self) -> ModelDay:
        p = self.p
        waits = sorted(
            (c - i) / MINUTE
            for i, c in zip(self.issued_at, self.first_called, strict=True)
            if c is not None
        )
        station = sorted(
            (c - r) / MINUTE
            for r, c in zip(self.registered_at, self.station_called, strict=True)
            if r is not None and c is not None
        )
        spans = [
            (v, f)
            for v, f in zip(self.vaccinated_at, self.finished_at, strict=True)
            if v is not None and f is not None
        ]
        last = max((f for _, f in spans), default=None)
        ends = None
        if last is not None:
            ends = (datetime.combine(date(2000, 1, 1), OPEN_AT) + last * US).time()
        return ModelDay(
            registration_desks=p.registration_desks,
            stations=p.vaccination_stations,
            issued=len(self.state),
            vaccinated=sum(1 for s in self.state if s in (_OBSERVING, _DONE)),
            unserved=sum(1 for s in self.state if s in (_WAITING, _CALLED)),
            p90_wait_minutes=round(percentile(waits, 0.9), 1) if waits else None,
            p90_station_wait_minutes=round(percentile(station, 0.9), 1) if station else None,
            observation_peak=observation_peak(spans),
            day_ends=ends,
        )

    # --- the queues (the engine's call order) -------------------------------------------------

    def join(self, ticket: int, queue: int) -> None:
        self.state[ticket], self.queue[ticket] = _WAITING, queue
        heapq.heappush((self.priority if self.who[ticket].priority else self.rest)[queue], ticket)

    def rejoin_front(self, ticket: int) -> None:
        self.state[ticket] = _WAITING
        self.reinstated[self.queue[ticket]].append(ticket)

    def take(self, queue: int) -> int | None:
        """The next waiting ticket of ``queue`` (entries left behind by a cancel are skipped)."""
        front = self.reinstated[queue]
        while front:
            ticket = front.popleft()
            if self._waiting_in(ticket, queue):
                return ticket
        for heap in (self.priority[queue], self.rest[queue]):
            while heap:
                ticket = heapq.heappop(heap)
                if self._waiting_in(ticket, queue):
                    return ticket
        return None

    def _waiting_in(self, ticket: int, queue: int) -> bool:
        return self.state[ticket] == _WAITING and self.queue[ticket] == queue

    # --- the day's steps, as DaySimulation takes them ----------------------------------------

    def arrive(self, resident: Resident) -> None:
        ticket = len(self.state)
        self.who.append(resident)
        for column in (self.state, self.queue):
            column.append(_WAITING)
        self.issued_at.append(self.now)
        for times in (self.first_called, self.registered_at, self.station_called):
            times.append(None)
        self.vaccinated_at.append(None)
        self.finished_at.append(None)
        self.injections.append(0)
        self.join(ticket, _REGISTRATION)
        if resident.cancels_after is not None:
            self.at(self.now + resident.cancels_after // US, lambda: self.maybe_cancel(ticket))
        self.wake(_REGISTRATION)

    def maybe_cancel(self, ticket: int) -> None:
        if self.state[ticket] == _WAITING:
            self.state[ticket] = _CANCELLED

    def wake(self, queue: int) -> None:
        for desk in self.desks:
            if desk[0] == queue and not desk[1]:
                desk[1] = True
                self.at(self.now, functools.partial(self.call_next, desk))
                return

    def call_next(self, desk: list[int | bool]) -> None:
        queue = int(desk[0])
        ticket = self.take(queue)
        if ticket is None:
            desk[1] = False
            return
        self.state[ticket] = _CALLED
        if self.first_called[ticket] is None:
            self.first_called[ticket] = self.now
        if queue == _VACCINATION and self.station_called[ticket] is None:
            self.station_called[ticket] = self.now
        resident = self.who[ticket]
        misses = (
            resident.misses_registration if queue == _REGISTRATION else resident.misses_vaccination
        )
        if misses and (ticket, queue) not in self.missed_once:
            self.missed_once.add((ticket, queue))
            self.at(self.now + _RECALL, _nothing)  # the recall: announced again, nothing changes
            self.at(self.now + _MISSED, lambda: self.no_show(desk, ticket))
            return
        if queue == _REGISTRATION:
            self.at(self.now + resident.registration // US, lambda: self.screen(desk, ticket))
        else:
            self.at(self.now + resident.vaccination // US, lambda: self.inject(desk, ticket))

    def free(self, desk: list[int | bool]) -> None:
        self.at(self.now + _TURNAROUND, lambda: self.call_next(desk))

    def no_show(self, desk: list[int | bool], ticket: int) -> None:
        self.state[ticket] = _MISSED_STATE
        self.free(desk)
        back = self.who[ticket].comes_back_after
        if back is not None:
            self.at(self.now + back // US, lambda: self.come_back(ticket))

    def come_back(self, ticket: int) -> None:
        if self.state[ticket] == _MISSED_STATE:
            self.rejoin_front(ticket)
            self.wake(self.queue[ticket])

    def screen(self, desk: list[int | bool], ticket: int) -> None:
        if self.who[ticket].deferred_at_registration:
            self.state[ticket] = _DEFERRED
        else:
            self.registered_at[ticket] = self.now
            self.join(ticket, _VACCINATION)
            self.wake(_VACCINATION)
        self.free(desk)

    def inject(self, desk: list[int | bool], ticket: int) -> None:
        resident = self.who[ticket]
        self.injections[ticket] += 1
        first = self.injections[ticket] == 1
        if first and resident.deferred_at_station:
            self.state[ticket] = _DEFERRED
            self.free(desk)
            return
        if first and resident.undone:  # vaccinated, undone at once: to the front of the queue
            self.rejoin_front(ticket)
            self.free(desk)
            self.wake(_VACCINATION)
            return
        self.state[ticket], self.vaccinated_at[ticket] = _OBSERVING, self.now
        self.free(desk)
        p = self.p
        minutes = p.observation_minutes + (p.allergy_extra_minutes if resident.allergy else 0)
        end = self.now + minutes * MINUTE
        if resident.leaves_early_after is not None:
            self.at(self.now + resident.leaves_early_after // US, lambda: self.leave(ticket), True)
            return
        if resident.adverse:
            self.at(self.now + _REACTION, self.reaction, True)
            end += 20 * MINUTE
        self.at(end + resident.lingers // US, lambda: self.leave(ticket), True)

    def reaction(self) -> None:
        self.at(self.now + _RESOLVED, _nothing, True)  # the reaction resolved

    def leave(self, ticket: int) -> None:
        self.state[ticket], self.finished_at[ticket] = _DONE, self.now


def _nothing() -> None:
    """A step of the engine-driven day that changes nothing the model keeps (it still takes its
    place in the schedule, so ties are broken alike)."""


def _micro(start: time, end: time) -> int:
    day = date(2000, 1, 1)
    return (datetime.combine(day, end) - datetime.combine(day, start)) // US
