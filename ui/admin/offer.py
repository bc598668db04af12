"""Appointment holders offered for the standby list (issue 17): residents with an appointment on
a later day who agreed to be called in (同意候补), beside the hand-entered standby list in the
clear-to-zero tab. One tap puts one on today's list (the note says their appointment), after which
they are no longer offered today: a candidate whose name and phone are already on today's list is
left out. Names and phones are personal data: a staff screen only."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.appointments.model import StandbyCandidate
from kiosk.engine.clearing import StandbyEntry
from kiosk.errors import KioskError
from ui.admin.data import AdminRead
from ui.widgets.console import ConsoleContext

COLUMNS = 5  # name, phone, village, appointment day, the button


def note_for(candidate: StandbyCandidate) -> str:
    """The standby entry's note: the appointment it came from (stored, as the list shows it)."""
    return f"预约 {candidate.day.isoformat()} {candidate.village}"


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def offered(
    candidates: Iterable[StandbyCandidate], standby: Iterable[StandbyEntry]
) -> list[StandbyCandidate]:
    """The candidates not yet on today's standby list (same name and phone: the list keeps a
    landline as 0731-84561234, a village list as 073184561234)."""
    taken = {(e.name.strip(), _digits(e.phone)) for e in standby}
    return [c for c in candidates if (c.name.strip(), _digits(c.phone)) not in taken]


class OfferPanel(QWidget):
    def __init__(self, console: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("offerPanel")
        self.shown: tuple[StandbyCandidate, ...] = ()
        self.is_open = False
        self.adding: set[int] = set()  # appointments being added (a second tap does nothing)
        box = QGroupBox(self.tr("Appointment holders who agreed to be called"))
        self.empty = QLabel(self.tr("Nobody with a later appointment agreed to be called."))
        self.empty.setObjectName("offerEmpty")
        self.empty.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("offerTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Phone"), self.tr("Village"), self.tr("Appointment"), ""]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, COLUMNS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(box)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)

    def draw(self, read: AdminRead) -> None:
        standby = read.clearing.standby if read.clearing is not None else ()
        shown = tuple(offered(read.candidates, standby))
        changed_state = self.is_open != read.is_open
        self.is_open = read.is_open
        self.adding &= {c.appointment_id for c in shown}
        if shown == self.shown and not changed_state:
            return
        self.shown = shown
        self.empty.setVisible(not shown)
        self.table.setRowCount(len(shown))
        for row, c in enumerate(shown):
            cells = (c.name, c.phone, c.village, c.day.isoformat())
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.appointment_id)
                self.table.setItem(row, col, item)
            add = QPushButton(self.tr("Add to standby"))
            add.setObjectName(f"offerAdd{c.appointment_id}")
            add.setEnabled(read.is_open)
            add.clicked.connect(lambda _=False, chosen=c: self.add(chosen))
            self.table.setCellWidget(row, COLUMNS - 1, add)
        self.table.resizeRowsToContents()

    def button_for(self, appointment_id: int) -> QPushButton:
        """The add button of appointment ``appointment_id``'s row (tests)."""
        for row, c in enumerate(self.shown):
            if c.appointment_id == appointment_id:
                widget = self.table.cellWidget(row, COLUMNS - 1)
                assert isinstance(widget, QPushButton)
                return widget
        raise KeyError(appointment_id)

    def add(self, candidate: StandbyCandidate) -> None:
        c = self.console
        if candidate.appointment_id in self.adding:
            return
        note = note_for(candidate)

        def added(entry: StandbyEntry) -> None:
            c.say(self.tr("%1 is on the standby list.").replace("%1", entry.name))

        def refused(exc: KioskError) -> None:
            self.adding.discard(candidate.appointment_id)
            c.say(c.messages.error(exc), "error")

        if c.act(
            lambda a: c.engine.clearing.add_standby(candidate.name, candidate.phone, note, actor=a),
            added,
            refused,
        ):
            self.adding.add(candidate.appointment_id)
