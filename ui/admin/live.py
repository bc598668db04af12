"""The live day at a glance: tickets by state, doses and the cap (the opened vials are on the
clear-to-zero tab, :mod:`ui.admin.vials`).

Always on the left of the admin screen. Figures are drawn from one :class:`~ui.admin.data.AdminRead`;
the minutes to each vial's use-by are computed from its stored use-by at each redraw.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ui.admin.data import AdminRead
from ui.i18n import fill
from ui.widgets import theme


def big(label: QLabel, points: int) -> None:
    """A figure read from across the desk: bold, at ``points``. A size only (the theme's style
    sheet sets every widget's font size, so a QFont would be overridden); colours are the
    theme's."""
    label.setStyleSheet(f"font-size: {points}pt; font-weight: bold;")


def minutes_until(read: AdminRead, moment: datetime) -> int:
    """Whole minutes from the read's moment until ``moment`` (0 once passed)."""
    return max(0, int((moment - read.now).total_seconds() // 60))


class FigureGrid(QGroupBox):
    """A titled grid of named figures, ``columns`` pairs (name, number) a row."""

    def __init__(self, title: str, names: list[tuple[str, str]], columns: int = 1) -> None:
        super().__init__(title)
        grid = QGridLayout(self)
        grid.setVerticalSpacing(0)
        grid.setHorizontalSpacing(8)
        self.values: dict[str, QLabel] = {}
        for i, (key, text) in enumerate(names):
            row, col = divmod(i, columns)
            name = QLabel(text)
            value = QLabel("—")
            value.setObjectName(key)
            theme.set_level(value, "strong")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, 2 * col)
            grid.addWidget(value, row, 2 * col + 1)
            self.values[key] = value
        for col in range(columns):
            grid.setColumnStretch(2 * col, 1)

    def set(self, key: str, value: object) -> None:
        self.values[key].setText(str(value))

    def clear(self) -> None:
        for label in self.values.values():
            label.setText("—")


class LivePanel(QWidget):
    """Tickets, doses and the cap of today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("live")
        self.day_state = QLabel()
        self.day_state.setObjectName("dayState")
        self.day_state.setWordWrap(True)
        theme.set_level(self.day_state, "strong")
        self.tickets = FigureGrid(
            self.tr("Tickets"),
            [
                ("issued", self.tr("Issued")),
                ("vaccinated", self.tr("Vaccinated")),
                ("waitingRegistration", self.tr("Waiting: desks")),
                ("waitingVaccination", self.tr("Waiting: stations")),
                ("observing", self.tr("In observation")),
                ("deferred", self.tr("Deferred")),
                ("missed", self.tr("Missed")),
            ],
        )
        self.doses = FigureGrid(
            self.tr("Doses"),
            [
                ("onHand", self.tr("On hand")),
                ("used", self.tr("Used")),
                ("promised", self.tr("Promised to tickets")),
                ("wasted", self.tr("Wasted")),
                ("left", self.tr("Left for new tickets")),
            ],
        )
        cap_box = QGroupBox(self.tr("The cap on issuing"))
        self.cap_bar = QProgressBar()
        self.cap_bar.setObjectName("capBar")
        self.cap_bar.setTextVisible(True)
        self.cap_text = QLabel()
        self.cap_text.setObjectName("capText")
        self.cap_text.setWordWrap(True)
        cap_layout = QVBoxLayout(cap_box)
        cap_layout.addWidget(self.cap_bar)
        cap_layout.addWidget(self.cap_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day_state)
        layout.addWidget(self.tickets)
        layout.addWidget(self.doses)
        layout.addWidget(cap_box)
        layout.addStretch(1)

    def draw(self, read: AdminRead) -> None:
        s = read.status
        if s is None:
            self.day_state.setText(
                self.tr("%1: not opened yet").replace("%1", read.day.isoformat())
            )
            self.tickets.clear()
            self.doses.clear()
            self.cap_bar.setRange(0, 1)
            self.cap_bar.setValue(0)
            self.cap_bar.setFormat("—")
            self.cap_text.setText(self.tr("Open the day in the Day and stock tab."))
            return
        state = self.tr("open") if s.status == "open" else self.tr("closed")
        self.day_state.setText(f"{read.day.isoformat()} · {state}")
        c = s.counts
        for key, value in (
            ("issued", c.issued),
            ("waitingRegistration", c.waiting_registration),
            ("waitingVaccination", c.waiting_vaccination),
            ("observing", c.observing),
            ("vaccinated", c.vaccinated),
            ("deferred", c.deferred),
            ("missed", c.missed),
        ):
            self.tickets.set(key, value)
        on_hand = s.doses_left
        free = max(0, on_hand - s.expired_vial_doses - c.reserved)
        for key, value in (
            ("onHand", on_hand),
            ("promised", c.reserved),
            ("used", s.doses_used),
            ("wasted", s.doses_wasted),
            ("left", free),
        ):
            self.doses.set(key, value)
        self._draw_cap(read)

    def _draw_cap(self, read: AdminRead) -> None:
        s = read.status
        assert s is not None
        taken = s.counts.vaccinated + s.counts.reserved
        self.cap_bar.setRange(0, max(1, s.capacity))
        self.cap_bar.setValue(min(taken, s.capacity))
        # Vaccinated and still expected count against the cap; a deferred, cancelled or long
        # missed number frees its place, so this is not the number of tickets issued.
        self.cap_bar.setFormat(fill(self.tr("%1 of %2 places taken"), taken, s.capacity))
        self.cap_bar.setToolTip(
            self.tr("Vaccinated and expected; deferred, cancelled and missed numbers free theirs")
        )
        room = max(0, s.capacity - taken)
        stock_room = max(0, s.doses_left - s.expired_vial_doses - s.counts.reserved)
        numbers = min(room, stock_room)
        if s.can_issue:
            text = self.tr("The kiosk can issue %1 more (capacity %2, stock %3).")
            self.cap_text.setText(fill(text, numbers, room, stock_room))
            theme.set_level(self.cap_text, "")
            return
        reasons = {
            "capacity": self.tr("The kiosk has stopped: the capacity is reached."),
            "stock": self.tr("The kiosk has stopped: no dose is left in stock."),
            "paused": self.tr("The kiosk is paused (capacity 0)."),
            "day_closed": self.tr("The day is closed."),
        }
        self.cap_text.setText(reasons.get(s.closed_reason or "", s.closed_reason or ""))
        theme.set_level(self.cap_text, "warn")
