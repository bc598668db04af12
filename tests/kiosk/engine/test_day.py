"""The service day: opening it with its stock, vials and waste, closing it, deadlines, counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from kiosk.clock import FakeClock
from kiosk.engine import Engine
from kiosk.errors import CapReached, DomainError, InvalidInput, InvalidTransition, StockError
from kiosk.model import LotIn, PersonIn
from kiosk.states import Queue, State
from tests.kiosk.conftest import (
    DAY,
    MANAGER,
    NURSE,
    STATION,
    lot,
    lot_id,
    make_ticket,
    nothing_written,
    open_day,
)


def open_with(engine: Engine, lots: list[LotIn], **kw: int) -> None:
    engine.day.open(
        capacity=kw.get("capacity", 50),
        observation_minutes=kw.get("observation", 30),
        missed_grace_minutes=kw.get("grace", 30),
        lots_in=lots,
        actor=MANAGER,
    )


def test_open_day_stores_its_numbers_and_stock(engine: Engine) -> None:
    status = engine.day.open(
        capacity=120,
        observation_minutes=45,
        missed_grace_minutes=20,
        lots_in=[lot(name="L1", vials=10, doses_per_vial=5), lot(name="L2", vials=7)],
        actor=MANAGER,
    )
    assert (status.day, status.status, status.capacity) == (DAY, "open", 120)
    assert (status.observation_minutes, status.missed_grace_minutes) == (45, 20)
    assert (status.stock, status.doses_used, status.doses_left) == (57, 0, 57)
    assert status.can_issue and status.closed_reason is None
    assert [x.lot for x in status.lots] == ["L1", "L2"]
    assert engine.queries.open_days() == [DAY]
    [event] = [e for e in engine.queries.events_since(0) if e.kind == "day_opened"]
    assert (event.kind, event.payload["capacity"]) == ("day_opened", 120)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"capacity": -1}, "invalid_input"),
        ({"observation": 0}, "invalid_input"),
        ({"grace": -5}, "invalid_input"),
    ],
)
def test_open_day_refuses_bad_numbers(engine: Engine, kwargs: dict[str, int], code: str) -> None:
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        open_with(engine, [lot()], **kwargs)
    assert exc.value.code == code


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (replace(lot(), vials=-1), "invalid_input"),
        (replace(lot(), doses_per_vial=0), "invalid_input"),
        (replace(lot(), lot=" "), "invalid_input"),
        (replace(lot(), expiry=DAY - timedelta(days=1)), "lot_expired"),
    ],
    ids=["negative_vials", "zero_doses_per_vial", "no_lot_number", "expired"],
)
def test_bad_lots_are_refused_at_open_day_and_add_lot(
    engine: Engine, bad: LotIn, code: str
) -> None:
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        open_with(engine, [lot(name="OK1"), bad])
    assert exc.value.code == code
    open_with(engine, [lot(name="OK1")])
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.day.add_lot(bad, actor=MANAGER)
    assert exc.value.code == code


def test_a_lot_expiring_today_is_still_usable_today(engine: Engine) -> None:
    open_with(engine, [lot(expiry=DAY)])
    assert engine.day.status().stock == 20


def test_a_lot_entered_twice_is_refused(engine: Engine) -> None:
    with nothing_written(engine), pytest.raises(StockError) as exc:
        open_with(engine, [lot(name="L1"), lot(name="L1", vials=3)])
    assert exc.value.code == "lot_twice"
    open_with(engine, [lot(name="L1")])
    with nothing_written(engine), pytest.raises(StockError) as exc:
        engine.day.add_lot(lot(name="L1", vials=4), actor=MANAGER)
    assert exc.value.code == "lot_twice"
    # the same lot number of another product is a different lot
    engine.day.add_lot(lot(name="L1", product="乙肝疫苗"), actor=MANAGER)


def test_a_day_is_opened_once(engine: Engine) -> None:
    open_day(engine)
    with nothing_written(engine), pytest.raises(InvalidTransition) as exc:
        open_day(engine)
    assert exc.value.code == "day_exists"


# --- vials ----------------------------------------------------------------------------------------


def test_open_vial_and_its_use_by(engine: Engine, clock: FakeClock) -> None:
    open_with(engine, [lot(vials=2, doses_per_vial=10, use_within_minutes=120)])
    vial = engine.stock.open_vial(lot_id(engine), actor=STATION)
    assert (vial.opened_at, vial.use_by) == (clock.now(), clock.now() + timedelta(minutes=120))
    assert (vial.doses_left, vial.usable(clock.now())) == (10, True)
    status = engine.day.status()
    assert status.open_vial_doses_left == 10 and status.lots[0].vials_opened == 1
    clock.advance(timedelta(minutes=120))
    assert not vial.usable(clock.now())
    assert engine.day.status().open_vials == ()


def test_no_unopened_vial_left(engine: Engine) -> None:
    open_with(engine, [lot(vials=1, doses_per_vial=2)])
    engine.stock.open_vial(lot_id(engine), actor=STATION)
    with nothing_written(engine), pytest.raises(StockError) as exc:
        engine.stock.open_vial(lot_id(engine), actor=STATION)
    assert exc.value.code == "no_vials"
    with nothing_written(engine), pytest.raises(StockError) as exc:
        engine.stock.open_vial(4242, actor=STATION)
    assert exc.value.code == "unknown_lot"


def test_waste_needs_a_reason_and_cannot_exceed_what_is_left(
    engine: Engine, clock: FakeClock
) -> None:
    open_with(engine, [lot(vials=2, doses_per_vial=5)])
    t = make_ticket(engine, clock, State.OBSERVING)
    assert t.vial_id is not None
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.stock.waste(t.vial_id, 1, "  ", actor=NURSE)
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.stock.waste(t.vial_id, 0, "dropped", actor=NURSE)
    with nothing_written(engine), pytest.raises(StockError) as exc:
        engine.stock.waste(t.vial_id, 5, "dropped", actor=NURSE)
    assert exc.value.code == "too_many"
    vial = engine.stock.waste(t.vial_id, 4, "expired after opening", actor=NURSE)
    assert (vial.doses_drawn, vial.doses_wasted, vial.doses_left) == (1, 4, 0)
    status = engine.day.status()
    assert (status.stock, status.doses_used, status.doses_wasted, status.doses_left) == (
        10,
        1,
        4,
        5,
    )
    assert status.open_vials == ()
    assert engine.queries.events_since(0)[-1].payload["reason"] == "expired after opening"
    with nothing_written(engine), pytest.raises(StockError):
        engine.stock.waste(t.vial_id, 1, "again", actor=NURSE)
    with nothing_written(engine), pytest.raises(StockError) as exc:
        engine.stock.waste(999, 1, "no such vial", actor=NURSE)
    assert exc.value.code == "unknown_vial"


def test_waste_rechecks_what_is_left_when_it_writes(
    engine: Engine, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL a station can draw from the vial between waste's read and its write; the
    write itself refuses then. Here the read is made stale by hand: a dose is drawn after it."""
    open_with(engine, [lot(vials=2, doses_per_vial=2)])
    first = make_ticket(engine, clock, State.OBSERVING)
    assert first.vial_id is not None
    with engine.db.read() as conn:
        stale = engine.stock.vial(conn, first.vial_id)  # one dose left, as the waste read it
    make_ticket(engine, clock, State.OBSERVING)  # the other station takes that dose
    monkeypatch.setattr(engine.stock, "vial", lambda _conn, _vial_id: stale)
    with nothing_written(engine), pytest.raises(StockError) as exc:
        engine.stock.waste(first.vial_id, 1, "dropped", actor=NURSE)
    assert exc.value.code == "too_many"
    monkeypatch.undo()
    stock = engine.day.status().lots[0]
    assert (stock.doses_used, stock.doses_wasted) == (2, 0)


def test_an_opened_vial_drives_clear_to_zero(engine: Engine, clock: FakeClock) -> None:
    open_with(engine, [lot(vials=3, doses_per_vial=10)])
    for _ in range(3):
        make_ticket(engine, clock, State.OBSERVING)
    assert engine.day.status().open_vial_doses_left == 7


# --- closing the day ------------------------------------------------------------------------------


def test_close_day_turns_waiting_and_called_into_unserved_missed_stay(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine, capacity=20)
    # the two called states last: each keeps its desk (V1, then R1) busy
    order = [
        State.WAITING_REGISTRATION,
        State.WAITING_VACCINATION,
        State.MISSED,
        State.OBSERVING,
        State.DEFERRED,
        State.CANCELLED,
        State.LEFT_EARLY,
        State.CALLED_VACCINATION,
        State.CALLED_REGISTRATION,
    ]
    made = {s: make_ticket(engine, clock, s) for s in order}
    clock.advance(timedelta(hours=8))
    # someone still in observation: refused until the manager acknowledges them
    with nothing_written(engine), pytest.raises(DomainError) as refused:
        engine.day.close(actor=MANAGER)
    assert refused.value.code == "day_unbalanced"
    assert "still in observation: A004" in str(refused.value)
    status = engine.day.close(actor=MANAGER, acknowledge=True)
    for s, t in made.items():
        now = engine.queries.ticket(t.id)
        if s == State.OBSERVING:
            assert (now.state, now.reason) == (State.RELEASED, "day closed")
        elif s in (State.MISSED, State.DEFERRED, State.CANCELLED, State.LEFT_EARLY):
            assert now.state == s
        else:
            assert (now.state, now.desk, now.finished_at) == (State.UNSERVED, None, clock.now())
    c = status.counts
    assert (c.unserved, c.missed, c.in_progress, c.reserved) == (4, 1, 0, 0)
    assert c.issued == 9 == c.vaccinated + c.deferred + c.cancelled + c.missed + c.unserved
    assert (status.status, status.can_issue, status.closed_reason) == (
        "closed",
        False,
        "day_closed",
    )
    assert engine.queries.open_days() == []
    kinds = [e.kind for e in engine.queries.events_since(0)]
    assert kinds.count("unserved") == 4 and kinds[-1] == "day_closed"
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.tickets.call_next(Queue.REGISTRATION, "R2", actor=NURSE)
    assert exc.value.code == "day_not_open"
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.tickets.reinstate(made[State.MISSED].id, actor=NURSE)
    assert exc.value.code == "day_not_open"
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.day.close(actor=MANAGER)
    assert exc.value.code == "day_not_open"


# --- deadlines ------------------------------------------------------------------------------------


def test_next_deadline_is_the_soonest_grace_end_or_observation_end(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine, observation=30, grace=20)
    assert engine.queries.next_deadline() is None
    obs = make_ticket(engine, clock, State.OBSERVING)  # ends at 08:30
    clock.advance(timedelta(minutes=5))
    missed = make_ticket(engine, clock, State.MISSED)  # grace ends at 08:25
    assert missed.missed_at is not None and obs.observation_end is not None
    seq = engine.queries.last_seq()
    assert engine.queries.next_deadline() == missed.missed_at + timedelta(minutes=20)
    clock.set(missed.missed_at + timedelta(minutes=20))
    assert engine.queries.next_deadline() == obs.observation_end
    clock.set(obs.observation_end)
    assert engine.queries.next_deadline() is None
    assert engine.queries.last_seq() == seq  # time passing writes nothing


def test_doses_in_an_expired_open_vial_no_longer_count_as_stock(
    engine: Engine, clock: FakeClock
) -> None:
    """A 5-dose vial opened for one person: its other 4 doses keep the kiosk open until the vial's
    use-by; after it nobody can get them, so the cap stops counting them (and says so) until a
    nurse records them as waste."""
    engine.day.open(
        capacity=100,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[LotIn("疫苗", "MD1", DAY + timedelta(days=30), 5, 1, use_within_minutes=60)],
        actor=MANAGER,
    )
    first = engine.tickets.issue("A")
    engine.tickets.call_next(Queue.REGISTRATION, "登记1", actor=NURSE)
    engine.care.register(
        first.id, PersonIn("甲"), dose_number=1, consent=True, screening={}, actor=NURSE
    )
    engine.tickets.call_next(Queue.VACCINATION, "接种1", actor=NURSE)
    engine.care.vaccinate(first.id, lot_id=engine.day.status().lots[0].id, actor=NURSE)
    status = engine.day.status()
    assert status.can_issue and status.open_vial_doses_left == 4
    for _ in range(3):
        engine.tickets.issue("A")
    clock.advance(timedelta(minutes=61))  # past the vial's use-by: its 4 doses are lost
    status = engine.day.status()
    assert status.expired_vial_doses == 4 and status.open_vial_doses_left == 0
    assert not status.can_issue and status.closed_reason == "stock"
    with pytest.raises(CapReached):
        engine.tickets.issue("A")
