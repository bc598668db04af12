"""A ticket's history from the event log, corrections with a reason, and the record slip.

Nothing is rewritten: a correction is a new event that supersedes the wrong one, and the history
shows both, the superseded event struck through and marked. A wrong "vaccinated" (the person was
not vaccinated) is undone while they are in observation; the record slip of a vaccinated ticket
is reprinted from here, at any desk with a printer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from kiosk.documents import mask_document_number
from kiosk.model import Event, Person, Ticket
from kiosk.privacy import mask_name
from kiosk.states import VACCINATED, State
from ui.i18n import fill
from ui.widgets import theme
from ui.widgets.console import ConsoleContext, button
from ui.widgets.dialogs import subject

UNDOABLE = (State.DEFERRED, State.CANCELLED, State.LEFT_EARLY, State.RELEASED)


class HistoryPanel(QGroupBox):
    def __init__(self, console: ConsoleContext) -> None:
        super().__init__()
        self.setTitle(self.tr("History and corrections"))
        self.console = console
        self.shown_id: int | None = None
        self.shown: Ticket | None = None  # as last read
        self.setMinimumWidth(330)
        self.setMaximumWidth(560)
        self.lookup = QLineEdit()
        self.lookup.setObjectName("historyLookup")
        self.lookup.setPlaceholderText(self.tr("e.g. A012 [Ctrl+H]"))
        self.lookup.setToolTip(self.tr("Type a number and press Enter to see its history"))
        self.lookup.returnPressed.connect(self.look_up)
        self.heading = QLabel()
        self.heading.setObjectName("historyTitle")
        self.heading.setWordWrap(True)
        self.events = QListWidget()
        self.events.setObjectName("historyList")
        self.events.setWordWrap(True)
        self.undo_button = button(self.tr("Correct the outcome…"), None, "correctOutcome")
        self.undo_button.clicked.connect(self.correct_outcome)
        self.fix_button = button(self.tr("Correct lot / dose…"), None, "correctVaccination")
        self.fix_button.clicked.connect(self.correct_vaccination)
        self.undo_vaccination_button = button(self.tr("Undo vaccination…"), None, "undoVaccination")
        self.undo_vaccination_button.setToolTip(
            self.tr("The person was recorded as vaccinated but was not: back to the queue")
        )
        self.undo_vaccination_button.clicked.connect(self.undo_vaccination)
        self.slip_button = button(self.tr("Reprint record slip"), None, "reprintSlip")
        self.slip_button.clicked.connect(self.reprint_slip)
        self.slip_button.setVisible(console.slips is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lookup)
        layout.addWidget(self.heading)
        layout.addWidget(self.events, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.fix_button)
        layout.addWidget(self.undo_vaccination_button)
        layout.addWidget(self.slip_button)
        console.shortcut("Ctrl+H", self.lookup.setFocus)
        self._set_buttons(None)

    def look_up(self) -> None:
        text = self.lookup.text().strip()
        if not text:
            return

        def found(ticket: Ticket) -> None:
            self.lookup.clear()
            self.show_ticket(ticket.id)

        self.console.look_up(lambda: self.console.engine.queries.ticket_by_label(text), found)

    def reload(self) -> None:
        if self.shown_id is not None:
            self.show_ticket(self.shown_id)

    def show_ticket(self, ticket_id: int) -> None:
        """Show a ticket's history, read off the UI thread."""
        engine, m = self.console.engine, self.console.messages
        self.shown_id = ticket_id
        self.console.runner.read(
            self,
            "history",
            lambda: (engine.queries.ticket(ticket_id), engine.queries.history(ticket_id)),
            lambda got: self._draw(*got),
            lambda exc: self.console.say(m.error(exc), "error"),
        )

    def _draw(self, ticket: Ticket, history: list[Event]) -> None:
        m = self.console.messages
        if ticket.id != self.shown_id:
            return  # another ticket was asked for since
        self.shown = ticket
        self.heading.setText(f"{ticket.label} · {m.state(ticket.state)}")
        superseded = {int(e.payload["supersedes"]) for e in history if e.payload.get("supersedes")}
        self.events.clear()
        for event in history:
            item = QListWidgetItem(self._line(event))
            item.setData(Qt.ItemDataRole.UserRole, event.seq)
            if event.seq in superseded:
                font = QFont(item.font())
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(QColor(theme.MUTED))
                item.setText(item.text() + "\n" + self.tr("(superseded by a correction)"))
                item.setData(Qt.ItemDataRole.UserRole + 1, True)
            self.events.addItem(item)
        self._set_buttons(ticket.state)

    def superseded_rows(self) -> list[str]:
        """The texts of the events marked superseded (what the nurse sees struck through)."""
        out = []
        for i in range(self.events.count()):
            item = self.events.item(i)
            if item.data(Qt.ItemDataRole.UserRole + 1):
                out.append(item.text())
        return out

    def _line(self, event: Event) -> str:
        """Three short lines: when and what (to which desk); who and where; the reason. Who
        is on a line of its own, so a name is never wrapped in the middle."""
        m = self.console.messages
        when = f"{self.console.engine.local(event.at):%H:%M:%S}"
        what = m.event_kind(event.kind)
        p = event.payload
        if p.get("desk"):
            what = f"{what} → {m.place(str(p['desk']))}"
        who = m.who(event.staff, event.terminal)
        lines = [f"{when}  {what}", who]
        if event.kind == "corrected" and p.get("reason"):
            lines.append(fill(self.tr("reason: %1"), str(p["reason"])))
        elif p.get("reason"):
            lines.append(str(p["reason"]))
        return "\n".join(lines)

    def _set_buttons(self, state: State | None) -> None:
        self.undo_button.setEnabled(state in UNDOABLE)
        self.fix_button.setEnabled(state in VACCINATED)
        self.undo_vaccination_button.setEnabled(state == State.OBSERVING)
        self.slip_button.setEnabled(state in VACCINATED)

    def _with_person(self, then: Callable[[Ticket, Person | None], object]) -> None:
        """Read the shown ticket and its person, then ``then(ticket, person)``."""
        c, ticket_id = self.console, self.shown_id
        if ticket_id is None:
            return

        def read() -> tuple[Ticket, Person | None]:
            ticket = c.engine.queries.ticket(ticket_id)
            person = c.engine.queries.person(ticket.person_id) if ticket.person_id else None
            return ticket, person

        def shown(got: tuple[Ticket, Person | None]) -> None:
            if self.shown_id == ticket_id:  # the panel may have moved on to the desk's next ticket
                then(*got)

        # Its own job (not the desk's "look up" of a typed or scanned number, which it would be
        # refused beside): a correction asked for is always read.
        c.runner.run(
            self, "correction", read, shown, lambda exc: c.say(c.messages.error(exc), "error")
        )

    def correct_outcome(self) -> None:
        self._with_person(self._ask_outcome)

    def _ask_outcome(self, ticket: Ticket, person: Person | None) -> None:
        c, ticket_id = self.console, ticket.id
        why = c.prompts.reason(
            self,
            self.tr("Correct the outcome"),
            self.tr("Why was the outcome wrong?"),
            about=subject(ticket.label, person.name if person else None),
        )
        if why:
            c.act(lambda a: c.engine.corrections.outcome(ticket_id, why, actor=a), self._corrected)

    def correct_vaccination(self) -> None:
        c, ticket_id = self.console, self.shown_id
        if ticket_id is None:
            return

        def read() -> tuple[Ticket, list[tuple[int, str]], Person | None]:
            ticket = c.engine.queries.ticket(ticket_id)
            lots = [(lot.id, f"{lot.product} {lot.lot}") for lot in c.engine.day.status().lots]
            person = c.engine.queries.person(ticket.person_id) if ticket.person_id else None
            return ticket, lots, person

        c.look_up(read, lambda got: self._ask_correction(*got))

    def _ask_correction(
        self, ticket: Ticket, lots: list[tuple[int, str]], person: Person | None
    ) -> None:
        c, ticket_id = self.console, ticket.id
        about = subject(ticket.label, person.name if person else None)
        got = c.prompts.correction(self, lots, ticket.lot_id, ticket.dose_number or 1, about=about)
        if got is None:
            return
        c.act(
            lambda a: c.engine.corrections.vaccination(
                ticket_id,
                got.reason,
                actor=a,
                lot_id=got.lot_id,
                dose_number=got.dose_number,
                trace_code=got.trace_code,
            ),
            self._corrected,
        )

    def _corrected(self, ticket: Ticket) -> None:
        self.console.say(self.tr("Corrected; the original stays in the history."))
        self.show_ticket(ticket.id)

    def undo_vaccination(self) -> None:
        """Undo a wrong "vaccinated": the dialog names the ticket and the person (masked), asks
        why and whether the dose was drawn."""
        c, ticket_id = self.console, self.shown_id
        if ticket_id is None or c.user is None:
            return

        def read() -> tuple[Ticket, Person | None]:
            ticket = c.engine.queries.ticket(ticket_id)
            person = c.engine.queries.person(ticket.person_id) if ticket.person_id else None
            return ticket, person

        c.look_up(read, lambda got: self._ask_undo(*got))

    def _ask_undo(self, ticket: Ticket, person: Person | None) -> None:
        c = self.console
        if ticket.state != State.OBSERVING:
            c.say(
                fill(
                    self.tr("%1 is not in observation: it is %2."),
                    ticket.label,
                    c.messages.state(ticket.state),
                ),
                "error",
            )
            return
        who = (
            " · ".join(
                part
                for part in (
                    mask_name(person.name),
                    mask_document_number(person.id_number) if person.id_number else "",
                )
                if part
            )
            if person
            else "—"
        )
        got = c.prompts.undo_vaccination(self, ticket.label, who)
        if got is None:
            return

        def undone(done: Ticket) -> None:
            text = (
                self.tr(
                    "%1 is back at the front of the vaccination queue; "
                    "the drawn dose is recorded as wasted."
                )
                if got.drawn
                else self.tr(
                    "%1 is back at the front of the vaccination queue; "
                    "the dose is back in its vial."
                )
            )
            c.say(fill(text, done.label), "warn")
            self.show_ticket(done.id)

        c.act(
            lambda a: c.engine.corrections.undo_vaccination(
                ticket.id, got.reason, drawn=got.drawn, actor=a
            ),
            undone,
        )

    def reprint_slip(self) -> None:
        c, ticket = self.console, self.shown
        if c.slips is None or ticket is None or ticket.id != self.shown_id:
            return
        c.slips.print_slip(ticket.id, ticket.label, reprint=True)
