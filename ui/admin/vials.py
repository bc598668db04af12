"""The opened vials of the day: lot, doses left and minutes to their use-by (counted from the
stored use-by at each redraw), past ones last with 0 minutes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ui.admin.data import AdminRead
from ui.admin.live import minutes_until


class VialTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("openVials")
        self.setHorizontalHeaderLabels(
            [self.tr("Opened vial"), self.tr("Doses left"), self.tr("Min to use-by")]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setMinimumHeight(90)

    def draw(self, read: AdminRead) -> None:
        s = read.status
        shown = [] if s is None else [*s.open_vials, *s.expired_vials]
        self.setRowCount(len(shown))
        for row, vial in enumerate(shown):
            minutes = minutes_until(read, vial.use_by)
            cells = (read.lot_number(vial.lot_id), str(vial.doses_left), str(minutes))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, col, item)
