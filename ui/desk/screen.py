"""A nurse's desk: a registration desk or a vaccination station.

Left, the calling controls every desk shares (call next, a number, recall, missed, reinstate,
cancel; the desk's current ticket and how many wait for this kind of desk). Centre, the panel of
the desk's kind (:mod:`ui.desk.registration` or :mod:`ui.desk.vaccination`). Right, the history of
a ticket and its corrections (:mod:`ui.desk.history`). Keyboard first: every button shows its key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import Clock
from kiosk.config import Config, Desk
from kiosk.engine import Engine
from kiosk.errors import KioskError
from kiosk.model import DayStatus, Person, Ticket
from kiosk.staff import StaffDirectory
from kiosk.states import CALLED, WAITING, Queue, State
from kiosk.tracecodes import looks_like_trace_code
from printing.backend import PrinterBackend
from ui.desk.history import HistoryPanel
from ui.desk.registration import RegistrationPanel
from ui.desk.reprint import Reprinter
from ui.desk.vaccination import VaccinationPanel
from ui.feed import EVERYTHING, Changes, Feed
from ui.i18n import fill
from ui.runner import Runner
from ui.scheduler import Scheduler
from ui.widgets import theme
from ui.widgets.console import Console, button, scrolling
from ui.widgets.dialogs import subject


@dataclass(frozen=True)
class DeskRead:
    """What a desk's redraw reads, off the UI thread."""

    current: Ticket | None
    status: DayStatus
    missed: list[Ticket]
    person: Person | None  # of the current ticket, when it is new to the panel


class DeskScreen(Console):
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        config: Config,
        desk: Desk,
        staff: StaffDirectory,
        feed: Feed,
        scheduler: Scheduler,
        runner: Runner,
        printer: PrinterBackend | None = None,
    ) -> None:
        self.desk = desk
        self.queue = Queue.VACCINATION if desk.kind == "vaccination" else Queue.REGISTRATION
        kind = (
            self.tr("Vaccination station")
            if self.queue == Queue.VACCINATION
            else self.tr("Registration desk")
        )
        super().__init__(
            engine,
            clock,
            config,
            staff,
            feed,
            scheduler,
            runner,
            desk.name,
            f"{desk.name} · {kind}",
            printer,
        )
        self.setObjectName("desk")
        self.current: Ticket | None = None
        self._changes: Changes | None = None  # what the refresh being read was asked for
        self.reprinter = Reprinter(self, printer, self) if printer is not None else None
        self.panel: RegistrationPanel | VaccinationPanel = (
            VaccinationPanel(self) if self.queue == Queue.VACCINATION else RegistrationPanel(self)
        )
        self.history = HistoryPanel(self)
        page = QVBoxLayout(self.work)
        page.setContentsMargins(8, 4, 8, 6)
        page.setSpacing(4)
        page.addLayout(self.top_bar(f"{desk.name} · {kind}"))
        row = QHBoxLayout()  # the panel scrolls on a small screen; the status line stays
        row.addWidget(self._calling(), 3)
        row.addWidget(scrolling(self.panel, "panelScroll"), 8)
        row.addWidget(self.history, 4)
        page.addLayout(row, 1)
        page.addLayout(self.bottom_bar())
        self.shortcut("F1", self.call_next)
        self.shortcut("Space", self.call_next)
        self.shortcut("F2", self.recall)
        self.shortcut("F3", self.mark_missed)
        self.shortcut("F4", self.reinstate)
        self.shortcut("F8", self.cancel)
        if self.reprinter is not None:
            self.shortcut("Ctrl+P", self.reprint)
        self.shortcut("Ctrl+G", self.number.setFocus)
        self.shortcut("Ctrl+L", self.sign_out)

    def _calling(self) -> QWidget:
        box = QGroupBox(self.tr("Calling"))
        box.setMinimumWidth(360)
        box.setMaximumWidth(480)
        self.ticket_label = QLabel("—")
        self.ticket_label.setObjectName("currentTicket")
        self.ticket_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ticket_state = QLabel()
        self.ticket_state.setObjectName("currentState")
        self.ticket_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting = QLabel()
        self.waiting.setObjectName("waitingCount")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = button(self.tr("Call next"), "F1", "callNext")
        self.recall_button = button(self.tr("Recall"), "F2", "recall")
        self.missed_button = button(self.tr("Missed"), "F3", "markMissed")
        self.cancel_button = button(self.tr("Cancel ticket"), "F8", "cancelTicket")
        self.number = QLineEdit()
        self.number.setObjectName("callNumber")
        self.number.setPlaceholderText(self.tr("A012 [Ctrl+G]"))
        self.number.setToolTip(self.tr("Type a number and press Enter to call it"))
        self.number.returnPressed.connect(self.call_number)
        self.number_button = button(self.tr("Call"), None, "callNumberButton")
        self.number_button.setToolTip(self.tr("Call this number"))
        self.reprint_button = button(self.tr("Reprint ticket"), "Ctrl+P", "reprintTicket")
        self.reprint_button.setToolTip(
            self.tr("Print the ticket at this desk again, or the number typed above")
        )
        self.reprint_button.setVisible(self.reprinter is not None)
        self.missed_list = QListWidget()
        self.missed_list.setObjectName("missedList")
        self.missed_list.itemActivated.connect(lambda _item: self.reinstate())
        self.reinstate_button = button(self.tr("Reinstate selected"), "F4", "reinstate")
        for b, slot in (
            (self.next_button, self.call_next),
            (self.recall_button, self.recall),
            (self.missed_button, self.mark_missed),
            (self.cancel_button, self.cancel),
            (self.number_button, self.call_number),
            (self.reinstate_button, self.reinstate),
            (self.reprint_button, self.reprint),
        ):
            b.clicked.connect(slot)
        self.missed_list.setMinimumHeight(theme.BUTTON_HEIGHT)
        missed_label = QLabel(self.tr("Missed (select, then reinstate)"))
        missed_label.setWordWrap(True)
        for label in (self.ticket_state, self.waiting):
            label.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.ticket_label)
        line = QHBoxLayout()  # at this desk · waiting: one line, to keep the column short
        line.addWidget(self.ticket_state, 1)
        line.addWidget(self.waiting, 1)
        layout.addLayout(line)
        layout.addWidget(self.next_button)
        layout.addWidget(self.recall_button)
        layout.addWidget(self.missed_button)
        layout.addWidget(self.cancel_button)
        numbers = QHBoxLayout()
        numbers.addWidget(self.number, 1)
        numbers.addWidget(self.number_button)
        layout.addLayout(numbers)
        layout.addWidget(self.reprint_button)
        layout.addWidget(missed_label)
        layout.addWidget(self.missed_list, 1)
        layout.addWidget(self.reinstate_button)
        return box

    # --- redraw ----------------------------------------------------------------------------------

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """Re-read the desk off the UI thread, then draw it (a refresh asked for while one runs
        is read again after it, with both changes' tickets)."""
        self._changes = changes if self._changes is None else self._changes.merge(changes)
        shown = self.current  # its person is read only when another ticket comes
        self.runner.read(self, "refresh", lambda: self._read(shown), self._draw, self._read_failed)

    def _read(self, shown: Ticket | None) -> DeskRead:
        current = self.engine.queries.at_desk(self.desk.name)
        status = self.engine.day.status()
        missed = [t for t in self.engine.queries.missed() if t.queue == self.queue]
        person = None
        needs_person = self.queue == Queue.VACCINATION and current != shown
        if current is not None and current.person_id and needs_person:
            person = self.engine.queries.person(current.person_id)
        return DeskRead(current, status, missed, person)

    def _read_failed(self, exc: KioskError) -> None:
        self._changes = None
        self.current = None
        self.waiting.setText(self.messages.error(exc))
        self.panel.set_ticket(None)

    def _draw(self, read: DeskRead) -> None:
        changes, self._changes = self._changes or EVERYTHING, None
        before = self.current.id if self.current else None
        self.current, status, missed = read.current, read.status, read.missed
        t = self.current
        self.ticket_label.setText(t.label if t else "—")
        self.ticket_state.setText(self.tr("at this desk") if t else self.tr("nobody called"))
        waiting = (
            status.counts.waiting_vaccination
            if self.queue == Queue.VACCINATION
            else status.counts.waiting_registration
        )
        self.waiting.setText(fill(self.tr("Waiting: %1"), str(waiting)))
        for b in (self.recall_button, self.missed_button, self.cancel_button):
            b.setEnabled(t is not None)
        self._fill_missed(missed, status.missed_grace_minutes)
        self.panel.set_ticket(t, read.person)
        self.panel.refresh_stock(status)
        moved = (t.id if t else None) != before
        if t is not None and (moved or self.history.shown_id is None):
            self.history.show_ticket(t.id)  # the history follows the desk's ticket
        elif t is not None and self.history.shown_id == t.id and changes.touches(t.id):
            self.history.show_ticket(t.id)  # read again only when an event touched it
        elif changes.touches(self.history.shown_id):
            self.history.reload()
        if moved:
            self.focus_next()

    def focus_next(self) -> None:
        """A ticket at a registration desk: its form's first empty input; else the number
        field (a number typed, or scanned, goes there)."""
        target = self.panel.first_input() if self.current is not None else None
        (target or self.number).setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_missed(self, missed: list[Ticket], grace: int) -> None:
        selected = self.selected_missed()
        self.missed_list.clear()
        now = self.clock.now()
        for t in missed:
            assert t.missed_at is not None
            until = t.missed_at + timedelta(minutes=grace)
            note = (
                fill(self.tr("dose held until %1"), f"{self.engine.local(until):%H:%M}")
                if now < until
                else self.tr("grace period over")
            )
            item = QListWidgetItem(f"{t.label}  {note}")
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.missed_list.addItem(item)
            if t.id == selected:
                self.missed_list.setCurrentItem(item)

    def selected_missed(self) -> int | None:
        item = self.missed_list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # --- calling -----------------------------------------------------------------------------------

    def call_next(self) -> None:
        if self.user is None:
            return

        def called(ticket: Ticket | None) -> None:
            if ticket is not None:
                self.say(fill(self.tr("Called %1."), ticket.label))
            else:
                self.say(self.tr("Nobody is waiting."), "warn")

        self.act(
            lambda a: self.engine.tickets.call_next(self.queue, self.desk.name, actor=a), called
        )

    def call_number(self) -> None:
        text = self.number.text().strip()
        if not text or self.user is None:
            return

        def found(ticket: Ticket) -> None:
            if self.open_ticket(ticket):
                self.number.clear()

        self.look_up(lambda: self.engine.queries.ticket_by_label(text), found)

    def open_ticket(self, ticket: Ticket) -> bool:
        """Bring ``ticket`` to this desk if it can come here, else say why not (True: it is
        here, or the call has started)."""
        if ticket.state == CALLED[self.queue] and ticket.desk == self.desk.name:
            self.say(fill(self.tr("%1 is at this desk."), ticket.label))
            return True
        if ticket.state in CALLED.values() and ticket.desk != self.desk.name:
            self.say(
                fill(self.tr("%1 is at desk %2."), ticket.label, ticket.desk or ""),
                "error",
            )
            return False
        if ticket.state != WAITING[self.queue]:
            self.say(
                fill(
                    self.tr("%1 cannot come to this desk: it is %2."),
                    ticket.label,
                    self.messages.state(ticket.state),
                ),
                "error",
            )
            return False
        return self.act(
            lambda a: self.engine.tickets.call(ticket.id, self.desk.name, actor=a),
            lambda called: self.say(fill(self.tr("Called %1."), called.label)),
        )

    def scanned(self, token: str) -> None:
        standin = self.config.record.gs_standin or None
        if looks_like_trace_code(token, gs_standin=standin):
            if isinstance(self.panel, VaccinationPanel):
                self.panel.scanned_box(token)
            else:
                self.say(self.tr("This is a vaccine box's code: scan it at the station."), "warn")
            return
        self.look_up(lambda: self.engine.queries.ticket_by_token(token), self._scanned_ticket)

    def _scanned_ticket(self, ticket: Ticket) -> None:
        if ticket.state in (State.OBSERVING, State.MISSED) or ticket.day != self.engine.today():
            self.history.show_ticket(ticket.id)
        self.open_ticket(ticket)

    def recall(self) -> None:
        t = self.current
        if t is None:
            return
        self.act(
            lambda a: self.engine.tickets.recall(t.id, actor=a),
            lambda _t: self.say(fill(self.tr("Called %1 again."), t.label)),
        )

    def mark_missed(self) -> None:
        t = self.current
        if t is None:
            return
        self.act(
            lambda a: self.engine.tickets.mark_missed(t.id, actor=a),
            lambda _t: self.say(fill(self.tr("%1 marked missed."), t.label), "warn"),
        )

    def reinstate(self) -> None:
        ticket_id = self.selected_missed()
        if ticket_id is None:
            self.say(self.tr("Select a missed number first."), "warn")
            return
        self.act(
            lambda a: self.engine.tickets.reinstate(ticket_id, actor=a),
            lambda done: self.say(
                fill(self.tr("%1 is back at the front of the queue."), done.label)
            ),
        )

    def cancel(self) -> None:
        t = self.current
        if t is None or self.user is None:
            return
        about = subject(t.label, self.panel.who())
        why = self.prompts.reason(
            self, fill(self.tr("Cancel %1"), t.label), self.tr("Why is it cancelled?"),
            about=about,
        )  # fmt: skip
        if why:
            self.act(
                lambda a: self.engine.tickets.cancel(t.id, why, actor=a),
                lambda _t: self.say(fill(self.tr("%1 cancelled."), t.label), "warn"),
            )

    def reprint(self) -> None:
        """Reprint the number typed in the number field, else the ticket at this desk."""
        if self.reprinter is None or self.user is None:
            return
        text = self.number.text().strip()
        if not text:
            if self.current is None:
                self.say(self.tr("Type a number to reprint, or call one first."), "warn")
            else:
                self.reprinter.reprint(self.current)
            return
        reprinter = self.reprinter

        def found(ticket: Ticket) -> None:
            if reprinter.reprint(ticket):
                self.number.clear()

        self.look_up(lambda: self.engine.queries.ticket_by_label(text), found)

    def stop_timers(self) -> None:
        self.panel.stop_timers()
        if self.reprinter is not None:
            self.reprinter.wait()
