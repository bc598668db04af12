"""Property tests: random operation sequences and clock jumps through the real engine on SQLite.

A small model of every ticket (state, queue, desk, reinstatement order, adverse events) is kept
beside the engine; after every step the engine must agree with it and with the invariants of
DESIGN.md: one desk per ticket and one ticket per desk, numbers unique and gap-free per prefix,
the cap never exceeded by an issue, the call order, counts that reconcile, nobody released early
or with an open adverse event, and doses used + wasted + left = stock.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.schema import adverse_events, lots, vials
from kiosk.engine import Engine
from kiosk.errors import CapReached, DomainError, InvalidTransition, NotYet, StockError
from kiosk.model import Actor, LotIn, PersonIn, Ticket
from kiosk.states import CALLED, IN_PROGRESS, VACCINATED, WAITING, Queue, State, count_group
from tests.kiosk.conftest import DAY, start_of_day
from tests.pg_server import PgServer

NURSE = Actor("nurse", "desk")
MANAGER = Actor("manager", "admin", "manager")
DESKS = {Queue.REGISTRATION: ("R1", "R2", "R3"), Queue.VACCINATION: ("V1", "V2")}
ID_NUMBERS = (None, None, "11010519491231002X", "110101199003070011", "110101199003070038")
LATEST = start_of_day().replace(hour=22)  # keep the whole run inside one service day

picks = st.integers(0, 10_000)

# What each ticket operation may start from; anything else must be refused (wrong_transition).
ALLOWED: dict[str, frozenset[State]] = {
    "recall": frozenset(CALLED.values()),
    "mark_missed": frozenset(CALLED.values()),
    "reinstate": frozenset({State.MISSED}),
    "cancel": IN_PROGRESS,
    "register": frozenset({State.CALLED_REGISTRATION}),
    "defer": frozenset(CALLED.values()),
    "vaccinate": frozenset({State.CALLED_VACCINATION}),
    "release": frozenset({State.OBSERVING}),
    "leave_early": frozenset({State.OBSERVING}),
    "extend": frozenset({State.OBSERVING}),
    "adverse_event": frozenset({State.OBSERVING}),
    "correct_outcome": frozenset(
        {State.DEFERRED, State.CANCELLED, State.LEFT_EARLY, State.RELEASED}
    ),
}


# Every step is one action drawn here, weighted towards the way a day goes. (One dispatching rule
# rather than a rule each: Hypothesis' swarm testing switches rules off per run, and a run
# without "issue" or "call_next" never gets past the kiosk.)
ACTIONS: dict[str, tuple[int, dict[str, st.SearchStrategy[Any]]]] = {
    "issue": (
        4,
        {
            "prefix": st.sampled_from(["A", "B"]),
            "priority": st.booleans(),
            "key": st.sampled_from([None, None, None, "tap-1", "tap-2"]),
        },
    ),
    "call_next": (6, {"queue": st.sampled_from(list(Queue)), "d": st.integers(0, 2)}),
    "register": (
        5,
        {"i": picks, "who": st.sampled_from(ID_NUMBERS), "minutes": st.sampled_from([None, 45])},
    ),
    "vaccinate": (5, {"i": picks}),
    "release": (3, {"i": picks}),
    "time_passes": (3, {"minutes": st.integers(0, 40)}),
    "recall": (1, {"i": picks}),
    "mark_missed": (2, {"i": picks}),
    "reinstate": (2, {"i": picks}),
    "cancel": (1, {"i": picks}),
    "defer": (1, {"i": picks}),
    "leave_early": (1, {"i": picks}),
    "extend": (1, {"i": picks, "minutes": st.integers(1, 20)}),
    "adverse_event": (2, {"i": picks}),
    "close_adverse_event": (1, {"i": picks}),
    "correct_outcome": (1, {"i": picks}),
    "wrong_transition": (1, {"i": picks, "name": st.sampled_from(sorted(ALLOWED))}),
    "set_capacity": (1, {"capacity": st.integers(0, 30)}),
    "add_vials": (1, {"n": st.integers(1, 3)}),
    "waste": (1, {"i": picks, "doses": st.integers(1, 6)}),
}


@dataclass
class M:
    """The model of one ticket."""

    prefix: str
    number: int
    priority: bool
    state: State = State.WAITING_REGISTRATION
    queue: Queue = Queue.REGISTRATION
    desk: str | None = None
    front: int | None = None  # reinstatement order while waiting at the front of its queue
    missed_at: datetime | None = None
    id_number: str | None = None
    observation_minutes: int | None = None
    observation_end: datetime | None = None
    open_ae: set[int] = field(default_factory=set)


class EngineMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory(prefix="kiosk-prop-")
        self.clock = FakeClock(start_of_day())
        self.db = open_database(self.new_url(), "main", TRAINING, self.clock.now())
        self.engine = Engine(self.db, self.clock, "main", "Asia/Shanghai")
        self.model: dict[int, M] = {}
        self.keys: dict[str, int] = {}
        self.fronts = 0

    def new_url(self) -> str:
        """A fresh database for one example (SQLite here; PostgreSQL below)."""
        return f"sqlite:///{Path(self.tmp.name) / 'kiosk.sqlite'}"

    def teardown(self) -> None:
        self.db.dispose()
        self.tmp.cleanup()

    # --- helpers -------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def pick(self, name: str, i: int) -> int:
        ids = sorted(t for t, m in self.model.items() if m.state in ALLOWED[name])
        return ids[i % len(ids)]

    def in_grace(self, m: M) -> bool:
        assert m.missed_at is not None
        return self.now() < m.missed_at + timedelta(minutes=self.grace)

    def refused(self, error: type[DomainError], op: object, code: str | None = None) -> None:
        seq = self.engine.queries.last_seq()
        with pytest.raises(error) as exc:
            op()  # type: ignore[operator]
        if code is not None:
            assert exc.value.code == code
        assert self.engine.queries.last_seq() == seq

    def to_front(self, m: M) -> None:
        self.fronts += 1
        m.front = self.fronts

    def agree(self, ticket: Ticket) -> None:
        m = self.model[ticket.id]
        assert (ticket.state, ticket.queue, ticket.desk) == (m.state, m.queue, m.desk)

    def enabled(self, name: str) -> bool:
        if name in ALLOWED:
            return any(m.state in ALLOWED[name] for m in self.model.values())
        if name == "close_adverse_event":
            return any(m.open_ae for m in self.model.values())
        if name == "wrong_transition":
            return bool(self.model)
        return True

    @rule(data=st.data())
    def act(self, data: st.DataObject) -> None:
        names = [n for n, (weight, _) in ACTIONS.items() if self.enabled(n) for _ in range(weight)]
        name = data.draw(st.sampled_from(names), label="action")
        args = {k: data.draw(strategy, label=k) for k, strategy in ACTIONS[name][1].items()}
        getattr(self, name)(**args)

    # --- the day -------------------------------------------------------------------------------

    @initialize(
        capacity=st.integers(3, 25),
        n_vials=st.integers(2, 12),
        per_vial=st.sampled_from([1, 2, 5]),
        use_within=st.sampled_from([45, 120, 480]),
        grace=st.sampled_from([0, 10, 30]),
        observation=st.sampled_from([15, 30]),
        queue_at_opening=st.lists(st.booleans(), max_size=6),
    )
    def open(
        self,
        capacity: int,
        n_vials: int,
        per_vial: int,
        use_within: int,
        grace: int,
        observation: int,
        queue_at_opening: list[bool],
    ) -> None:
        self.grace, self.observation = grace, observation
        status = self.engine.day.open(
            capacity=capacity,
            observation_minutes=observation,
            missed_grace_minutes=grace,
            lots_in=[LotIn("疫苗", "L1", DAY + timedelta(days=30), per_vial, n_vials, use_within)],
            actor=MANAGER,
        )
        self.lot_id = status.lots[0].id
        for priority in queue_at_opening:  # people already waiting when the doors open
            self.issue("A", priority, None)

    def time_passes(self, minutes: int) -> None:
        seq = self.engine.queries.last_seq()
        self.clock.set(min(self.now() + timedelta(minutes=minutes), LATEST))
        assert self.engine.queries.last_seq() == seq

    def set_capacity(self, capacity: int) -> None:
        assert self.engine.day.set_capacity(capacity, actor=MANAGER).capacity == capacity

    def add_vials(self, n: int) -> None:
        self.engine.day.add_vials(self.lot_id, n, actor=MANAGER)

    def waste(self, i: int, doses: int) -> None:
        open_vials = self.engine.day.status().open_vials
        if not open_vials:
            return
        vial = open_vials[i % len(open_vials)]
        if doses > vial.doses_left:
            self.refused(
                StockError,
                lambda: self.engine.stock.waste(vial.id, doses, "dropped", actor=NURSE),
                "too_many",
            )
        else:
            after = self.engine.stock.waste(vial.id, doses, "dropped", actor=NURSE)
            assert after.doses_left == vial.doses_left - doses

    # --- issuing and calling ---------------------------------------------------------------------

    def issue(self, prefix: str, priority: bool, key: str | None) -> None:
        before = self.engine.day.status()
        if key is not None and key in self.keys:
            seq = self.engine.queries.last_seq()
            again = self.engine.tickets.issue(prefix, priority=priority, key=key)
            assert again.id == self.keys[key] and self.engine.queries.last_seq() == seq
            return
        if not before.can_issue:
            self.refused(
                CapReached, lambda: self.engine.tickets.issue(prefix, priority=priority, key=key)
            )
            return
        t = self.engine.tickets.issue(prefix, priority=priority, key=key)
        expected = 1 + sum(1 for m in self.model.values() if m.prefix == prefix)
        assert (t.prefix, t.number, t.label) == (prefix, expected, f"{prefix}{expected:03d}")
        self.model[t.id] = M(prefix, t.number, priority)
        if key is not None:
            self.keys[key] = t.id
        # the cap: this issue did not take vaccinated + reserved past capacity or stock
        after = self.engine.day.status()
        c = after.counts
        assert c.vaccinated + c.reserved <= after.capacity
        assert after.doses_used + after.doses_wasted + c.reserved <= after.stock

    def call_next(self, queue: Queue, d: int) -> None:
        desk = DESKS[queue][d % len(DESKS[queue])]
        if any(m.desk == desk for m in self.model.values()):
            self.refused(
                InvalidTransition,
                lambda: self.engine.tickets.call_next(queue, desk, actor=NURSE),
                "desk_busy",
            )
            return
        waiting = self.engine.queries.queue(queue)
        called = self.engine.tickets.call_next(queue, desk, actor=NURSE)
        if not waiting:
            assert called is None
            return
        assert called is not None and called.id == waiting[0].id  # the call order holds
        m = self.model[called.id]
        m.state, m.desk = CALLED[queue], desk
        self.agree(called)

    # --- ticket operations: each runs only when some ticket fits it (see enabled) ----------------

    def op(self, name: str, tid: int, **kw: Any) -> Callable[[], Any]:
        """The engine call for operation ``name`` on ticket ``tid``."""
        e = self.engine
        calls: dict[str, Callable[[], Any]] = {
            "recall": lambda: e.tickets.recall(tid, actor=NURSE),
            "mark_missed": lambda: e.tickets.mark_missed(tid, actor=NURSE),
            "reinstate": lambda: e.tickets.reinstate(tid, actor=NURSE),
            "cancel": lambda: e.tickets.cancel(tid, "left", actor=NURSE),
            "register": lambda: e.care.register(
                tid,
                PersonIn("王芳", kw.get("who")),
                dose_number=1,
                consent=True,
                screening={"fever": False},
                actor=NURSE,
                observation_minutes=kw.get("minutes"),
            ),
            "defer": lambda: e.care.defer(tid, "fever", actor=NURSE),
            "vaccinate": lambda: e.care.vaccinate(tid, lot_id=self.lot_id, actor=NURSE),
            "release": lambda: e.observation.release(tid, actor=NURSE),
            "leave_early": lambda: e.observation.leave_early(tid, "bus", actor=NURSE),
            "extend": lambda: e.observation.extend(tid, kw.get("minutes", 5), actor=NURSE),
            "adverse_event": lambda: e.observation.record_adverse_event(
                tid, symptoms="rash", severity="mild", action="watch", actor=NURSE
            ),
            "correct_outcome": lambda: e.corrections.outcome(tid, "mistake", actor=NURSE),
        }
        return calls[name]

    def wrong_transition(self, i: int, name: str) -> None:
        tid = sorted(self.model)[i % len(self.model)]
        if self.model[tid].state not in ALLOWED[name]:
            self.refused(InvalidTransition, self.op(name, tid), "invalid_transition")

    def recall(self, i: int) -> None:
        self.agree(self.op("recall", self.pick("recall", i))())

    def mark_missed(self, i: int) -> None:
        tid = self.pick("mark_missed", i)
        m = self.model[tid]
        m.state, m.desk, m.front, m.missed_at = State.MISSED, None, None, self.now()
        self.agree(self.op("mark_missed", tid)())

    def reinstate(self, i: int) -> None:
        tid = self.pick("reinstate", i)
        m = self.model[tid]
        if not self.in_grace(m) and not self.engine.day.status().can_issue:
            self.refused(CapReached, self.op("reinstate", tid))
            return
        m.state = WAITING[m.queue]
        self.to_front(m)
        self.agree(self.op("reinstate", tid)())

    def cancel(self, i: int) -> None:
        tid = self.pick("cancel", i)
        m = self.model[tid]
        m.state, m.desk = State.CANCELLED, None
        self.agree(self.op("cancel", tid)())

    # --- registration and vaccination -----------------------------------------------------------

    def register(self, i: int, who: str | None, minutes: int | None) -> None:
        tid = self.pick("register", i)
        op = self.op("register", tid, who=who, minutes=minutes)
        registered = {State.WAITING_VACCINATION, State.CALLED_VACCINATION} | VACCINATED
        if who is not None and any(
            o.id_number == who and o.state in registered for o in self.model.values()
        ):
            self.refused(DomainError, op, "duplicate_person")
            return
        m = self.model[tid]
        m.state, m.queue, m.desk, m.front = State.WAITING_VACCINATION, Queue.VACCINATION, None, None
        m.id_number, m.observation_minutes = who, minutes
        self.agree(op())

    def defer(self, i: int) -> None:
        tid = self.pick("defer", i)
        m = self.model[tid]
        m.state, m.desk = State.DEFERRED, None
        self.agree(self.op("defer", tid)())

    def vaccinate(self, i: int) -> None:
        tid = self.pick("vaccinate", i)
        op = self.op("vaccinate", tid)
        status = self.engine.day.status()
        lot = status.lots[0]
        if not status.open_vials and lot.vials_opened >= lot.vials:
            # no dose to draw: vials past their use-by, or doses wasted after issuing
            self.refused(StockError, op, "no_vials")
            return
        m = self.model[tid]
        m.state, m.desk = State.OBSERVING, None
        m.observation_end = self.now() + timedelta(
            minutes=m.observation_minutes or self.observation
        )
        done = op()
        self.agree(done)
        assert done.observation_end == m.observation_end

    # --- observation ---------------------------------------------------------------------------

    def release(self, i: int) -> None:
        # mostly someone whose time is up (as the exit scan would see), sometimes anyone observing
        due = sorted(
            t
            for t, m in self.model.items()
            if m.state == State.OBSERVING and m.observation_end and self.now() >= m.observation_end
        )
        tid = due[i // 4 % len(due)] if due and i % 4 else self.pick("release", i)
        op = self.op("release", tid)
        m = self.model[tid]
        assert m.observation_end is not None
        if self.now() < m.observation_end:
            self.refused(NotYet, op, "not_yet")
        elif m.open_ae:
            self.refused(NotYet, op, "adverse_event_open")
        else:
            m.state = State.RELEASED
            self.agree(op())

    def leave_early(self, i: int) -> None:
        tid = self.pick("leave_early", i)
        self.model[tid].state = State.LEFT_EARLY
        self.agree(self.op("leave_early", tid)())

    def extend(self, i: int, minutes: int) -> None:
        tid = self.pick("extend", i)
        m = self.model[tid]
        assert m.observation_end is not None
        m.observation_end = max(m.observation_end, self.now()) + timedelta(minutes=minutes)
        assert self.op("extend", tid, minutes=minutes)().observation_end == m.observation_end

    def adverse_event(self, i: int) -> None:
        tid = self.pick("adverse_event", i)
        self.model[tid].open_ae.add(self.op("adverse_event", tid)().id)

    def close_adverse_event(self, i: int) -> None:
        open_aes = sorted((ae, t) for t, m in self.model.items() for ae in m.open_ae)
        ae, tid = open_aes[i % len(open_aes)]
        self.engine.observation.close_adverse_event(ae, "better", actor=NURSE)
        self.model[tid].open_ae.discard(ae)

    def correct_outcome(self, i: int) -> None:
        tid = self.pick("correct_outcome", i)
        op = self.op("correct_outcome", tid)
        m = self.model[tid]
        if m.state in (State.LEFT_EARLY, State.RELEASED):
            m.state = State.OBSERVING
        elif not self.engine.day.status().can_issue:
            self.refused(CapReached, op)
            return
        else:
            m.state = WAITING[m.queue]
            self.to_front(m)
        self.agree(op())

    # --- invariants ----------------------------------------------------------------------------

    @invariant()
    def engine_agrees_with_the_model(self) -> None:
        tickets = self.engine.queries.tickets_of_day()
        assert sorted(t.id for t in tickets) == sorted(self.model)
        for t in tickets:
            self.agree(t)

    @invariant()
    def one_desk_per_ticket_and_one_ticket_per_desk(self) -> None:
        called = [t for t in self.engine.queries.tickets_of_day() if t.state in CALLED.values()]
        assert all(t.desk for t in called)
        assert len({t.desk for t in called}) == len(called)
        others = [t for t in self.engine.queries.tickets_of_day() if t.state not in CALLED.values()]
        assert all(t.desk is None for t in others)
        for t in called:
            assert self.engine.queries.at_desk(t.desk or "") == t

    @invariant()
    def numbers_unique_and_gap_free_per_prefix(self) -> None:
        tickets = self.engine.queries.tickets_of_day()
        for prefix in "AB":
            numbers = sorted(t.number for t in tickets if t.prefix == prefix)
            assert numbers == list(range(1, len(numbers) + 1))
        assert len({t.label for t in tickets}) == len(tickets)
        assert len({t.token for t in tickets}) == len(tickets)

    @invariant()
    def call_order(self) -> None:
        for queue in Queue:
            waiting = [(tid, m) for tid, m in self.model.items() if m.state == WAITING[queue]]
            waiting.sort(
                key=lambda x: (
                    (0, x[1].front, 0)
                    if x[1].front is not None
                    else (1, 0 if x[1].priority else 1, x[0])
                )
            )
            assert [t.id for t in self.engine.queries.queue(queue)] == [tid for tid, _ in waiting]

    @invariant()
    def counts_reconcile(self) -> None:
        c = self.engine.day.status().counts
        assert c.issued == len(self.model)
        assert c.issued == (
            c.vaccinated + c.deferred + c.cancelled + c.missed + c.unserved + c.in_progress
        )
        groups: dict[str, int] = {}
        for m in self.model.values():
            groups[count_group(m.state)] = groups.get(count_group(m.state), 0) + 1
        assert (c.vaccinated, c.in_progress, c.deferred, c.cancelled, c.missed) == tuple(
            groups.get(g, 0)
            for g in ("vaccinated", "in_progress", "deferred", "cancelled", "missed")
        )
        held = sum(
            1
            for m in self.model.values()
            if m.state in IN_PROGRESS or (m.state == State.MISSED and self.in_grace(m))
        )
        assert c.reserved == held

    @invariant()
    def nobody_leaves_early_or_with_an_open_adverse_event(self) -> None:
        now = self.now()
        for obs in self.engine.queries.observations():
            m = self.model[obs.ticket.id]
            assert obs.ticket.observation_end == m.observation_end
            assert obs.open_adverse_events == len(m.open_ae)
            assert obs.may_leave(now) == (
                m.observation_end is not None and now >= m.observation_end and not m.open_ae
            )
        with self.db.read() as conn:
            aes = conn.execute(sa.select(adverse_events)).all()
        for t in self.engine.queries.tickets_of_day():
            if t.state != State.RELEASED:
                continue
            assert t.observation_end is not None and t.finished_at is not None
            assert t.finished_at >= t.observation_end
            for ae in aes:
                if ae.ticket_id == t.id:
                    assert ae.closed_at is not None and ae.closed_at <= t.finished_at

    @invariant()
    def doses_used_wasted_and_left_make_the_stock(self) -> None:
        status = self.engine.day.status()
        with self.db.read() as conn:
            lot = conn.execute(sa.select(lots)).one()
            rows = conn.execute(sa.select(vials)).all()
        per = lot.doses_per_vial
        assert all(0 <= v.doses_drawn + v.doses_wasted <= per for v in rows)
        used = sum(v.doses_drawn for v in rows)
        wasted = sum(v.doses_wasted for v in rows)
        left = (lot.vials - len(rows)) * per + sum(
            per - v.doses_drawn - v.doses_wasted for v in rows
        )
        assert len(rows) <= lot.vials and left >= 0
        assert used + wasted + left == lot.vials * per == status.stock
        assert (status.doses_used, status.doses_wasted, status.doses_left) == (used, wasted, left)
        assert used == sum(1 for m in self.model.values() if m.state in VACCINATED)


EngineMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestEngineProperties = EngineMachine.TestCase


@pytest.mark.slow
def test_the_same_properties_hold_on_postgresql(pg_server: PgServer) -> None:
    """The same random operation sequences on a real PostgreSQL server (fewer examples: each
    creates and migrates a database)."""

    class OnPostgres(EngineMachine):
        def new_url(self) -> str:
            return pg_server.new_database()

    run_state_machine_as_test(
        OnPostgres,
        settings=settings(
            max_examples=12,
            stateful_step_count=40,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
