"""The USB barcode scanner: it "types" the ticket's QR token and Enter, faster than any human.

It also types the box codes of vaccine boxes (药品追溯码: 20 digits, or a GS1 element string
with brackets, GS or a configured stand-in for GS); what a burst was is for the screen to tell
(``kiosk.tracecodes.looks_like_trace_code``).

An application-level event filter watches key presses aimed at one window. Characters that could
belong to a token or a box code are held back for a moment; when Enter follows a burst of at
least ``min_length`` of them, each within ``max_gap_ms`` of the previous one (key event timestamps,
not wall-clock sleeps), the burst is a scan: ``scanned(token)`` is emitted and none of the
characters reach the focused field. Anything slower, shorter or interrupted is a human typing: the
held characters are delivered to where they were aimed, in order, and typing goes on as usual.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.scheduler import Scheduler

TOKEN_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_")
GS = "\x1d"
BOX_CODE_CHARACTERS = frozenset("!\"%&'()*+,./:;<=>?]" + GS)
"""Besides a token's: GS1's character set 82, "]" of the "]d2" prefix, and GS itself."""
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class _Held:
    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at_ms: int


def event_timestamp(event: QKeyEvent) -> int:
    return int(event.timestamp())


class ScannerFilter(QObject):
    """Recognises scanner bursts typed anywhere in ``window`` (install on the QApplication)."""

    scanned = Signal(str)

    def __init__(
        self,
        scheduler: Scheduler,
        window: QWidget,
        *,
        min_length: int = 16,
        max_gap_ms: int = 40,
        timestamp: Callable[[QKeyEvent], int] = event_timestamp,
        gs_standin: str = "",
    ) -> None:
        super().__init__(window)
        self.window = window
        self.min_length = min_length
        self.max_gap_ms = max_gap_ms
        self.timestamp = timestamp
        """The seam for tests: how a key event's time (ms) is read."""
        self.enabled = True
        self.characters = TOKEN_CHARACTERS | BOX_CODE_CHARACTERS | frozenset(gs_standin)
        """What a burst may hold: a ticket token's characters, a box code's, the GS stand-in."""
        self._held: list[_Held] = []
        self._replaying = False
        self._flush_timer = scheduler.timer(self.flush, max_gap_ms * 3, parent=self)

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        self._flush_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def pending(self) -> str:
        return "".join(h.text for h in self._held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            self._replaying
            or not self.enabled
            or event.type() != QEvent.Type.KeyPress
            or not watched.isWidgetType()
            or not self._mine(watched)
        ):
            return False
        assert isinstance(event, QKeyEvent)
        now = self.timestamp(event)
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if (plain or text == GS) and len(text) == 1 and text in self.characters:
            if self._held and now - self._held[-1].at_ms > self.max_gap_ms:
                self.flush()
            self._held.append(_Held(watched, event.key(), event.modifiers(), text, now))
            self._flush_timer.start()
            return True
        if event.key() in ENTER_KEYS and self._is_burst(now):
            token = self.pending()
            self._held.clear()
            self._flush_timer.stop()
            self.scanned.emit(token)
            return True
        self.flush()
        return False

    def _is_burst(self, enter_ms: int) -> bool:
        if len(self._held) < self.min_length:
            return False
        stamps = [h.at_ms for h in self._held] + [enter_ms]
        return all(b - a <= self.max_gap_ms for a, b in zip(stamps, stamps[1:], strict=False))

    def _mine(self, widget: QObject) -> bool:
        assert isinstance(widget, QWidget)
        return widget.window() is self.window

    def flush(self) -> None:
        """A human typed these: deliver them where they were aimed, in order."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for h in held:
                if not shiboken6.isValid(h.receiver):
                    continue
                press = QKeyEvent(QEvent.Type.KeyPress, h.key, h.modifiers, h.text)
                QApplication.sendEvent(h.receiver, press)
        finally:
            self._replaying = False
