"""The record, part 2: undoing a wrong "vaccinated", corrections that supersede, coded reasons,
record slips found by their token, box codes at the station, the adverse-event line list; on
SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from kiosk.dose_rules import RuleSet
from kiosk.errors import DomainError, InvalidInput, InvalidTransition, StockError
from kiosk.model import PersonIn
from kiosk.states import State
from tests.kiosk.conftest import MANAGER, NURSE, STATION, lot, nothing_written
from tests.kiosk.engine.record_site import EXPIRY, FIRST_DAY, PRODUCT, SMITH, ZHANG, Site

CN20 = "81234567890123456789"  # a 20-digit Chinese drug traceability code
OTHER = "81234567890123450000"


def balanced(site: Site) -> None:
    status = site.engine.day.status()
    assert status.doses_used + status.doses_wasted + status.doses_left == status.stock


def observing(site: Site, person: PersonIn = ZHANG, **kw: object) -> int:
    t = site.register(person)
    site.engine.tickets.call(t.id, "V1", actor=STATION)
    lot_id = site.engine.day.status().lots[0].id
    return site.engine.care.vaccinate(t.id, lot_id=lot_id, actor=STATION, **kw).id  # type: ignore[arg-type]


@pytest.mark.parametrize("drawn", [False, True])
def test_undo_returns_or_wastes_the_dose_and_the_stock_balances(site: Site, drawn: bool) -> None:
    engine = site.day(FIRST_DAY)
    ticket_id = observing(site)
    before = engine.day.status()
    undone = engine.corrections.undo_vaccination(
        ticket_id, "clicked the wrong row", drawn=drawn, actor=STATION
    )
    assert (undone.state, undone.vaccinated_at, undone.lot_id) == (
        State.WAITING_VACCINATION,
        None,
        None,
    )
    after = engine.day.status()
    assert after.doses_used == before.doses_used - 1
    assert after.doses_wasted == before.doses_wasted + (1 if drawn else 0)
    balanced(site)
    assert engine.record.find(ZHANG.id_number or "") is not None
    assert engine.record.find(ZHANG.id_number or "").doses == ()  # type: ignore[union-attr]
    assert list(engine.record.export_rows(None, None)) == []
    kinds = [e.kind for e in engine.queries.history(ticket_id)]
    assert kinds[-1] == "vaccination_undone"
    wasted = [e for e in engine.queries.events_since(0) if e.kind == "doses_wasted"]
    assert [e.payload["reason_code"] for e in wasted] == (["drawn_not_given"] if drawn else [])
    # called again, the same person gets the same dose number: the undone row is out of the way
    engine.tickets.call(ticket_id, "V1", actor=STATION)
    again = engine.care.vaccinate(ticket_id, lot_id=engine.day.status().lots[0].id, actor=STATION)
    assert again.dose_number == 1
    assert [d.dose_number for d in engine.record.find(ZHANG.id_number or "").doses] == [1]  # type: ignore[union-attr]


def test_undo_is_refused_after_an_adverse_event_or_once_released(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    ticket_id = observing(site)
    engine.observation.record_adverse_event(
        ticket_id, symptoms="rash", severity="mild", action="watch", actor=NURSE
    )
    with nothing_written(engine), pytest.raises(InvalidTransition) as refused:
        engine.corrections.undo_vaccination(ticket_id, "x", drawn=False, actor=STATION)
    assert refused.value.code == "adverse_event_recorded"


def test_a_corrected_dose_shows_once_marked_corrected(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    engine.day.add_lot(lot(vials=5, name="L2", expiry=EXPIRY), actor=MANAGER)
    ticket_id = observing(site)
    second_lot = engine.day.status().lots[1].id
    engine.corrections.vaccination(ticket_id, "wrong lot", actor=MANAGER, lot_id=second_lot)
    rows = [dict(r._mapping) for r in engine.record.export_rows(None, None)]
    assert [(r["lot"], r["corrected"]) for r in rows] == [("L2", True)]
    corrected = [e for e in engine.queries.history(ticket_id) if e.kind == "corrected"]
    assert corrected[-1].payload["old"]["lot_id"] == engine.day.status().lots[0].id
    balanced(site)


def test_a_corrected_document_keeps_the_doses(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    t = engine.queries.ticket(observing(site, SMITH))
    person_id = t.person_id or 0
    fixed = dataclasses.replace(SMITH, id_number="E12345679")
    engine.record.correct_person(person_id, fixed, "typed one digit wrong", actor=MANAGER)
    found = engine.record.find("E12345679", document_type="passport", country="GBR")
    assert found is not None and [d.dose_number for d in found.doses] == [1]
    assert all(d.corrected for d in found.doses)
    assert engine.record.find("E12345678", document_type="passport", country="GBR") is None
    observing(site, ZHANG)
    zhang = engine.record.find(ZHANG.id_number or "")
    assert zhang is not None
    with pytest.raises(DomainError) as taken:
        engine.record.correct_person(zhang.person.id, fixed, "oops", actor=MANAGER)
    assert taken.value.code == "document_taken"


def test_coded_reasons_for_deferral_and_waste(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    t = site.called()
    with nothing_written(engine), pytest.raises(InvalidInput) as unknown:
        engine.care.defer(t.id, "had a cold", actor=NURSE)
    assert unknown.value.details["field"] == "deferral_reason"
    done = engine.care.defer(t.id, "fever", note="38.2 °C", actor=NURSE)
    assert (done.reason_code, done.reason) == ("fever", "发热: 38.2 °C")
    vial = engine.stock.open_vial(engine.day.status().lots[0].id, actor=STATION)
    with pytest.raises(InvalidInput):
        engine.stock.waste(vial.id, 1, "dropped it", actor=STATION)
    engine.stock.waste(vial.id, 1, "broken", note="dropped", actor=STATION)
    wasted = [e for e in engine.queries.events_since(0) if e.kind == "doses_wasted"]
    assert wasted[-1].payload["reason_code"] == "broken"
    site.day(FIRST_DAY + timedelta(days=1), rules=RuleSet())  # a day without coded lists
    free = engine = site.engine
    t = site.called()
    assert free.care.defer(t.id, "had a cold", actor=NURSE).reason_code is None


def test_a_slip_token_finds_the_dose_and_the_person(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    ticket_id = observing(site)
    dose = engine.record.dose_of_ticket(ticket_id)
    assert dose is not None and dose.token and len(dose.token) >= 22
    found = engine.record.by_token(dose.token)
    assert found is not None and found[0].person.name == ZHANG.name and found[1] == dose
    assert engine.record.by_token("not-a-token") is None
    engine.record.slip_printed(dose.id, ok=True, detail="", reprint=True, actor=NURSE)
    assert [e.kind for e in engine.queries.events_since(0)][-1] == "slip_reprinted"


def test_box_codes_select_their_lot_count_their_doses_and_record_the_code(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    one_dose_boxes = lot(vials=3, name="LB", expiry=EXPIRY)
    engine.day.add_lot(one_dose_boxes, actor=MANAGER, box_codes=[CN20])
    boxed = engine.day.status().lots[1]
    assert engine.stock.identify_box(f" {CN20} ").lot_id == boxed.id
    t = site.register(ZHANG)
    engine.tickets.call(t.id, "V1", actor=STATION)
    with pytest.raises(StockError) as other_lot:
        engine.care.vaccinate(
            t.id, lot_id=engine.day.status().lots[0].id, actor=STATION, trace_code=CN20
        )
    assert other_lot.value.code == "box_other_lot"
    engine.care.vaccinate(t.id, lot_id=boxed.id, actor=STATION, trace_code=CN20)
    dose = engine.record.dose_of_ticket(t.id)
    assert dose is not None and (dose.trace_code, dose.trace_listed) == (CN20, True)
    (row,) = list(engine.record.export_rows(None, None))
    assert row.trace_code == CN20
    # the box held one dose: the next scan of it is refused
    with pytest.raises(StockError) as used_up:
        engine.stock.identify_box(CN20)
    assert used_up.value.code == "box_used_up"
    # a code on no list: the nurse picks the lot, and it is recorded as unlisted
    with pytest.raises(StockError) as unlisted:
        engine.stock.identify_box(OTHER)
    assert unlisted.value.code == "box_unlisted"
    second = observing(site, SMITH, trace_code=OTHER)
    dose = engine.record.dose_of_ticket(second)
    assert dose is not None and (dose.trace_code, dose.trace_listed) == (OTHER, False)
    with pytest.raises(InvalidInput) as bad:
        engine.stock.identify_box("12345")
    assert bad.value.details["field"] == "trace_code"


def test_a_box_of_another_days_lot_is_not_on_hand(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    engine.day.add_lot(
        lot(vials=3, name="LB", expiry=EXPIRY),
        actor=MANAGER,
        box_codes=[CN20],
    )
    engine = site.day(FIRST_DAY + timedelta(days=1))
    with pytest.raises(StockError) as refused:
        engine.stock.identify_box(CN20)
    assert refused.value.code == "box_not_on_hand"
    with pytest.raises(StockError) as twice:
        engine.day.add_lot(
            lot(vials=3, name="LC", expiry=EXPIRY),
            actor=MANAGER,
            box_codes=[CN20, CN20],
        )
    assert twice.value.code == "box_code_twice"


def test_the_adverse_event_line_list(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    ticket_id = observing(site)
    ae = engine.observation.record_adverse_event(
        ticket_id, symptoms="接种部位红肿", severity="mild", action="观察", actor=NURSE
    )
    engine.observation.close_adverse_event(ae.id, "缓解", actor=NURSE)
    rows = list(engine.record.adverse_event_rows(FIRST_DAY, FIRST_DAY))
    assert len(rows) == 1
    r = rows[0]
    assert (r.symptoms, r.outcome, r.recorded_by, r.product, r.dose_number, r.name) == (
        "接种部位红肿",
        "缓解",
        NURSE.staff,
        PRODUCT,
        1,
        ZHANG.name,
    )
    assert list(engine.record.adverse_event_rows(FIRST_DAY + timedelta(days=1), None)) == []


def test_a_multi_dose_box_gives_its_doses_and_no_more(site: Site) -> None:
    engine = site.day(FIRST_DAY)
    two_dose = lot(vials=2, doses_per_vial=2, name="LM", expiry=EXPIRY)
    gs1 = "]d2010690123456789217271231" + "10LM\x1d21BOX1"
    engine.day.add_lot(two_dose, actor=MANAGER, box_codes=[gs1])
    boxed = engine.day.status().lots[1].id
    people = [ZHANG, SMITH, PersonIn("王芳", "110101199003070011")]
    for person in people[:2]:
        t = site.register(person)
        engine.tickets.call(t.id, "V1", actor=STATION)
        engine.care.vaccinate(t.id, lot_id=boxed, actor=STATION, trace_code=gs1)
    with pytest.raises(StockError) as used_up:
        engine.stock.identify_box(gs1)
    assert used_up.value.code == "box_used_up"
    codes = {d.trace_code for d in engine.record.export_rows(None, None)}
    assert codes == {"(01)06901234567892(17)271231(10)LM(21)BOX1"}
