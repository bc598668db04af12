"""A close that balances, on SQLite and PostgreSQL: doses in = given + wasted + returned + left,
refused while a dose is left in an opened vial or someone is still observed; cleared to zero; the
fridge; reopening."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.errors import DomainError, InvalidInput
from tests.kiosk.conftest import MANAGER, STATION, lot, nothing_written
from tests.kiosk.engine.record_site import EXPIRY, FIRST_DAY, SMITH, ZHANG, Site


def open_with_five_dose_vials(site: Site) -> int:
    engine = site.day(FIRST_DAY)
    engine.day.add_lot(
        lot(vials=4, doses_per_vial=5, name="M5", expiry=EXPIRY),
        actor=MANAGER,
    )
    return engine.day.status().lots[1].id


def test_a_dose_left_in_an_opened_vial_keeps_the_day_open(site: Site) -> None:
    multi = open_with_five_dose_vials(site)
    engine = site.engine
    for person in (ZHANG, SMITH):
        t = site.register(person)
        engine.tickets.call(t.id, "V1", actor=STATION)
        engine.care.vaccinate(t.id, lot_id=multi, actor=STATION)
    site.clock.advance(timedelta(hours=1))
    for t in engine.queries.observations():
        engine.observation.release(t.ticket.id, actor=STATION)
    r = engine.closing.reconciliation()
    assert (r.doses_in, r.given, r.wasted, r.left_in_open_vials) == (20 + 20, 2, 0, 3)
    assert r.returned == 40 - 5 and not r.balanced
    with nothing_written(engine), pytest.raises(DomainError) as refused:
        engine.day.close(actor=MANAGER)
    assert refused.value.code == "day_unbalanced"
    assert "3 dose(s) left in opened vials" in str(refused.value)
    vial = engine.day.status().open_vials[0]
    engine.stock.waste(vial.id, 3, "day_end", actor=MANAGER)
    status = engine.day.close(actor=MANAGER, fridge_c=5.5)
    assert status.status == "closed"
    after = engine.closing.reconciliation()
    assert after.balanced and after.wasted_by_reason == {"day_end": 3}
    assert not after.cleared_to_zero  # doses of an opened vial were left at the end of the day
    assert after.fridge_close_c == 5.5 and after.cold_chain_flags == ()
    closed = [e for e in engine.queries.events_since(0) if e.kind == "day_closed"][-1]
    assert closed.payload["reconciliation"]["balanced"] is True


def test_a_day_that_used_every_opened_dose_is_cleared_to_zero(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    site.vaccinate(ZHANG)  # one-dose vials: nothing is ever left over
    site.clock.advance(timedelta(hours=1))
    for o in engine.queries.observations():
        engine.observation.release(o.ticket.id, actor=STATION)
    engine.day.close(actor=MANAGER)
    r = engine.closing.reconciliation()
    assert r.cleared_to_zero and r.balanced and r.given == 1 and r.returned == 19


def test_observation_and_open_adverse_events_need_the_managers_acknowledgement(
    site: Site,
) -> None:
    engine = site.day(FIRST_DAY, rules=None)
    t = site.vaccinate(ZHANG)
    engine.observation.record_adverse_event(
        t.id, symptoms="rash", severity="mild", action="watch", actor=STATION
    )
    r = engine.closing.reconciliation()
    assert r.observing == (t.label,) and r.open_adverse_events == (t.label,)
    with nothing_written(engine), pytest.raises(DomainError):
        engine.day.close(actor=MANAGER)
    engine.day.close(actor=MANAGER, acknowledge=True)
    after = engine.queries.ticket(t.id)
    assert after.reason == "day closed"
    assert engine.observation.open_adverse_events(t.id) == []


def test_the_fridge_and_reopening(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    with pytest.raises(InvalidInput):
        engine.day.close(actor=MANAGER, fridge_c=float("nan"))
    engine.day.close(actor=MANAGER, fridge_c=9.5)
    r = engine.closing.reconciliation()
    assert r.cold_chain_flags == ("fridge at closing 9.5 °C, outside 2-8 °C",)
    with pytest.raises(DomainError):
        engine.tickets.issue("A")
    engine.closing.reopen("a late paper record", actor=MANAGER)
    assert engine.day.status().status == "open"
    assert engine.tickets.issue("A").number == 1
    assert [e.kind for e in engine.queries.events_since(0)][-2:] == ["day_reopened", "issued"]
    with pytest.raises(DomainError):
        engine.closing.reopen("twice", actor=MANAGER)
