"""Registration, vaccination, observation (the may-leave rule), adverse events, corrections,
people kept out of the event log."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kiosk.clock import FakeClock
from kiosk.db.schema import persons
from kiosk.engine import Engine
from kiosk.errors import CapReached, DomainError, InvalidInput, InvalidTransition, NotYet
from kiosk.model import PersonIn
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
    register,
)

PRODUCT = lot().product
ZHANG = PersonIn(name="张晓明", id_number="11010519491231002X", phone="13800138000")


def first_dose_elsewhere(engine: Engine) -> None:
    """ZHANG's first dose, from his paper record: his dose here is the second."""
    engine.record.add_external_dose(
        ZHANG, product=PRODUCT, given_on=DAY - timedelta(days=30), dose_number=1, actor=NURSE
    )


# --- people are not events ------------------------------------------------------------------------


def test_person_lives_in_its_table_and_events_only_point_to_it(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    first_dose_elsewhere(engine)
    t = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    done = register(engine, t.id, ZHANG, dose_number=2, observation_minutes=45)
    assert done.person_id is not None
    assert engine.queries.person(done.person_id) == engine.queries.person(done.person_id)
    p = engine.queries.person(done.person_id)
    assert (p.name, p.id_number, p.phone) == (ZHANG.name, ZHANG.id_number, ZHANG.phone)
    assert (done.dose_number, done.observation_minutes) == (2, 45)
    engine.tickets.call(t.id, "V1", actor=STATION)
    engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION)
    everything = json.dumps([e.payload for e in engine.queries.events_since(0)], ensure_ascii=False)
    for secret in (ZHANG.name, ZHANG.id_number, ZHANG.phone, "1949"):
        assert secret and secret not in everything
    assert engine.queries.history(t.id)[2].payload["person_id"] == done.person_id
    assert engine.care.registered_today(ZHANG.id_number or "") == engine.queries.ticket(t.id)


def test_duplicate_id_registered_today_is_refused_unless_allowed(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    first = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    register(engine, first.id, ZHANG)
    second = engine.tickets.issue("A")
    engine.tickets.call(second.id, "R2", actor=NURSE)
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        register(engine, second.id, ZHANG)
    assert exc.value.code == "duplicate_person"
    assert exc.value.details["ticket"] == first.label
    done = register(engine, second.id, ZHANG, allow_duplicate=True)
    assert done.state == State.WAITING_VACCINATION
    # the same person row is reused and corrected, not duplicated
    assert done.person_id == engine.queries.ticket(first.id).person_id
    with engine.db.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(persons)).scalar() == 1


def test_a_deferred_registration_does_not_block_the_same_person_later(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.CALLED_VACCINATION)
    engine.care.defer(t.id, "fever", actor=STATION)
    again = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    register(engine, again.id, ZHANG)  # the earlier ticket had no ID number at all
    third = engine.tickets.issue("A")
    engine.tickets.call(third.id, "R2", actor=NURSE)
    with pytest.raises(DomainError):
        register(engine, third.id, ZHANG)


# --- events ---------------------------------------------------------------------------------------


def test_events_carry_staff_terminal_seq_and_version_gap_free(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    make_ticket(engine, clock, State.RELEASED)
    make_ticket(engine, clock, State.DEFERRED)
    with pytest.raises(InvalidTransition):
        engine.tickets.recall(1, actor=NURSE)  # refused: takes no sequence number
    make_ticket(engine, clock, State.MISSED)
    events = engine.queries.events_since(0)
    assert [e.seq for e in events] == list(range(1, engine.queries.last_seq() + 1))
    assert all(e.staff and e.terminal and e.payload_version == 1 for e in events)
    by_kind = {e.kind: e for e in events}
    assert (by_kind["day_opened"].staff, by_kind["day_opened"].terminal) == ("manager", "admin")
    assert (by_kind["issued"].staff, by_kind["issued"].terminal) == ("kiosk", "kiosk")
    assert (by_kind["vaccinated"].staff, by_kind["vaccinated"].terminal) == (
        STATION.staff,
        STATION.terminal,
    )
    assert engine.queries.events_since(events[-3].seq) == events[-2:]


# --- vaccination ------------------------------------------------------------------------------------


def test_vaccinate_draws_from_one_open_vial_until_it_is_empty(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine, vials=3, doses_per_vial=2)
    done = [make_ticket(engine, clock, State.OBSERVING) for _ in range(3)]
    assert [t.vial_id for t in done][0] == done[1].vial_id != done[2].vial_id
    status = engine.day.status()
    assert (status.stock, status.doses_used, status.doses_left) == (6, 3, 3)
    assert status.open_vial_doses_left == 1
    assert status.lots[0].vials_opened == 2


def test_vaccinate_with_an_expired_vial_is_refused(engine: Engine, clock: FakeClock) -> None:
    engine.day.open(
        capacity=10,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[lot(vials=5, doses_per_vial=5, use_within_minutes=60)],
        actor=MANAGER,
    )
    first = make_ticket(engine, clock, State.OBSERVING)
    vial = first.vial_id
    t = make_ticket(engine, clock, State.CALLED_VACCINATION)
    clock.advance(timedelta(minutes=61))
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.care.vaccinate(t.id, lot_id=lot_id(engine), vial_id=vial, actor=STATION)
    assert exc.value.code == "vial_expired"
    # without naming a vial, a fresh one is opened
    done = engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION)
    assert done.vial_id != vial
    assert [v.id for v in engine.day.status().open_vials] == [done.vial_id]


def test_vaccinate_with_an_unknown_lot_or_wrong_vial_is_refused(
    engine: Engine, clock: FakeClock
) -> None:
    engine.day.open(
        capacity=10,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[lot(name="L1", doses_per_vial=3), lot(name="L2", doses_per_vial=3)],
        actor=MANAGER,
    )
    l1, l2 = lot_id(engine, 0), lot_id(engine, 1)
    vial = engine.stock.open_vial(l1, actor=STATION)
    t = make_ticket(engine, clock, State.CALLED_VACCINATION)
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.care.vaccinate(t.id, lot_id=999, actor=STATION)
    assert exc.value.code == "unknown_lot"
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.care.vaccinate(t.id, lot_id=l2, vial_id=vial.id, actor=STATION)
    assert exc.value.code == "wrong_lot"


def test_vaccinate_an_expired_lot_is_refused(engine: Engine, clock: FakeClock) -> None:
    engine.day.open(
        capacity=10,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[lot(expiry=clock.now().date())],
        actor=MANAGER,
    )
    t = make_ticket(engine, clock, State.CALLED_VACCINATION)
    the_lot = lot_id(engine)
    clock.advance(timedelta(hours=17))  # past midnight: the lot expired yesterday
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.care.vaccinate(t.id, lot_id=the_lot, actor=STATION)
    assert exc.value.code == "lot_expired"


# --- observation and the may-leave rule -----------------------------------------------------------


def test_may_not_leave_before_the_observation_end(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, observation=30)
    t = make_ticket(engine, clock, State.OBSERVING)
    assert engine.queries.next_deadline() == t.observation_end
    clock.advance(timedelta(minutes=29, seconds=59))
    [obs] = engine.queries.observations()
    assert not obs.may_leave(clock.now())
    with nothing_written(engine), pytest.raises(NotYet) as exc:
        engine.observation.release(t.id, actor=NURSE)
    assert exc.value.code == "not_yet"
    assert exc.value.details["seconds_left"] == 1
    clock.advance(timedelta(seconds=1))
    assert engine.queries.observations()[0].may_leave(clock.now())
    assert engine.queries.next_deadline() is None
    done = engine.observation.release(t.id, actor=NURSE)
    assert (done.state, done.finished_at) == (State.RELEASED, clock.now())
    assert engine.queries.observations() == []


def test_per_person_observation_minutes(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, observation=30)
    t = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    register(engine, t.id, observation_minutes=60)
    engine.tickets.call(t.id, "V1", actor=STATION)
    done = engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION)
    assert done.observation_end == clock.now() + timedelta(minutes=60)


def test_open_adverse_event_keeps_them_until_closed(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.OBSERVING)
    ae = engine.observation.record_adverse_event(
        t.id, symptoms="rash on the arm", severity="mild", action="antihistamine", actor=NURSE
    )
    assert ae.closed_at is None and ae.ticket_id == t.id
    clock.advance(timedelta(minutes=45))
    [obs] = engine.queries.observations()
    assert obs.open_adverse_events == 1 and obs.over_time(clock.now())
    assert not obs.may_leave(clock.now())
    with nothing_written(engine), pytest.raises(NotYet) as exc:
        engine.observation.release(t.id, actor=NURSE)
    assert exc.value.code == "adverse_event_open"
    closed = engine.observation.close_adverse_event(ae.id, "resolved", actor=NURSE)
    assert closed.closed_at == clock.now() and closed.outcome == "resolved"
    with nothing_written(engine), pytest.raises(InvalidTransition):
        engine.observation.close_adverse_event(ae.id, "again", actor=NURSE)
    assert engine.observation.open_adverse_events(t.id) == []
    assert engine.queries.observations()[0].may_leave(clock.now())
    assert engine.observation.release(t.id, actor=NURSE).state == State.RELEASED


def test_adverse_event_input_is_checked(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.OBSERVING)
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.observation.record_adverse_event(
            t.id, symptoms="x", severity="deadly", action="", actor=NURSE
        )
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.observation.record_adverse_event(
            t.id, symptoms=" ", severity="mild", action="", actor=NURSE
        )


def test_extend_observation_moves_the_end_and_the_deadline(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine, observation=30)
    t = make_ticket(engine, clock, State.OBSERVING)
    assert t.observation_end is not None
    longer = engine.observation.extend(t.id, 15, actor=NURSE)
    assert longer.observation_end == t.observation_end + timedelta(minutes=15)
    assert engine.queries.next_deadline() == longer.observation_end
    clock.set(t.observation_end)
    with pytest.raises(NotYet):
        engine.observation.release(t.id, actor=NURSE)
    assert engine.queries.history(t.id)[-1].payload["minutes"] == 15
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.observation.extend(t.id, 0, actor=NURSE)


def test_leave_early_is_final_and_flagged(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.OBSERVING)
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.observation.leave_early(t.id, "", actor=NURSE)
    done = engine.observation.leave_early(t.id, "the bus", actor=NURSE)
    assert (done.state, done.reason) == (State.LEFT_EARLY, "the bus")
    counts = engine.day.status().counts
    assert (counts.vaccinated, counts.left_early, counts.observing) == (1, 1, 0)


# --- corrections: new events, nothing rewritten -------------------------------------------------


def test_mistaken_deferral_goes_back_to_the_front_of_its_queue(
    engine: Engine, clock: FakeClock
) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.CALLED_VACCINATION)
    waiting = make_ticket(engine, clock, State.WAITING_VACCINATION)
    engine.care.defer(t.id, "wrong button", actor=STATION)
    wrong_seq = engine.queries.history(t.id)[-1].seq
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.corrections.outcome(t.id, " ", actor=MANAGER)
    back = engine.corrections.outcome(t.id, "deferred by mistake", actor=MANAGER)
    assert (back.state, back.reason, back.finished_at) == (State.WAITING_VACCINATION, None, None)
    assert [q.id for q in engine.queries.queue(Queue.VACCINATION)] == [t.id, waiting.id]
    history = engine.queries.history(t.id)
    assert [e.kind for e in history][-2:] == ["deferred", "corrected"]
    assert history[-1].payload["supersedes"] == wrong_seq
    assert history[-1].payload["from_state"] == "deferred"


def test_correcting_a_cancellation_needs_a_free_dose(engine: Engine, clock: FakeClock) -> None:
    open_day(engine, capacity=1)
    t = make_ticket(engine, clock, State.CANCELLED)
    engine.tickets.issue("A")
    with nothing_written(engine), pytest.raises(CapReached):
        engine.corrections.outcome(t.id, "cancelled by mistake", actor=MANAGER)


def test_mistaken_release_goes_back_to_observation(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.RELEASED)
    back = engine.corrections.outcome(t.id, "released the wrong person", actor=MANAGER)
    assert (back.state, back.finished_at) == (State.OBSERVING, None)
    assert back.observation_end == t.observation_end
    assert [e.kind for e in engine.queries.history(t.id)][-2:] == ["released", "corrected"]


def test_wrong_lot_and_dose_number_are_corrected_by_a_new_event(
    engine: Engine, clock: FakeClock
) -> None:
    engine.day.open(
        capacity=10,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[lot(name="L1", doses_per_vial=2), lot(name="L2", doses_per_vial=2)],
        actor=MANAGER,
    )
    l1, l2 = lot_id(engine, 0), lot_id(engine, 1)
    t = make_ticket(engine, clock, State.OBSERVING)
    assert t.lot_id == l1
    done = engine.corrections.vaccination(t.id, "scanned the wrong box", actor=MANAGER, lot_id=l2)
    assert done.lot_id == l2 and done.vial_id != t.vial_id
    used = {x.id: x.doses_used for x in engine.day.status().lots}
    assert used == {l1: 0, l2: 1}
    again = engine.corrections.vaccination(
        t.id, "it was the second dose", actor=MANAGER, dose_number=2
    )
    assert again.dose_number == 2 and again.lot_id == l2
    history = engine.queries.history(t.id)
    assert [e.kind for e in history][-3:] == ["vaccinated", "corrected", "corrected"]
    assert history[-3].payload["lot_id"] == l1  # the original stays as it was written
    assert history[-2].payload["supersedes"] == history[-3].seq
    assert history[-1].payload["supersedes"] == history[-2].seq
    assert history[-1].payload["old"] == {"lot_id": l2, "dose_number": 1}


def test_a_correction_that_changes_nothing_is_refused(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    t = make_ticket(engine, clock, State.OBSERVING)
    with nothing_written(engine), pytest.raises(InvalidInput):
        engine.corrections.vaccination(t.id, "same", actor=MANAGER)
    with nothing_written(engine), pytest.raises(InvalidInput) as exc:
        engine.corrections.vaccination(t.id, "same", actor=MANAGER, lot_id=t.lot_id)
    assert exc.value.code == "invalid_input"


def test_a_lot_of_another_day_cannot_be_drawn_from(engine: Engine, clock: FakeClock) -> None:
    open_day(engine)
    yesterdays_lot = lot_id(engine)
    engine.day.close(actor=MANAGER)
    clock.advance(timedelta(days=1))
    open_day(engine)
    t = make_ticket(engine, clock, State.CALLED_VACCINATION)
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.care.vaccinate(t.id, lot_id=yesterdays_lot, actor=STATION)
    assert exc.value.code == "unknown_lot"
    done = engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION)
    assert engine.day.status().doses_used == 1
    with nothing_written(engine), pytest.raises(DomainError) as exc:
        engine.corrections.vaccination(t.id, "other box", actor=MANAGER, lot_id=yesterdays_lot)
    assert exc.value.code == "unknown_lot"
    assert done.lot_id == lot_id(engine)


# --- what an operation returns is what was stored ------------------------------------------------


def test_each_operation_returns_the_ticket_exactly_as_stored(
    engine: Engine, clock: FakeClock
) -> None:
    """Operations return the updated ticket without reading it back; a reload must agree."""
    open_day(engine, doses_per_vial=10, vials=10)

    def same(returned: object) -> None:
        assert returned is not None
        stored = engine.queries.ticket(returned.id)  # type: ignore[attr-defined]
        assert returned == stored
        assert repr(returned) == repr(stored)  # times in the same zone (UTC), not just equal

    def later(minutes: int = 1) -> None:
        clock.advance(timedelta(minutes=minutes))

    t = engine.tickets.issue("A", priority=True)
    same(t)
    same(engine.tickets.call_next(Queue.REGISTRATION, "R1", actor=NURSE))
    later()
    same(engine.tickets.mark_missed(t.id, actor=NURSE))
    later()
    same(engine.tickets.reinstate(t.id, actor=MANAGER))
    same(engine.tickets.call(t.id, "R2", actor=NURSE))
    later()
    first_dose_elsewhere(engine)
    same(register(engine, t.id, ZHANG, dose_number=2, observation_minutes=45))
    same(engine.tickets.call_next(Queue.VACCINATION, "V1", actor=STATION))
    later()
    same(engine.care.vaccinate(t.id, lot_id=lot_id(engine), actor=STATION))
    same(engine.observation.extend(t.id, 10, actor=MANAGER))
    later(60)
    same(engine.observation.release(t.id, actor=MANAGER))

    deferred = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    same(engine.care.defer(deferred.id, "发热 fever", actor=NURSE))
    cancelled = engine.tickets.issue("B")
    same(engine.tickets.cancel(cancelled.id, "不等了", actor=MANAGER))
    early = make_ticket(engine, clock, State.OBSERVING)
    same(engine.observation.leave_early(early.id, "自行离开", actor=MANAGER))


def test_the_allergy_extension_comes_from_the_day_row(engine: Engine, clock: FakeClock) -> None:
    """Every terminal applies the day's rule, not its own config: the day was opened with 15."""
    open_day(engine, observation=30, allergy_extra=15)
    t = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    done = register(engine, t.id, allergy=True)
    assert done.observation_minutes == 45
    assert engine.day.status().allergy_extra_minutes == 15
    other = make_ticket(engine, clock, State.CALLED_REGISTRATION)
    assert register(engine, other.id).observation_minutes is None  # the day's 30 at vaccination
