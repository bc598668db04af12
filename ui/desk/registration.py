"""The registration desk's panel: identity, the record and the dose due, the screening
questionnaire and informed consent, proceed or defer.

Each field is checked as it is typed and says what is wrong next to it; Proceed stays disabled
until the form is complete and valid, the record is read, a blocked dose has an override reason,
and consent is signed. The document (:mod:`ui.desk.documents`) shows the birth date, sex and age
it encodes; the record and the proposed dose are :mod:`ui.desk.record`'s.
"""

from __future__ import annotations

import logging
from itertools import pairwise

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.appointments import Appointment
from kiosk.documents import mask_document_number
from kiosk.errors import KioskError
from kiosk.model import Actor, DayStatus, Dose, Person, PersonIn, PersonRecord, Ticket
from kiosk.phones import PhoneError, normalise_phone
from kiosk.privacy import mask_name
from ui.desk.documents import DocumentCheck, DocumentFields
from ui.desk.reasons import ask_reason
from ui.desk.record import RecordBox
from ui.desk.screening import Screening
from ui.i18n import fill
from ui.widgets import theme
from ui.widgets.console import ConsoleContext, button
from ui.widgets.dialogs import subject
from ui.widgets.messages import BLOCK_CODES

log = logging.getLogger(__name__)

RECORD_CHANGED = (*BLOCK_CODES, "dose_number_mismatch", "dose_number_taken")
"""Refusals that say the record or the rules moved on: the record is read again."""


class RegistrationPanel(QGroupBox):
    def __init__(self, desk: ConsoleContext) -> None:
        super().__init__()
        self.setTitle(self.tr("Registration and screening"))
        self.desk = desk
        self.ticket_id: int | None = None
        self.ticket_label = ""
        # The day's rules, as every terminal has them in the day row (refresh_stock), not this
        # PC's config: until the first redraw, the config's defaults.
        self.observation_minutes = desk.config.day.observation_minutes
        self.allergy_extra_minutes = desk.config.day.allergy_extra_minutes
        self._validating = False
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.document = DocumentFields(desk.engine.today(), self)
        self.id_number = self.document.number  # the number field, as before
        self.id_info = self.document.info
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(20)  # a mobile, or a landline with its area code (kiosk.phones)
        self.phone_info = QLabel()
        self.phone_info.setObjectName("phoneInfo")
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        self.document.add_rows(form)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow("", self.phone_info)
        self.record = RecordBox(desk, self.document.labels())
        self.record.changed.connect(self.validate)
        self.record.found.connect(self._returning)
        self.record.corrected.connect(self._corrected)
        self.record.earlier_button.clicked.connect(self.add_earlier_dose)
        desk.shortcut("Ctrl+E", self.add_earlier_dose)
        self.questions = Screening(desk.config)
        self.questions.changed.connect(self.validate)
        self.answers = self.questions.answers  # each question's Yes/No (tests read them)
        self.advice = self.questions.advice
        keys = QKeySequence("Ctrl+I").toString(QKeySequence.SequenceFormat.NativeText)
        self.consent = QCheckBox(self.tr("Informed consent signed") + f"  [{keys}]")
        self.consent.setObjectName("consent")
        self.consent.toggled.connect(lambda _on: self.validate())
        desk.shortcut("Ctrl+I", self._toggle_consent)
        self.proceed_button = button(self.tr("Proceed to vaccination"), "Ctrl+Return", "proceed")
        self.defer_button = button(self.tr("Defer…"), "Ctrl+D", "defer")
        self.proceed_button.clicked.connect(self.proceed)
        self.defer_button.clicked.connect(self.defer)
        desk.shortcut("Ctrl+Return", self.proceed)
        desk.shortcut("Ctrl+Enter", self.proceed)
        desk.shortcut("Ctrl+D", self.defer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.proceed_button, 1)
        buttons.addWidget(self.defer_button)
        top = QHBoxLayout()
        top.addLayout(form, 5)
        top.addWidget(self.record, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.questions)
        layout.addWidget(self.advice)
        layout.addWidget(self.consent)
        layout.addLayout(buttons)
        for edit in (self.name, self.phone):
            edit.textChanged.connect(self.validate)
        self.document.changed.connect(self.validate)
        # Tab goes name, number, phone as before (the rows a document needs come in between;
        # hidden ones are skipped); the document kind after them.
        chain = [self.name, self.id_number, *self.document.inputs()[2:], self.phone]
        for first, second in pairwise([*chain, self.document.kind]):
            QWidget.setTabOrder(first, second)
        self.set_ticket(None)

    # --- the ticket at the desk ----------------------------------------------------------------

    def set_ticket(self, ticket: Ticket | None, _person: Person | None = None) -> None:
        """The ticket at the desk (the person is filled in here, not read)."""
        new_id = ticket.id if ticket else None
        self.ticket_label = ticket.label if ticket else ""
        self.record.about = self.about
        if new_id != self.ticket_id or ticket is None:
            self.ticket_id = new_id
            self._clear(ticket)
            if ticket is not None:
                self._read_appointment(ticket.id)
        for w in self._inputs():
            w.setEnabled(ticket is not None)
        self.validate()

    def _read_appointment(self, ticket_id: int) -> None:
        """A ticket taken for a village-list appointment (issue 17): its person fills the empty
        inputs, for the nurse to check against the document; the health questions and consent
        are asked as for anyone."""
        engine = self.desk.engine
        self.desk.runner.read(
            self,
            "appointment",
            lambda: engine.appointments.for_ticket(ticket_id),
            lambda found: self._prefill(ticket_id, found),
            lambda _exc: None,  # no pre-fill: the nurse types, as without an appointment
        )

    def _prefill(self, ticket_id: int, found: Appointment | None) -> None:
        if found is None or ticket_id != self.ticket_id:
            return
        if not self.name.text().strip():
            self.name.setText(found.name)
        if not self.phone.text().strip():
            self.phone.setText(found.phone)
        if not self.id_number.text().strip():
            self.document.fill_document(
                found.document_type, found.id_number, found.document_country or None
            )
        self.desk.say(
            fill(
                self.tr(
                    "%1: appointment from the list of %2; check the document with the resident"
                ),
                self.ticket_label,
                found.village,
            )
        )
        self.validate()

    def _inputs(self) -> list[QWidget]:
        radios = self.questions.buttons()
        return [
            self.name,
            *self.document.inputs(),
            self.phone,
            *radios,
            self.consent,
            self.record.product,
            self.record.override,
        ]

    def _clear(self, ticket: Ticket | None) -> None:
        for edit in (self.name, self.phone):
            edit.clear()
        self.document.clear()
        self.consent.setChecked(False)
        self.questions.clear()

    def who(self) -> str | None:
        """The name as typed (the person is registered only when the form is saved)."""
        return self.name.text().strip() or None

    def about(self) -> str:
        """The ticket and the masked name typed, for a dialog's first line."""
        return subject(self.ticket_label, self.who()) if self.ticket_label else ""

    def first_input(self) -> QWidget | None:
        """Where the nurse types next: the first empty input of the form (the name first)."""
        for edit in (self.name, self.id_number, self.phone):
            if edit.isEnabled() and not edit.text().strip():
                return edit
        return self.name if self.name.isEnabled() else None

    def refresh_stock(self, status: DayStatus) -> None:
        self.observation_minutes = status.observation_minutes
        self.allergy_extra_minutes = status.allergy_extra_minutes
        self.record.set_products(sorted({lot.product for lot in status.lots}))

    def stop_timers(self) -> None:
        pass

    # --- checking ---------------------------------------------------------------------------------

    def _returning(self, record: PersonRecord) -> None:
        """A returning person: what is on file fills the inputs not typed yet (the nurse checks
        it with them; what is typed is what is saved)."""
        person = record.person
        for edit, value in ((self.name, person.name), (self.phone, person.phone)):
            if value and not edit.text().strip():
                edit.setText(value)
        self.document.fill_details(person.birth_date, person.sex)

    def _corrected(self, person: Person) -> None:
        """The person's details corrected on the record: the inputs take them."""
        self.name.setText(person.name)
        self.phone.setText(person.phone or "")
        self.document.show_person(person)
        self.validate()

    def _toggle_consent(self) -> None:
        if self.consent.isEnabled():
            self.consent.toggle()

    def document_check(self) -> DocumentCheck:
        """The document as typed, checked (its errors are shown next to its inputs)."""
        self.document.today = self.desk.engine.today()
        return self.document.check()

    def screening(self) -> dict[str, bool] | None:
        """Every answer (yes = True), or None while any question is unanswered."""
        return self.questions.result()

    def validate(self) -> bool:
        if self._validating:  # the record box answering this very check: it is taken below
            return self.proceed_button.isEnabled()
        self._validating = True
        try:
            return self._validate()
        finally:
            self._validating = False

    def _validate(self) -> bool:
        checked = self.document_check()
        self.record.show_document(checked.key if self.ticket_id is not None else None)
        self.record.set_birth_date(checked.birth_date)
        phone_ok = self.typed_phone() is not None
        self.phone_info.setText(
            ""
            if phone_ok
            else self.tr("A mobile number (11 digits) or a landline with its area code")
        )
        theme.set_level(self.phone_info, "error")
        answers = self.screening()
        self._advise(answers)
        ok = (
            self.ticket_id is not None
            and bool(self.name.text().strip())
            and checked.complete
            and phone_ok
            and answers is not None
            and self.record.ready()
            and self.consent.isChecked()
        )
        self.proceed_button.setEnabled(ok)
        self.defer_button.setEnabled(self.ticket_id is not None)
        self.record.earlier_button.setEnabled(
            self.ticket_id is not None
            and self.record.loaded
            and checked.complete
            and bool(self.name.text().strip())
        )
        return ok

    def person(self, checked: DocumentCheck) -> PersonIn:
        """The person as typed (``checked``: the document, complete)."""
        assert checked.document is not None
        document = checked.document
        phone = self.typed_phone()  # checked: a phone or ""
        return PersonIn(
            self.name.text().strip(),
            document.number,
            phone or None,
            document_type=document.type,
            document_country=document.country,
            birth_date=checked.birth_date if document.birth_date is None else None,
            sex=checked.sex if document.sex is None else None,
        )

    def typed_phone(self) -> str | None:
        """The phone as stored (one form: kiosk.phones), "" when none is typed, None when what
        is typed is not a phone number."""
        text = self.phone.text().strip()
        if not text:
            return ""
        try:
            return normalise_phone(text)
        except PhoneError:
            return None

    def _advise(self, answers: dict[str, bool] | None) -> None:
        minutes = self.observation_minutes + self.allergy_extra_minutes
        self.questions.advise(answers, minutes)

    def allergy(self, answers: dict[str, bool]) -> bool:
        return self.questions.allergy(answers)

    # --- outcomes ---------------------------------------------------------------------------------

    def proceed(self) -> None:
        desk, ticket_id = self.desk, self.ticket_id
        if ticket_id is None or desk.user is None:
            return
        if not self.validate():
            desk.say(self.tr("The form is not complete: see the fields marked in red."), "error")
            return
        answers, checked = self.screening(), self.document_check()
        assert answers is not None and checked.complete
        if self.questions.defers(answers):
            if not desk.prompts.confirm(
                self,
                self.tr("Deferral suggested"),
                self.tr("Screening suggests deferral. Proceed anyway?"),
                about=self.about(),
            ):
                return
        allergy = self.allergy(answers)  # the engine adds the day's allergy extension
        person = self.person(checked)
        proposal = self.record.current
        # The number shown is the number expected: had the record moved on since (a dose
        # entered at another desk), the engine refuses rather than number it again.
        product = proposal.product if proposal else None
        dose_number = proposal.dose_number if proposal else None
        override = self.record.override_code()

        def register(actor: Actor, allow: bool) -> Ticket:
            return desk.engine.care.register(
                ticket_id,
                person,
                screening=answers,
                consent=True,
                actor=actor,
                dose_number=dose_number,
                product=product,
                override=override,
                allergy=allergy,
                allow_duplicate=allow,
            )

        def registered(done: Ticket) -> None:
            # The handlers' filter masks the ID and phone numbers (kiosk.logs); the name is
            # masked here, as on every public surface.
            log.info(
                "registration: %s registered %s, %s %s, phone %s, dose %s%s",
                done.label,
                mask_name(person.name),
                person.document_type,
                mask_document_number(person.id_number or ""),
                person.phone or "-",
                done.dose_number,
                f", override {done.override_reason}" if done.override_reason else "",
            )
            desk.say(fill(self.tr("%1 registered: waiting for vaccination."), done.label))

        def refused(exc: KioskError) -> None:
            # The engine refuses an ID number registered today (here or at another desk): ask,
            # then save anyway if the nurse says so (an audited choice: allow_duplicate).
            if exc.code != "duplicate_person":
                desk.say(desk.messages.error(exc), "error")
                if exc.code in RECORD_CHANGED:
                    self.record.show_document(checked.key, again=True)
            elif self._confirm_duplicate(str(exc.details.get("ticket", ""))):
                desk.act(lambda a: register(a, True), registered)

        desk.act(lambda a: register(a, False), registered, refused)

    def _confirm_duplicate(self, label: str) -> bool:
        return self.desk.prompts.confirm(
            self,
            self.tr("Already registered today"),
            fill(
                self.tr(
                    "This document is already registered today (%1). Register it again anyway?"
                ),
                label,
            ),
            about=self.about(),
        )

    def defer(self) -> None:
        desk, ticket_id = self.desk, self.ticket_id
        if ticket_id is None or desk.user is None:
            return

        def defer(why: str, note: str | None) -> None:
            desk.act(
                lambda a: desk.engine.care.defer(ticket_id, why, actor=a, note=note),
                lambda _t: desk.say(self.tr("Deferred; the dose is released."), "warn"),
            )

        title, label = self.tr("Defer"), self.tr("Why is vaccination deferred?")
        ask_reason(desk, self, "deferral", title, label, defer, about=self.about())

    # --- the paper record -------------------------------------------------------------------------

    def add_earlier_dose(self) -> None:
        """A dose given elsewhere, from the person's paper record (接种凭证), onto their record."""
        desk = self.desk
        checked = self.document_check()
        if (
            self.ticket_id is None
            or desk.user is None
            or not self.record.earlier_button.isEnabled()
        ):
            return
        proposal = self.record.current
        got = desk.prompts.earlier_dose(
            self,
            self.record.rule_products(),
            desk.engine.today(),
            proposal.dose_number if proposal else 1,
            about=self.about(),
        )
        if got is None:
            return
        person = self.person(checked)

        def added(dose: Dose) -> None:
            desk.say(
                fill(
                    self.tr("Earlier dose entered: %1 of %2, %3."),
                    desk.messages.dose(dose.dose_number, None),
                    dose.product,
                    dose.given_on.isoformat(),
                )
            )
            self.record.show_document(checked.key, again=True)

        desk.act(
            lambda a: desk.engine.record.add_external_dose(
                person,
                product=got.product,
                given_on=got.given_on,
                dose_number=got.dose_number,
                place=got.place,
                actor=a,
            ),
            added,
        )
