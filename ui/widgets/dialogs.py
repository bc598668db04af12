"""The dialogs' parts: a bold line naming the ticket and the (masked) person every dialog acts on,
OK and Cancel with OK enabled while the answer is complete, the coded-reason list, and the undo
dialog. :mod:`ui.widgets.prompts` asks with them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from kiosk.privacy import mask_name
from ui.i18n import fill
from ui.widgets import theme

Choices = list[tuple[str, str]]
"""Coded reasons as offered: (code, text in the site's language)."""


def subject(label: str, name: str | None) -> str:
    """What a dialog acts on: the ticket and the person's masked name ("A012 · 张*"); the ticket
    alone while nobody is known."""
    masked = mask_name(name) if name and name.strip() else ""
    return f"{label} · {masked}" if masked else label


def heading(text: str) -> QLabel:
    """The dialog's first line: what it acts on, in bold."""
    label = QLabel(text)
    label.setObjectName("dialogSubject")
    label.setWordWrap(True)
    theme.set_level(label, "strong")
    return label


def with_subject(text: str, about: str) -> str:
    """``text`` under a bold line naming ``about`` (rich text, for Qt's own dialogs' labels)."""
    if not about:
        return text
    return f"<b>{escape(about)}</b><br>{escape(text)}"


@dataclass(frozen=True)
class UndoInput:
    """Why "vaccinated" was wrong, and whether the dose had been drawn (then it is wasted)."""

    reason: str
    drawn: bool


class UndoDialog(QDialog):
    """Names the ticket and the (masked) person; asks why, and whether the dose was drawn (no
    answer is preselected: OK stays disabled until both are given)."""

    def __init__(self, parent: QWidget | None, label: str, who: str) -> None:
        super().__init__(parent)
        self.setObjectName("undoVaccination")
        self.setWindowTitle(fill(self.tr("Undo vaccination of %1"), label))
        heading = QLabel(
            fill(
                self.tr(
                    "%1 · %2 is recorded as vaccinated. Undo it only if the dose was not given."
                ),
                label,
                who,
            )
        )
        heading.setWordWrap(True)
        theme.set_level(heading, "strong")
        self.reason = QLineEdit()
        self.reason.setObjectName("undoReason")
        self.not_drawn = QRadioButton(self.tr("The dose was never drawn: it goes back to its vial"))
        self.drawn = QRadioButton(
            self.tr("The dose was drawn but not given: it is recorded as wasted")
        )
        self.not_drawn.setObjectName("undoNotDrawn")
        self.drawn.setObjectName("undoDrawn")
        self.group = QButtonGroup(self)
        self.group.addButton(self.not_drawn)
        self.group.addButton(self.drawn)
        note = QLabel(self.tr("The person goes back to the front of the vaccination queue."))
        note.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.addRow(heading)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.not_drawn)
        self.form.addRow(self.drawn)
        self.form.addRow(note)
        self.buttons = buttons(self, self.form, self.ready, self.reason, self.group)
        self.setMinimumWidth(520)

    def ready(self) -> bool:
        return bool(self.reason.text().strip()) and self.group.checkedButton() is not None

    def answer(self) -> UndoInput | None:
        if not self.ready():
            return None
        return UndoInput(self.reason.text().strip(), self.drawn.isChecked())


def parse_date(text: str) -> date | None | Literal[False]:
    """A typed YYYY-MM-DD date; None when blank, False when it is not a date."""
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return False


def reason_box(reasons: Choices) -> QComboBox:
    """The day's coded reasons, none chosen at first."""
    box = QComboBox()
    box.setObjectName("codedReason")
    box.addItem(QCoreApplication.translate("Prompts", "— choose a reason —"), None)
    for code, text in reasons:
        box.addItem(text, code)
    return box


Changed = QLineEdit | QComboBox | QButtonGroup


def buttons(
    dialog: QDialog,
    form: QFormLayout,
    ready: Callable[[], bool] | None = None,
    *watched: Changed,
) -> QDialogButtonBox:
    """OK and Cancel under ``form``; OK enabled while ``ready()`` holds, checked again when
    one of ``watched`` changes."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    form.addRow(box)
    if ready is not None:
        ok = box.button(QDialogButtonBox.StandardButton.Ok)

        def check(*_args: object) -> None:
            ok.setEnabled(ready())

        for widget in watched:
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(check)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(check)
            else:
                widget.buttonToggled.connect(check)
        check()
    return box


def accepted(
    dialog: QDialog,
    form: QFormLayout,
    ready: Callable[[], bool] | None = None,
    *watched: Changed,
) -> bool:
    """OK and Cancel under ``form`` (see :func:`buttons`); whether the dialog was accepted."""
    buttons(dialog, form, ready, *watched)
    return dialog.exec() == QDialog.DialogCode.Accepted
