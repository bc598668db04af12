"""A whole service day driven through the real engine with a simulated clock and no screens.

Residents arrive on a morning-peaked curve and take numbers at the kiosk; registration desks and
vaccination stations call, screen, register and vaccinate with random service times; a few percent
are deferred, miss their call (some come back and are reinstated), cancel, or leave early; observation
runs its configured length. Discrete events: the fake clock jumps from one to the next, so a day takes
seconds. ``until`` stops mid-day and leaves the database in that state (demos, screenshots).

Several days (:func:`simulate_days`) share one :class:`Population`: residents carry valid resident
ID numbers, and those due a later dose come back within the rules' window, a few too early (the
desk is refused; about half are then overridden with a coded reason, the rest deferred).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from kiosk.clock import FakeClock
from kiosk.config import DEFAULT_SCREENING
from kiosk.dose_rules import RuleSet
from kiosk.engine import Engine
from kiosk.errors import CapReached, DomainError, StockError
from kiosk.idnumber import check_character
from kiosk.model import KIOSK_ACTOR, Actor, LotIn, PersonIn, Ticket
from kiosk.report import day_figures
from kiosk.states import Queue, State

OPEN_AT = time(8, 0)
LAST_ARRIVAL = time(15, 30)
CLOSE_AT = time(17, 30)
PEAK = time(9, 15)

SCREENING_KEYS = tuple(q.key for q in DEFAULT_SCREENING)
DEFER_REASONS = ("发热 fever", "慢性病未控制 uncontrolled chronic disease", "近14天接种其他疫苗")
DEFER_CODES = ("fever", "acute_illness", "chronic_uncontrolled", "recent_vaccine")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


@dataclass(frozen=True)
class SimParams:
    residents: int
    seed: int
    day: date
    capacity: int | None = None
    stock: int | None = None
    until: time | None = None
    registration_desks: int = 3
    vaccination_stations: int = 4
    observation_minutes: int = 30
    grace_minutes: int = 30
    allergy_extra_minutes: int = 30
    doses_per_vial: int = 5
    priority_share: float = 0.10
    defer_share: float = 0.03
    no_show_share: float = 0.03
    return_share: float = 0.5
    cancel_share: float = 0.01
    leave_early_share: float = 0.01
    adverse_share: float = 0.005
    undo_share: float = 0.003  # a wrong "vaccinated" undone (the dose drawn or not), then given
    rules: RuleSet | None = None  # the day's dose rules (None: opened without rules)
    early_share: float = 0.05  # of those due back, come before their dose is allowed
    override_share: float = 0.5  # of those refused as too early, a nurse overrides


REGIONS = ("110105", "310104", "440305", "510107", "420106", "330106", "320102", "610113")
BLOCKS = ("too_early", "series_complete", "too_young", "too_old", "age_unknown")


class Population:
    """The residents of several simulated days: who is new, and who is due back when."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = itertools.count(1)
        self.due: dict[date, list[PersonIn]] = {}
        self.caught_early = 0
        self.overridden = 0

    def new_person(self, day: date) -> PersonIn:
        """Someone new, with a valid resident ID (GB 11643) and a phone number."""
        n = next(self.serial)
        age = self.rng.choice((5, 12)) if self.rng.random() < 0.05 else self.rng.randint(18, 85)
        born = day - timedelta(days=365 * age + self.rng.randint(0, 364))
        body = f"{self.rng.choice(REGIONS)}{born:%Y%m%d}{n % 1000:03d}"
        name = self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))
        )
        return PersonIn(name, body + check_character(body), f"139{n:08d}")

    def arrivals(self, day: date, new: int) -> list[PersonIn]:
        """Those due back on ``day`` and ``new`` residents, in random order."""
        people = self.due.pop(day, []) + [self.new_person(day) for _ in range(new)]
        self.rng.shuffle(people)
        return people

    def vaccinated(
        self, person: PersonIn, day: date, dose_number: int, rules: RuleSet | None, early: float
    ) -> None:
        """Schedule the person's next primary dose within the rules' window (a few too early)."""
        rule = rules.rules[0] if rules and rules.rules else None
        if rule is None or dose_number >= rule.series:
            return
        low = rule.min_interval_days[dose_number - 1]
        high = rule.max_interval_days[dose_number - 1] if rule.max_interval_days else low + 28
        if self.rng.random() < early:
            wait = self.rng.randint(max(1, low - 7), max(1, low - 1))
        else:
            wait = self.rng.randint(low, high)
        self.due.setdefault(day + timedelta(days=wait), []).append(person)


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
        self.rng = random.Random(params.seed)
        self.population = population or Population(random.Random(params.seed + 1))
        self.people: list[PersonIn] = []
        self.who: dict[int, PersonIn] = {}
        self.undone = 0
        self.heap: list[tuple[datetime, int, bool, Callable[[], object]]] = []
        self.order = itertools.count()
        self.desks = [
            _Desk(f"登记{i + 1}", Queue.REGISTRATION) for i in range(params.registration_desks)
        ] + [_Desk(f"接种{i + 1}", Queue.VACCINATION) for i in range(params.vaccination_stations)]
        self.staff = {d.name: Actor(staff=f"nurse-{d.name}", terminal=d.name) for d in self.desks}
        self.manager = Actor(staff="manager", terminal="admin", role="manager")
        self.turned_away = 0
        self.lot_ids: list[int] = []
        self.lot_index = 0
        self.allergy: set[int] = set()

    # --- the schedule ------------------------------------------------------------------------

    def at(
        self, moment: datetime, action: Callable[[], object], *, observation: bool = False
    ) -> None:
        """Schedule ``action``. Only observation actions still happen after the site closes."""
        heapq.heappush(self.heap, (moment, next(self.order), observation, action))

    def local(self, t: time) -> datetime:
        return datetime.combine(self.p.day, t, tzinfo=self.e.tz)

    def minutes(self, mean: float, sd: float) -> timedelta:
        """A service time: lognormal with the given mean and spread, in minutes."""
        sigma2 = math.log(1 + (sd / mean) ** 2)
        value = self.rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))
        return timedelta(minutes=value)

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
        for moment in self.arrivals(len(self.people)):
            self.at(moment, self.arrive)
        stop = self.local(p.until) if p.until else None
        close_at, closed = self.local(CLOSE_AT), False
        while self.heap:
            moment, _, observation, action = self.heap[0]
            if stop is not None and moment > stop:
                self.clock.set(max(stop, self.clock.now()))
                return SimOutcome(
                    day_figures(self.e, p.day), self.turned_away, self.clock.now(), False
                )
            if not closed and moment > close_at:
                closed = True  # no one new is served; observation goes on, then the day closes
            heapq.heappop(self.heap)
            if closed and not observation:
                continue
            self.clock.set(max(moment, self.clock.now()))
            action()
        self.close()  # whoever still waits is unserved; the day balances
        return SimOutcome(day_figures(self.e, p.day), self.turned_away, self.clock.now(), True)

    def step(self) -> bool:
        """Run the next scheduled action (continuing a day stopped with ``until``); False when
        nothing is left."""
        if not self.heap:
            return False
        moment, _, _, action = heapq.heappop(self.heap)
        self.clock.set(max(moment, self.clock.now()))
        action()
        return True

    def arrivals(self, count: int) -> list[datetime]:
        """A morning peak (most come early, many before 10:00) over a flat trickle."""
        start, end = self.local(OPEN_AT), self.local(LAST_ARRIVAL)
        span = (end - start).total_seconds()
        peak = (self.local(PEAK) - start).total_seconds()
        times = []
        for _ in range(count):
            if self.rng.random() < 0.65:
                offset = -1.0
                while not 0 <= offset <= span:
                    offset = self.rng.gauss(peak, 50 * 60)
            else:
                offset = self.rng.uniform(0, span)
            times.append(start + timedelta(seconds=offset))
        return sorted(times)

    # --- residents ---------------------------------------------------------------------------

    def arrive(self) -> None:
        priority = self.rng.random() < self.p.priority_share
        prefix = "A" if self.rng.random() < 0.6 else "B"
        try:
            ticket = self.e.tickets.issue(prefix, priority=priority, actor=KIOSK_ACTOR)
        except CapReached:
            self.turned_away += 1
            return
        if self.people:
            self.who[ticket.id] = self.people.pop()
        if self.rng.random() < self.p.cancel_share:
            self.at(self.clock.now() + self.minutes(40, 20), lambda: self.maybe_cancel(ticket.id))
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
        now = self.clock.now()
        if self.rng.random() < self.p.no_show_share:
            self.at(
                now + timedelta(minutes=1),
                lambda: self.e.tickets.recall(ticket.id, actor=self.staff[desk.name]),
            )
            self.at(now + timedelta(minutes=2), lambda: self.no_show(desk, ticket.id))
            return
        if desk.queue == Queue.REGISTRATION:
            self.at(now + self.minutes(2.5, 1.0), lambda: self.screen(desk, ticket))
        else:
            self.at(now + self.minutes(1.5, 0.5), lambda: self.inject(desk, ticket.id))

    def free(self, desk: _Desk) -> None:
        self.at(self.clock.now() + timedelta(seconds=5), lambda: self.call_next(desk))

    def no_show(self, desk: _Desk, ticket_id: int) -> None:
        self.e.tickets.mark_missed(ticket_id, actor=self.staff[desk.name])
        self.free(desk)
        if self.rng.random() < self.p.return_share:
            back = self.clock.now() + timedelta(minutes=self.rng.uniform(5, 60))
            self.at(back, lambda: self.come_back(ticket_id))

    def come_back(self, ticket_id: int) -> None:
        try:
            ticket = self.e.tickets.reinstate(ticket_id, actor=self.manager)
        except CapReached:
            self.turned_away += 1
            return
        self.wake(ticket.queue)

    def screen(self, desk: _Desk, ticket: Ticket) -> None:
        actor, ticket_id = self.staff[desk.name], ticket.id
        if self.rng.random() < self.p.defer_share:
            self.e.care.defer(ticket_id, self.reason(DEFER_CODES, DEFER_REASONS), actor=actor)
        else:
            allergy = self.rng.random() < 0.05
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
        actor = self.staff[desk.name]
        if self.rng.random() < 0.01:
            why = self.reason(("acute_illness",), ("接种前复核不适宜 not suitable on review",))
            self.e.care.defer(ticket_id, why, actor=actor)
            self.free(desk)
            return
        done = self.vaccinate(ticket_id, actor)
        if self.rng.random() < self.p.undo_share:  # clicked on the wrong row: undone at once
            drawn = self.rng.random() < 0.5
            self.e.corrections.undo_vaccination(ticket_id, "点错 wrong row", drawn=drawn,
                                                actor=actor)  # fmt: skip
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
        roll = self.rng.random()
        if roll < self.p.leave_early_share:
            early = self.clock.now() + timedelta(minutes=self.rng.uniform(5, 20))
            self.at(
                early,
                lambda: self.e.observation.leave_early(ticket_id, "自行离开", actor=self.manager),
                observation=True,
            )
            return
        if roll < self.p.leave_early_share + self.p.adverse_share:
            self.at(
                self.clock.now() + timedelta(minutes=10),
                lambda: self.reaction(ticket_id),
                observation=True,
            )
            end = end + timedelta(minutes=20)
        self.at(
            end + timedelta(minutes=self.rng.uniform(0, 4)),
            lambda: self.leave(ticket_id),
            observation=True,
        )

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
        for vial in self.e.day.status(self.p.day).open_vials:
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


def desks_needed(residents: int) -> tuple[int, int]:
    """Registration desks and vaccination stations to serve ``residents`` in a day (about 2.5 and
    1.5 minutes each over seven hours of service)."""
    return math.ceil(residents * 2.5 / 420), math.ceil(residents * 1.5 / 420)


def summary(outcome: SimOutcome, params: SimParams) -> dict[str, Any]:
    out = dict(outcome.figures)
    out["turned_away"] = outcome.turned_away
    out["simulated_until"] = outcome.stopped_at.isoformat()
    out["finished"] = outcome.finished
    out["residents"] = params.residents
    out["registration_desks"] = params.registration_desks
    out["vaccination_stations"] = params.vaccination_stations
    out["seed"] = params.seed
    return out
