"""Calling at a desk: next, a number, recall, missed and its grace period, reinstate, cancel,
sign-in and sign-out, other desks' actions, and the scanner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from kiosk.engine import Engine
from kiosk.errors import StorageError
from kiosk.model import Actor
from kiosk.staff import LOCK_MINUTES, MAX_FAILURES, StaffDirectory
from kiosk.states import State
from tests.ui.conftest import STAFF_NAME
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, scan, settle, sign_in, type_text
from ui.widgets.signin import SignInPanel

OTHER = Actor("李护士", "登记2")


def test_sign_in_wrong_pin_locks_and_says_for_how_long(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    desk = make_desk(signed_in=False)
    for _ in range(MAX_FAILURES):
        sign_in(qtbot, desk, pin="0000")
        assert desk.user is None
    assert desk.signin.error.text() == "Wrong PIN."
    desk.clock.advance(timedelta(seconds=30))
    settle(qtbot, desk)
    sign_in(qtbot, desk)  # the right PIN, but now locked: 4.5 minutes left
    assert desk.user is None and f"{LOCK_MINUTES} min" in desk.signin.error.text()
    desk.clock.advance(timedelta(minutes=LOCK_MINUTES))  # the lock has ended
    settle(qtbot, desk)
    sign_in(qtbot, desk)
    assert desk.user == STAFF_NAME and desk.stack.currentWidget() is desk.work


def test_signed_out_desk_does_nothing(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert desk.user is None and desk.stack.currentWidget() is desk.signin
    press(qtbot, desk, Qt.Key.Key_F1)
    desk.call_next()
    settle(qtbot, desk)
    assert day.queries.at_desk("登记1") is None


def test_call_recall_missed_grace_and_reinstate(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    a1, a2 = day.tickets.issue("A"), day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.ticket_label.text() == "A001"
    press(qtbot, desk, Qt.Key.Key_F2)
    assert [e.kind for e in day.queries.history(a1.id)][-1] == "recalled"
    press(qtbot, desk, Qt.Key.Key_F3)
    assert day.queries.ticket(a1.id).state == State.MISSED
    assert desk.missed_list.count() == 1
    assert "08:30" in desk.missed_list.item(0).text()  # dose held for the 30-minute grace
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.ticket_label.text() == "A002"
    press(qtbot, desk, Qt.Key.Key_F4)  # nothing selected
    assert desk.status.property("level") == "warn"
    desk.clock.advance(timedelta(minutes=31))  # the grace period ends: the deadline fires
    settle(qtbot, desk)
    assert "grace period over" in desk.missed_list.item(0).text()
    desk.missed_list.setCurrentRow(0)
    press(qtbot, desk, Qt.Key.Key_F4)
    assert day.queries.ticket(a1.id).state == State.WAITING_REGISTRATION
    assert desk.missed_list.count() == 0
    desk.prompts.queue("reason", "回家了")
    press(qtbot, desk, Qt.Key.Key_F8)
    assert day.queries.ticket(a2.id).state == State.CANCELLED
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.ticket_label.text() == "A001"  # reinstated: the front of the queue
    kinds = [(e.kind, e.staff, e.terminal) for e in day.queries.history(a1.id)]
    assert ("reinstated", STAFF_NAME, "登记1") in kinds


def test_call_a_number_typed_by_hand(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    day.tickets.issue("A")
    a2 = day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert desk.number.hasFocus()
    type_text(qtbot, desk.number, "a002")
    qtbot.keyClick(desk.number, Qt.Key.Key_Return)
    settle(qtbot, desk)
    assert day.queries.ticket(a2.id).desk == "登记1" and desk.ticket_label.text() == "A002"
    type_text(qtbot, desk.number, "A404")
    qtbot.keyClick(desk.number, Qt.Key.Key_Return)
    settle(qtbot, desk)
    assert desk.status.text() == "There is no such number today."


def test_other_desks_actions_show_here(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    for _ in range(3):
        day.tickets.issue("A")
    desk = make_desk()
    desk.feed.start()
    assert desk.waiting.text().endswith("3")
    day.tickets.call_next(desk.queue, "登记2", actor=OTHER)
    assert desk.waiting.text().endswith("3")  # until the feed's next poll...
    desk.clock.advance(timedelta(milliseconds=desk.feed.interval_ms))
    settle(qtbot, desk)
    assert desk.waiting.text().endswith("2")  # ...50 ms later
    day.tickets.issue("A")
    desk.clock.advance(timedelta(milliseconds=desk.feed.interval_ms))
    settle(qtbot, desk)
    assert desk.waiting.text().endswith("3")


def test_scan_calls_the_ticket_and_types_nothing(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    day.tickets.issue("A")
    a2 = day.tickets.issue("A")
    desk = make_desk()
    desk.number.setFocus()
    scan(qtbot, desk, a2.token, into=desk.number)
    assert desk.number.text() == ""
    assert day.queries.ticket(a2.id).desk == "登记1" and desk.ticket_label.text() == "A002"


def test_scan_into_a_form_field_leaves_it_untouched(
    qtbot, day: Engine, make_desk: MakeDesk
) -> None:
    a1, a2 = day.tickets.issue("A"), day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    type_text(qtbot, desk.panel.name, "Li")
    scan(qtbot, desk, a2.token, into=desk.panel.name)
    assert desk.panel.name.text() == "Li"
    assert "still serving A001" in desk.status.text()
    assert (
        day.queries.ticket(a2.id).state == State.WAITING_REGISTRATION
    )  # this desk is busy with A001
    assert desk.current is not None and desk.current.id == a1.id


def test_slow_typing_is_not_a_scan(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    a1 = day.tickets.issue("A")
    desk = make_desk()
    press(qtbot, desk, Qt.Key.Key_F1)
    scan(qtbot, desk, a1.token, into=desk.panel.phone, gap_ms=150)
    desk.clock.advance(timedelta(milliseconds=desk.scanner.max_gap_ms * 3))  # the last key's hold
    assert desk.scanner.pending() == ""
    assert desk.panel.phone.text() == a1.token[:20]  # typed like any text (max 20)


@pytest.mark.parametrize("case", ["unknown", "wrong_stage", "other_desk"])
def test_scan_says_why_it_cannot(qtbot, day: Engine, make_desk: MakeDesk, case: str) -> None:
    t = day.tickets.issue("A")
    desk = make_desk()
    token, expected = "x" * 24, "not a ticket"
    if case == "wrong_stage":
        day.tickets.call(t.id, "登记2", actor=OTHER)
        day.care.defer(t.id, "fever", actor=OTHER)
        token, expected = t.token, "deferred"
    elif case == "other_desk":
        day.tickets.call(t.id, "登记2", actor=OTHER)
        token, expected = t.token, "登记2"
    scan(qtbot, desk, token)
    assert expected in desk.status.text()
    assert desk.status.property("level") == "error"
    assert desk.current is None


def test_a_lost_database_is_said_in_the_status_line(
    qtbot, day: Engine, make_desk: MakeDesk, feed, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = make_desk("登记1")

    def fail() -> int:
        raise StorageError("database sqlite:///x failed: disk I/O error")

    monkeypatch.setattr(day.queries, "last_seq", fail)
    feed.poll()
    settle(qtbot, desk)
    assert "disk I/O error" in desk.status.text()
    assert desk.status.property("level") == "error"
    monkeypatch.undo()
    feed.poll()
    settle(qtbot, desk)
    assert desk.status.property("level") == "info"
    assert "disk I/O error" not in desk.status.text()
    monkeypatch.setattr(day.queries, "last_seq", fail)
    feed.poll()
    settle(qtbot, desk)
    desk.say("叫号成功 called")  # a nurse's action said something since
    monkeypatch.undo()
    feed.poll()
    settle(qtbot, desk)
    assert desk.status.text() == "叫号成功 called"  # the return of the database does not hide it


def test_sign_in_with_nobody_to_sign_in_says_how_to_add_staff(qtbot, db, clock) -> None:
    panel = SignInPanel(StaffDirectory(db, clock, "main"), "登记1")
    qtbot.addWidget(panel)
    assert panel.name.count() == 0
    assert "kiosk staff add" in panel.error.text()
