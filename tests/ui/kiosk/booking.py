"""The kiosk's "我有预约" tests' helpers: a village list on file, keypad taps, a scanned slip."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.engine import Engine
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.kiosk.conftest import DAY, MANAGER
from tests.ui.desk.helpers import KeyTime
from tests.ui.kiosk.conftest import settle
from ui.kiosk.screen import KioskScreen

LATER = DAY + timedelta(days=4)
SHARED = (2, 3)  # residents 2 and 3 share resident 2's phone


def book(engine: Engine, tmp_path: Path) -> list[list[object]]:
    """Today: residents 1 (first dose), 2 and 3 (one phone), 4 (second dose); 5 on a later day."""
    rows = [resident(1, DAY), resident(2, DAY), resident(3, DAY), resident(4, DAY, dose=2)]
    rows.append(resident(5, LATER))
    rows[2][3] = rows[1][3]
    engine.appointments.import_file(write_csv(tmp_path / "village.csv", ZH, rows), actor=MANAGER)
    return rows


def appointment_of(engine: Engine, row: list[object]) -> Any:
    day = DAY if row[5] == DAY.isoformat() else LATER
    return next(a for a in engine.appointments.on_day(day) if a.id_number == row[2])


def click(qtbot: QtBot, kiosk: KioskScreen, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(kiosk)


def type_on_keypad(qtbot: QtBot, kiosk: KioskScreen, typed: str) -> None:
    keypad = kiosk.appointment.lookup.keypad
    for ch in typed:
        click(qtbot, kiosk, keypad.findChild(QWidget, f"key_{ch}"))


def find(qtbot: QtBot, kiosk: KioskScreen, typed: str) -> None:
    """From the start page: 我有预约, the keys, 查找."""
    if not kiosk.isVisible():
        kiosk.resize(1366, 768)
        kiosk.show()
        qtbot.waitExposed(kiosk)
    click(qtbot, kiosk, kiosk.start.appointment)
    assert kiosk.page() == "appointment_page"
    type_on_keypad(qtbot, kiosk, typed)
    assert kiosk.appointment.lookup.typed.text() == typed
    click(qtbot, kiosk, kiosk.appointment.lookup.find_button)


def scan(qtbot: QtBot, kiosk: KioskScreen, token: str) -> None:
    """The kiosk's USB scanner: the slip's token and Enter, 5 ms apart, into the kiosk."""
    if not kiosk.isVisible():
        kiosk.show()
        qtbot.waitExposed(kiosk)
    kiosk.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is kiosk)
    kiosk.appointment.scanner.timestamp = KeyTime(5)
    target = QApplication.focusWidget() or kiosk
    qtbot.keyClicks(target, token)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    settle(kiosk)


def shown_texts(kiosk: KioskScreen) -> str:
    """Every text the kiosk shows now (labels on every visible page)."""
    return "\n".join(
        label.text() for label in kiosk.findChildren(QLabel) if label.isVisibleTo(kiosk)
    )


class FakeVoice:
    """Records what the kiosk would say."""

    def __init__(self) -> None:
        self.said: list[Any] = []

    def enqueue(self, announcement: Any) -> None:
        self.said.append(announcement)
