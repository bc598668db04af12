"""The ticket's life (DESIGN.md, "A visit"): every transition, every wrong one, call order, desks,
missed tickets and their grace period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from kiosk.clock import FakeClock
from kiosk.engine import Engine
from kiosk.errors import CapReached, DayNotOpen, InvalidInput, InvalidTransition, NotFound
from kiosk.model import PersonIn
from kiosk.states import CALLED, IN_PROGRESS, VACCINATED, WAITING, Queue, State
from tests.kiosk.conftest import (
    MANAGER,
    NURSE,
    STATION,
    lot_id,
    make_ticket,
    nothing_written,
    open_day,
    register,
)

Op = Callable[[Engine, int], Any]

# Each operation that moves a ticket, with the states it is allowed from.
OPERATIONS: dict[str, tuple[Op, frozenset[State]]] = {
    "call": (lambda e, t: e.tickets.call(t, "X9", actor=NURSE), frozenset(WAITING.values())),
    "recall": (lambda e, t: e.tickets.recall(t, actor=NURSE), frozenset(CALLED.values())),
    "mark_missed": (lambda e, t: e.tickets.mark_missed(t, actor=NURSE), frozenset(CALLED.values())),
    "reinstate": (lambda e, t: e.tickets.reinstate(t, actor=NURSE), frozenset({State.MISSED})),
    "cancel": (lambda e, t: e.tickets.cancel(t, "left", actor=NURSE), IN_PROGRESS),
    "register": (lambda e, t: register(e, t), frozenset({State.CALLED_REGISTRATION})),
    "defer": (lambda e, t: e.care.defer(t, "fever", actor=NURSE), frozenset(CALLED.values())),
    "vaccinate": (
        lambda e, t: e.care.vaccinate(t, lot_id=lot_id(e), actor=STATION),
        frozenset({State.CALLED_VACCINATION}),
    ),
    "release": (lambda e, t: e.observation.release(t, actor=NURSE), frozenset({State.OBSERVING})),
    "leave_early": (
        lambda e, t: e.observation.leave_early(t, "bus", actor=NURSE),
        frozenset({State.OBSERVING}),
    ),
    "extend": (
        lambda e, t: e.observation.extend(t, 10, actor=NURSE),
        frozenset({State.OBSERVING}),
    ),
    "adverse_event": (
        lambda e, t: e.observation.record_adverse_event(
            t, symptoms="rash", severity="mild", action="watch", actor=NURSE
        ),
        frozenset({State.OBSERVING}),
    ),
    "correct_outcome": (
        lambda e, t: e.corrections.outcome(t, "mistake", actor=MANAGER),
        frozenset({State.DEFERRED, State.CANCELLED, State.LEFT_EARLY, State.RELEASED}),
    ),
    "correct_vaccination": (
        lambda e, t: e.corrections.vaccination(t, "mistake", actor=MANAGER, dose_number=2),
        VACCINATED,
    ),
}


@pytest.mark.parametrize("state", list(State), ids=lambda s: s.value)
def test_every_wrong_transition_is_refused_with_a_code_and_writes_nothing(
    engine: Engine, clock: FakeClock, state: State
) -> None:
    open_day(engine)
    ticket = make_ticket(engine, clock, state)
    assert ticket.state == state
    refused = 0
    for name, (op, allowed) in OPERATIONS.items():
        if state in allowed:
            continue
        with nothing_written(engine), pytest.raises(InvalidTransition) as exc:
            op(engine, ticket.id)
        assert exc.value.code == "invalid_transition", name
        assert exc.value.details["state"] == state.value, name
        refused += 1
    assert refused >= 8
    assert engine.queries.ticket(ticket.id).state == state


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_unknown_ticket_is_not_found(engine: Engine, name: str) -> None:
    open_day(engine)
    engine.tickets.issue("A")
    op, _ = OPERATIONS[name]
    with nothing_written(engine), pytest.raises(NotFound) as exc:
        op(engine, 9999)
    assert exc.value.code == "not_found"


# --- the table, row by row -----------------------------------------------------------------------


def test_take_a_number_waits_for_registration(engine: Engine) -> None:
    open_day(engine)
    t = engine.tickets.issue("A")
    assert (t.state, t.queue, t.label, t.desk) == (
        State.WAITING_REGISTRATION,
        Queue.REGISTRATION,
        "A001",
        None,
    )


def test_call_names_the_desk_and_registration_moves_to_vaccination(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    t = engine.tickets.issue("A")
    clock.advance(timedelta(minutes=5))
    called = engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE)
    assert called is not None and called.id == t.id
    assert (called.state, called.desk, called.called_at) == (
        State.CALLED_REGISTRATION,
        "R1",
        clock.now(),
    )
    assert engine.queries.at_desk("R1") == called
    done = register(engine, t.id)
    assert (done.state, done.queue, done.desk) == (
        State.WAITING_VACCINATION,
        Queue.VACCINATION,
        None,
    )
    assert engine.queries.at_desk("R1") is None
    assert [q.id for q in engine.queries.queue(Queue.VACCINATION)] == [t.id]
    v = engine.tickets.call_next(Queue.VACCINATION, "V1", actor=STATION)
    assert v is not None and (v.state, v.desk) == (State.CALLED_VACCINATION, "V1")


def test_vaccinated_starts_observation_now(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, observation=30)
    t = make_ticket(engine, clock, State.CALLED_VACCINATION)
    clock.advance(timedelta(minutes=7))
    done = engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION, dose_number=1)
    assert done.state == State.OBSERVING
    assert done.vaccinated_at == clock.now()
    assert done.observation_end == clock.now() + timedelta(minutes=30)
    assert (done.dose_number, done.lot_id, done.desk) == (1, lot_id(engine), None)


@pytest.mark.parametrize("at", [State.CALLED_REGISTRATION, State.CALLED_VACCINATION])
def test_defer_is_final_and_releases_the_dose_at_once(
    engine: Engine, clock: FakeClock, at: State
) -> None:
    open_day(engine, capacity=1)
    t = make_ticket(engine, clock, at)
    assert not engine.day.status().can_issue
    done = engine.care.defer(t.id, "fever 38.5", actor=NURSE)
    assert (done.state, done.reason, done.desk) == (State.DEFERRED, "fever 38.5", None)
    assert engine.day.status().can_issue
    with pytest.raises(InvalidInput):
        engine.care.defer(make_ticket(engine, clock, at).id, "  ", actor=NURSE)


@pytest.mark.parametrize(
    "state",
    [
        State.WAITING_REGISTRATION,
        State.CALLED_REGISTRATION,
        State.WAITING_VACCINATION,
        State.CALLED_VACCINATION,
    ],
)
def test_cancel_from_any_waiting_or_called_releases_the_dose(
    engine: Engine, clock: FakeClock, state: State
) -> None:
    open_day(engine, capacity=1)
    t = make_ticket(engine, clock, state)
    assert engine.day.status().closed_reason == "capacity"
    done = engine.tickets.cancel(t.id, "went home", actor=NURSE)
    assert (done.state, done.desk) == (State.CANCELLED, None)
    assert engine.day.status().can_issue
    assert engine.tickets.issue("A").label == "A002"


def test_recall_repeats_the_announcement_and_changes_nothing_else(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    clock.advance(timedelta(minutes=2))
    again = engine.tickets.recall(t.id, actor=NURSE)
    assert again == engine.queries.ticket(t.id) == t
    kinds = [e.kind for e in engine.queries.history(t.id)]
    assert kinds == ["issued", "called", "recalled"]
    assert engine.queries.history(t.id)[-1].payload["desk"] == "R1"


def test_desk_busy_until_its_ticket_moves_on(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    first = engine.tickets.issue("A")
    second = engine.tickets.issue("A")
    engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE)
    with nothing_written(engine), pytest.raises(InvalidTransition) as exc:
        engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE)
    assert exc.value.code == "desk_busy"
    with nothing_written(engine), pytest.raises(InvalidTransition) as exc:
        engine.tickets.call(second.id, "R1", actor=NURSE)
    assert exc.value.code == "desk_busy"
    # another desk may call meanwhile
    other = engine.tickets.call_next(Queue.REGISTRATION, "R2", actor=NURSE)
    assert other is not None and other.id == second.id
    engine.tickets.mark_missed(first.id, actor=NURSE)
    assert engine.queries.at_desk("R1") is None
    third = engine.tickets.issue("A")
    assert engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE).id == third.id  # type: ignore[union-attr]


def test_call_must_name_a_desk(engine: Engine) -> None:
    open_day(engine)
    engine.tickets.issue("A")
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.tickets.call_next(Queue.REGISTRATION, "  ", actor=NURSE)


def test_call_next_on_an_empty_queue_is_none(engine: Engine) -> None:
    open_day(engine)
    with nothing_written(engine):
        assert engine.tickets.call_next(Queue.VACCINATION, "V1", actor=STATION) is None


# --- call order ---------------------------------------------------------------------------------


def test_call_order_reinstated_then_priority_then_rest(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    a1 = engine.tickets.issue("A")
    a2 = engine.tickets.issue("A", priority=True)
    b1 = engine.tickets.issue("B")
    m1 = engine.tickets.issue("A")
    m2 = engine.tickets.issue("B")
    a3 = engine.tickets.issue("A", priority=True)
    a4 = engine.tickets.issue("A")
    for t, desk in ((m1, "R1"), (m2, "R2")):
        engine.tickets.call(t.id, desk, actor=NURSE)
        engine.tickets.mark_missed(t.id, actor=NURSE)
    # reinstated in the opposite order of issue: reinstatement order wins
    clock.advance(timedelta(minutes=3))
    engine.tickets.reinstate(m2.id, actor=NURSE)
    engine.tickets.reinstate(m1.id, actor=NURSE)
    expected = [m2.id, m1.id, a2.id, a3.id, a1.id, b1.id, a4.id]
    assert [t.id for t in engine.queries.queue(Queue.REGISTRATION)] == expected
    called = []
    for _ in expected:
        now_called = engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE)
        assert now_called is not None
        called.append(now_called.id)
        engine.tickets.cancel(now_called.id, "done", actor=NURSE)
    assert called == expected
    assert engine.queries.people_ahead(engine.queries.ticket(a4.id)) == 0


def test_call_order_in_the_vaccination_queue_and_reinstatement_there(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    ts = [engine.tickets.issue("A", priority=(i == 2)) for i in range(4)]
    for t in ts:
        engine.tickets.call(t.id, "R1", actor=NURSE)
        register(engine, t.id)
    # the priority flag also orders the vaccination queue
    assert [t.id for t in engine.queries.queue(Queue.VACCINATION)] == [
        ts[2].id,
        ts[0].id,
        ts[1].id,
        ts[3].id,
    ]
    engine.tickets.call(ts[3].id, "V1", actor=STATION)
    missed = engine.tickets.mark_missed(ts[3].id, actor=STATION)
    assert (missed.state, missed.queue) == (State.MISSED, Queue.VACCINATION)
    back = engine.tickets.reinstate(ts[3].id, actor=STATION)
    assert back.state == State.WAITING_VACCINATION
    assert [t.id for t in engine.queries.queue(Queue.VACCINATION)][0] == ts[3].id
    assert engine.queries.people_ahead(engine.queries.ticket(ts[0].id)) == 2


def test_registering_a_reinstated_ticket_does_not_keep_it_at_the_front(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    early = make_ticket(engine, clock, State.WAITING_VACCINATION)
    late = engine.tickets.issue("A")
    engine.tickets.call(late.id, "R1", actor=NURSE)
    engine.tickets.mark_missed(late.id, actor=NURSE)
    engine.tickets.reinstate(late.id, actor=NURSE)
    engine.tickets.call(late.id, "R1", actor=NURSE)
    register(engine, late.id)
    assert [t.id for t in engine.queries.queue(Queue.VACCINATION)] == [early.id, late.id]


# --- missed and the grace period -----------------------------------------------------------------


def test_missed_keeps_its_dose_for_the_grace_period_then_the_kiosk_reopens(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine, capacity=2, grace=30)
    engine.tickets.issue("A")
    t = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    seq = engine.queries.last_seq()
    missed = engine.tickets.mark_missed(t.id, actor=NURSE)
    assert (missed.state, missed.queue, missed.desk, missed.missed_at) == (
        State.MISSED,
        Queue.REGISTRATION,
        None,
        clock.now(),
    )
    status = engine.day.status()
    assert (status.can_issue, status.closed_reason, status.counts.reserved) == (
        False,
        "capacity",
        2,
    )
    assert engine.queries.next_deadline() == clock.now() + timedelta(minutes=30)
    clock.advance(timedelta(minutes=29, seconds=59))
    assert not engine.day.status().can_issue
    with nothing_written(engine), pytest.raises(CapReached):
        engine.tickets.issue("A")
    clock.advance(timedelta(seconds=1))
    status = engine.day.status()
    assert status.can_issue and status.counts.reserved == 1
    assert (
        engine.queries.last_seq() == seq + 1
    )  # time passing wrote nothing: only the "missed" event
    assert engine.queries.next_deadline() is None
    assert engine.tickets.issue("A").label == "A003"


def test_reinstate_within_grace_always_even_at_the_cap(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, capacity=1, grace=30)
    t = make_ticket(engine, clock, State.MISSED)
    clock.advance(timedelta(minutes=29))
    back = engine.tickets.reinstate(t.id, actor=NURSE)
    assert (back.state, back.queue) == (State.WAITING_REGISTRATION, Queue.REGISTRATION)
    assert back.reinstated_seq is not None
    assert engine.queries.history(t.id)[-1].payload["in_grace"] is True


def test_reinstate_after_grace_only_while_a_dose_is_free(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, capacity=2, grace=30)
    t = make_ticket(engine, clock, State.MISSED)
    clock.advance(timedelta(minutes=30))
    other = engine.tickets.issue("A")
    engine.tickets.issue("A")  # the missed dose was released and taken: at the cap again
    with nothing_written(engine), pytest.raises(CapReached) as exc:
        engine.tickets.reinstate(t.id, actor=NURSE)
    assert exc.value.code == "cap_reached"
    assert engine.queries.ticket(t.id).state == State.MISSED
    engine.tickets.cancel(other.id, "left", actor=NURSE)
    back = engine.tickets.reinstate(t.id, actor=NURSE)
    assert back.state == State.WAITING_REGISTRATION
    assert engine.queries.history(t.id)[-1].payload["in_grace"] is False
    assert not engine.day.status().can_issue


def test_mark_missed_at_the_vaccination_station_remembers_that_queue(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.CALLED_VACCINATION)
    engine.tickets.mark_missed(t.id, actor=STATION)
    assert engine.tickets.reinstate(t.id, actor=STATION).state == State.WAITING_VACCINATION


def test_day_not_open_is_refused_everywhere(engine: Engine) -> None:
    with nothing_written(engine), pytest.raises(DayNotOpen) as exc:
        engine.tickets.issue("A")
    assert exc.value.code == "day_not_open"
    with nothing_written(engine), pytest.raises(DayNotOpen):
        engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE)
    with nothing_written(engine), pytest.raises(DayNotOpen):
        engine.day.set_capacity(10, actor=MANAGER)
    with nothing_written(engine), pytest.raises(DayNotOpen):
        engine.day.close(actor=MANAGER)
    with nothing_written(engine), pytest.raises(DayNotOpen):
        engine.day.status()


def test_unknown_ticket_in_lookups(engine: Engine) -> None:
    open_day(engine)
    with pytest.raises(NotFound):
        engine.queries.ticket(12345)
    with pytest.raises(NotFound) as exc:
        engine.queries.ticket_by_token("nope")
    assert exc.value.code == "unknown_token"
    with pytest.raises(NotFound) as exc:
        engine.queries.ticket_by_label("A001")
    assert exc.value.code == "unknown_label"
    t = engine.tickets.issue("A")
    assert engine.queries.ticket_by_token(t.token) == t == engine.queries.ticket_by_label("a001")


def test_registration_person_must_have_a_name(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    with nothing_written(engine), pytest.raises(InvalidInput):
        register(engine, t.id, PersonIn(name=" "))
    with nothing_written(engine), pytest.raises(InvalidInput):
        register(engine, t.id, dose_number=0)


def test_a_day_left_open_does_not_keep_a_desk_busy_next_morning(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    engine.tickets.issue("A")
    assert engine.tickets.call_next(Queue.REGISTRATION, "登记1", actor=NURSE) is not None
    clock.advance(timedelta(days=1))  # nobody closed yesterday; the desk still "holds" A001
    open_day(engine)
    engine.tickets.issue("A")
    today = engine.tickets.call_next(Queue.REGISTRATION, "登记1", actor=NURSE)
    assert today is not None and today.day == engine.today()
