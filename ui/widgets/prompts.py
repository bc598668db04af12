"""The consoles' questions to the nurse (reasons, confirmations, numbers, an adverse event).

One object per console, ``console.prompts``: tests replace it with a fake that answers at once,
so no modal dialog ever blocks a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from kiosk.model import SEVERITIES, Person, PersonIn
from ui.widgets import theme


@dataclass(frozen=True)
class AdverseInput:
    onset_at: datetime
    symptoms: str
    severity: str
    action: str


@dataclass(frozen=True)
class CorrectionInput:
    lot_id: int | None
    dose_number: int | None
    reason: str
    trace_code: str | None = None  # the box code the dose came from, when it was wrong


@dataclass(frozen=True)
class ReasonInput:
    """A coded reason (one of the day's codes, or free text on a day without a list) and the
    nurse's note."""

    reason: str
    note: str | None = None


@dataclass(frozen=True)
class WasteInput:
    doses: int
    reason: str  # a code of the day's waste reasons, or free text on a day without them
    note: str | None = None


@dataclass(frozen=True)
class UndoInput:
    """Why "vaccinated" was wrong, and whether the dose had been drawn (then it is wasted)."""

    reason: str
    drawn: bool


Choices = list[tuple[str, str]]
"""Coded reasons as offered: (code, text in the site's language)."""


@dataclass(frozen=True)
class PersonCorrection:
    """A person's details as corrected (the engine checks the document), and why."""

    person: PersonIn
    reason: str


@dataclass(frozen=True)
class EarlierDoseInput:
    """A dose given elsewhere, as the person's paper record (接种凭证) shows it."""

    product: str
    given_on: date
    dose_number: int
    place: str | None


class Prompts(QObject):
    """Modal dialogs; every method returns None (or False) when the nurse cancels."""

    def reason(self, parent: QWidget, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(parent, title, label)
        return text.strip() if ok and text.strip() else None

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        answer = QMessageBox.warning(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def number(
        self, parent: QWidget, title: str, label: str, value: int, low: int, high: int
    ) -> int | None:
        got, ok = QInputDialog.getInt(parent, title, label, value, low, high)
        return int(got) if ok else None

    def coded_reason(
        self, parent: QWidget, title: str, label: str, reasons: Choices
    ) -> ReasonInput | None:
        """One of the day's coded ``reasons`` and a free-text note (optional)."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(title)
        chosen = _reason_box(reasons)
        note = QLineEdit()
        note.setObjectName("reasonNote")
        form = QFormLayout(dialog)
        form.addRow(QLabel(label))
        form.addRow(self.tr("Reason"), chosen)
        form.addRow(self.tr("Note (optional)"), note)
        if not _ok(dialog, form, lambda: chosen.currentData() is not None, chosen):
            return None
        return ReasonInput(str(chosen.currentData()), note.text().strip() or None)

    def waste(self, parent: QWidget, doses_left: int, reasons: Choices) -> WasteInput | None:
        """How many doses of a vial are wasted, and why: one of the day's coded ``reasons`` and
        a note, or free text when the day has no list."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(self.tr("Record waste"))
        doses = QSpinBox()
        doses.setRange(1, max(1, doses_left))
        note = QLineEdit()
        form = QFormLayout(dialog)
        form.addRow(self.tr("Doses wasted"), doses)
        if reasons:
            chosen = _reason_box(reasons)
            form.addRow(self.tr("Reason"), chosen)
            form.addRow(self.tr("Note (optional)"), note)
            if not _ok(dialog, form, lambda: chosen.currentData() is not None, chosen):
                return None
            return WasteInput(doses.value(), str(chosen.currentData()), note.text().strip() or None)
        form.addRow(self.tr("Why were they wasted?"), note)
        if not _ok(dialog, form, lambda: bool(note.text().strip()), note):
            return None
        return WasteInput(doses.value(), note.text().strip())

    def choice(
        self, parent: QWidget, title: str, label: str, options: list[tuple[int, str]]
    ) -> int | None:
        """One of ``options`` (key, text), none chosen at first."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(title)
        box = QComboBox()
        box.addItem(self.tr("— choose —"), None)
        for key, text in options:
            box.addItem(text, key)
        form = QFormLayout(dialog)
        form.addRow(QLabel(label))
        form.addRow(box)
        if not _ok(dialog, form, lambda: box.currentData() is not None, box):
            return None
        return int(box.currentData())

    def undo_vaccination(self, parent: QWidget, label: str, who: str) -> UndoInput | None:
        """Undo a wrong "vaccinated" of ticket ``label`` (``who``: the person, masked)."""
        dialog = UndoDialog(parent, label, who)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def adverse_event(self, parent: QWidget, label: str, now: datetime) -> AdverseInput | None:
        dialog = QDialog(parent)
        dialog.setWindowTitle(self.tr("Adverse event: %1").replace("%1", label))
        # PySide6 converts a Python datetime; its stubs lack that overload.
        onset = QDateTimeEdit(QDateTime(now))  # type: ignore[call-overload]
        onset.setDisplayFormat("HH:mm")
        symptoms, action = QLineEdit(), QLineEdit()
        severity = QComboBox()
        for key, text in zip(
            SEVERITIES, (self.tr("mild"), self.tr("moderate"), self.tr("severe")), strict=True
        ):
            severity.addItem(text, key)
        form = QFormLayout(dialog)
        form.addRow(self.tr("Onset"), onset)
        form.addRow(self.tr("Symptoms"), symptoms)
        form.addRow(self.tr("Severity"), severity)
        form.addRow(self.tr("Action taken"), action)
        if not _ok(dialog, form) or not symptoms.text().strip():
            return None
        when = onset.dateTime().toPython()
        assert isinstance(when, datetime)
        return AdverseInput(
            when.replace(tzinfo=now.tzinfo) if when.tzinfo is None else when,
            symptoms.text().strip(),
            str(severity.currentData()),
            action.text().strip(),
        )

    def correction(
        self, parent: QWidget, lots: list[tuple[int, str]], lot_id: int | None, dose: int
    ) -> CorrectionInput | None:
        dialog = QDialog(parent)
        dialog.setWindowTitle(self.tr("Correct lot or dose number"))
        lot_box = QComboBox()
        for key, text in lots:
            lot_box.addItem(text, key)
        if lot_id is not None:
            lot_box.setCurrentIndex(max(0, lot_box.findData(lot_id)))
        dose_box = QSpinBox()
        dose_box.setRange(1, 9)
        dose_box.setValue(dose)
        box_code = QLineEdit()
        box_code.setObjectName("correctionBoxCode")
        box_code.setPlaceholderText(self.tr("only if the box code was wrong"))
        why = QLineEdit()
        form = QFormLayout(dialog)
        form.addRow(self.tr("Lot"), lot_box)
        form.addRow(self.tr("Dose number"), dose_box)
        form.addRow(self.tr("Box code"), box_code)
        form.addRow(self.tr("Reason"), why)
        if not _ok(dialog, form) or not why.text().strip():
            return None
        new_lot = lot_box.currentData()
        return CorrectionInput(
            int(new_lot) if new_lot is not None and new_lot != lot_id else None,
            dose_box.value() if dose_box.value() != dose else None,
            why.text().strip(),
            box_code.text().strip() or None,
        )

    def correct_person(
        self, parent: QWidget, person: Person, documents: Choices
    ) -> PersonCorrection | None:
        """``person``'s stored details to correct (``documents``: the kinds offered, code and
        name); a reason is required, the engine checks the rest."""
        dialog = QDialog(parent)
        dialog.setObjectName("correctPerson")
        dialog.setWindowTitle(self.tr("Correct the person's details"))
        kind = QComboBox()
        for code, text in documents:
            kind.addItem(text, code)
        kind.setCurrentIndex(max(0, kind.findData(person.document_type or "resident_id")))
        stored = (person.name, person.id_number, person.document_country, person.phone)
        name, number, country, phone = (QLineEdit(value or "") for value in stored)
        born = QLineEdit(person.birth_date.isoformat() if person.birth_date else "")
        born.setPlaceholderText(self.tr("YYYY-MM-DD (if the document does not carry it)"))
        sex = QComboBox()
        for key, text in (("", "—"), ("male", self.tr("male")), ("female", self.tr("female"))):
            sex.addItem(text, key)
        sex.setCurrentIndex(max(0, sex.findData(person.sex or "")))
        why = QLineEdit()
        why.setObjectName("correctPersonReason")
        form = QFormLayout(dialog)
        for label, field in (
            (self.tr("Name"), name),
            (self.tr("Document"), kind),
            (self.tr("Number"), number),
            (self.tr("Issuing country"), country),
            (self.tr("Birth date"), born),
            (self.tr("Sex"), sex),
            (self.tr("Phone"), phone),
            (self.tr("Reason"), why),
        ):
            form.addRow(label, field)

        def ready() -> bool:
            filled = all(e.text().strip() for e in (name, number, why))
            return filled and _date(born.text()) is not False

        if not _ok(dialog, form, ready, name, number, born, why):
            return None
        birth_date = _date(born.text())
        assert birth_date is not False
        corrected = PersonIn(
            name.text().strip(),
            number.text().strip(),
            phone.text().strip() or None,
            document_type=str(kind.currentData()),
            document_country=country.text().strip() or None,
            birth_date=birth_date,
            sex=str(sex.currentData()) or None,
        )
        return PersonCorrection(corrected, why.text().strip())

    def earlier_dose(
        self, parent: QWidget, products: list[str], today: date, dose: int
    ) -> EarlierDoseInput | None:
        """A dose from the paper record: the vaccine, the date, its number, where it was given."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(self.tr("Add a dose from the paper record"))
        product = QComboBox()
        product.addItems(products)
        product.setEditable(not products)
        # PySide6 converts a Python date; its stubs lack that overload.
        given = QDateEdit(QDate(today))  # type: ignore[call-overload]
        given.setDisplayFormat("yyyy-MM-dd")
        given.setCalendarPopup(True)
        given.setMaximumDate(QDate(today))  # type: ignore[call-overload]
        number = QSpinBox()
        number.setRange(1, 9)
        number.setValue(dose)
        place = QLineEdit()
        form = QFormLayout(dialog)
        form.addRow(self.tr("Vaccine"), product)
        form.addRow(self.tr("Date given"), given)
        form.addRow(self.tr("Dose number"), number)
        form.addRow(self.tr("Place"), place)
        if not _ok(dialog, form) or not product.currentText().strip():
            return None
        when = given.date().toPython()
        assert isinstance(when, date)
        return EarlierDoseInput(
            product.currentText().strip(), when, number.value(), place.text().strip() or None
        )


class UndoDialog(QDialog):
    """Names the ticket and the (masked) person; asks why, and whether the dose was drawn (no
    answer is preselected: OK stays disabled until both are given)."""

    def __init__(self, parent: QWidget | None, label: str, who: str) -> None:
        super().__init__(parent)
        self.setObjectName("undoVaccination")
        self.setWindowTitle(self.tr("Undo vaccination of %1").replace("%1", label))
        heading = QLabel(
            self.tr("%1 · %2 is recorded as vaccinated. Undo it only if the dose was not given.")
            .replace("%1", label)
            .replace("%2", who)
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
        self.buttons = _buttons(self, self.form, self.ready, self.reason, self.group)
        self.setMinimumWidth(520)

    def ready(self) -> bool:
        return bool(self.reason.text().strip()) and self.group.checkedButton() is not None

    def answer(self) -> UndoInput | None:
        if not self.ready():
            return None
        return UndoInput(self.reason.text().strip(), self.drawn.isChecked())


def _date(text: str) -> date | None | Literal[False]:
    """A typed YYYY-MM-DD date; None when blank, False when it is not a date."""
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return False


def _reason_box(reasons: Choices) -> QComboBox:
    """The day's coded reasons, none chosen at first."""
    box = QComboBox()
    box.setObjectName("codedReason")
    box.addItem(QCoreApplication.translate("Prompts", "— choose a reason —"), None)
    for code, text in reasons:
        box.addItem(text, code)
    return box


Changed = QLineEdit | QComboBox | QButtonGroup


def _buttons(
    dialog: QDialog,
    form: QFormLayout,
    ready: Callable[[], bool] | None = None,
    *watched: Changed,
) -> QDialogButtonBox:
    """OK and Cancel under ``form``; OK enabled while ``ready()`` holds, checked again when
    one of ``watched`` changes."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if ready is not None:
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)

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
    return buttons


def _ok(
    dialog: QDialog,
    form: QFormLayout,
    ready: Callable[[], bool] | None = None,
    *watched: Changed,
) -> bool:
    """OK and Cancel under ``form`` (see :func:`_buttons`); whether the dialog was accepted."""
    _buttons(dialog, form, ready, *watched)
    return dialog.exec() == QDialog.DialogCode.Accepted
