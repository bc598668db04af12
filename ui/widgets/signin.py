"""Staff sign-in for the nurses' consoles: a name and a PIN (scrypt and lockout in kiosk/staff.py).

Focus: the PIN field, or the staff list while it is empty. The name is chosen from the list, never
typed, so a PIN typed while the list has the focus can never show there in clear text: its digits
go to the PIN field. Enter anywhere on the panel signs in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.staff import StaffDirectory, StaffMember
from ui.runner import Runner
from ui.widgets.messages import DeskMessages


class SignInPanel(QWidget):
    """Emits ``signedIn(name, role)`` once the PIN is right; shows the lockout minutes when locked."""

    signedIn = Signal(str, str)  # name, role

    def __init__(
        self,
        staff: StaffDirectory,
        title: str,
        parent: QWidget | None = None,
        *,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signin")
        self.staff = staff
        self.runner = runner  # given: the PIN (scrypt) is checked off the UI thread
        self.messages = DeskMessages(self)
        heading = QLabel(title)
        heading.setObjectName("signinTitle")
        heading.setWordWrap(True)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QComboBox()
        self.name.setObjectName("staffName")
        self.name.installEventFilter(self)
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self.submit)
        self.button = QPushButton(self.tr("Sign in (Enter)"))
        self.button.setObjectName("signIn")
        self.button.clicked.connect(self.submit)
        self.error = QLabel()
        self.error.setObjectName("signinError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Staff name"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        box = QWidget()
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(heading)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.reload()

    def focus_first(self) -> None:
        """The PIN field; the staff list while nobody is in it."""
        (self.pin if self.name.count() else self.name).setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.focus_first()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Digits typed on the staff list are the PIN: they go to the PIN field."""
        if watched is self.name and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if (
                event.text().isdigit()
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ):
                self.pin.setFocus(Qt.FocusReason.OtherFocusReason)
                self.pin.insert(event.text())
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """Enter on the staff list (or anywhere on the panel) signs in."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    def reload(self) -> None:
        """Fill the name list and clear the PIN (at start and after each sign-out)."""
        self.pin.clear()
        self.focus_first()
        if self.runner is None:
            try:
                self._fill([m.name for m in self.staff.members()])
            except KioskError as exc:
                self._refused(exc)
            return
        self.runner.read(
            self, "staff", lambda: [m.name for m in self.staff.members()], self._fill,
            self._refused,
        )  # fmt: skip

    def _fill(self, names: list[str]) -> None:
        current = self.name.currentText()  # what may have been typed meanwhile
        self.name.clear()
        self.name.addItems(names)
        if not names:  # a fresh database: say how staff are added, not just "enter a name"
            self.error.setText(
                self.tr("No staff can sign in yet. Add them with: kiosk staff add NAME")
            )
        if current:
            self.name.setCurrentText(current)
        if self.isVisible():
            self.focus_first()

    def submit(self) -> None:
        name, pin = self.name.currentText().strip(), self.pin.text()
        self.pin.clear()
        if not name or not pin:
            self.error.setText(self.tr("Enter your name and your PIN."))
            self.focus_first()
            return
        if self.runner is not None:
            self.button.setEnabled(False)
            self.runner.run(
                self, "sign_in", lambda: self.staff.sign_in(name, pin), self._right, self._refused
            )
            return
        try:
            member = self.staff.sign_in(name, pin)
        except KioskError as exc:
            self._refused(exc)
            return
        self._right(member)

    def _right(self, member: StaffMember) -> None:
        self.button.setEnabled(True)
        self.error.clear()
        self.signedIn.emit(member.name, member.role)

    def _refused(self, exc: KioskError) -> None:
        self.button.setEnabled(True)
        self.error.setText(self.messages.error(exc))
        if self.isVisible():
            self.focus_first()
