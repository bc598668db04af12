"""The registration desk's panel: identity, the screening questionnaire, proceed or defer.

Each field is checked as it is typed and says what is wrong right under it; Proceed stays
disabled until the form is complete and valid. The resident ID shows the birth date, sex and age
it encodes (GB 11643, :mod:`kiosk.idnumber`).
"""

from __future__ import annotations

import logging
import re

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.idnumber import IdNumber, InvalidIdNumber, parse_id_number
from kiosk.model import Actor, DayStatus, Person, PersonIn, Ticket
from kiosk.privacy import mask_name
from ui.widgets.console import ConsoleContext, button

log = logging.getLogger(__name__)

PHONE = re.compile(r"^1\d{10}$")
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


class RegistrationPanel(QGroupBox):
    def __init__(self, desk: ConsoleContext) -> None:
        super().__init__()
        self.setTitle(self.tr("Registration and screening"))
        self.desk = desk
        self.ticket_id: int | None = None
        # The day's rules, as every terminal has them in the day row (refresh_stock), not this
        # PC's config: until the first redraw, the config's defaults.
        self.observation_minutes = desk.config.day.observation_minutes
        self.allergy_extra_minutes = desk.config.day.allergy_extra_minutes
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("idNumber")
        self.id_number.setMaxLength(18)
        self.id_info = QLabel()
        self.id_info.setObjectName("idInfo")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(11)
        self.phone_info = QLabel()
        self.phone_info.setObjectName("phoneInfo")
        self.dose = QSpinBox()
        self.dose.setObjectName("doseNumber")
        self.dose.setRange(1, 9)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Resident ID"), self.id_number)
        form.addRow("", self.id_info)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow("", self.phone_info)
        form.addRow(self.tr("Dose number"), self.dose)
        self.answers: dict[str, QButtonGroup] = {}
        questions = QGroupBox(self.tr("Screening (answer every question)"))
        grid = QGridLayout(questions)
        english = desk.config.site.language == "en"
        for row, q in enumerate(desk.config.screening):
            text = q.text_en if english and q.text_en else q.text
            label = QLabel(text)
            label.setWordWrap(True)
            yes, no = QRadioButton(self.tr("Yes")), QRadioButton(self.tr("No"))
            yes.setObjectName(f"yes_{q.key}")
            no.setObjectName(f"no_{q.key}")
            group = QButtonGroup(self)
            group.addButton(yes, 1)
            group.addButton(no, 0)
            group.idClicked.connect(lambda _id: self.validate())
            self.answers[q.key] = group
            grid.addWidget(label, row, 0)
            grid.addWidget(yes, row, 1)
            grid.addWidget(no, row, 2)
        grid.setColumnStretch(0, 1)
        self.advice = QLabel()
        self.advice.setObjectName("screeningAdvice")
        self.advice.setWordWrap(True)
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
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(questions)
        layout.addWidget(self.advice)
        layout.addStretch(1)
        layout.addLayout(buttons)
        for edit in (self.name, self.id_number, self.phone):
            edit.textChanged.connect(self.validate)
        self.set_ticket(None)

    # --- the ticket at the desk ----------------------------------------------------------------

    def set_ticket(self, ticket: Ticket | None, _person: Person | None = None) -> None:
        """The ticket at the desk (the person is filled in here, not read)."""
        new_id = ticket.id if ticket else None
        if new_id != self.ticket_id or ticket is None:
            self.ticket_id = new_id
            self._clear(ticket)
        for w in self._inputs():
            w.setEnabled(ticket is not None)
        self.validate()

    def _inputs(self) -> list[QWidget]:
        radios: list[QWidget] = [b for g in self.answers.values() for b in g.buttons()]
        return [self.name, self.id_number, self.phone, self.dose, *radios]

    def _clear(self, ticket: Ticket | None) -> None:
        for edit in (self.name, self.id_number, self.phone):
            edit.clear()
        first = self.desk.config.categories[0].prefix if self.desk.config.categories else "A"
        self.dose.setValue(1 if ticket is None or ticket.prefix == first else 2)
        for group in self.answers.values():
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)
        if ticket is not None:
            self.name.setFocus()

    def refresh_stock(self, status: DayStatus) -> None:
        self.observation_minutes = status.observation_minutes
        self.allergy_extra_minutes = status.allergy_extra_minutes

    def stop_timers(self) -> None:
        pass

    # --- checking ---------------------------------------------------------------------------------

    def id_check(self) -> tuple[IdNumber | None, str]:
        """The parsed ID, or None and what is wrong with it (empty text: nothing typed yet)."""
        text = self.id_number.text()
        if not text.strip():
            return None, ""
        try:
            return parse_id_number(text, self.desk.engine.today()), ""
        except InvalidIdNumber as exc:
            return None, {
                "length": self.tr("18 characters needed (%1 typed)").replace(
                    "%1", str(len(text.strip()))
                ),
                "characters": self.tr("Only digits, and X at the end"),
                "region": self.tr("The first digit must be 1 to 8"),
                "birth_date": self.tr("The birth date in it is impossible"),
                "checksum": self.tr("The check character does not match: a typing error?"),
            }.get(exc.code, self.tr("Not a valid ID number"))

    def screening(self) -> dict[str, bool] | None:
        """Every answer (yes = True), or None while any question is unanswered."""
        out = {}
        for key, group in self.answers.items():
            if group.checkedId() < 0:
                return None
            out[key] = group.checkedId() == 1
        return out

    def validate(self) -> bool:
        today = self.desk.engine.today()
        parsed, problem = self.id_check()
        if parsed is not None:
            sex = self.tr("male") if parsed.sex == "male" else self.tr("female")
            self.id_info.setText(
                self.tr("Born %1, %2, %3 years")
                .replace("%1", parsed.birth_date.isoformat())
                .replace("%2", sex)
                .replace("%3", str(parsed.age(today)))
            )
            self.id_info.setStyleSheet(OK_STYLE)
        else:
            self.id_info.setText(problem)
            self.id_info.setStyleSheet(ERROR_STYLE)
        phone = self.phone.text().strip()
        phone_ok = not phone or bool(PHONE.match(phone))
        self.phone_info.setText("" if phone_ok else self.tr("11 digits starting with 1"))
        self.phone_info.setStyleSheet(ERROR_STYLE)
        answers = self.screening()
        self._advise(answers)
        ok = (
            self.ticket_id is not None
            and bool(self.name.text().strip())
            and parsed is not None
            and phone_ok
            and answers is not None
        )
        self.proceed_button.setEnabled(ok)
        self.defer_button.setEnabled(self.ticket_id is not None)
        return ok

    def _advise(self, answers: dict[str, bool] | None) -> None:
        if answers is None:
            self.advice.setText(self.tr("Answer every screening question."))
            self.advice.setStyleSheet("")
            return
        english = self.desk.config.site.language == "en"
        defers = [
            (q.text_en if english and q.text_en else q.text)
            for q in self.desk.config.screening
            if q.defers and answers.get(q.key)
        ]
        notes = []
        if defers:
            notes.append(self.tr("Deferral suggested: %1").replace("%1", " ".join(defers)))
        if self.allergy(answers):
            notes.append(
                self.tr("Allergy history: observation %1 min.").replace(
                    "%1", str(self.observation_minutes + self.allergy_extra_minutes)
                )
            )
        self.advice.setText("\n".join(notes) or self.tr("Screening passed."))
        self.advice.setStyleSheet(ERROR_STYLE if defers else OK_STYLE)

    def allergy(self, answers: dict[str, bool]) -> bool:
        return any(q.allergy and answers.get(q.key) for q in self.desk.config.screening)

    # --- outcomes ---------------------------------------------------------------------------------

    def proceed(self) -> None:
        desk, ticket_id = self.desk, self.ticket_id
        if ticket_id is None or desk.user is None:
            return
        if not self.validate():
            desk.say(self.tr("The form is not complete: see the fields marked in red."), "error")
            return
        answers = self.screening()
        parsed, _ = self.id_check()
        assert answers is not None and parsed is not None
        if any(q.defers and answers.get(q.key) for q in desk.config.screening):
            if not desk.prompts.confirm(
                self,
                self.tr("Deferral suggested"),
                self.tr("Screening suggests deferral. Proceed anyway?"),
            ):
                return
        allergy = self.allergy(answers)  # the engine adds the day's allergy extension
        person = PersonIn(
            self.name.text().strip(), parsed.number, self.phone.text().strip() or None
        )

        def register(actor: Actor, allow: bool) -> Ticket:
            return desk.engine.care.register(
                ticket_id,
                person,
                dose_number=self.dose.value(),
                screening=answers,
                actor=actor,
                allergy=allergy,
                allow_duplicate=allow,
            )

        def registered(done: Ticket) -> None:
            # The handlers' filter masks the ID and phone numbers (kiosk.logs); the name is
            # masked here, as on every public surface.
            log.info(
                "registration: %s registered %s, ID %s, phone %s, dose %s",
                done.label,
                mask_name(person.name),
                person.id_number,
                person.phone or "-",
                done.dose_number,
            )
            desk.say(self.tr("%1 registered: waiting for vaccination.").replace("%1", done.label))

        def refused(exc: KioskError) -> None:
            # The engine refuses an ID number registered today (here or at another desk): ask,
            # then save anyway if the nurse says so (an audited choice: allow_duplicate).
            if exc.code != "duplicate_person":
                desk.say(desk.messages.error(exc), "error")
            elif self._confirm_duplicate(str(exc.details.get("ticket", ""))):
                desk.act(lambda a: register(a, True), registered)

        desk.act(lambda a: register(a, False), registered, refused)

    def _confirm_duplicate(self, label: str) -> bool:
        return self.desk.prompts.confirm(
            self,
            self.tr("Already registered today"),
            self.tr(
                "This ID number is already registered today (%1). Register it again anyway?"
            ).replace("%1", label),
        )

    def defer(self) -> None:
        desk, ticket_id = self.desk, self.ticket_id
        if ticket_id is None or desk.user is None:
            return
        why = desk.prompts.reason(self, self.tr("Defer"), self.tr("Why is vaccination deferred?"))
        if why:
            desk.act(
                lambda a: desk.engine.care.defer(ticket_id, why, actor=a),
                lambda _t: desk.say(self.tr("Deferred; the dose is released."), "warn"),
            )
