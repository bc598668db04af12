"""The standby list: residents who can come at short notice to use the last opened doses.

The manager enters a name and a phone, marks each call (called, coming, not reachable), and with
one tap issues a priority ticket to a resident who arrives; its number is shown large (and
printed when the screen has a printer). Names and phones are personal data: staff screens only,
and the events carry neither (kiosk.engine.clearing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.engine.clearing import StandbyEntry
from kiosk.errors import KioskError
from kiosk.model import Ticket
from printing.backend import PrinterBackend
from printing.model import TicketPrint
from printing.result import PrintResult
from ui.admin.data import AdminRead
from ui.admin.live import big
from ui.print_worker import PrintWorker, ticket_print
from ui.widgets import theme
from ui.widgets.console import ConsoleContext, button


class StandbyPanel(QWidget):
    def __init__(
        self,
        console: ConsoleContext,
        printer: PrinterBackend | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("standbyPanel")
        self.printer = PrintWorker(printer, self) if printer is not None else None
        if self.printer is not None:
            self.printer.printed.connect(self._printed)
        self.entries: tuple[StandbyEntry, ...] = ()
        box = QGroupBox(self.tr("Standby list"))
        self.name = QLineEdit()
        self.name.setObjectName("standbyName")
        self.name.setMaxLength(64)
        self.name.setPlaceholderText(self.tr("Name"))
        self.phone = QLineEdit()
        self.phone.setObjectName("standbyPhone")
        self.phone.setMaxLength(32)
        self.phone.setPlaceholderText(self.tr("Phone"))
        self.note = QLineEdit()
        self.note.setObjectName("standbyNote")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("Note"))
        self.add_button = button(self.tr("Add"), None, "standbyAdd")
        self.add_button.clicked.connect(self.add)
        self.phone.returnPressed.connect(self.add)
        entry = QGridLayout()
        entry.addWidget(self.name, 0, 0)
        entry.addWidget(self.phone, 0, 1)
        entry.addWidget(self.note, 1, 0)
        entry.addWidget(self.add_button, 1, 1)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("standbyTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Phone"), self.tr("Status"), self.tr("Ticket")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.called_button = button(self.tr("Called"), None, "standbyCalled")
        self.coming_button = button(self.tr("Coming"), None, "standbyComing")
        self.unreachable_button = button(self.tr("Not reachable"), None, "standbyUnreachable")
        self.arrived_button = button(self.tr("Arrived: priority ticket"), None, "standbyArrived")
        self.called_button.clicked.connect(lambda: self.mark("called"))
        self.coming_button.clicked.connect(lambda: self.mark("coming"))
        self.unreachable_button.clicked.connect(lambda: self.mark("unreachable"))
        self.arrived_button.clicked.connect(self.arrived)
        marks = QGridLayout()
        marks.addWidget(self.called_button, 0, 0)
        marks.addWidget(self.coming_button, 0, 1)
        marks.addWidget(self.unreachable_button, 0, 2)
        marks.addWidget(self.arrived_button, 1, 0, 1, 3)
        self.ticket = QLabel()
        self.ticket.setObjectName("standbyTicket")
        self.ticket.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big(self.ticket, theme.PERSON_PT)
        self.ticket.setVisible(False)  # until a priority ticket is issued: room for the list
        layout = QVBoxLayout(box)
        layout.addLayout(entry)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        layout.addWidget(self.ticket)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)

    def status_text(self, status: str) -> str:
        return {
            "waiting": self.tr("not called yet"),
            "called": self.tr("called"),
            "coming": self.tr("coming"),
            "unreachable": self.tr("not reachable"),
            "arrived": self.tr("arrived"),
        }.get(status, status)

    # --- drawing -------------------------------------------------------------------------------------

    def draw(self, read: AdminRead) -> None:
        entries = read.clearing.standby if read.clearing is not None else ()
        for b in (self.add_button, self.called_button, self.coming_button,
                  self.unreachable_button, self.arrived_button):  # fmt: skip
            b.setEnabled(read.is_open)
        if entries == self.entries:
            return
        selected = self.selected()
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            cells = (e.name, e.phone, self.status_text(e.status), e.ticket_label or "")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                if e.note and col == 0:
                    item.setToolTip(e.note)
                self.table.setItem(row, col, item)
            if e.id == selected:
                self.table.selectRow(row)

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select(self, entry_id: int) -> None:
        """Select the resident ``entry_id`` in the list (tests; after adding one)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == entry_id:
                self.table.selectRow(row)
                return
        raise KeyError(entry_id)

    # --- acting --------------------------------------------------------------------------------------

    def add(self) -> None:
        c = self.console
        name, phone = self.name.text().strip(), self.phone.text().strip()
        note = self.note.text().strip() or None
        if not name or not phone:
            c.say(self.tr("Enter the resident's name and phone."), "warn")
            (self.name if not name else self.phone).setFocus()
            return

        def added(entry: StandbyEntry) -> None:
            for edit in (self.name, self.phone, self.note):
                edit.clear()
            self.name.setFocus()
            c.say(self.tr("%1 is on the standby list.").replace("%1", entry.name))

        def refused(exc: KioskError) -> None:
            c.say(c.messages.error(exc), "error")
            field = exc.details.get("field")
            if field == "phone":
                self.phone.setFocus()
            elif field == "name":
                self.name.setFocus()

        c.act(lambda a: c.engine.clearing.add_standby(name, phone, note, actor=a), added, refused)

    def _chosen(self) -> int | None:
        entry_id = self.selected()
        if entry_id is None:
            self.console.say(self.tr("Select a resident on the standby list first."), "warn")
        return entry_id

    def mark(self, status: str) -> None:
        c, entry_id = self.console, self._chosen()
        if entry_id is None:
            return
        c.act(
            lambda a: c.engine.clearing.mark_standby(entry_id, status, actor=a),
            lambda e: c.say(
                self.tr("%1: %2.").replace("%1", e.name).replace("%2", self.status_text(e.status))
            ),
        )

    def arrived(self) -> None:
        c, entry_id = self.console, self._chosen()
        if entry_id is None:
            return

        def issued(ticket: Ticket) -> None:
            self.ticket.setText(self.tr("Priority ticket %1").replace("%1", ticket.label))
            self.ticket.setVisible(True)
            c.say(self.tr("Priority ticket %1 issued.").replace("%1", ticket.label))
            self._print(ticket)

        c.act(lambda a: c.engine.clearing.standby_arrived(entry_id, actor=a), issued)

    def _print(self, ticket: Ticket) -> None:
        worker, c = self.printer, self.console
        if worker is None:
            return
        c.runner.run(
            self,
            f"print {ticket.id}",
            lambda: ticket_print(c.engine, c.config, ticket, c.engine.queries.people_ahead(ticket)),
            lambda job: worker.submit(ticket.id, job),
            lambda exc: c.say(c.messages.error(exc), "error"),
        )

    def _printed(self, _key: int, job: TicketPrint, result: PrintResult) -> None:
        c = self.console
        if result.ok:
            c.say(self.tr("Priority ticket %1 printed.").replace("%1", job.label))
        else:
            c.say(
                self.tr("%1 was not printed: %2. The number stays valid.")
                .replace("%1", job.label)
                .replace("%2", c.messages.print_failure(result.code)),
                "error",
            )

    def wait(self) -> None:
        if self.printer is not None:
            self.printer.wait()
