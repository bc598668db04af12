"""The consoles' questions to the nurse (reasons, confirmations, numbers, an adverse event).

One object per console, ``console.prompts``: tests replace it with a fake that answers at once,
so no modal dialog ever blocks a test.
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
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from kiosk.model import SEVERITIES


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

    def waste(self, parent: QWidget, doses_left: int) -> tuple[int, str] | None:
        doses = self.number(
            parent, self.tr("Record waste"), self.tr("Doses wasted"), 1, 1, max(1, doses_left)
        )
        if doses is None:
            return None
        why = self.reason(parent, self.tr("Record waste"), self.tr("Why were they wasted?"))
        return (doses, why) if why else None

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
        why = QLineEdit()
        form = QFormLayout(dialog)
        form.addRow(self.tr("Lot"), lot_box)
        form.addRow(self.tr("Dose number"), dose_box)
        form.addRow(self.tr("Reason"), why)
        if not _ok(dialog, form) or not why.text().strip():
            return None
        new_lot = lot_box.currentData()
        return CorrectionInput(
            int(new_lot) if new_lot is not None and new_lot != lot_id else None,
            dose_box.value() if dose_box.value() != dose else None,
            why.text().strip(),
        )

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


def _ok(dialog: QDialog, form: QFormLayout) -> bool:
    """OK and Cancel under ``form``; whether the dialog was accepted."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return dialog.exec() == QDialog.DialogCode.Accepted
