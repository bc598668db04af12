"""Clear to zero (当日清零): how many more residents would use every opened dose, what can still be
opened, and a warning when an opened vial nears its use-by with nobody waiting. From the config's
``[clearing] start`` the screen puts this panel first (:meth:`ui.admin.screen.AdminScreen`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from kiosk.engine.clearing import ClearingStatus
from ui.admin.data import AdminRead
from ui.admin.live import big
from ui.admin.vials import VialTable
from ui.widgets import theme


class ClearingPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clearingPanel")
        box = QGroupBox(self.tr("Clear to zero"))
        self.needed = QLabel("—")
        self.needed.setObjectName("needed")
        big(self.needed, theme.TICKET_PT)
        self.needed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.needed_text = QLabel(self.tr("more residents needed to use every opened dose"))
        self.needed_text.setObjectName("neededText")
        self.needed_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.needed_text.setWordWrap(True)
        self.needed_text.setMinimumWidth(200)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        rows = (
            ("openDosesLeft", self.tr("Doses left in opened vials")),
            ("promisedDoses", self.tr("Promised to issued tickets")),
            ("unopened", self.tr("Unopened today (vials / doses)")),
            ("inventoryDoses", self.tr("Unopened in the inventory (doses)")),
        )
        for row, (key, text) in enumerate(rows):
            value = QLabel("—")
            value.setObjectName(key)
            theme.set_level(value, "strong")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name = QLabel(text)
            name.setWordWrap(True)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        self.warnings = QLabel()
        self.warnings.setObjectName("clearingWarnings")
        self.warnings.setWordWrap(True)
        theme.set_level(self.warnings, "alert")
        self.warnings.setVisible(False)
        layout = QVBoxLayout(box)
        layout.addWidget(self.needed)
        layout.addWidget(self.needed_text)
        layout.addLayout(grid)
        layout.addWidget(self.warnings)
        self.vials = VialTable()
        layout.addWidget(self.vials, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)

    def draw(self, read: AdminRead) -> None:
        self.vials.draw(read)
        c = read.clearing
        if c is None:
            self.needed.setText("—")
            for label in self.values.values():
                label.setText("—")
            self.warnings.setVisible(False)
            return
        self.needed.setText(str(c.needed))
        self.values["openDosesLeft"].setText(str(c.open_doses_left))
        self.values["promisedDoses"].setText(str(c.promised))
        self.values["unopened"].setText(f"{c.unopened_vials} / {c.unopened_doses}")
        self.values["inventoryDoses"].setText(str(c.inventory_doses))
        self._warn(c)

    def _warn(self, c: ClearingStatus) -> None:
        lines = [
            self.tr("Nobody is waiting and vial %1 (%2) must be used within %3 min: %4 doses left.")
            .replace("%1", str(v.vial_id))
            .replace("%2", v.lot)
            .replace("%3", str(v.minutes_left))
            .replace("%4", str(v.doses_left))
            for v in c.warnings
        ]
        if lines:
            lines.append(self.tr("Call residents from the standby list."))
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))
