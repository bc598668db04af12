"""The appointment flow when the database is slow: an answer that comes back after its resident
left is never shown to the next one (it could take their number and link it to another's
appointment), and the kiosk does not go back to its start page while a number is being taken.

The engine is held on a worker thread by an event (no sleeps): the UI thread goes on as a
resident would."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.engine import Engine
from tests.ui.conftest import open_day
from tests.ui.kiosk.booking import appointment_of, book, click, type_on_keypad
from tests.ui.kiosk.conftest import FakePrinter, settle

LEFT = Qt.MouseButton.LeftButton


class Held:
    """The first call of ``name`` on ``obj`` waits until :meth:`release` (on its worker)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, obj: object, name: str) -> None:
        self.gate, self.started, self.calls = threading.Event(), threading.Event(), []
        real: Callable[..., Any] = getattr(obj, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(args)
            if len(self.calls) == 1:
                self.started.set()
                self.gate.wait(10)
            return real(*args, **kwargs)

        monkeypatch.setattr(obj, name, held)

    def release(self) -> None:
        self.gate.set()


def shown_kiosk(qtbot: QtBot, make_kiosk: Any) -> Any:
    kiosk = make_kiosk(FakePrinter())
    kiosk.resize(1366, 768)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    return kiosk


def test_a_late_answer_is_not_shown_to_the_next_resident(
    qtbot: QtBot, engine: Engine, make_kiosk: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    kiosk = shown_kiosk(qtbot, make_kiosk)
    held = Held(monkeypatch, engine.appointments, "kiosk_lookup")
    click(qtbot, kiosk, kiosk.start.appointment)
    type_on_keypad(qtbot, kiosk, str(rows[0][3]))
    qtbot.mouseClick(kiosk.appointment.lookup.find_button, LEFT)  # resident 1, slow database
    assert held.started.wait(5)
    qtbot.mouseClick(kiosk.appointment.lookup.back, LEFT)  # resident 1 gives up
    qtbot.mouseClick(kiosk.start.appointment, LEFT)  # resident 4
    for ch in str(rows[3][3]):
        qtbot.mouseClick(kiosk.appointment.lookup.keypad.findChild(QWidget, f"key_{ch}"), LEFT)
    qtbot.mouseClick(kiosk.appointment.lookup.find_button, LEFT)
    held.release()
    settle(kiosk)
    assert [c[1] for c in held.calls] == [str(rows[0][3]), str(rows[3][3])]  # both looked up
    shown = kiosk.appointment.match
    assert shown is not None and shown.appointment_id == appointment_of(engine, rows[3]).id


def test_the_kiosk_stays_on_the_number_being_taken_past_its_idle_time(
    qtbot: QtBot, engine: Engine, make_kiosk: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    kiosk = shown_kiosk(qtbot, make_kiosk)
    click(qtbot, kiosk, kiosk.start.appointment)
    type_on_keypad(qtbot, kiosk, str(rows[0][3]))
    click(qtbot, kiosk, kiosk.appointment.lookup.find_button)
    assert kiosk.page() == "appointment_confirm_page"
    held = Held(monkeypatch, engine.appointments, "take_number")
    kiosk.clock.advance(timedelta(seconds=kiosk.config.kiosk.idle_seconds - 1))  # reads, taps
    qtbot.mouseClick(kiosk.appointment.confirm.take, LEFT)
    assert held.started.wait(5)
    kiosk.clock.advance(timedelta(seconds=kiosk.config.kiosk.idle_seconds))  # a slow write
    assert kiosk.page() == "appointment_confirm_page"
    held.release()
    settle(kiosk)
    assert kiosk.page() == "issued_page" and kiosk.shown_ticket is not None
    assert engine.appointments.for_ticket(kiosk.shown_ticket.id) is not None
