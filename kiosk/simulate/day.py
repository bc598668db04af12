"""A whole service day driven through the real engine with a simulated clock and no screens.

Residents (:mod:`kiosk.simulate.script`: a morning-peaked arrival curve, service times, the few
percent who are deferred, miss their call and perhaps come back, cancel or leave early) take
numbers at the kiosk; registration desks and vaccination stations call, screen, register and
vaccinate; observation runs its configured length. Discrete events: the fake clock jumps from one
to the next, so a day takes seconds. ``until`` stops mid-day and leaves the database in that state
(demos, screenshots).

Several days (:func:`simulate_days`) share one :class:`Population`: residents carry valid resident
ID numbers, and those due a later dose come back within the rules' window, a few too early (the
desk is refused; about half are then overridden with a coded reason, the rest deferred).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from kiosk.clock import FakeClock
from kiosk.config import DEFAULT_SCREENING
from kiosk.dose_rules import RuleSet
from kiosk.engine import Engine
from kiosk.errors import CapReached, DomainError, StockError
from kiosk.model import KIOSK_ACTOR, Actor, LotIn, PersonIn, Ticket
from kiosk.reports.flat import day_figures
from kiosk.simulate.params import CLOSE_AT, OPEN_AT, SimParams, desk_names
from kiosk.simulate.population import Population
from kiosk.simulate.script import PLAIN, Resident, draw_day
from kiosk.states import VACCINATED, Queue, State

SCREENING_KEYS = tuple(q.key for q in DEFAULT_SCREENING)
DEFER_REASONS = ("发热 fever", "慢性病未控制 uncontrolled chronic disease", "近14天接种其他疫苗")
DEFER_CODES = ("fever", "acute_illness", "chronic_uncontrolled", "recent_vaccine")
BLOCKS = ("too_early", "series_complete", "too_young", "too_old", "age_unknown")
TURNAROUND = timedelta(seconds=5)  # a desk calls the next this long after finishing one


@dataclass
class _Desk:
    name: str
    queue: Queue
    busy: bool = False


@dataclass
class SimOutcome:
    figures: dict[str, Any]
    turned_away: int
    stopped_at: datetime
    finished: bool
    notes: list[str] = field(default_factory=list)
    observation_peak: int = 0  # the most people in observation at once
    day_ends: datetime | None = None  # the last release from observation


class DaySimulation:
    def __init__(
        self,
        engine: Engine,
        clock: FakeClock,
        params: SimParams,
        population: Population | None = None,
    ) -> None:
        self.e = engine
        self.clock = clock
        self.p = params
        self.rng = random.Random(f"choices:{params.seed}")  # which reason, override or not
        self.population = population or Population(random.Random(params.seed + 1))
        self.people: list[PersonIn] = []
        self.who: dict[int, PersonIn] = {}
        self.script: dict[int, Resident] = {}  # ticket id -> the resident holding it
        self.missed_once: set[tuple[int, Queue]] = set()
        self.injections: Counter[int] = Counter()
        self.undone = 0
        self.heap: list[tuple[datetime, int, bool, Callable[[], object]]] = []
        self.order = itertools.count()
        registration = desk_names(params.registration_names, params.registration_desks, "登记")
        stations = desk_names(
            params.station_names, params.vaccination_stations, "接种", avoid=registration
        )
        self.desks = [_Desk(name, Queue.REGISTRATION) for name in registration] + [
            _Desk(name, Queue.VACCINATION) for name in stations
        ]
        self.staff = {d.name: Actor(staff=f"nurse-{d.name}", terminal=d.name) for d in self.desks}
        self.manager = Actor(staff="manager", terminal="admin", role="manager")
        self.turned_away = 0
        self.lot_ids: list[int] = []
        self.lot_index = 0

    # --- the schedule ------------------------------------------------------------------------

    def at(
        self, moment: datetime, action: Callable[[], object], *, observation: bool = False
    ) -> None:
        """Schedule ``action``. Only observation actions still happen after the site closes."""
        heapq.heappush(self.heap, (moment, next(self.order), observation, action))

    def local(self, t: time) -> datetime:
        return datetime.combine(self.p.day, t, tzinfo=self.e.tz)

    def run(self) -> SimOutcome:
        p = self.p
        self.clock.set(self.local(time(7, 45)))
        self.people = self.population.arrivals(p.day, p.residents)
        expected = len(self.people)  # the new residents and those due back today
        capacity = p.capacity if p.capacity is not None else expected
        stock = p.stock if p.stock is not None else expected + p.doses_per_vial
        self.e.day.open(
            capacity=capacity,
            observation_minutes=p.observation_minutes,
            missed_grace_minutes=p.grace_minutes,
            lots_in=_lots(stock, p.doses_per_vial, p.day, p.rules),
            actor=self.manager,
            allergy_extra_minutes=p.allergy_extra_minutes,
            rules=p.rules,
        )
        self.lot_ids = [lot.id for lot in self.e.day.status(p.day).lots]
        opening = self.local(OPEN_AT)
        for resident in draw_day(p, expected):
            self.at(opening + resident.arrives, functools.partial(self.arrive, resident))
        stop = self.local(p.until) if p.until else None
        close_at, closed = self.local(CLOSE_AT), False
        while self.heap:
            moment, _, observation, action = self.heap[0]
            if stop is not None and moment > stop:
                self.clock.set(max(stop, self.clock.now()))
                return self.outcome(finished=False)
            if not closed and moment > close_at:
                closed = True  # no one new is served; observation goes on, then the day closes
            heapq.heappop(self.heap)
            if closed and not observation:
                continue
            self.clock.set(max(moment, self.clock.now()))
            action()
        self.close()  # whoever still waits is unserved; the day balances
        return self.outcome(finished=True)

    def outcome(self, *, finished: bool) -> SimOutcome:
        peak, ends = observation_shape(self.e, self.p.day)
        return SimOutcome(
            day_figures(self.e, self.p.day),
            self.turned_away,
            self.clock.now(),
            finished,
            observation_peak=peak,
            day_ends=ends,
        )

    def step(self) -> bool:
        """Run the next scheduled action (continuing a day stopped with ``until``); False when
        nothing is left."""
        if not self.heap:
            return False
        moment, _, _, action = heapq.heappop(self.heap)
        self.clock.set(max(moment, self.clock.now()))
        action()
        return True

    # --- residents ---------------------------------------------------------------------------

    def resident(self, ticket_id: int) -> Resident:
        return self.script.get(ticket_id, PLAIN)

    def arrive(self, resident: Resident) -> None:
        try:
            ticket = self.e.tickets.issue(
                resident.prefix, priority=resident.priority, actor=KIOSK_ACTOR
            )
        except CapReached:
            self.turned_away += 1
            return
        self.script[ticket.id] = resident
        if self.people:
            self.who[ticket.id] = self.people.pop()
        if resident.cancels_after is not None:
            self.at(self.clock.now() + resident.cancels_after, lambda: self.maybe_cancel(ticket.id))
        self.wake(Queue.REGISTRATION)

    def maybe_cancel(self, ticket_id: int) -> None:
        ticket = self.e.queries.ticket(ticket_id)
        if ticket.state in (State.WAITING_REGISTRATION, State.WAITING_VACCINATION):
            self.e.tickets.cancel(ticket_id, "等不及离开 left the queue", actor=self.manager)

    def wake(self, queue: Queue) -> None:
        """Someone joined ``queue``: an idle desk of that kind calls now."""
        for desk in self.desks:
            if desk.queue == queue and not desk.busy:
                desk.busy = True
                self.at(self.clock.now(), functools.partial(self.call_next, desk))
                return

    def call_next(self, desk: _Desk) -> None:
        ticket = self.e.tickets.call_next(desk.queue, desk.name, actor=self.staff[desk.name])
        if ticket is None:
            desk.busy = False
            return
        now, resident = self.clock.now(), self.resident(ticket.id)
        misses = (
            resident.misses_registration
            if desk.queue == Queue.REGISTRATION
            else resident.misses_vaccination
        )
        if misses and (ticket.id, desk.queue) not in self.missed_once:
            self.missed_once.add((ticket.id, desk.queue))
            self.at(
                now + timedelta(minutes=1),
                lambda: self.e.tickets.recall(ticket.id, actor=self.staff[desk.name]),
            )
            self.at(now + timedelta(minutes=2), lambda: self.no_show(desk, ticket.id))
            return
        if desk.queue == Queue.REGISTRATION:
            self.at(now + resident.registration, lambda: self.screen(desk, ticket))
        else:
            self.at(now + resident.vaccination, lambda: self.inject(desk, ticket.id))

    def free(self, desk: _Desk) -> None:
        self.at(self.clock.now() + TURNAROUND, lambda: self.call_next(desk))

    def no_show(self, desk: _Desk, ticket_id: int) -> None:
        self.e.tickets.mark_missed(ticket_id, actor=self.staff[desk.name])
        self.free(desk)
        back = self.resident(ticket_id).comes_back_after
        if back is not None:
            self.at(self.clock.now() + back, lambda: self.come_back(ticket_id))

    def come_back(self, ticket_id: int) -> None:
        try:
            ticket = self.e.tickets.reinstate(ticket_id, actor=self.manager)
        except CapReached:
            self.turned_away += 1
            return
        self.wake(ticket.queue)

    def screen(self, desk: _Desk, ticket: Ticket) -> None:
        actor, ticket_id = self.staff[desk.name], ticket.id
        resident = self.resident(ticket_id)
        if resident.deferred_at_registration:
            self.e.care.defer(ticket_id, self.reason(DEFER_CODES, DEFER_REASONS), actor=actor)
        else:
            allergy = resident.allergy
            answers = {k: (k == "allergy" and allergy) for k in SCREENING_KEYS}
            person = self.who.get(ticket_id) or self.population.new_person(self.p.day)
            self.who[ticket_id] = person

            def register(override: str | None = None) -> None:
                self.e.care.register(
                    ticket_id,
                    person,
                    screening=answers,
                    consent=True,
                    allergy=allergy,  # the engine adds the day's allergy extension
                    override=override,
                    actor=actor,
                )

            try:
                register()
            except DomainError as exc:  # the rules caught it: override, or not today
                if exc.code not in BLOCKS:
                    raise
                self.population.caught_early += exc.code == "too_early"
                reasons = self.p.rules.override_reasons if self.p.rules else ()
                if reasons and self.rng.random() < self.p.override_share:
                    register(self.rng.choice(reasons).code)
                    self.population.overridden += 1
                else:
                    why = self.reason(("not_by_schedule",), (f"不符合接种程序 {exc.code}",))
                    self.e.care.defer(ticket_id, why, note=exc.code, actor=actor)
                    self.free(desk)
                    return
            self.wake(Queue.VACCINATION)
        self.free(desk)

    def inject(self, desk: _Desk, ticket_id: int) -> None:
        actor, resident = self.staff[desk.name], self.resident(ticket_id)
        self.injections[ticket_id] += 1
        first = self.injections[ticket_id] == 1
        if first and resident.deferred_at_station:
            why = self.reason(("acute_illness",), ("接种前复核不适宜 not suitable on review",))
            self.e.care.defer(ticket_id, why, actor=actor)
            self.free(desk)
            return
        done = self.vaccinate(ticket_id, actor)
        if first and resident.undone:  # clicked on the wrong row: undone at once
            self.e.corrections.undo_vaccination(ticket_id, "点错 wrong row",
                                                drawn=resident.undo_drawn, actor=actor)  # fmt: skip
            self.undone += 1
            self.free(desk)
            self.wake(Queue.VACCINATION)
            return
        self.free(desk)
        if ticket_id in self.who and done.dose_number is not None:
            self.population.vaccinated(
                self.who[ticket_id], self.p.day, done.dose_number, self.p.rules,
                self.p.early_share,
            )  # fmt: skip
        assert done.observation_end is not None
        end = done.observation_end
        if resident.leaves_early_after is not None:
            self.at(
                self.clock.now() + resident.leaves_early_after,
                lambda: self.e.observation.leave_early(ticket_id, "自行离开", actor=self.manager),
                observation=True,
            )
            return
        if resident.adverse:
            self.at(
                self.clock.now() + timedelta(minutes=10),
                lambda: self.reaction(ticket_id),
                observation=True,
            )
            end = end + timedelta(minutes=20)
        self.at(end + resident.lingers, lambda: self.leave(ticket_id), observation=True)

    def vaccinate(self, ticket_id: int, actor: Actor) -> Ticket:
        """From the first lot that still has doses (the engine opens vials as needed)."""
        while self.lot_index < len(self.lot_ids):
            try:
                return self.e.care.vaccinate(
                    ticket_id, lot_id=self.lot_ids[self.lot_index], actor=actor
                )
            except StockError as exc:
                if exc.code != "no_vials":
                    raise
                self.lot_index += 1
        raise StockError("stock ran out in the simulation", code="no_vials")

    def reason(self, codes: tuple[str, ...], texts: tuple[str, ...], kind: str = "deferral") -> str:
        """A coded reason when the day's rules list them, free text otherwise."""
        coded = self.p.rules is not None and bool(self.p.rules.coded(kind))
        return self.rng.choice(codes if coded else texts)

    def reaction(self, ticket_id: int) -> None:
        ae = self.e.observation.record_adverse_event(
            ticket_id,
            symptoms="接种部位红肿 redness at the injection site",
            severity="mild",
            action="观察 observe",
            actor=self.manager,
        )
        self.at(
            self.clock.now() + timedelta(minutes=15),
            lambda: self.e.observation.close_adverse_event(
                ae.id, "缓解 resolved", actor=self.manager
            ),
            observation=True,
        )

    def leave(self, ticket_id: int) -> None:
        self.e.observation.release(ticket_id, actor=self.manager)

    def close(self) -> None:
        """End of day: waste what is left in opened vials (with the reason), then close."""
        self.clock.set(max(self.clock.now(), self.local(CLOSE_AT)))
        status = self.e.day.status(self.p.day)
        for vial in (*status.open_vials, *status.expired_vials):  # past its use-by: left too
            why = self.reason(("day_end",), ("当日未用完 left at close",), "waste")
            self.e.stock.waste(vial.id, vial.doses_left, why, actor=self.manager)
        self.e.day.close(actor=self.manager, day=self.p.day)


def _lots(stock: int, doses_per_vial: int, day: date, rules: RuleSet | None) -> list[LotIn]:
    product = rules.rules[0].product if rules and rules.rules else "新冠疫苗(Vero细胞)"
    expiry = day + timedelta(days=120)
    vials, rest = divmod(stock, doses_per_vial)
    lots = []
    if vials:
        lots.append(LotIn(product, f"SIM{day:%m%d}A", expiry, doses_per_vial, vials))
    if rest:
        lots.append(LotIn(product, f"SIM{day:%m%d}B", expiry, 1, rest))
    return lots


def simulate_days(
    engine: Engine, clock: FakeClock, params: SimParams, days: int
) -> tuple[list[SimOutcome], Population]:
    """``days`` consecutive service days ending on ``params.day`` (``until`` stops the last),
    each with ``params.residents`` new residents and those due back."""
    population = Population(random.Random(params.seed))
    outcomes = []
    for back in range(days - 1, -1, -1):
        day = params.day - timedelta(days=back)
        one = replace(
            params, day=day, seed=params.seed + back, until=None if back else params.until
        )
        sim = DaySimulation(engine, clock, one, population)
        outcomes.append(sim.run())
    return outcomes, population


def summary(outcome: SimOutcome, params: SimParams) -> dict[str, Any]:
    out = dict(outcome.figures)
    out["turned_away"] = outcome.turned_away
    out["simulated_until"] = outcome.stopped_at.isoformat()
    out["finished"] = outcome.finished
    out["residents"] = params.residents
    out["registration_desks"] = params.registration_desks
    out["vaccination_stations"] = params.vaccination_stations
    out["seed"] = params.seed
    out["observation_peak"] = outcome.observation_peak
    out["day_ends"] = f"{outcome.day_ends:%H:%M}" if outcome.day_ends else None
    return out


def observation_shape(engine: Engine, day: date) -> tuple[int, datetime | None]:
    """The most people in observation at once on ``day``, and when the last of them left (None
    when nobody was vaccinated). Someone still in observation counts until now."""
    moves: list[tuple[datetime, int]] = []
    now = engine.clock.now()
    for t in engine.queries.tickets_of_day(day):
        if t.state in VACCINATED and t.vaccinated_at is not None:
            moves += [(t.vaccinated_at, 1), (t.finished_at or now, -1)]
    if not moves:
        return 0, None
    moves.sort(key=lambda m: (m[0], m[1]))  # a seat freed at the moment another is taken
    peak = here = 0
    for _, step in moves:
        here += step
        peak = max(peak, here)
    return peak, max(m for m, step in moves if step < 0).astimezone(engine.tz)
