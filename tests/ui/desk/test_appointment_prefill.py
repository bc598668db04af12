"""A ticket taken for a village-list appointment (issue 17): the registration desk opens it with
the person filled in from the list, for the nurse to check against the document; the health
questions and the consent are asked as for anyone. A landline from the list is a phone the desk
accepts (kiosk.phones)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from kiosk.engine import Engine
from kiosk.states import State
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.ui.conftest import MANAGER
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle
from tests.ui.desk.test_registration import CTRL

KIOSK = MANAGER


def booked_ticket(day: Engine, tmp_path: Path, phone: str | None = None) -> tuple[Any, Any]:
    row = resident(7, day.today())
    if phone is not None:
        row[3] = phone
    day.appointments.import_file(write_csv(tmp_path / "list.csv", ZH, [row]), actor=MANAGER)
    (appointment,) = day.appointments.on_day(day.today())
    ticket = day.tickets.issue("A")
    day.appointments.link(appointment.id, ticket.id, actor=KIOSK)
    return appointment, ticket


def test_the_desk_opens_an_appointment_with_the_person_filled_in(
    qtbot: Any, day: Engine, make_desk: MakeDesk, tmp_path: Path
) -> None:
    appointment, ticket = booked_ticket(day, tmp_path)
    desk = make_desk("登记1")
    press(qtbot, desk, Qt.Key.Key_F1)
    settle(qtbot, desk)
    p = desk.panel
    qtbot.waitUntil(lambda: p.name.text() == appointment.name)
    assert p.id_number.text() == appointment.id_number
    assert p.phone.text() == appointment.phone
    assert ticket.label in desk.status.text() and appointment.village in desk.status.text()
    assert not p.proceed_button.isEnabled()  # the questions and the consent are still asked
    for group in p.answers.values():
        qtbot.mouseClick(group.button(0), Qt.MouseButton.LeftButton)
    press(qtbot, desk, Qt.Key.Key_I, CTRL)
    settle(qtbot, desk)
    assert p.proceed_button.isEnabled()
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    registered = day.queries.ticket(ticket.id)
    assert registered.state == State.WAITING_VACCINATION
    person = day.queries.person(registered.person_id)
    assert (person.name, person.id_number) == (appointment.name, appointment.id_number)


def test_a_ticket_without_an_appointment_is_typed_as_before(
    qtbot: Any, day: Engine, make_desk: MakeDesk
) -> None:
    day.tickets.issue("A")
    desk = make_desk("登记1")
    press(qtbot, desk, Qt.Key.Key_F1)
    settle(qtbot, desk)
    assert desk.panel.name.text() == "" and desk.panel.id_number.text() == ""


def test_a_landline_from_the_list_is_accepted_and_stored_in_one_form(
    qtbot: Any, day: Engine, make_desk: MakeDesk, tmp_path: Path
) -> None:
    _appointment, ticket = booked_ticket(day, tmp_path, phone="0755 2234567")
    desk = make_desk("登记1")
    press(qtbot, desk, Qt.Key.Key_F1)
    settle(qtbot, desk)
    p = desk.panel
    qtbot.waitUntil(lambda: p.phone.text() != "")
    assert p.phone_info.text() == ""
    p.phone.setText("0755-223")
    assert p.phone_info.text() != "" and not p.proceed_button.isEnabled()
    p.phone.setText("(0755)2234567")
    assert p.phone_info.text() == ""
    for group in p.answers.values():
        qtbot.mouseClick(group.button(0), Qt.MouseButton.LeftButton)
    press(qtbot, desk, Qt.Key.Key_I, CTRL)
    settle(qtbot, desk)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)
    person = day.queries.person(day.queries.ticket(ticket.id).person_id)
    assert person.phone == "0755-2234567"
