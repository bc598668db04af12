"""Driving a console as a nurse would: sign in with the PIN, press keys, scan a ticket."""

from __future__ import annotations

from collections import deque
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.model import Person
from tests.ui.conftest import STAFF_NAME, STAFF_PIN
from ui.widgets.console import Console
from ui.widgets.prompts import (
    AdverseInput,
    Choices,
    CorrectionInput,
    EarlierDoseInput,
    PersonCorrection,
    ReasonInput,
    UndoInput,
    WasteInput,
)


class KeyTime:
    """The scanner's timestamp seam: each key event is ``gap_ms`` after the previous one."""

    def __init__(self, gap_ms: int) -> None:
        self.gap_ms = gap_ms
        self.now = 1_000

    def __call__(self, _event: QKeyEvent) -> int:
        self.now += self.gap_ms
        return self.now


class FakePrompts:
    """Answers the console's questions from queues and records what was asked."""

    def __init__(self) -> None:
        self.answers: dict[str, deque[Any]] = {}
        self.asked: list[tuple[str, str]] = []
        self.offered: Choices = []  # the coded reasons the last reason or waste prompt offered
        self.options: list[tuple[int, str]] = []  # what the last choice offered
        self.about: list[tuple[str, str]] = []  # (kind, the ticket and masked person named)

    def queue(self, kind: str, *answers: Any) -> FakePrompts:
        self.answers.setdefault(kind, deque()).extend(answers)
        return self

    def _next(self, kind: str, text: str, about: str = "") -> Any:
        self.asked.append((kind, text))
        self.about.append((kind, about))
        pending = self.answers.get(kind)
        if not pending:
            raise AssertionError(f"unexpected prompt {kind}: {text}")
        return pending.popleft()

    def reason(self, _parent: QWidget, title: str, label: str, about: str = "") -> str | None:
        return self._next("reason", f"{title} {label}", about)

    def confirm(self, _parent: QWidget, title: str, text: str, about: str = "") -> bool:
        return bool(self._next("confirm", f"{title} {text}", about))

    def number(self, _p: QWidget, title: str, label: str, *_a: int, about: str = "") -> int | None:
        return self._next("number", f"{title} {label}", about)

    def coded_reason(
        self, _parent: QWidget, title: str, label: str, reasons: Choices, about: str = ""
    ) -> ReasonInput | None:
        self.offered = reasons
        return self._next("coded_reason", f"{title} {label}", about)

    def waste(self, _parent: QWidget, doses_left: int, reasons: Choices) -> WasteInput | None:
        self.offered = reasons
        return self._next("waste", str(doses_left))

    def choice(
        self, _parent: QWidget, title: str, label: str, options: list[tuple[int, str]]
    ) -> int | None:
        self.options = options
        return self._next("choice", f"{title} {label}")

    def undo_vaccination(self, _parent: QWidget, label: str, who: str) -> UndoInput | None:
        return self._next("undo_vaccination", f"{label} {who}", f"{label} · {who}")

    def adverse_event(self, _p: QWidget, about: str, now: datetime) -> AdverseInput | None:
        return self._next("adverse_event", about, about)

    def correction(
        self, _p: QWidget, lots: Any, lot_id: Any, dose: int, about: str = ""
    ) -> CorrectionInput | None:
        return self._next("correction", str(lots), about)

    def correct_person(
        self, _p: QWidget, person: Person, documents: Choices, about: str = ""
    ) -> PersonCorrection | None:
        self.offered = documents
        return self._next(
            "correct_person", f"{person.name} {person.document_type} {person.id_number}", about
        )

    def earlier_dose(
        self, _p: QWidget, products: list[str], today: date, dose: int, about: str = ""
    ) -> EarlierDoseInput | None:
        return self._next("earlier_dose", f"{products} {today} {dose}", about)


def activate(qtbot: Any, screen: QWidget) -> None:
    """Shortcuts fire in the active window only, as on a real desk."""
    if not screen.isVisible():
        screen.show()
        qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)


def settle(qtbot: Any, console: Console) -> None:
    """Wait until the console's work off the UI thread (operations, reads) has come back."""
    qtbot.waitUntil(lambda: console.runner.idle)


def sign_in(qtbot: Any, console: Console, pin: str = STAFF_PIN, name: str = STAFF_NAME) -> None:
    activate(qtbot, console)
    names = console.signin.name  # the staff list, read off the UI thread: chosen, never typed
    qtbot.waitUntil(lambda: names.findText(name) >= 0)
    names.setCurrentIndex(names.findText(name))
    qtbot.keyClicks(console.signin.pin, pin)
    qtbot.keyClick(console.signin.pin, Qt.Key.Key_Return)
    settle(qtbot, console)


def press(
    qtbot: Any, console: Console, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    activate(qtbot, console)
    target = QApplication.focusWidget() or console
    qtbot.keyClick(target, key, modifier)
    settle(qtbot, console)


def scan(
    qtbot: Any, console: Console, token: str, into: QWidget | None = None, gap_ms: int = 5
) -> None:
    """A USB scanner: the token's characters and Enter, ``gap_ms`` apart, into the focus."""
    activate(qtbot, console)
    console.scanner.timestamp = KeyTime(gap_ms)
    target = into or QApplication.focusWidget() or console
    qtbot.keyClicks(target, token)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    settle(qtbot, console)


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Keys for ASCII; Chinese arrives as the input method commits it (QTest cannot type it)."""
    if text.isascii():
        console = widget.window()
        scanner = console.scanner
        scanner.timestamp = KeyTime(150)  # a quick nurse: still far slower than a scanner
        qtbot.keyClicks(widget, text)
        # The last key is held a moment (is a scanner's burst going on?): let that moment pass.
        console.clock.advance(timedelta(milliseconds=scanner.max_gap_ms * 3))
        assert scanner.pending() == ""
        return
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
