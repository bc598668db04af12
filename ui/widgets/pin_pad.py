"""A big touch digit pad for a staff PIN (no keyboard at the kiosk).

``check`` is the directory's lookup (e.g. ``StaffDirectory.any_pin``): it returns the member or
raises ``WrongPin`` / ``Locked``. The pad says which, clears the digits, and stays open; on a right
PIN it stores the member in ``member`` and accepts. It is opened with ``open()`` (window-modal, not
blocking), so tests drive it by clicking its buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.staff import Locked, StaffMember, WrongPin
from ui.i18n import fill
from ui.runner import Runner
from ui.widgets import theme

MAX_DIGITS = 12


class PinPad(QDialog):
    def __init__(
        self,
        check: Callable[[str], StaffMember],
        button_px: int,
        parent: QWidget | None = None,
        title: str | None = None,
        *,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pin_pad")
        self.setWindowTitle(self.tr("Staff PIN"))
        self.check = check
        self.runner = (
            runner  # given: the PIN (scrypt, ~30 ms a member) is checked off the UI thread
        )
        self.member: StaffMember | None = None
        self.digits = ""
        side = max(button_px, 60)
        font = QFont(self.font())
        font.setPixelSize(int(side * 0.42))

        layout = QVBoxLayout(self)
        self.title = QLabel(title or self.tr("Staff only: enter your PIN"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setFont(font)
        self.display = QLabel("")
        self.display.setObjectName("pin_display")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setFont(font)
        self.display.setMinimumHeight(side)
        self.display.setStyleSheet(
            f"border: 2px solid {theme.MUTED}; background: {theme.BACKGROUND}; color: {theme.TEXT};"
        )
        self.message = QLabel("")
        self.message.setObjectName("pin_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {theme.ERROR};")
        small = QFont(font)
        small.setPixelSize(int(side * 0.3))
        self.message.setFont(small)
        layout.addWidget(self.title)
        layout.addWidget(self.display)
        layout.addWidget(self.message)

        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
        labels = {"clear": self.tr("Clear"), "back": "⌫"}
        for i, key in enumerate(keys):
            button = QPushButton(labels.get(key, key))
            button.setObjectName(f"pin_{key}")
            button.setFont(font)
            button.setMinimumSize(side, side)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button
        layout.addLayout(grid)
        row = QGridLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("pin_cancel")
        self.ok_button = QPushButton(self.tr("OK"))
        self.ok_button.setObjectName("pin_ok")
        for col, button in enumerate((self.cancel_button, self.ok_button)):
            button.setFont(font)
            button.setMinimumSize(side, side)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button, 0, col)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)
        layout.addLayout(row)

    def press(self, key: str) -> None:
        if key == "clear":
            self.digits = ""
        elif key == "back":
            self.digits = self.digits[:-1]
        elif len(self.digits) < MAX_DIGITS:
            self.digits += key
            self.message.setText("")
        self.display.setText("●" * len(self.digits))

    def enter(self, pin: str) -> None:
        """Tap the digits of ``pin`` then OK (what a nurse does; tests use it too)."""
        for digit in pin:
            self.buttons[digit].click()
        self.ok_button.click()

    def submit(self) -> None:
        pin, self.digits = self.digits, ""
        self.display.setText("")
        if not pin:
            return
        if self.runner is not None:
            self.ok_button.setEnabled(False)
            self.runner.run(self, "pin", lambda: self.check(pin), self._right, self._refused)
            return
        try:
            member = self.check(pin)
        except KioskError as exc:
            self._refused(exc)
            return
        self._right(member)

    def _right(self, member: StaffMember) -> None:
        self.ok_button.setEnabled(True)
        self.member = member
        self.accept()

    def _refused(self, exc: KioskError) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, Locked):
            minutes = int(exc.details.get("minutes", 5))
            self.message.setText(
                self.tr("Too many wrong PINs. Try again in %n minutes.", None, minutes)
            )
        elif isinstance(exc, WrongPin):
            self.message.setText(self.tr("Wrong PIN. Please try again."))
        else:
            self.message.setText(fill(self.tr("The PIN could not be checked (%1)."), exc.code))
