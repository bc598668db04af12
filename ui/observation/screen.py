"""The observation desk (留观): everyone in observation, their countdown, release and adverse events.

The list comes from ``engine.queries.observations()`` at every feed event and deadline; a one-second
ticker redraws the countdowns from each stored end with ``clock.now()`` (no timer per person, no
count kept here). Who may leave is the engine's may-leave rule (``Observation.may_leave``). Beside
the list, the selected person's record (:mod:`ui.observation.record`); the record slip prints at
release when the config says so (``config.record.slip = "release"``).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.errors import KioskError
from kiosk.model import AdverseEvent, Observation, Ticket
from kiosk.staff import StaffDirectory
from kiosk.states import State
from kiosk.tracecodes import looks_like_trace_code
from printing.backend import PrinterBackend
from ui.feed import EVERYTHING, Changes, Feed
from ui.i18n import fill
from ui.observation.record import RecordPanel
from ui.runner import Runner
from ui.scheduler import Scheduler
from ui.widgets import theme
from ui.widgets.console import Console, button
from ui.widgets.dialogs import subject

TERMINAL = "observation"
COLUMNS = 6
MAY_LEAVE = QColor(theme.MAY_LEAVE)
AE_OPEN = QColor(theme.AE_OPEN)


def about(obs: Observation) -> str:
    """The ticket and the masked person, for a dialog's first line."""
    return subject(obs.ticket.label, obs.person_name)


def countdown(seconds: float) -> str:
    """``mm:ss`` left, or ``+mm:ss`` past the end."""
    s = int(seconds if seconds >= 0 else -seconds)
    text = f"{s // 60:02d}:{s % 60:02d}"
    return text if seconds > 0 else f"+{text}"


class ObservationScreen(Console):
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        config: Config,
        staff: StaffDirectory,
        feed: Feed,
        scheduler: Scheduler,
        runner: Runner,
        printer: PrinterBackend | None = None,
    ) -> None:
        title = self.tr("Observation desk")
        super().__init__(
            engine, clock, config, staff, feed, scheduler, runner, TERMINAL, title, printer
        )
        self.setObjectName("observation")
        self.rows: list[Observation] = []
        self.summary = QLabel()
        self.summary.setObjectName("observationSummary")
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("observations")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Number"),
                self.tr("Name"),
                self.tr("Vaccinated"),
                self.tr("Ends"),
                self.tr("Left"),
                self.tr("Status"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 5):  # the name and the status take the room left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._activated)  # a double tap; F5 on the keyboard
        self.table.itemSelectionChanged.connect(self._show_record)
        self.record = RecordPanel(self)
        self._changes: Changes | None = None  # what the read under way was asked for
        self.release_button = button(self.tr("Release"), "F5", "release")
        self.extend_button = button(self.tr("Extend…"), "F6", "extend")
        self.early_button = button(self.tr("Left early…"), "F7", "leftEarly")
        self.ae_button = button(self.tr("Adverse event…"), "F9", "adverseEvent")
        self.close_ae_button = button(self.tr("Close adverse event…"), "F10", "closeAdverse")
        actions = QGridLayout()  # three a row: every label whole at 1280 px, in any language
        for i, (b, keys, slot) in enumerate(
            (
                (self.release_button, "F5", self.release),
                (self.extend_button, "F6", self.extend),
                (self.early_button, "F7", self.left_early),
                (self.ae_button, "F9", self.adverse_event),
                (self.close_ae_button, "F10", self.close_adverse_event),
            )
        ):
            b.clicked.connect(slot)
            self.shortcut(keys, slot)
            actions.addWidget(b, i // 3, i % 3)
        self.shortcut("Ctrl+L", self.sign_out)
        page = QVBoxLayout(self.work)
        page.setContentsMargins(8, 4, 8, 6)
        page.setSpacing(4)
        page.addLayout(self.top_bar(title))
        page.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        row.addWidget(self.record, 1)
        page.addLayout(row, 1)
        page.addLayout(actions)
        page.addLayout(self.bottom_bar())
        self.ticker = scheduler.timer(self.redraw, 1000, repeat=True, parent=self)
        self.ticker.start()

    def stop_timers(self) -> None:
        self.ticker.stop()

    def focus_next(self) -> None:
        """The list of people: the arrow keys choose, the function keys act."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- redraw ----------------------------------------------------------------------------------

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """Re-read who is in observation off the UI thread, then draw."""
        self._changes = changes if self._changes is None else self._changes.merge(changes)
        self.runner.read(self, "refresh", self.engine.queries.observations, self._draw,
                         self._read_failed)  # fmt: skip

    def _draw(self, rows: list[Observation]) -> None:
        changes, self._changes = self._changes or EVERYTHING, None
        self.rows = rows
        self.redraw()
        shown = self.record.ticket
        if shown is not None and changes.touches(shown.id):
            obs = next((o for o in rows if o.ticket.id == shown.id), None)
            if obs is not None:
                self.record.show_ticket(obs.ticket, again=True)

    def _read_failed(self, exc: KioskError) -> None:
        self._changes = None
        self.rows = []
        self.say(self.messages.error(exc), "error")
        self.redraw()

    def redraw(self) -> None:
        """Countdowns from the stored ends, at ``clock.now()``."""
        if self.user is None:
            return
        selected = self.selected()
        now = self.clock.now()
        self.table.blockSignals(True)  # the selection is put back below: one record read at most
        self.table.setRowCount(len(self.rows))
        may, over = 0, 0
        for r, obs in enumerate(self.rows):
            t = obs.ticket
            assert t.observation_end is not None and t.vaccinated_at is not None
            left = (t.observation_end - now).total_seconds()
            leave = obs.may_leave(now)
            may += leave
            over += obs.over_time(now)
            if obs.open_adverse_events:
                status, colour = self.tr("adverse event open"), AE_OPEN
            elif leave:
                status, colour = self.tr("may leave"), MAY_LEAVE
            else:
                status, colour = self.tr("observing"), None
            cells = (
                t.label,
                obs.person_name or "",
                self._hm(t.vaccinated_at),
                self._hm(t.observation_end),
                countdown(left),
                status,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.id)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                self.table.setItem(r, c, item)
            if t.id == selected:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        self._show_record()
        self.summary.setText(
            fill(
                self.tr("In observation: %1 · may leave: %2 · over time: %3"),
                str(len(self.rows)),
                str(may),
                str(over),
            )
        )

    def _hm(self, moment: datetime) -> str:
        return f"{self.engine.local(moment):%H:%M}"

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _show_record(self) -> None:
        ticket_id = self.selected()
        obs = next((o for o in self.rows if o.ticket.id == ticket_id), None)
        self.record.show_ticket(obs.ticket if obs else None)

    def select(self, ticket_id: int) -> None:
        for r, obs in enumerate(self.rows):
            if obs.ticket.id == ticket_id:
                self.table.selectRow(r)

    def row_texts(self, ticket_id: int) -> list[str]:
        """What the nurse reads on this ticket's row (tests and tools)."""
        for r, obs in enumerate(self.rows):
            if obs.ticket.id == ticket_id:
                items = (self.table.item(r, c) for c in range(COLUMNS))
                return [item.text() if item is not None else "" for item in items]
        return []

    # --- actions -----------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        item = self.table.item(index.row(), 0)
        if item is not None:
            self.release_ticket(int(item.data(Qt.ItemDataRole.UserRole)))

    def _chosen(self) -> Observation | None:
        ticket_id = self.selected()
        found = next((o for o in self.rows if o.ticket.id == ticket_id), None)
        if found is None:
            self.say(self.tr("Select a person first."), "warn")
        return found

    def release(self) -> None:
        obs = self._chosen()
        if obs is not None:
            self.release_ticket(obs.ticket.id)

    def release_ticket(self, ticket_id: int) -> None:
        def released(done: Ticket) -> None:
            self.say(fill(self.tr("%1 released: may go home."), done.label))
            if self.slips is not None and self.slips.on("release"):
                self.slips.print_slip(done.id, done.label)

        self.act(lambda a: self.engine.observation.release(ticket_id, actor=a), released)

    def scanned(self, token: str) -> None:
        if looks_like_trace_code(token, gs_standin=self.config.record.gs_standin or None):
            self.say(self.tr("This is a vaccine box's code: scan the person's ticket."), "warn")
            return
        self.look_up(lambda: self.engine.queries.ticket_by_token(token), self._scanned_ticket)

    def _scanned_ticket(self, ticket: Ticket) -> None:
        if ticket.state != State.OBSERVING:
            self.say(
                fill(
                    self.tr("%1 is not in observation: it is %2."),
                    ticket.label,
                    self.messages.state(ticket.state),
                ),
                "error",
            )
            return
        self.select(ticket.id)
        self.release_ticket(ticket.id)

    def extend(self) -> None:
        obs = self._chosen()
        if obs is None:
            return
        minutes = self.prompts.number(
            self, self.tr("Extend observation"), self.tr("Extra minutes"), 15, 1, 240,
            about=about(obs),
        )  # fmt: skip
        if minutes:
            self.act(
                lambda a: self.engine.observation.extend(obs.ticket.id, minutes, actor=a),
                lambda _t: self.say(
                    fill(
                        self.tr("%1: observation extended by %2 min."),
                        obs.ticket.label,
                        str(minutes),
                    )
                ),
            )

    def left_early(self) -> None:
        obs = self._chosen()
        if obs is None:
            return
        why = self.prompts.reason(
            self,
            self.tr("Left early"),
            fill(self.tr("Why did %1 leave early?"), obs.ticket.label),
            about=about(obs),
        )
        if why:
            self.act(
                lambda a: self.engine.observation.leave_early(obs.ticket.id, why, actor=a),
                lambda _t: self.say(
                    fill(self.tr("%1 recorded as left early."), obs.ticket.label), "warn"
                ),
            )

    def adverse_event(self) -> None:
        obs = self._chosen()
        if obs is None:
            return
        got = self.prompts.adverse_event(self, about(obs), self.clock.now())
        if got is None:
            return
        self.act(
            lambda a: self.engine.observation.record_adverse_event(
                obs.ticket.id,
                symptoms=got.symptoms,
                severity=got.severity,
                action=got.action,
                onset_at=got.onset_at,
                actor=a,
            ),
            lambda ae: self.say(
                fill(
                    self.tr("Adverse event recorded for %1 (%2)."),
                    obs.ticket.label,
                    self.messages.severity(ae.severity),
                ),
                "warn",
            ),
        )

    def close_adverse_event(self) -> None:
        obs = self._chosen()
        if obs is None:
            return
        self.look_up(
            lambda: self.engine.observation.open_adverse_events(obs.ticket.id),
            lambda open_events: self._close_first(obs, open_events),
        )

    def _close_first(self, obs: Observation, open_events: list[AdverseEvent]) -> None:
        if not open_events:
            self.say(fill(self.tr("%1 has no open adverse event."), obs.ticket.label), "warn")
            return
        ae = open_events[0]
        outcome = self.prompts.reason(
            self, self.tr("Close adverse event"), self.tr("Outcome (e.g. recovered)"),
            about=about(obs),
        )  # fmt: skip
        if outcome:
            self.act(
                lambda a: self.engine.observation.close_adverse_event(ae.id, outcome, actor=a),
                lambda _ae: self.say(
                    fill(self.tr("Adverse event of %1 closed."), obs.ticket.label)
                ),
            )
