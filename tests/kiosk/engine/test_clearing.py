"""Clearing to zero: residents still needed for every opened dose, vials near their use-by with
nobody waiting, and the standby list whose arrivals get a priority ticket (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.clock import FakeClock
from kiosk.engine import Engine
from kiosk.errors import CapReached, DomainError, InvalidInput, InvalidTransition, NotAllowed
from kiosk.states import Queue, State
from tests.kiosk.conftest import MANAGER, NURSE, STATION, lot_id, nothing_written, register


def vaccinate_one(engine: Engine) -> None:
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "R1", actor=NURSE)
    register(engine, t.id)
    engine.tickets.call(t.id, "V1", actor=STATION)
    engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION)


def test_needed_counts_opened_doses_no_issued_ticket_will_take(both: Engine) -> None:
    engine = both  # ten 5-dose vials
    start = engine.clearing.status()
    assert (start.open_doses_left, start.needed, start.unopened_vials) == (0, 0, 10)
    assert start.unopened_doses == 50 and start.cleared
    vaccinate_one(engine)  # opens a vial: 4 doses left in it
    s = engine.clearing.status()
    assert (s.open_doses_left, s.promised, s.needed) == (4, 0, 4)
    assert (s.unopened_vials, s.unopened_doses) == (9, 45)
    assert len(s.vials) == 1 and s.vials[0].doses_left == 4
    waiting = [engine.tickets.issue("A") for _ in range(3)]
    engine.tickets.call(waiting[0].id, "R1", actor=NURSE)
    engine.tickets.mark_missed(waiting[0].id, actor=NURSE)  # within grace: still expected
    s = engine.clearing.status()
    assert (s.promised, s.needed) == (3, 1)
    for _ in range(3):
        engine.tickets.issue("A")
    assert engine.clearing.status().needed == 0  # more expected than opened doses left


def test_a_vial_near_its_use_by_with_nobody_waiting_is_a_warning(
    both: Engine, clock: FakeClock
) -> None:
    engine = both
    vaccinate_one(engine)
    vial = engine.clearing.status().vials[0]
    clock.set(vial.use_by - timedelta(minutes=25))
    assert engine.clearing.status(warn_minutes=20).warnings == ()
    clock.advance(timedelta(minutes=6))
    s = engine.clearing.status(warn_minutes=20)
    assert [w.vial_id for w in s.warnings] == [vial.vial_id] and s.warnings[0].minutes_left == 19
    engine.tickets.issue("A")  # someone is waiting: they can take a dose, no warning
    assert engine.clearing.status(warn_minutes=20).warnings == ()


def test_the_standby_list_from_added_to_arrived_with_a_priority_ticket(both: Engine) -> None:
    engine = both
    a = engine.clearing.add_standby("李四", "138 0013 8000", "下午都在家", actor=MANAGER)
    b = engine.clearing.add_standby("王五", "0755-2234567", actor=MANAGER)
    assert (a.status, a.phone, a.ticket_label) == ("waiting", "13800138000", None)
    assert engine.clearing.mark_standby(a.id, "called", actor=MANAGER).status == "called"
    assert engine.clearing.mark_standby(b.id, "unreachable", actor=MANAGER).status == "unreachable"
    engine.clearing.mark_standby(a.id, "coming", actor=MANAGER)
    earlier = engine.tickets.issue("A")
    ticket = engine.clearing.standby_arrived(a.id, actor=MANAGER)
    assert ticket.priority and ticket.state == State.WAITING_REGISTRATION
    listed = {e.id: e for e in engine.clearing.status().standby}
    assert listed[a.id].status == "arrived" and listed[a.id].ticket_label == ticket.label
    assert listed[b.id].status == "unreachable"
    called = engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE)
    assert called is not None and called.id == ticket.id != earlier.id  # priority goes first
    kinds = [e.kind for e in engine.queries.events_since(0)]
    assert kinds.count("standby_added") == 2 and "standby_arrived" in kinds
    for event in engine.queries.events_since(0):  # no name or phone in the audit trail
        assert "李四" not in repr(event.payload) and "13800138000" not in repr(event.payload)
    with nothing_written(engine), pytest.raises(InvalidTransition):
        engine.clearing.standby_arrived(a.id, actor=MANAGER)  # one ticket per arrival
    with nothing_written(engine), pytest.raises(InvalidTransition):
        engine.clearing.mark_standby(a.id, "waiting", actor=MANAGER)


def test_bad_standby_entries_are_refused_naming_the_field(both: Engine) -> None:
    engine = both
    cases = [
        (("", "13800138000"), "name"),
        (("李四", "1380013"), "phone"),
        (("李四", "call me"), "phone"),
    ]
    for (name, phone), field in cases:
        with nothing_written(engine), pytest.raises(InvalidInput) as refused:
            engine.clearing.add_standby(name, phone, actor=MANAGER)
        assert refused.value.details["field"] == field
    entry = engine.clearing.add_standby("李四", "13800138000", actor=MANAGER)
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.clearing.mark_standby(entry.id, "arrived", actor=MANAGER)  # only with a ticket
    with nothing_written(engine), pytest.raises(NotAllowed):
        engine.clearing.add_standby("李四", "13800138000", actor=NURSE)
    with nothing_written(engine), pytest.raises(DomainError) as missing:
        engine.clearing.mark_standby(entry.id + 99, "called", actor=MANAGER)
    assert missing.value.code == "not_found"


def test_an_arrival_is_refused_like_the_kiosk_when_the_cap_is_reached(both: Engine) -> None:
    engine = both
    entry = engine.clearing.add_standby("李四", "13800138000", actor=MANAGER)
    engine.day.set_capacity(0, actor=MANAGER)
    with nothing_written(engine), pytest.raises(CapReached):
        engine.clearing.standby_arrived(entry.id, actor=MANAGER)
    assert engine.clearing.standby_list()[0].status == "waiting"


def test_a_long_name_or_note_is_refused_naming_its_field(both: Engine) -> None:
    engine = both
    with nothing_written(engine), pytest.raises(InvalidInput) as refused:
        engine.clearing.add_standby("李" * 101, "13800138000", actor=MANAGER)
    assert refused.value.details["field"] == "name"
    with nothing_written(engine), pytest.raises(InvalidInput) as refused:
        engine.clearing.add_standby("李四", "13800138000", "x" * 201, actor=MANAGER)
    assert refused.value.details["field"] == "note"
    entry = engine.clearing.add_standby("李" * 100, "13800138000", actor=MANAGER)
    assert len(engine.clearing.standby_list()[0].name) == 100 == len(entry.name)
