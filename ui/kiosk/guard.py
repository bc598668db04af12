"""Kiosk mode: the window cannot be closed or left without a staff PIN.

Close requests (the window manager's close, Alt+F4 on Windows, ``app.quit()``) are ignored and open
the PIN pad instead; keyboard shortcuts (Esc, Alt+F4, Ctrl+Q, Ctrl+W and every other key) are
swallowed while the kiosk window is active. Staff open the pad by tapping the site name five
times within three seconds. A right PIN unlocks and closes the kiosk; the exit is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.staff import StaffMember
from ui.widgets.pin_pad import PinPad

log = logging.getLogger(__name__)

STAFF_TAPS = 5
STAFF_TAP_WINDOW_MS = 3000

PinPadFactory = Callable[[Callable[[str], StaffMember], int, QWidget], PinPad]


class KioskGuard(QObject):
    """Installed on the kiosk window: decides on close events and keys, owns the PIN pad."""

    unlocked = Signal(object)  # StaffMember
    padOpened = Signal(object)  # PinPad

    def __init__(
        self,
        window: QWidget,
        check: Callable[[str], StaffMember],
        button_px: Callable[[], int],
        factory: PinPadFactory = PinPad,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.check = check
        self.button_px = button_px
        self.factory = factory
        self.pad: PinPad | None = None
        self.is_unlocked = False
        self._taps: list[int] = []
        self._elapsed = QElapsedTimer()
        self._elapsed.start()
        window.installEventFilter(self)

    # --- the hidden staff gesture ------------------------------------------------------------

    def tap(self) -> None:
        """A tap on the site name; the fifth within three seconds opens the PIN pad."""
        now = self._elapsed.elapsed()
        self._taps = [t for t in self._taps if now - t <= STAFF_TAP_WINDOW_MS] + [now]
        if len(self._taps) >= STAFF_TAPS:
            self._taps = []
            self.open_pad()

    def open_pad(self) -> PinPad:
        if self.pad is not None and self.pad.isVisible():
            return self.pad
        pad = self.factory(self.check, self.button_px(), self.window)
        pad.accepted.connect(lambda: self._unlock(pad))
        pad.finished.connect(lambda _r: self._forget(pad))
        self.pad = pad
        pad.open()
        self.padOpened.emit(pad)
        return pad

    def close_pad(self) -> None:
        if self.pad is not None:
            self.pad.reject()

    def _forget(self, pad: PinPad) -> None:
        if self.pad is pad:
            self.pad = None
        pad.deleteLater()

    def _unlock(self, pad: PinPad) -> None:
        member = pad.member
        log.info("kiosk mode left by staff %s", member.name if member else "?")
        self.is_unlocked = True
        self.unlocked.emit(member)

    # --- close and keys ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close:
            assert isinstance(event, QCloseEvent)
            if self.is_unlocked:
                return False
            event.ignore()
            log.info("kiosk: close refused without a staff PIN")
            self.open_pad()
            return True
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            event.accept()  # no shortcut fires, no key reaches anything: there is no keyboard
            return True
        return False
