"""The observation desk's side panel: the selected person's vaccination record, read-only (the
dose just given among their doses here and from paper records, deferrals, adverse events), and
the record slip's reprint. Read off the UI thread when the selection changes, and again when an
event touches the selected ticket."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from kiosk.errors import KioskError
from kiosk.model import PersonRecord, Ticket
from ui.i18n import fill
from ui.widgets import theme
from ui.widgets.console import ConsoleContext, button
from ui.widgets.record_list import RecordList


class RecordPanel(QGroupBox):
    def __init__(self, console: ConsoleContext) -> None:
        super().__init__()
        self.setTitle(self.tr("Vaccination record"))
        self.setObjectName("observationRecord")
        self.console = console
        self.ticket: Ticket | None = None
        self.setMinimumWidth(290)
        self.setMaximumWidth(560)
        self.heading = QLabel()
        self.heading.setObjectName("recordHeading")
        self.heading.setWordWrap(True)
        theme.set_level(self.heading, "strong")
        self.doses = RecordList(console.messages, console.engine.local)
        self.slip_button = button(self.tr("Reprint record slip"), None, "reprintSlip")
        self.slip_button.clicked.connect(self.reprint_slip)
        self.slip_button.setVisible(console.slips is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.doses, 1)
        layout.addWidget(self.slip_button)
        self.show_ticket(None)

    def show_ticket(self, ticket: Ticket | None, *, again: bool = False) -> None:
        """The record of ``ticket``'s person (None: nobody selected); ``again`` reads it even
        when that ticket is shown."""
        same = ticket is not None and self.ticket is not None and ticket.id == self.ticket.id
        self.ticket = ticket
        self.slip_button.setEnabled(ticket is not None)
        if same and not again:
            return
        if ticket is None or ticket.person_id is None:
            self.heading.setText(self.tr("Select a person to see their record."))
            self.doses.show_record(None)
            return
        if not same:
            self.heading.setText(self.tr("Reading the record…"))
            self.doses.show_record(None)
        engine, person_id, ticket_id = self.console.engine, ticket.person_id, ticket.id
        self.console.runner.read(
            self,
            "record",
            lambda: (ticket_id, engine.record.record(person_id)),
            lambda got: self._draw(*got),
            self._failed,
        )

    def _draw(self, ticket_id: int, record: PersonRecord) -> None:
        if self.ticket is None or self.ticket.id != ticket_id:
            return  # another person was selected since
        self.heading.setText(
            fill(
                self.tr("%1 · %2: %n dose(s) on record", "", len(record.doses)),
                self.ticket.label,
                record.person.name,
            )
        )
        self.doses.show_record(record)

    def _failed(self, exc: KioskError) -> None:
        self.heading.setText(self.console.messages.error(exc))
        self.doses.show_record(None)

    def reprint_slip(self) -> None:
        slips, ticket = self.console.slips, self.ticket
        if slips is not None and ticket is not None:
            slips.print_slip(ticket.id, ticket.label, reprint=True)
