"""Focus rules (ARCHITECTURE.md, "Focus"): sign-in focuses the PIN (the staff list while it is
empty), a PIN typed on the staff list never shows there, Enter signs in; after every action the
focus is where the nurse types next."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.clock import FakeClock
from kiosk.db.database import Database
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from tests.ui.conftest import STAFF_NAME, STAFF_PIN
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import activate, press, settle
from tests.ui.desk.test_registration import CTRL, fill
from tests.ui.desk.test_vaccination import registered
from ui.desk.screen import DeskScreen


def focused() -> object:
    return QApplication.focusWidget()


def test_sign_in_focuses_the_pin_and_enter_signs_in(qtbot: Any, make_desk: MakeDesk) -> None:
    desk = make_desk("登记1", signed_in=False)
    activate(qtbot, desk)
    qtbot.waitUntil(lambda: desk.signin.name.count() == 1)
    assert focused() is desk.signin.pin
    assert desk.signin.name.currentText() == STAFF_NAME
    qtbot.keyClicks(desk.signin.pin, STAFF_PIN)
    qtbot.keyClick(desk.signin.pin, Qt.Key.Key_Return)
    settle(qtbot, desk)
    assert desk.user == STAFF_NAME


def test_a_pin_typed_on_the_staff_list_goes_to_the_pin_field(
    qtbot: Any, make_desk: MakeDesk
) -> None:
    desk = make_desk("登记1", signed_in=False)
    activate(qtbot, desk)
    qtbot.waitUntil(lambda: desk.signin.name.count() == 1)
    desk.signin.name.setFocus()
    qtbot.keyClicks(desk.signin.name, STAFF_PIN)
    assert desk.signin.name.currentText() == STAFF_NAME  # never the digits, in clear
    assert not desk.signin.name.isEditable()
    assert desk.signin.pin.text() == STAFF_PIN and focused() is desk.signin.pin
    desk.signin.name.setFocus()
    qtbot.keyClick(desk.signin.name, Qt.Key.Key_Return)  # Enter on the list signs in too
    settle(qtbot, desk)
    assert desk.user == STAFF_NAME


def test_an_empty_staff_list_has_the_focus(
    qtbot: Any, day: Engine, db: Database, clock: FakeClock, config: Any, feed: Any,
    scheduler: Any, runner: Any,
) -> None:  # fmt: skip
    nobody = StaffDirectory(db, clock, "main")
    desk = DeskScreen(day, clock, config, config.desks[0], nobody, feed, scheduler, runner)
    qtbot.addWidget(desk)
    activate(qtbot, desk)
    qtbot.waitUntil(lambda: "kiosk staff add" in desk.signin.error.text())
    assert focused() is desk.signin.name
    desk.close()


def test_after_each_call_the_focus_is_on_the_form(
    qtbot: Any, day: Engine, make_desk: MakeDesk
) -> None:
    for _ in range(3):
        day.tickets.issue("A")
    desk = make_desk("登记1")
    assert focused() is desk.number  # nobody at the desk: a number typed goes to the call field
    press(qtbot, desk, Qt.Key.Key_F1)
    assert focused() is desk.panel.name
    fill(qtbot, desk)
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)  # registered: the ticket leaves the desk
    assert desk.current is None and focused() is desk.number
    desk.history.lookup.setFocus()  # the nurse looked something up meanwhile
    qtbot.keyClicks(desk.history.lookup, "A001")
    qtbot.keyClick(desk.history.lookup, Qt.Key.Key_Return)
    settle(qtbot, desk)
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.current is not None and desk.current.label == "A002"
    assert focused() is desk.panel.name, "the next name must not go into the history search"
    press(qtbot, desk, Qt.Key.Key_F3)  # missed: gone from the desk
    assert focused() is desk.number


def test_the_station_keeps_the_focus_on_its_number_field(
    qtbot: Any, day: Engine, make_desk: MakeDesk
) -> None:
    registered(day)
    desk = make_desk("接种1")
    desk.history.lookup.setFocus()
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.current is not None and focused() is desk.number


def test_the_history_follows_the_desks_ticket(qtbot: Any, day: Engine, make_desk: MakeDesk) -> None:
    for _ in range(2):
        day.tickets.issue("A")
    desk = make_desk("登记1")
    press(qtbot, desk, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: desk.history.heading.text().startswith("A001"))
    press(qtbot, desk, Qt.Key.Key_F3)
    press(qtbot, desk, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: desk.history.heading.text().startswith("A002"))
    assert desk.history.shown_id == desk.current.id if desk.current else False
