"""The registration desk's view of a person's vaccination record and the dose they are due.

Once the document is valid, the person's record (doses here and from paper records, deferrals,
adverse events) and the day's stored dose rules are read off the UI thread; the proposal is then
worked out here with the engine's own rules (:func:`kiosk.dose_rules.propose`), so choosing
another vaccine or typing the birth date updates it at once. The engine checks it again when the
registration is saved, and refuses a dose number that no longer holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
)

from kiosk.documents import InvalidDocument, parse_document
from kiosk.dose_rules import PastDose, Proposal, RuleSet, propose
from kiosk.errors import KioskError
from kiosk.model import Person, PersonIn, PersonRecord
from ui.i18n import fill
from ui.widgets import theme
from ui.widgets.console import ConsoleContext, button
from ui.widgets.record_list import RecordList

DocumentKey = tuple[str, str, str | None]  # type, number, country


@dataclass(frozen=True)
class RecordRead:
    """What one look-up read: the record of the person with the document ``key`` (None: not
    known at this site), and the dose rules stored with today."""

    key: DocumentKey
    record: PersonRecord | None
    rules: RuleSet


class RecordBox(QGroupBox):
    """The person's record, the proposed dose, what blocks it and the override reason."""

    changed = Signal()  # read back, or a choice here changed: the panel checks its form again
    found = Signal(object)  # the PersonRecord of the document typed, when the site has one
    corrected = Signal(object)  # the Person as corrected on the record

    def __init__(self, desk: ConsoleContext, documents: dict[str, str] | None = None) -> None:
        super().__init__()
        self.setTitle(self.tr("Vaccination record"))
        self.desk = desk
        self.documents = documents or {}  # each document kind's name, as the desk offers it
        self.key: DocumentKey | None = None  # the document asked for
        self.read: RecordRead | None = None  # the last read back (of ``key`` or an older one)
        self.birth_date: date | None = None  # as the desk has it (typed, or the document's)
        self.products: list[str] = []  # on hand today
        self.summary = QLabel()
        self.summary.setObjectName("recordSummary")
        self.summary.setWordWrap(True)
        self.doses = RecordList(desk.messages, desk.engine.local)
        self.product = QComboBox()
        self.product.setObjectName("product")
        self.product.currentIndexChanged.connect(lambda _i: self._propose())
        self.proposal_label = QLabel()
        self.proposal_label.setObjectName("proposal")
        self.proposal_label.setWordWrap(True)
        theme.set_level(self.proposal_label, "strong")
        self.blocks = QLabel()
        self.blocks.setObjectName("blocks")
        self.blocks.setWordWrap(True)
        theme.set_level(self.blocks, "alert")
        self.override = QComboBox()
        self.override.setObjectName("overrideReason")
        self.override.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.earlier_button = button(self.tr("Add earlier dose…"), "Ctrl+E", "addEarlierDose")
        self.earlier_button.setToolTip(
            self.tr("Enter a dose given elsewhere, from the person's paper record")
        )
        self.correct_button = button(self.tr("Correct details…"), None, "correctPerson")
        self.correct_button.setToolTip(
            self.tr("Correct the document or details stored for this person; the doses stay")
        )
        self.correct_button.clicked.connect(self.correct_person)
        for combo in (self.product, self.override):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Vaccine"), self.product)
        self.form.addRow(self.tr("Override reason"), self.override)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.doses, 1)
        layout.addWidget(self.proposal_label)
        layout.addWidget(self.blocks)
        layout.addLayout(self.form)
        layout.addWidget(self.earlier_button)
        layout.addWidget(self.correct_button)
        self.current: Proposal | None = None
        self.about: Callable[[], str] = lambda: ""  # the desk's ticket and person, for dialogs
        self.show_document(None)

    # --- reading ----------------------------------------------------------------------------------

    def show_document(self, key: DocumentKey | None, *, again: bool = False) -> None:
        """Read the record of the document ``key`` (None: no valid document yet); ``again``
        reads it even if it is the one shown (after a dose was added, or a refusal)."""
        if key == self.key and not again:
            return
        self.key = key
        if key is None:
            self.summary.setText(self.tr("The record shows once the document is valid."))
            theme.set_level(self.summary, "")
            self.doses.clear()
            self._propose()
            return
        if self.read is None or self.read.key != key:
            self.summary.setText(self.tr("Reading the record…"))
            theme.set_level(self.summary, "")
            self.doses.clear()
            self._propose()
        engine = self.desk.engine
        kind, number, country = key

        def read() -> RecordRead:
            found = engine.record.find(number, document_type=kind, country=country)
            return RecordRead(key, found, engine.record.rules())

        self.desk.runner.read(self, "record", read, self._drawn, self._failed)

    @property
    def loaded(self) -> bool:
        """The record of the document asked for is shown."""
        return self.key is not None and self.read is not None and self.read.key == self.key

    def _failed(self, exc: KioskError) -> None:
        self.read = None
        self.summary.setText(self.desk.messages.error(exc))
        theme.set_level(self.summary, "alert")
        self._propose()

    def _drawn(self, read: RecordRead) -> None:
        if read.key != self.key:
            return  # the document changed since: its own read follows
        self.read = read
        self._fill_reasons(read.rules)
        record = read.record
        self.doses.clear()
        if record is None:
            self.summary.setText(self.tr("No earlier record at this site."))
            theme.set_level(self.summary, "")
        else:
            self.summary.setText(
                fill(
                    self.tr("On record as %1: %n dose(s)", "", len(record.doses)),
                    record.person.name,
                )
            )
            theme.set_level(self.summary, "strong")
            self.doses.show_record(record)
        self._propose()
        if record is not None:
            self.found.emit(record)

    def _fill_reasons(self, rules: RuleSet) -> None:
        chosen = self.override.currentData()
        english = self.desk.config.site.language == "en"
        self.override.blockSignals(True)
        self.override.clear()
        self.override.addItem(self.tr("— choose a reason —"), None)
        for reason in rules.override_reasons:
            text = reason.text_en if english and reason.text_en else reason.text
            self.override.addItem(text, reason.code)
        self.override.setCurrentIndex(max(0, self.override.findData(chosen)))
        self.override.blockSignals(False)

    # --- the proposal -----------------------------------------------------------------------------

    def set_products(self, products: list[str]) -> None:
        """The vaccines on hand today (the choice shows only when there are several)."""
        if products == self.products:
            return
        self.products = products
        chosen = self.product.currentText()
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItems(products)
        self.product.setCurrentIndex(max(0, self.product.findText(chosen)))
        self.product.blockSignals(False)
        self.form.setRowVisible(self.product, len(products) > 1)
        self._propose()

    def set_birth_date(self, born: date | None) -> None:
        if born != self.birth_date:
            self.birth_date = born
            self._propose()

    def chosen_product(self) -> str | None:
        return self.product.currentText() or None

    def override_code(self) -> str | None:
        """The override reason chosen, when the proposal is blocked."""
        if self.current is None or self.current.allowed:
            return None
        code = self.override.currentData()
        return str(code) if code is not None else None

    def ready(self) -> bool:
        """The record is read, and the dose can go ahead (allowed, or a reason is chosen)."""
        if not self.loaded:
            return False
        return self.current is None or self.current.allowed or self.override_code() is not None

    def _propose(self) -> None:
        self.current = self._proposal()
        p, m = self.current, self.desk.messages
        blocked = p is not None and not p.allowed
        if p is None:
            none_on_hand = self.loaded and not self.products
            self.proposal_label.setText(
                self.tr("No vaccine in today's stock.") if none_on_hand else ""
            )
            self.blocks.clear()
        else:
            text = fill(self.tr("Proposed: %1 of %2"), m.dose(p.dose_number, p.kind), p.product)
            if p.late and p.latest is not None:
                text += "\n" + fill(self.tr("Late: the interval ended %1"), p.latest.isoformat())
            self.proposal_label.setText(text)
            self.blocks.setText("\n".join(m.block(b.code, b.until) for b in p.blocks))
        self.blocks.setVisible(blocked)
        self.form.setRowVisible(self.override, blocked)
        if not blocked:
            self.override.setCurrentIndex(0)
        self.earlier_button.setEnabled(self.loaded)
        self.correct_button.setEnabled(self.returning() is not None)
        self.changed.emit()

    def _proposal(self) -> Proposal | None:
        product = self.chosen_product()
        if not self.loaded or product is None:
            return None
        assert self.read is not None
        record = self.read.record
        history = [
            PastDose(d.given_on, d.product, d.family, d.dose_number)
            for d in (record.doses if record else ())
        ]
        born = self.birth_date
        if born is None and record is not None:
            born = record.person.birth_date
        return propose(self.read.rules, product, history, born, self.desk.engine.today())

    def rule_products(self) -> list[str]:
        """The vaccines an earlier dose may be of: the day's rules', else those on hand."""
        rules = self.read.rules.rules if self.read else ()
        return [r.product for r in rules] or list(self.products)

    # --- correcting the person ------------------------------------------------------------------

    def returning(self) -> Person | None:
        """The person on record under the document shown, if any."""
        if not self.loaded or self.read is None or self.read.record is None:
            return None
        return self.read.record.person

    def correct_person(self) -> None:
        """Correct the stored document or details of the person found (a new event: their
        doses stay theirs); the desk then shows them as corrected."""
        desk, person = self.desk, self.returning()
        if person is None or desk.user is None:
            return
        got = desk.prompts.correct_person(
            self, person, list(self.documents.items()), about=self.about()
        )
        if got is None:
            return
        details = own_details(got.person, desk.engine.today())

        def corrected(done: Person) -> None:
            desk.say(self.tr("The person's details are corrected; their doses stay on the record."))
            key = self.key
            self.corrected.emit(done)  # the desk's inputs take the corrected document
            if self.key == key:
                self.show_document(key, again=True)

        desk.act(
            lambda a: desk.engine.record.correct_person(person.id, details, got.reason, actor=a),
            corrected,
        )


def own_details(person: PersonIn, today: date) -> PersonIn:
    """``person`` without the birth date and sex its document carries itself (those typed were
    the old document's: a new number brings its own). A birth date with the document's YYMMDD is
    kept (a 2-digit-year card needs it for the century). A bad document is left to the engine."""
    try:
        doc = parse_document(
            person.document_type, person.id_number or "", today, country=person.document_country
        )
    except InvalidDocument:
        return person
    born = person.birth_date
    if doc.birth_date is not None and born is not None:
        if f"{born:%y%m%d}" != f"{doc.birth_date:%y%m%d}":
            born = None
    return replace(person, birth_date=born, sex=None if doc.sex is not None else person.sex)
