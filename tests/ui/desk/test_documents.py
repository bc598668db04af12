"""The registration desk's document inputs: the five kinds, the rows each needs, errors next to
the input at fault, and a registration with a passport."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from kiosk.documents import DOCUMENT_TYPES
from kiosk.engine import Engine
from kiosk.model import Actor, PersonIn
from kiosk.states import State
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle, type_text
from tests.ui.desk.test_registration import CTRL, fill
from ui.desk.screen import DeskScreen

FOREIGN_2017 = "USA110085051712"  # nationality USA, born 1985-05-17; the card has no sex


def at_desk(qtbot, day: Engine, make_desk: MakeDesk) -> DeskScreen:
    day.tickets.issue("A")
    desk = make_desk("登记1")
    press(qtbot, desk, Qt.Key.Key_F1)
    return desk


def choose(desk: DeskScreen, kind: str) -> None:
    combo = desk.panel.document.kind
    combo.setCurrentIndex(combo.findData(kind))


def shown(desk: DeskScreen) -> dict[str, bool]:
    d = desk.panel.document
    return {
        "country": d.country.isVisible(),
        "birth": d.birth.isVisible(),
        "sex": d.sex.isVisible(),
    }


def test_the_kinds_are_offered_resident_id_first(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    desk = at_desk(qtbot, day, make_desk)
    combo = desk.panel.document.kind
    assert [combo.itemData(i) for i in range(combo.count())] == list(DOCUMENT_TYPES)
    assert combo.currentData() == "resident_id" and combo.itemText(4) == "Passport"
    assert shown(desk) == {"country": False, "birth": False, "sex": False}
    assert desk.panel.id_number.maxLength() == 18
    choose(desk, "taiwan_permit")
    assert desk.panel.id_number.maxLength() == 8
    assert shown(desk) == {"country": False, "birth": True, "sex": True}
    choose(desk, "passport")
    assert shown(desk) == {"country": True, "birth": True, "sex": True}
    assert desk.panel.id_number.maxLength() == 17


def test_a_passport_holder_registers_with_country_birth_date_and_sex(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk = at_desk(qtbot, day, make_desk)
    p, d = desk.panel, desk.panel.document
    choose(desk, "passport")
    fill(qtbot, desk, name="John Smith", id_number="e1234567")
    assert d.country_info.text() == "Required: 3 letters, e.g. USA"
    assert not p.record.loaded and not p.proceed_button.isEnabled()
    type_text(qtbot, d.country, "XYZ")
    assert d.country_info.text() == "Not a country code (ISO 3166, 3 letters)"
    d.country.clear()
    type_text(qtbot, d.country, "usa")
    settle(qtbot, desk)
    assert d.country_info.text() == "" and p.record.loaded  # found by number and country
    assert not p.proceed_button.isEnabled()  # birth date and sex still to come
    type_text(qtbot, d.birth, "1990-13-01")
    assert d.birth_info.text() == "Type the date as YYYY-MM-DD"
    d.birth.clear()
    type_text(qtbot, d.birth, "19900517")
    d.sex.setCurrentIndex(d.sex.findData("female"))
    assert p.id_info.text().startswith("Born 1990-05-17, female, 36 years")
    assert p.proceed_button.isEnabled()
    ticket_id = p.ticket_id
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert ticket_id is not None
    t = day.queries.ticket(ticket_id)
    assert t.state == State.WAITING_VACCINATION and t.person_id is not None
    person = day.queries.person(t.person_id)
    assert (person.document_type, person.id_number, person.document_country) == (
        "passport",
        "E1234567",
        "USA",
    )
    assert (person.birth_date, person.sex) == (date(1990, 5, 17), "female")


def test_a_2017_foreign_card_asks_for_the_sex_only(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    desk = at_desk(qtbot, day, make_desk)
    p, d = desk.panel, desk.panel.document
    choose(desk, "foreign_permanent")
    fill(qtbot, desk, name="Jane Doe", id_number=FOREIGN_2017)
    assert shown(desk) == {"country": False, "birth": False, "sex": True}
    assert not p.proceed_button.isEnabled()
    d.sex.setCurrentIndex(d.sex.findData("female"))
    assert p.id_info.text() == "Born 1985-05-17, female, 41 years"
    assert p.proceed_button.isEnabled()


@pytest.mark.parametrize(
    ("kind", "typed", "said"),
    [
        ("foreign_permanent", "USA1100850517", "18 or 15 characters needed (13 typed)"),
        ("foreign_permanent", "XXX110085051712", "The first 3 letters are not a nationality code"),
        ("foreign_permanent", "US1110085051712", "3 letters, then 12 digits"),
        ("hk_macau_permit", "K12345678", "The number starts with H or M"),
        ("hk_macau_permit", "H123", "9 or 11 characters needed (4 typed)"),
        ("taiwan_permit", "1234567A", "Digits only"),
        ("passport", "E12", "5 to 17 letters and digits needed (3 typed)"),
        ("passport", "E123-4567", "Letters and digits only"),
    ],
)
def test_number_errors_are_said_by_kind(
    qtbot, day: Engine, make_desk: MakeDesk, kind: str, typed: str, said: str
) -> None:
    desk = at_desk(qtbot, day, make_desk)
    choose(desk, kind)
    type_text(qtbot, desk.panel.id_number, typed)
    assert desk.panel.id_info.text() == said
    assert not desk.panel.proceed_button.isEnabled()


def test_a_passport_holder_at_the_station(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    """Age and sex come from the stored person, not from the number (which carries none)."""
    reg = Actor("李护士", "登记2")
    t = day.tickets.issue("A")
    day.tickets.call(t.id, "登记2", actor=reg)
    day.care.register(
        t.id,
        PersonIn(
            "John Smith",
            "E1234567",
            document_type="passport",
            document_country="USA",
            birth_date=date(1990, 5, 17),
            sex="male",
        ),
        consent=True,
        screening={},
        actor=reg,
    )
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    assert "John Smith" in desk.panel.person_name.text()
    assert desk.panel.details.text().startswith("36 years, male · Dose 1 (primary)")
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    assert day.queries.ticket(t.id).state == State.OBSERVING


def test_a_returning_passport_holder_is_filled_in_from_the_record(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    reg = Actor("李护士", "登记2")
    day.record.add_external_dose(
        PersonIn(
            "John Smith",
            "E1234567",
            "13900001111",
            document_type="passport",
            document_country="USA",
            birth_date=date(1990, 5, 17),
            sex="male",
        ),
        product="新冠疫苗(Vero细胞)",
        given_on=date(2026, 10, 1),
        dose_number=1,
        actor=reg,
    )
    desk = at_desk(qtbot, day, make_desk)
    p, d = desk.panel, desk.panel.document
    choose(desk, "passport")
    type_text(qtbot, d.country, "USA")
    type_text(qtbot, p.id_number, "E1234567")
    settle(qtbot, desk)
    assert (p.name.text(), p.phone.text()) == ("John Smith", "13900001111")
    assert (d.birth.text(), d.sex.currentData()) == ("1990-05-17", "male")
    assert p.id_info.text() == "Born 1990-05-17, male, 36 years"
    assert p.record.proposal_label.text().startswith("Proposed: Dose 2 (primary)")
