"""A desk whose engine call waits (what a dead database link does), with no timing: the console
keeps taking input and painting, says it is working, does not act twice, then shows the result."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from kiosk.engine import Engine
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import activate, settle, type_text
from tests.ui.gate import Gate, PaintCounter


def test_a_call_that_waits_leaves_the_desk_usable(
    qtbot, day: Engine, make_desk: MakeDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    a1, _a2 = day.tickets.issue("A"), day.tickets.issue("A")
    desk = make_desk("登记1")
    gate = Gate()
    monkeypatch.setattr(day.tickets, "call_next", gate.hold(day.tickets.call_next))
    activate(qtbot, desk)
    qtbot.keyClick(desk, Qt.Key.Key_F1)
    gate.wait_entered()
    qtbot.keyClick(desk, Qt.Key.Key_F1)  # pressed again while the first waits: not twice
    assert "Still saving" in desk.status.text() or "仍在保存" in desk.status.text()
    type_text(qtbot, desk.number, "A002")  # input is taken meanwhile
    assert desk.number.text() == "A002"
    painted = PaintCounter()
    desk.installEventFilter(painted)
    desk.update()
    qtbot.waitUntil(lambda: painted.count > 0)  # and the window paints
    desk.clock.advance(timedelta(milliseconds=300))
    assert desk.status.text() in ("Working…", "正在处理……")
    gate.open()
    settle(qtbot, desk)
    assert desk.current is not None and desk.current.id == a1.id
    assert desk.ticket_label.text() == "A001"
    assert "A001" in desk.status.text()
    assert [t.label for t in day.queries.called()] == ["A001"]  # called once
    desk.removeEventFilter(painted)


def test_a_redraw_that_waits_keeps_the_last_picture(
    qtbot, day: Engine, make_desk: MakeDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    day.tickets.issue("A")
    desk = make_desk("登记1")
    assert desk.waiting.text().endswith("1")
    gate = Gate()
    monkeypatch.setattr(day.day, "status", gate.hold(day.day.status))
    day.tickets.issue("A")
    desk.feed.poll()
    gate.wait_entered()
    assert desk.waiting.text().endswith("1")  # the last picture, until the read is back
    type_text(qtbot, desk.number, "A001")
    assert desk.number.text() == "A001"
    gate.open()
    settle(qtbot, desk)
    assert desk.waiting.text().endswith("2")
