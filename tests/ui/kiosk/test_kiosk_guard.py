"""Kiosk mode: no leaving without a staff PIN."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.clock import FakeClock
from kiosk.staff import StaffDirectory
from tests.ui.conftest import STAFF_PIN
from tests.ui.kiosk.conftest import settle
from ui.kiosk.screen import KioskScreen
from ui.widgets.pin_pad import PinPad


def test_close_is_refused_and_opens_the_pin_pad(qtbot: QtBot, kiosk: KioskScreen) -> None:
    kiosk.show()
    qtbot.waitExposed(kiosk)
    assert kiosk.close() is False
    assert kiosk.isVisible()
    assert isinstance(kiosk.guard.pad, PinPad)
    assert kiosk.guard.pad.isVisible()


def test_keys_are_swallowed(qtbot: QtBot, kiosk: KioskScreen) -> None:
    kiosk.show()
    qtbot.waitExposed(kiosk)
    for key, mods in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            event = QKeyEvent(kind, key, mods)
            event.ignore()
            QApplication.sendEvent(kiosk, event)
            assert event.isAccepted()  # consumed by the guard: no shortcut, no default action
        qtbot.keyClick(kiosk, key, mods)
    assert kiosk.isVisible()
    assert kiosk.page() == "start_page"


def test_a_shortcut_elsewhere_does_not_fire_from_the_kiosk(qtbot: QtBot, kiosk: KioskScreen):
    from PySide6.QtGui import QShortcut

    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence("Ctrl+Q"), kiosk)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append(True))
    kiosk.show()
    qtbot.waitExposed(kiosk)
    kiosk.activateWindow()
    qtbot.keyClick(kiosk, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert fired == []


def test_the_right_pin_closes(qtbot: QtBot, kiosk: KioskScreen) -> None:
    kiosk.show()
    qtbot.waitExposed(kiosk)
    pad = kiosk.guard.open_pad()
    with qtbot.waitSignal(kiosk.guard.unlocked):
        pad.enter(STAFF_PIN)
    assert not kiosk.isVisible()


def test_a_wrong_pin_is_refused(qtbot: QtBot, kiosk: KioskScreen) -> None:
    kiosk.show()
    qtbot.waitExposed(kiosk)
    pad = kiosk.guard.open_pad()
    pad.enter("0000")
    assert not pad.ok_button.isEnabled()  # checked off the UI thread meanwhile
    settle(kiosk)
    assert pad.ok_button.isEnabled() and pad.isVisible()
    assert pad.message.text() in ("密码错误，请重试。", "Wrong PIN. Please try again.")
    assert kiosk.isVisible()
    assert kiosk.close() is False


def test_lockout_is_shown(qtbot: QtBot, staff: StaffDirectory, clock: FakeClock) -> None:
    from kiosk.staff import MAX_FAILURES, Locked

    def check(pin: str):
        return staff.sign_in("王护士", pin)

    pad = PinPad(check, 80)
    qtbot.addWidget(pad)
    for _ in range(MAX_FAILURES):
        pad.enter("0000")
    pad.enter(STAFF_PIN)  # even the right PIN: locked
    text = pad.message.text()
    assert ("过多" in text or "Too many" in text) and any(c.isdigit() for c in text)
    assert pad.member is None
    assert pad.result() != pad.DialogCode.Accepted
    with pytest.raises(Locked):
        check(STAFF_PIN)  # the directory still holds the lock the pad reported


def test_five_taps_on_the_site_name_open_the_pad(qtbot: QtBot, kiosk: KioskScreen) -> None:
    kiosk.show()
    qtbot.waitExposed(kiosk)
    for _ in range(4):
        qtbot.mouseClick(kiosk.start.site, Qt.MouseButton.LeftButton)
    assert kiosk.guard.pad is None
    qtbot.mouseClick(kiosk.start.site, Qt.MouseButton.LeftButton)
    assert kiosk.guard.pad is not None and kiosk.guard.pad.isVisible()
    kiosk.guard.pad.buttons["clear"].click()
    assert all(b.minimumHeight() >= kiosk.touch_px() for b in kiosk.guard.pad.buttons.values())


def test_the_idle_reset_closes_the_pad(qtbot: QtBot, kiosk: KioskScreen) -> None:
    kiosk.show()
    qtbot.waitExposed(kiosk)
    pad = kiosk.guard.open_pad()
    with qtbot.waitSignal(pad.finished, timeout=1000):
        kiosk.clock.advance(timedelta(seconds=kiosk.config.kiosk.idle_seconds))
    assert kiosk.guard.pad is None
    assert kiosk.isVisible()
