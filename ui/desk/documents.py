"""The registration desk's identity document: its kind, number, issuing country, and the birth
date and sex when the document does not carry them (:mod:`kiosk.documents`).

Every input is checked as it is typed; what is wrong is said next to it, translated from the
error's code. A resident ID (the default) needs only its number, as before: the country, birth
date and sex rows appear only for the kinds that need them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from kiosk.documents import (
    DOCUMENT_TYPES,
    KINDS,
    Document,
    InvalidDocument,
    parse_document,
    person_details,
)
from kiosk.dose_rules import age_on
from kiosk.model import Person
from ui.i18n import fill
from ui.widgets import theme
from ui.widgets.console import elides

DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")


@dataclass(frozen=True)
class DocumentCheck:
    """What the document inputs hold: the document once its number (and country) are valid;
    the birth date and sex once they are settled (the document's own, or typed)."""

    document: Document | None
    birth_date: date | None = None
    sex: str | None = None

    @property
    def complete(self) -> bool:
        return self.document is not None and self.birth_date is not None and self.sex is not None

    @property
    def key(self) -> tuple[str, str, str | None] | None:
        """What finds the person's record (type, number, country)."""
        d = self.document
        return None if d is None else (d.type, d.number, d.country)


class DocumentFields(QObject):
    """The document inputs, added as rows of the panel's form (:meth:`add_rows`)."""

    changed = Signal()

    def __init__(self, today: date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = today  # refreshed by the panel (the site's date) before each check
        self.kind = elides(QComboBox())
        self.kind.setObjectName("documentType")
        labels = self.labels()
        for code in DOCUMENT_TYPES:
            self.kind.addItem(labels[code], code)
        # The long names show in full when the list opens; closed, it takes the form's width.
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(12)
        self.number = QLineEdit()
        self.number.setObjectName("idNumber")
        self.info = QLabel()
        self.info.setObjectName("idInfo")
        self.info.setWordWrap(True)
        self.country = QLineEdit()
        self.country.setObjectName("documentCountry")
        self.country.setMaxLength(3)
        self.country.setPlaceholderText(self.tr("e.g. USA"))
        self.country.setMaximumWidth(90)
        self.country_info = _error_label("countryInfo")
        self.birth = QLineEdit()
        self.birth.setObjectName("birthDate")
        self.birth.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.birth.setMaxLength(10)
        self.birth.setMaximumWidth(120)
        self.birth_info = _error_label("birthInfo")
        self.sex = QComboBox()
        self.sex.setObjectName("sex")
        self.sex.addItem("—", "")
        self.sex.addItem(self.tr("male"), "male")
        self.sex.addItem(self.tr("female"), "female")
        self.sex_info = _error_label("sexInfo")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (self.number, self.country, self.birth):
            edit.textChanged.connect(lambda _t: self.changed.emit())
        self.sex.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._form: QFormLayout | None = None
        self._rows: dict[str, QWidget] = {}
        self.needs_birth_date = self.needs_sex = False
        self._kind_changed()

    def labels(self) -> dict[str, str]:
        """Each document kind's name (the Chinese ones are the official names)."""
        return {
            "resident_id": self.tr("Resident identity card"),
            "foreign_permanent": self.tr("Foreign permanent resident ID card"),
            "hk_macau_permit": self.tr("Mainland travel permit for Hong Kong and Macao residents"),
            "taiwan_permit": self.tr("Mainland travel permit for Taiwan residents"),
            "passport": self.tr("Passport"),
        }

    def add_rows(self, form: QFormLayout) -> None:
        """The number row (kind and number), its note, and the rows shown only when needed."""
        form.addRow(self.tr("Document"), self.kind)
        form.addRow(self.tr("Number"), self.number)
        form.addRow("", self.info)
        self._rows = {
            "country": _with_note(self.country, self.country_info),
            "birth": _with_note(self.birth, self.birth_info),
            "sex": _with_note(self.sex, self.sex_info),
        }
        form.addRow(self.tr("Issuing country"), self._rows["country"])
        form.addRow(self.tr("Birth date"), self._rows["birth"])
        form.addRow(self.tr("Sex"), self._rows["sex"])
        self._form = form
        self._show_rows(None)

    def inputs(self) -> list[QWidget]:
        return [self.kind, self.number, self.country, self.birth, self.sex]

    def document_type(self) -> str:
        return str(self.kind.currentData())

    def clear(self) -> None:
        self.kind.setCurrentIndex(0)  # the resident ID
        for edit in (self.number, self.country, self.birth):
            edit.clear()
        self.sex.setCurrentIndex(0)

    def fill_details(self, birth_date: date | None, sex: str | None) -> None:
        """The birth date and sex on record, where the desk has not typed them."""
        if birth_date is not None and not self.birth.text().strip():
            self.birth.setText(birth_date.isoformat())
        if sex and self.sex.currentIndex() == 0:
            self.sex.setCurrentIndex(max(0, self.sex.findData(sex)))

    def fill_document(self, kind: str, number: str, country: str | None) -> None:
        """A document known before it is shown (a village list's appointment): kind, number and
        a passport's country; the nurse checks them against the document itself."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.number.setText(number)
        self.country.setText(country or "")

    def show_person(self, person: Person) -> None:
        """The document and details of ``person`` as on record (after a correction)."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(person.document_type or "")))
        self.number.setText(person.id_number or "")
        self.country.setText(person.document_country or "")
        self.birth.setText(person.birth_date.isoformat() if person.birth_date else "")
        self.sex.setCurrentIndex(max(0, self.sex.findData(person.sex or "")))

    def _kind_changed(self) -> None:
        self.number.setMaxLength(KINDS[self.document_type()].max_length)
        self.changed.emit()

    # --- checking ---------------------------------------------------------------------------------

    def check(self) -> DocumentCheck:
        """Check every input, say what is wrong next to it, and return what holds."""
        for label in (self.info, self.country_info, self.birth_info, self.sex_info):
            label.clear()
        theme.set_level(self.info, "error")
        kind, text = self.document_type(), self.number.text()
        country = self.country.text() if KINDS[kind].needs_country else None
        document = None
        if text.strip():
            try:
                document = parse_document(kind, text, self.today, country=country)
            except InvalidDocument as exc:
                self._say(exc, text)
        self._show_rows(document)
        if document is None:
            return DocumentCheck(None)
        birth, problem = self._typed_birth_date()
        if problem:
            self.birth_info.setText(problem)
            return DocumentCheck(document)
        sex = str(self.sex.currentData()) or None
        if (document.birth_date is None and birth is None) or (document.sex is None and not sex):
            return DocumentCheck(document)  # still to be typed: nothing is wrong yet
        try:
            born, settled_sex = person_details(document, birth, sex, self.today)
        except InvalidDocument as exc:
            self._say(exc, text)
            return DocumentCheck(document)
        self._say_born(born, settled_sex if document.sex is not None or sex else None)
        return DocumentCheck(document, born, settled_sex)

    def _typed_birth_date(self) -> tuple[date | None, str]:
        if not self.needs_birth_date:
            return None, ""
        text = self.birth.text().strip()
        if not text:
            return None, ""
        m = DATE.match(text)
        try:
            if m is None:
                raise ValueError(text)
            return date(int(m[1]), int(m[2]), int(m[3])), ""
        except ValueError:
            return None, self.tr("Type the date as YYYY-MM-DD")

    def _show_rows(self, document: Document | None) -> None:
        """Country for passports; birth date and sex when the document does not carry them."""
        kind = KINDS[self.document_type()]
        if document is not None:
            birth, sex = document.birth_date is None, document.sex is None
        elif kind.code in ("resident_id", "foreign_permanent"):
            # A foreign card's number says which generation it is: the 2017 one (15
            # characters) carries the birth date only.
            birth = False
            sex = kind.code == "foreign_permanent" and len(self.number.text().strip()) == 15
        else:
            birth = sex = True
        self.needs_birth_date, self.needs_sex = birth, sex
        if self._form is None:
            return
        for name, shown in (("country", kind.needs_country), ("birth", birth), ("sex", sex)):
            self._form.setRowVisible(self._rows[name], shown)

    def _say_born(self, born: date, sex: str | None) -> None:
        age = str(age_on(born, self.today))
        if sex is None:
            text = fill(self.tr("Born %1, %2 years"), born.isoformat(), age)
        else:
            text = fill(
                self.tr("Born %1, %2, %3 years"),
                born.isoformat(),
                self.tr("male") if sex == "male" else self.tr("female"),
                age,
            )
        self.info.setText(text)
        theme.set_level(self.info, "ok")

    def _say(self, exc: InvalidDocument, text: str) -> None:
        """The error next to the input at fault, in words."""
        if exc.field == "document_country":
            self.country_info.setText(
                self.tr("Required: 3 letters, e.g. USA")
                if not self.country.text().strip()
                else self.tr("Not a country code (ISO 3166, 3 letters)")
            )
        elif exc.field == "birth_date":  # typed only when the document does not carry it
            self.birth_info.setText(self.tr("Not a possible birth date"))
        elif exc.field == "sex":
            self.sex_info.setText(self.tr("Choose the sex"))
        else:
            self.info.setText(self._number_problem(exc.code, text))

    def _number_problem(self, code: str, text: str) -> str:
        kind, typed = self.document_type(), str(len(text.strip()))
        lengths = {
            "resident_id": self.tr("18 characters needed (%1 typed)"),
            "foreign_permanent": self.tr("18 or 15 characters needed (%1 typed)"),
            "hk_macau_permit": self.tr("9 or 11 characters needed (%1 typed)"),
            "taiwan_permit": self.tr("8 digits needed (%1 typed)"),
            "passport": self.tr("5 to 17 letters and digits needed (%1 typed)"),
        }
        letters_first = kind == "foreign_permanent" and len(text.strip()) == 15
        characters = {
            "resident_id": self.tr("Only digits, and X at the end"),
            "foreign_permanent": self.tr("3 letters, then 12 digits")
            if letters_first
            else self.tr("Only digits, and X at the end"),
            "hk_macau_permit": self.tr("H or M, then digits only"),
            "taiwan_permit": self.tr("Digits only"),
            "passport": self.tr("Letters and digits only"),
        }
        formats = {
            "foreign_permanent": self.tr("An 18-character card number starts with 9"),
            "hk_macau_permit": self.tr("The number starts with H or M"),
        }
        texts = {
            "length": fill(lengths[kind], typed),
            "characters": characters[kind],
            "format": formats.get(kind, self.tr("Not a valid document number")),
            "region": self.tr("The first digit must be 1 to 8"),
            "birth_date": self.tr("The birth date in it is impossible"),
            "checksum": self.tr("The check character does not match: a typing error?"),
            "country": self.tr("The first 3 letters are not a nationality code"),
        }
        return texts.get(code, self.tr("Not a valid document number"))


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    theme.set_level(label, "error")
    return label


def _with_note(field: QWidget, note: QLabel) -> QWidget:
    """An input with what is wrong with it beside it (one row: the form stays short)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field)
    layout.addWidget(note, 1)
    return row
