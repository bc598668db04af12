"""Taking a number: numbers per day and prefix, the QR token, the cap, idempotency."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.clock import FakeClock
from kiosk.engine import Engine
from kiosk.errors import CapReached, DayNotOpen, InvalidInput
from kiosk.states import Queue, State
from tests.kiosk.conftest import MANAGER, NURSE, lot, make_ticket, nothing_written, open_day


def test_numbers_per_prefix_from_001_gap_free(engine: Engine) -> None:
    open_day(engine)
    labels = [engine.tickets.issue(p).label for p in "AABABBA"]
    assert labels == ["A001", "A002", "B001", "A003", "B002", "B003", "A004"]
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.tickets.issue("b")  # a prefix as the config writes it: "b" is not "B"
    numbers = [(t.prefix, t.number) for t in engine.queries.tickets_of_day()]
    assert sorted(n for p, n in numbers if p == "A") == [1, 2, 3, 4]


def test_refused_issues_take_no_number(engine: Engine) -> None:
    open_day(engine, capacity=2)
    engine.tickets.issue("A")
    t = engine.tickets.issue("A")
    with nothing_written(engine), pytest.raises(CapReached):
        engine.tickets.issue("A")
    engine.tickets.cancel(t.id, "left", actor=NURSE)
    assert engine.tickets.issue("A").label == "A003"  # never reused, never skipped


def test_token_is_random_opaque_and_long(engine: Engine) -> None:
    open_day(engine)
    tokens = {engine.tickets.issue("A").token for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 22 for t in tokens)  # >= 128 bits in url-safe base64


@pytest.mark.parametrize("prefix", ["", "1", "中", "ABC", "A-"])
def test_bad_prefix_is_refused(engine: Engine, prefix: str) -> None:
    open_day(engine)
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.tickets.issue(prefix)


def test_a_new_day_starts_new_numbers_and_keeps_yesterday(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    yesterday = [engine.tickets.issue("A") for _ in range(3)]
    engine.day.close(actor=MANAGER)
    clock.advance(timedelta(days=1))
    with nothing_written(engine), pytest.raises(DayNotOpen):
        engine.tickets.issue("A")
    open_day(engine)
    assert engine.tickets.issue("A").label == "A001"
    assert [t.state for t in engine.queries.tickets_of_day(yesterday[0].day)] == [
        State.UNSERVED
    ] * 3
    assert len(engine.queries.tickets_of_day()) == 1


def test_the_day_boundary_is_the_site_local_date(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    clock.set(clock.now().replace(hour=23, minute=59))
    assert engine.tickets.issue("A").day == clock.now().date()
    clock.advance(timedelta(minutes=1))  # 00:00 in Shanghai, still the day before in UTC
    with pytest.raises(DayNotOpen):
        engine.tickets.issue("A")


# --- the cap --------------------------------------------------------------------------------------


def test_capacity_caps_vaccinated_plus_reserved(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, capacity=3)
    make_ticket(engine, clock, State.RELEASED)
    make_ticket(engine, clock, State.WAITING_VACCINATION)
    engine.tickets.issue("B")
    status = engine.day.status()
    assert (status.counts.vaccinated, status.counts.reserved) == (1, 2)
    assert (status.can_issue, status.closed_reason) == (False, "capacity")
    with nothing_written(engine), pytest.raises(CapReached) as exc:
        engine.tickets.issue("A")
    assert exc.value.code == "cap_reached" and exc.value.details["reason"] == "capacity"


def test_stock_caps_used_wasted_and_reserved(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, capacity=100, vials=2, doses_per_vial=2)  # 4 doses
    t = make_ticket(engine, clock, State.OBSERVING)
    assert t.vial_id is not None
    engine.stock.waste(t.vial_id, 1, "dropped", actor=NURSE)
    engine.tickets.issue("A")
    status = engine.day.status()
    assert (status.doses_used, status.doses_wasted, status.counts.reserved) == (1, 1, 1)
    engine.tickets.issue("A")
    status = engine.day.status()
    assert (status.can_issue, status.closed_reason) == (False, "stock")
    with nothing_written(engine), pytest.raises(CapReached) as exc:
        engine.tickets.issue("A")
    assert exc.value.details["reason"] == "stock"


def test_capacity_zero_pauses_and_set_capacity_reopens(engine: Engine) -> None:
    open_day(engine, capacity=0)
    status = engine.day.status()
    assert (status.can_issue, status.closed_reason) == (False, "paused")
    with nothing_written(engine), pytest.raises(CapReached) as exc:
        engine.tickets.issue("A")
    assert exc.value.details["reason"] == "paused"
    assert engine.day.set_capacity(1, actor=MANAGER).can_issue
    engine.tickets.issue("A")
    assert engine.day.status().closed_reason == "capacity"
    assert engine.day.set_capacity(2, actor=MANAGER).can_issue
    assert engine.day.set_capacity(0, actor=MANAGER).closed_reason == "paused"
    events = [e for e in engine.queries.events_since(0) if e.kind == "capacity_set"]
    assert [(e.payload["previous"], e.payload["capacity"]) for e in events] == [
        (0, 1),
        (1, 2),
        (2, 0),
    ]


def test_negative_capacity_is_refused(engine: Engine) -> None:
    open_day(engine, capacity=5)
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.day.set_capacity(-1, actor=MANAGER)
    assert engine.day.status().capacity == 5


def test_add_vials_reopens_the_kiosk(engine: Engine) -> None:
    open_day(engine, vials=1)
    engine.tickets.issue("A")
    assert engine.day.status().closed_reason == "stock"
    lot_id = engine.day.status().lots[0].id
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.day.add_vials(lot_id, 0, actor=MANAGER)
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.day.add_vials(lot_id, -3, actor=MANAGER)
    status = engine.day.add_vials(lot_id, 2, actor=MANAGER)
    assert (status.stock, status.can_issue) == (3, True)


def test_add_lot_reopens_the_kiosk(engine: Engine) -> None:
    open_day(engine, vials=1)
    engine.tickets.issue("A")
    status = engine.day.add_lot(lot(name="L002", vials=5), actor=MANAGER)
    assert (status.stock, status.can_issue, len(status.lots)) == (6, True, 2)


# --- idempotency --------------------------------------------------------------------------------


def test_same_key_twice_issues_one_ticket_and_gives_the_same_answer(engine: Engine) -> None:
    open_day(engine)
    first = engine.tickets.issue("A", key="kiosk-1:tap-42")
    seq = engine.queries.last_seq()
    again = engine.tickets.issue("A", key="kiosk-1:tap-42")
    assert again == first
    assert engine.queries.last_seq() == seq
    assert len(engine.queries.tickets_of_day()) == 1
    assert engine.tickets.issue("A", key="kiosk-1:tap-43").label == "A002"


def test_a_retried_key_is_answered_even_when_the_cap_closed_meanwhile(engine: Engine) -> None:
    open_day(engine, capacity=1)
    first = engine.tickets.issue("A", key="tap-1")
    assert engine.tickets.issue("A", key="tap-1") == first


def test_keyed_call_next_twice_calls_once(engine: Engine) -> None:
    open_day(engine)
    a, b = engine.tickets.issue("A"), engine.tickets.issue("A")
    one = engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE, key="desk1-press-1")
    two = engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE, key="desk1-press-1")
    assert one == two and one is not None and one.id == a.id
    assert engine.queries.ticket(b.id).state == State.WAITING_REGISTRATION


def test_a_failed_keyed_request_can_be_retried(engine: Engine) -> None:
    open_day(engine, capacity=0)
    with pytest.raises(CapReached):
        engine.tickets.issue("A", key="tap-9")
    engine.day.set_capacity(1, actor=MANAGER)
    assert engine.tickets.issue("A", key="tap-9").label == "A001"
