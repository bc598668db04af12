"""The lots on hand in the inventory, each with how many vials to move into the day."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QSpinBox, QTableWidget, QTableWidgetItem, QWidget

from kiosk.engine.inventory import InventoryLot


class InventoryTable(QTableWidget):
    """One row per lot on hand: product, lot, expiry, vials x doses, and a spin box of the vials
    to take (0 by default). :meth:`takes` is what ``engine.day.open(take=...)`` and
    ``engine.day.take`` expect: ``{"PRODUCT/LOT": vials}``."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(
            [self.tr("Lot"), self.tr("Expires"), self.tr("Vials on hand"), self.tr("Take")]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.lots: tuple[InventoryLot, ...] = ()
        self.spins: list[QSpinBox] = []

    def fill(self, lots: tuple[InventoryLot, ...]) -> None:
        """Show ``lots``, keeping the vials already entered for a lot that is still there."""
        if lots == self.lots:
            return
        entered = {
            (lot.product, lot.lot): s.value() for lot, s in zip(self.lots, self.spins, strict=True)
        }
        self.lots = lots
        self.spins = []
        self.setRowCount(len(lots))
        for row, lot in enumerate(lots):
            cells = (
                f"{lot.lot} ({lot.product})",
                lot.expiry.isoformat(),
                f"{lot.vials} × {lot.doses_per_vial}",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, col, item)
            spin = QSpinBox()
            spin.setObjectName(f"take_{lot.lot}")
            spin.setRange(0, lot.vials)
            spin.setValue(min(entered.get((lot.product, lot.lot), 0), lot.vials))
            self.setCellWidget(row, 3, spin)
            self.spins.append(spin)

    def set_take(self, lot: str, vials: int) -> None:
        """Enter ``vials`` for the lot numbered ``lot`` (tests and the "all" button)."""
        for row, spin in zip(self.lots, self.spins, strict=True):
            if row.lot == lot:
                spin.setValue(vials)
                return
        raise KeyError(lot)

    def takes(self) -> dict[str, int]:
        return {
            f"{lot.product}/{lot.lot}": spin.value()
            for lot, spin in zip(self.lots, self.spins, strict=True)
            if spin.value() > 0
        }

    def clear_takes(self) -> None:
        for spin in self.spins:
            spin.setValue(0)
