"""The registration desk's record box: a returning person's history, the dose the rules propose,
blocks and their override, informed consent, doses from the paper record.

The days here are opened with the default config's dose rules (covid19: 2 primary doses 21 to
56 days apart, a booster after 180 days, ages 3 to 120): dose 1 is given on 2026-11-28, and the
desk works on 2026-12-05, when dose 2 is too early (due from 2026-12-19).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.config_model import DEFAULT_PRODUCTS, Product
from kiosk.dose_rules import rules_from_config
from kiosk.engine import Engine
from kiosk.errors import DomainError
from kiosk.model import Actor, PersonIn
from kiosk.states import State
from tests.ui.conftest import MANAGER, STAFF_NAME, lot
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle, type_text
from tests.ui.desk.test_registration import CTRL, OTHER_ID, VALID_ID, fill
from ui.desk.screen import DeskScreen
from ui.widgets.prompts import EarlierDoseInput, PersonCorrection

PRODUCT = "新冠疫苗(Vero细胞)"  # the default config's product, and the tests' lots'
FIRST_DAY = date(2026, 11, 28)
REG, STATION = Actor("李护士", "登记2"), Actor("赵护士", "接种2")


def open_with_rules(engine: Engine, config: Config) -> None:
    engine.day.open(
        capacity=100,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[lot(vials=20, doses_per_vial=5)],
        actor=MANAGER,
        allergy_extra_minutes=30,
        rules=rules_from_config(config),
    )


def vaccinated(engine: Engine, person: PersonIn) -> None:
    """``person`` registered and vaccinated today, at other desks."""
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "登记2", actor=REG)
    engine.care.register(t.id, person, consent=True, screening={}, actor=REG)
    engine.tickets.call(t.id, "接种2", actor=STATION)
    engine.care.vaccinate(t.id, lot_id=engine.day.status().lots[0].id, actor=STATION)


def end_the_day(engine: Engine, clock: FakeClock) -> None:
    """Everyone released and the opened vials' doses wasted, so the day balances; then closed."""
    clock.advance(timedelta(minutes=31))
    for obs in engine.queries.observations():
        engine.observation.release(obs.ticket.id, actor=STATION)
    for vial in engine.day.status().open_vials:
        engine.stock.waste(vial.id, vial.doses_left, "day_end", actor=STATION)
    engine.day.close(actor=MANAGER)


@pytest.fixture
def config() -> Config:
    """The default config, and a flu vaccine (one dose a season, from 6 months: 0 years)."""
    flu = Product(name="流感疫苗", family="influenza", series=1, booster_min_interval_days=180)
    return Config(products=(*DEFAULT_PRODUCTS, flu))


@pytest.fixture
def day(engine: Engine, clock: FakeClock, config: Config) -> Engine:
    """Dose 1 of 张三 (VALID_ID) on 2026-11-28; the desks open on 2026-12-05."""
    open_with_rules(engine, config)
    vaccinated(engine, PersonIn("张三", VALID_ID, "13800138000"))
    end_the_day(engine, clock)
    clock.advance(timedelta(days=7))
    open_with_rules(engine, config)
    return engine


def at_desk(qtbot, day: Engine, make_desk: MakeDesk) -> DeskScreen:
    day.tickets.issue("A")
    desk = make_desk("登记1")
    press(qtbot, desk, Qt.Key.Key_F1)
    return desk


def record_lines(desk: DeskScreen) -> list[str]:
    box = desk.panel.record.doses
    return [box.item(i).text() for i in range(box.count())]


def test_returning_person_sees_history_and_dose_2_blocked_until_an_override(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk = at_desk(qtbot, day, make_desk)
    p, box = desk.panel, desk.panel.record
    assert not box.override.isVisible()
    fill(qtbot, desk)
    assert box.summary.text() == "On record as 张三: 1 dose(s)"
    (line,) = record_lines(desk)
    for shown in ("2026-11-28", "Dose 1 (primary)", PRODUCT, "lot L001", "接种2", "赵护士"):
        assert shown in line
    assert box.proposal_label.text() == f"Proposed: Dose 2 (primary) of {PRODUCT}"
    assert box.blocks.text() == "Too early: due from 2026-12-19"
    assert box.blocks.isVisible() and box.override.isVisible()
    assert not box.product.isVisible()  # one vaccine on hand: nothing to choose
    assert not p.proceed_button.isEnabled()  # blocked: a reason must be chosen first
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert desk.current is not None
    assert day.queries.ticket(desk.current.id).state == State.CALLED_REGISTRATION
    reasons = [box.override.itemData(i) for i in range(box.override.count())]
    assert reasons == [None, "doctor_order", "outbreak", "record_error", "travel"]
    assert box.override.itemText(1) == "医生评估后同意接种"  # the site's language: Chinese
    box.override.setCurrentIndex(box.override.findData("doctor_order"))
    assert p.proceed_button.isEnabled()
    ticket_id = desk.current.id
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    t = day.queries.ticket(ticket_id)
    assert t.state == State.WAITING_VACCINATION
    assert (t.dose_number, t.dose_kind, t.product) == (2, "primary", PRODUCT)
    assert t.override_reason == "doctor_order" and t.consent_at is not None
    overridden = [e for e in day.queries.history(ticket_id) if e.kind == "rule_overridden"]
    assert overridden and overridden[0].staff == STAFF_NAME


def test_the_station_shows_the_dose_and_the_override(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    t = day.tickets.issue("A")
    day.tickets.call(t.id, "登记2", actor=REG)
    day.care.register(
        t.id,
        PersonIn("张三", VALID_ID),
        consent=True,
        screening={},
        override="doctor_order",
        actor=REG,
    )
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    details = desk.panel.details.text()
    assert "Dose 2 (primary)" in details and PRODUCT in details
    assert "rule overridden: doctor_order" in details
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    record = day.record.find(VALID_ID)
    assert record is not None
    assert [(d.dose_number, d.override_reason) for d in record.doses] == [
        (1, None),
        (2, "doctor_order"),
    ]


def test_without_consent_proceed_stays_disabled(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    desk = at_desk(qtbot, day, make_desk)
    p = desk.panel
    fill(qtbot, desk, id_number=OTHER_ID, consent=False)
    assert p.record.summary.text() == "No earlier record at this site."
    assert p.record.proposal_label.text() == f"Proposed: Dose 1 (primary) of {PRODUCT}"
    assert not p.proceed_button.isEnabled()
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert desk.status.text() == "The form is not complete: see the fields marked in red."
    assert desk.current is not None
    assert day.queries.ticket(desk.current.id).state == State.CALLED_REGISTRATION
    press(qtbot, desk, Qt.Key.Key_I, CTRL)
    assert p.consent.isChecked() and p.proceed_button.isEnabled()
    ticket_id = desk.current.id
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    t = day.queries.ticket(ticket_id)
    assert (t.state, t.dose_number, t.override_reason) == (State.WAITING_VACCINATION, 1, None)


def test_a_dose_from_the_paper_record_is_added_and_counted(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk = at_desk(qtbot, day, make_desk)
    p = desk.panel
    fill(qtbot, desk, name="李四", id_number=OTHER_ID)
    assert p.record.proposal_label.text().startswith("Proposed: Dose 1 (primary)")
    assert p.record.earlier_button.isEnabled()
    desk.prompts.queue(
        "earlier_dose", EarlierDoseInput(PRODUCT, date(2026, 11, 1), 1, "朝阳区社区卫生服务中心")
    )
    press(qtbot, desk, Qt.Key.Key_E, CTRL)
    assert desk.prompts.asked[-1] == ("earlier_dose", f"['{PRODUCT}', '流感疫苗'] 2026-12-05 1")
    assert desk.status.text() == f"Earlier dose entered: Dose 1 of {PRODUCT}, 2026-11-01."
    (line,) = record_lines(desk)
    assert "Dose 1 (paper record)" in line and "朝阳区社区卫生服务中心" in line
    assert p.record.summary.text() == "On record as 李四: 1 dose(s)"
    # 2026-11-01 + 21 days is past: dose 2 is due, not blocked.
    assert p.record.proposal_label.text() == f"Proposed: Dose 2 (primary) of {PRODUCT}"
    assert not p.record.blocks.isVisible() and p.proceed_button.isEnabled()
    ticket_id = p.ticket_id
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert ticket_id is not None
    assert day.queries.ticket(ticket_id).dose_number == 2
    record = day.record.find(OTHER_ID)
    assert record is not None and record.doses[0].kind == "external"


def test_the_same_paper_dose_twice_is_refused_in_words(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk = at_desk(qtbot, day, make_desk)
    fill(qtbot, desk)  # 张三 has dose 1 on record
    desk.prompts.queue("earlier_dose", EarlierDoseInput(PRODUCT, date(2026, 10, 1), 1, None))
    qtbot.mouseClick(desk.panel.record.earlier_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert desk.status.text() == "Dose 1 is already on this person's record."
    assert len(record_lines(desk)) == 1


def test_a_dose_added_elsewhere_after_the_look_up_is_not_numbered_twice(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    """The desk proposed dose 1; another desk enters a paper dose 1 before Proceed: the engine
    refuses the stale number, the desk says so and reads the record again."""
    desk = at_desk(qtbot, day, make_desk)
    p = desk.panel
    fill(qtbot, desk, name="李四", id_number=OTHER_ID)
    day.record.add_external_dose(
        PersonIn("李四", OTHER_ID),
        product=PRODUCT,
        given_on=date(2026, 11, 1),
        dose_number=1,
        actor=REG,
    )
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert desk.status.text() == (
        "The record says dose 2 is next: enter doses given elsewhere first."
    )
    assert p.record.proposal_label.text() == f"Proposed: Dose 2 (primary) of {PRODUCT}"
    ticket_id = p.ticket_id
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert ticket_id is not None and day.queries.ticket(ticket_id).dose_number == 2


def test_a_vaccine_is_chosen_when_several_are_on_hand(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    day.day.add_lot(lot(vials=2, doses_per_vial=1, name="F001", product="流感疫苗"), actor=MANAGER)
    desk = at_desk(qtbot, day, make_desk)
    box = desk.panel.record
    assert box.product.isVisible() and box.product.count() == 2
    fill(qtbot, desk)
    box.product.setCurrentIndex(box.product.findText(PRODUCT))
    assert box.blocks.text().startswith("Too early")
    box.product.setCurrentIndex(box.product.findText("流感疫苗"))
    assert box.proposal_label.text() == "Proposed: Dose 1 (primary) of 流感疫苗"
    assert not box.blocks.isVisible() and desk.panel.proceed_button.isEnabled()
    ticket_id = desk.panel.ticket_id
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert ticket_id is not None
    t = day.queries.ticket(ticket_id)
    assert (t.product, t.dose_number, t.override_reason) == ("流感疫苗", 1, None)


def test_a_changed_number_shows_the_new_persons_record(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk = at_desk(qtbot, day, make_desk)
    box = desk.panel.record
    fill(qtbot, desk)
    assert len(record_lines(desk)) == 1
    desk.panel.id_number.clear()
    settle(qtbot, desk)
    assert record_lines(desk) == [] and not box.loaded
    assert not desk.panel.proceed_button.isEnabled()
    type_text(qtbot, desk.panel.id_number, OTHER_ID)
    settle(qtbot, desk)
    assert box.summary.text() == "No earlier record at this site." and record_lines(desk) == []


def correction(id_number: str) -> PersonCorrection:
    """张三's details as the dialog shows them pre-filled, the number changed to ``id_number``
    (the birth date and sex are the old document's: the new number brings its own)."""
    person = PersonIn("张三", id_number, "13800138000", birth_date=date(1949, 12, 31), sex="female")
    return PersonCorrection(person, "证件号录错")


def test_a_returning_persons_document_is_corrected_and_the_doses_stay(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk = at_desk(qtbot, day, make_desk)
    box = desk.panel.record
    assert not box.correct_button.isEnabled()
    fill(qtbot, desk, id_number=OTHER_ID)
    assert not box.correct_button.isEnabled()  # nobody on record under this number
    desk.panel.id_number.clear()
    type_text(qtbot, desk.panel.id_number, VALID_ID)
    settle(qtbot, desk)
    assert box.correct_button.isEnabled()
    desk.prompts.queue("correct_person", correction(OTHER_ID))
    qtbot.mouseClick(box.correct_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert desk.prompts.asked[-1] == ("correct_person", f"张三 resident_id {VALID_ID}")
    assert ("resident_id", "Resident identity card") in desk.prompts.offered
    assert desk.status.text() == (
        "The person's details are corrected; their doses stay on the record."
    )
    assert day.record.find(VALID_ID) is None
    record = day.record.find(OTHER_ID)
    assert record is not None and record.person.name == "张三"
    assert (record.person.birth_date, record.person.sex) == (date(1980, 1, 1), "male")
    assert [d.dose_number for d in record.doses] == [1]
    assert desk.panel.id_number.text() == OTHER_ID  # the desk shows the corrected document
    assert box.summary.text() == "On record as 张三: 1 dose(s)"
    assert len(record_lines(desk)) == 1


def test_a_document_of_another_person_is_refused_in_words(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    day.record.add_external_dose(
        PersonIn("李四", OTHER_ID),
        product=PRODUCT,
        given_on=date(2026, 11, 1),
        dose_number=1,
        actor=REG,
    )
    desk = at_desk(qtbot, day, make_desk)
    fill(qtbot, desk)
    desk.prompts.queue("correct_person", correction(OTHER_ID))
    qtbot.mouseClick(desk.panel.record.correct_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk)
    assert desk.status.text() == "This document belongs to another person on the record."
    record = day.record.find(VALID_ID)
    assert record is not None and len(record.doses) == 1
    assert desk.panel.id_number.text() == VALID_ID


@pytest.mark.parametrize(
    ("code", "details", "text"),
    [
        ("too_early", {"until": "2026-12-19"}, "Too early: due from 2026-12-19"),
        ("series_complete", {}, "The series is complete and this vaccine has no booster dose"),
        (
            "too_young",
            {"until": "2027-03-01"},
            "Too young for this vaccine: allowed from 2027-03-01",
        ),
        ("too_old", {}, "Above this vaccine's age limit"),
        ("age_unknown", {}, "The age is unknown: the birth date is needed"),
        ("consent_missing", {}, "Informed consent must be signed before registering."),
        (
            "product_required",
            {"products": ["a", "b"]},
            "Several vaccines are on hand: choose which one this dose is of.",
        ),
        ("dose_number_taken", {"dose_number": 2}, "Dose 2 is already on this person's record."),
    ],
)
def test_dose_rule_refusals_are_said_in_words(
    qtbot, day: Engine, make_desk: MakeDesk, code: str, details: dict[str, object], text: str
) -> None:
    desk = make_desk(signed_in=False)
    assert desk.messages.error(DomainError("english detail", code=code, **details)) == text
