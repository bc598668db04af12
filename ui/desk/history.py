"""A ticket's history from the event log, and corrections with a reason.

Nothing is rewritten: a correction is a new event that supersedes the wrong one, and the history
shows both, the superseded event struck through and marked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from kiosk.model import Event, Ticket
from kiosk.states import VACCINATED, State
from ui.widgets.console import ConsoleContext, button

UNDOABLE = (State.DEFERRED, State.CANCELLED, State.LEFT_EARLY, State.RELEASED)


class HistoryPanel(QGroupBox):
    def __init__(self, console: ConsoleContext) -> None:
        super().__init__()
        self.setTitle(self.tr("History and corrections"))
        self.console = console
        self.shown_id: int | None = None
        self.setMinimumWidth(300)
        self.setMaximumWidth(380)
        self.lookup = QLineEdit()
        self.lookup.setObjectName("historyLookup")
        self.lookup.setPlaceholderText(self.tr("Number, e.g. A012 [Ctrl+H]"))
        self.lookup.returnPressed.connect(self.look_up)
        self.heading = QLabel()
        self.heading.setObjectName("historyTitle")
        self.heading.setStyleSheet("font-weight: bold;")
        self.events = QListWidget()
        self.events.setObjectName("historyList")
        self.events.setWordWrap(True)
        self.undo_button = button(self.tr("Correct the outcome…"), None, "correctOutcome")
        self.undo_button.clicked.connect(self.correct_outcome)
        self.fix_button = button(self.tr("Correct lot / dose…"), None, "correctVaccination")
        self.fix_button.clicked.connect(self.correct_vaccination)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lookup)
        layout.addWidget(self.heading)
        layout.addWidget(self.events, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.fix_button)
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
                item.setForeground(Qt.GlobalColor.darkGray)
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
        m = self.console.messages
        when = f"{self.console.engine.local(event.at):%H:%M:%S}"
        parts = [when, m.event_kind(event.kind)]
        p = event.payload
        if p.get("desk"):
            parts.append(str(p["desk"]))
        if event.kind == "corrected" and p.get("reason"):
            parts.append(self.tr("reason: %1").replace("%1", str(p["reason"])))
        elif p.get("reason"):
            parts.append(str(p["reason"]))
        parts.append(f"({event.staff})")
        return "  ".join(parts)

    def _set_buttons(self, state: State | None) -> None:
        self.undo_button.setEnabled(state in UNDOABLE)
        self.fix_button.setEnabled(state in VACCINATED)

    def correct_outcome(self) -> None:
        c, ticket_id = self.console, self.shown_id
        if ticket_id is None:
            return
        why = c.prompts.reason(
            self, self.tr("Correct the outcome"), self.tr("Why was the outcome wrong?")
        )
        if why:
            c.act(lambda a: c.engine.corrections.outcome(ticket_id, why, actor=a), self._corrected)

    def correct_vaccination(self) -> None:
        c, ticket_id = self.console, self.shown_id
        if ticket_id is None:
            return

        def read() -> tuple[Ticket, list[tuple[int, str]]]:
            ticket = c.engine.queries.ticket(ticket_id)
            lots = [(lot.id, f"{lot.product} {lot.lot}") for lot in c.engine.day.status().lots]
            return ticket, lots

        c.look_up(read, lambda got: self._ask_correction(*got))

    def _ask_correction(self, ticket: Ticket, lots: list[tuple[int, str]]) -> None:
        c, ticket_id = self.console, ticket.id
        got = c.prompts.correction(self, lots, ticket.lot_id, ticket.dose_number or 1)
        if got is None:
            return
        c.act(
            lambda a: c.engine.corrections.vaccination(
                ticket_id, got.reason, actor=a, lot_id=got.lot_id, dose_number=got.dose_number
            ),
            self._corrected,
        )

    def _corrected(self, ticket: Ticket) -> None:
        self.console.say(self.tr("Corrected; the original stays in the history."))
        self.show_ticket(ticket.id)
