"""The history panel speaks of people and desks, never of internal ids, keeps a name on one line,
and follows the desk's ticket."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout

from kiosk.engine import Engine
from kiosk.model import Actor, PersonIn
from tests.ui.conftest import STAFF_NAME
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press

SIMULATED = Actor("nurse-登记2", "登记2")  # kiosk.simulate's nurses have no names


def lines(desk: Any) -> list[str]:
    events = desk.history.events
    return [events.item(i).text() for i in range(events.count())]


def test_names_and_desks_never_ids(qtbot: Any, day: Engine, make_desk: MakeDesk) -> None:
    t = day.tickets.issue("A")
    day.tickets.call(t.id, "登记2", actor=SIMULATED)
    day.care.register(
        t.id, PersonIn("张三"), dose_number=1, consent=True, screening={}, actor=SIMULATED
    )
    desk = make_desk("接种1")
    press(qtbot, desk, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: len(lines(desk)) == 4)
    text = "\n".join(lines(desk))
    assert "nurse-登记2" not in text and "(kiosk)" not in text
    taken, called, registered, here = lines(desk)
    assert taken.splitlines()[1] == "kiosk"
    assert called.splitlines() == [called.splitlines()[0], "the nurse at 登记2"]
    assert "called → 登记2" in called.splitlines()[0]
    assert here.splitlines()[1] == f"{STAFF_NAME} · 接种1"


def test_a_name_is_never_wrapped(qtbot: Any, day: Engine, make_desk: MakeDesk) -> None:
    t = day.tickets.issue("A")
    long_name = "欧阳司马上官端木慕容护士"
    day.tickets.call(t.id, "登记1", actor=Actor(long_name, "登记1"))
    desk = make_desk("登记2")
    desk.resize(1280, 720)
    desk.history.show_ticket(t.id)
    qtbot.waitUntil(lambda: len(lines(desk)) == 2)
    room = desk.history.events.viewport().width() - 8
    shown = desk.history.events.item(1).text().splitlines()[1]
    layout = QTextLayout(shown, desk.history.events.font())
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(room)
        starts.append(line.textStart())
    layout.endLayout()
    name_end = shown.index(" · ")
    assert len(starts) == 2, "too long for one line at 1280 px: it wraps"
    assert starts[1] > name_end, f"wrapped inside the name: {shown[: starts[1]]!r}"
    assert lines(desk)[1].splitlines()[1] == f"{long_name} · 登记1"
