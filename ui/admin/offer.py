"""Appointment holders offered for the standby list (issue 17): residents with an appointment on
a later day who agreed to be called in (同意候补), beside the hand-entered standby list in the
clear-to-zero tab. One tap puts one on today's list (the note says their appointment), after which
they are no longer offered today: a candidate whose name and phone are already on today's list is
left out. Names and phones are personal data: a staff screen only."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
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

COLUMNS = 5  # name, phone, village, appointment day, "add" (one tap on it adds the row)
ADD = COLUMNS - 1
VISIBLE_ROWS = (3, 6)  # the rows' height the table asks for (more scroll), below and from a
TALL = 900  # window this tall: the standby list above keeps the rest of the column


class OfferTable(QTableWidget):
    _tall = False

    def sizeHint(self) -> QSize:
        visible = VISIBLE_ROWS[self.window().height() >= TALL]
        rows = max(1, min(self.rowCount(), visible))
        height = (self.horizontalHeader().sizeHint().height()
                  + rows * self.verticalHeader().defaultSectionSize()
                  + self.horizontalScrollBar().sizeHint().height() + 2 * self.frameWidth())  # fmt: skip
        return QSize(super().sizeHint().width(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        tall = self.window().height() >= TALL
        if tall != self._tall:
            self._tall = tall
            self.updateGeometry()


def note_for(candidate: StandbyCandidate) -> str:
    """The standby entry's note: the appointment it came from (stored, as the list shows it)."""
    return f"预约 {candidate.day.isoformat()} {candidate.village}"


def offered(
    candidates: Iterable[StandbyCandidate], standby: Iterable[StandbyEntry]
) -> list[StandbyCandidate]:
    """The candidates not yet on today's standby list (the same name and phone: both lists keep
    a phone in the one form of kiosk.phones)."""
    taken = {(e.name.strip(), e.phone) for e in standby}
    return [c for c in candidates if (c.name.strip(), c.phone) not in taken]


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
        self.table = OfferTable(0, COLUMNS)
        self.table.setObjectName("offerTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Phone"), self.tr("Village"), self.tr("Appointment"), ""]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.cellClicked.connect(self._clicked)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
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
        self.table.setVisible(bool(shown))
        self.table.resizeColumnsToContents()
        self.table.updateGeometry()
        self.table.setRowCount(len(shown))
        for row, c in enumerate(shown):
            cells = (c.name, c.phone, c.village, c.day.isoformat())
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.appointment_id)
                self.table.setItem(row, col, item)
            add = QTableWidgetItem(self.tr("Add") if read.is_open else "")
            add.setData(Qt.ItemDataRole.UserRole, c.appointment_id)
            add.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            bold = QFont(self.table.font())
            bold.setBold(True)
            add.setFont(bold)
            self.table.setItem(row, ADD, add)

    def _clicked(self, row: int, column: int) -> None:
        if column == ADD and self.is_open and 0 <= row < len(self.shown):
            self.add(self.shown[row])

    def row_of(self, appointment_id: int) -> int:
        """The table row of appointment ``appointment_id`` (tests)."""
        for row, c in enumerate(self.shown):
            if c.appointment_id == appointment_id:
                return row
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
