"""The consoles' questions to the nurse (reasons, confirmations, numbers, an adverse event).

One object per console, ``console.prompts``: tests replace it with a fake that answers at once,
so no modal dialog ever blocks a test. Every question about a ticket names it and the person
(masked): ``about``, made by :func:`ui.widgets.dialogs.subject`, in the title and in bold on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from kiosk.model import SEVERITIES, Person, PersonIn
from ui.i18n import fill
from ui.widgets.dialogs import (
    Choices,
    UndoDialog,
    UndoInput,
    accepted,
    heading,
    parse_date,
    reason_box,
    with_subject,
)

__all__ = ["Choices", "UndoDialog", "UndoInput"]  # where callers have always found them


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

    def reason(self, parent: QWidget, title: str, label: str, about: str = "") -> str | None:
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(_titled(title, about))
        dialog.setLabelText(with_subject(label, about))
        dialog.setTextValue("")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue().strip() or None

    def confirm(self, parent: QWidget, title: str, text: str, about: str = "") -> bool:
        answer = QMessageBox.warning(
            parent,
            _titled(title, about),
            with_subject(text, about),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def number(
        self,
        parent: QWidget,
        title: str,
        label: str,
        value: int,
        low: int,
        high: int,
        about: str = "",
    ) -> int | None:
        got, ok = QInputDialog.getInt(
            parent, _titled(title, about), with_subject(label, about), value, low, high
        )
        return int(got) if ok else None

    def coded_reason(
        self, parent: QWidget, title: str, label: str, reasons: Choices, about: str = ""
    ) -> ReasonInput | None:
        """One of the day's coded ``reasons`` and a free-text note (optional)."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(_titled(title, about))
        chosen = reason_box(reasons)
        note = QLineEdit()
        note.setObjectName("reasonNote")
        form = QFormLayout(dialog)
        if about:
            form.addRow(heading(about))
        form.addRow(QLabel(label))
        form.addRow(self.tr("Reason"), chosen)
        form.addRow(self.tr("Note (optional)"), note)
        if not accepted(dialog, form, lambda: chosen.currentData() is not None, chosen):
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
            chosen = reason_box(reasons)
            form.addRow(self.tr("Reason"), chosen)
            form.addRow(self.tr("Note (optional)"), note)
            if not accepted(dialog, form, lambda: chosen.currentData() is not None, chosen):
                return None
            return WasteInput(doses.value(), str(chosen.currentData()), note.text().strip() or None)
        form.addRow(self.tr("Why were they wasted?"), note)
        if not accepted(dialog, form, lambda: bool(note.text().strip()), note):
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
        if not accepted(dialog, form, lambda: box.currentData() is not None, box):
            return None
        return int(box.currentData())

    def undo_vaccination(self, parent: QWidget, label: str, who: str) -> UndoInput | None:
        """Undo a wrong "vaccinated" of ticket ``label`` (``who``: the person, masked)."""
        dialog = UndoDialog(parent, label, who)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def adverse_event(self, parent: QWidget, about: str, now: datetime) -> AdverseInput | None:
        """An adverse event of ``about`` (the ticket and the masked person)."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(fill(self.tr("Adverse event: %1"), about))
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
        form.addRow(heading(about))
        form.addRow(self.tr("Onset"), onset)
        form.addRow(self.tr("Symptoms"), symptoms)
        form.addRow(self.tr("Severity"), severity)
        form.addRow(self.tr("Action taken"), action)
        if not accepted(dialog, form) or not symptoms.text().strip():
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
        self,
        parent: QWidget,
        lots: list[tuple[int, str]],
        lot_id: int | None,
        dose: int,
        about: str = "",
    ) -> CorrectionInput | None:
        dialog = QDialog(parent)
        dialog.setWindowTitle(_titled(self.tr("Correct lot or dose number"), about))
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
        if about:
            form.addRow(heading(about))
        form.addRow(self.tr("Lot"), lot_box)
        form.addRow(self.tr("Dose number"), dose_box)
        form.addRow(self.tr("Box code"), box_code)
        form.addRow(self.tr("Reason"), why)
        if not accepted(dialog, form) or not why.text().strip():
            return None
        new_lot = lot_box.currentData()
        return CorrectionInput(
            int(new_lot) if new_lot is not None and new_lot != lot_id else None,
            dose_box.value() if dose_box.value() != dose else None,
            why.text().strip(),
            box_code.text().strip() or None,
        )

    def correct_person(
        self, parent: QWidget, person: Person, documents: Choices, about: str = ""
    ) -> PersonCorrection | None:
        """``person``'s stored details to correct (``documents``: the kinds offered, code and
        name); a reason is required, the engine checks the rest."""
        dialog = QDialog(parent)
        dialog.setObjectName("correctPerson")
        dialog.setWindowTitle(_titled(self.tr("Correct the person's details"), about))
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
        if about:
            form.addRow(heading(about))
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
            return filled and parse_date(born.text()) is not False

        if not accepted(dialog, form, ready, name, number, born, why):
            return None
        birth_date = parse_date(born.text())
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
        self, parent: QWidget, products: list[str], today: date, dose: int, about: str = ""
    ) -> EarlierDoseInput | None:
        """A dose from the paper record: the vaccine, the date, its number, where it was given."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(_titled(self.tr("Add a dose from the paper record"), about))
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
        if about:
            form.addRow(heading(about))
        form.addRow(self.tr("Vaccine"), product)
        form.addRow(self.tr("Date given"), given)
        form.addRow(self.tr("Dose number"), number)
        form.addRow(self.tr("Place"), place)
        if not accepted(dialog, form) or not product.currentText().strip():
            return None
        when = given.date().toPython()
        assert isinstance(when, date)
        return EarlierDoseInput(
            product.currentText().strip(), when, number.value(), place.text().strip() or None
        )


def _titled(title: str, about: str) -> str:
    """A dialog's title with what it acts on: "Cancel · A012 · 张*"."""
    return f"{title} · {about}" if about and about not in title else title
