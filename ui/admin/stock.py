"""The day and its stock: open the day from the inventory, change the capacity, take more vials,
receive a delivery. Every change is a manager's engine operation, run through the console's
``act`` (off the UI thread); the panel redraws from the feed like the rest of the screen."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.dose_rules import rules_from_config
from kiosk.model import DayStatus, LotIn
from ui.admin.data import AdminRead
from ui.admin.inventory import InventoryTable
from ui.widgets.console import ConsoleContext, button

FRIDGE_UNSET = -30.0
"""The fridge spin box's lowest value, shown as "not measured": no temperature is recorded."""


def fridge_box(name: str) -> QDoubleSpinBox:
    """A fridge temperature in °C, "—" (not measured) until the manager enters one."""
    box = QDoubleSpinBox()
    box.setObjectName(name)
    box.setRange(FRIDGE_UNSET, 50.0)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(" °C")
    box.setSpecialValueText("—")
    box.setValue(FRIDGE_UNSET)
    return box


def fridge_value(box: QDoubleSpinBox) -> float | None:
    return None if box.value() <= FRIDGE_UNSET else round(box.value(), 1)


class StockPanel(QWidget):
    """Opening the day (before it is open), then its capacity and stock."""

    def __init__(self, console: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("stockPanel")
        self.opening = self._opening_box()
        self.open_day = self._open_day_box()
        layout = QVBoxLayout(self)
        layout.addWidget(self.opening)
        layout.addWidget(self.open_day, 1)
        self.open_day.setVisible(False)

    # --- building ----------------------------------------------------------------------------------

    def _opening_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Open the day from the inventory"))
        day = self.console.config.day
        self.open_capacity = QSpinBox()
        self.open_capacity.setObjectName("openCapacity")
        self.open_capacity.setRange(0, 100_000)
        self.open_capacity.setValue(day.capacity)
        self.open_fridge = fridge_box("openFridge")
        self.open_table = InventoryTable("openInventory")
        self.open_button = button(self.tr("Open the day"), None, "openDay")
        self.open_button.clicked.connect(self.open)
        form = QFormLayout()
        form.addRow(self.tr("Capacity (doses today)"), self.open_capacity)
        form.addRow(self.tr("Fridge at opening"), self.open_fridge)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.open_table, 1)
        layout.addWidget(self.open_button)
        return box

    def _open_day_box(self) -> QWidget:
        page = QWidget()
        capacity = QGroupBox(self.tr("Capacity"))
        self.capacity = QSpinBox()
        self.capacity.setObjectName("capacity")
        self.capacity.setRange(0, 100_000)
        self.capacity_button = button(self.tr("Set capacity"), None, "setCapacity")
        self.capacity_button.clicked.connect(self.set_capacity)
        row = QHBoxLayout(capacity)
        row.addWidget(self.capacity, 1)
        row.addWidget(self.capacity_button)
        take = QGroupBox(self.tr("Take vials from the inventory"))
        self.take_table = InventoryTable("takeInventory")
        self.take_button = button(self.tr("Take into today"), None, "takeStock")
        self.take_button.clicked.connect(self.take)
        take_layout = QVBoxLayout(take)
        take_layout.addWidget(self.take_table, 1)
        take_layout.addWidget(self.take_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(capacity)
        layout.addWidget(take, 1)
        layout.addWidget(self._delivery_box())
        return page

    def _delivery_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Receive a delivery"))
        self.product = QComboBox()
        self.product.setObjectName("deliveryProduct")
        self.product.setEditable(True)
        self.product.addItems([p.name for p in self.console.config.products])
        self.lot = QLineEdit()
        self.lot.setObjectName("deliveryLot")
        self.lot.setPlaceholderText(self.tr("Lot number"))
        self.expiry = QDateEdit()
        self.expiry.setObjectName("deliveryExpiry")
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat("yyyy-MM-dd")
        self.doses_per_vial = QSpinBox()
        self.doses_per_vial.setObjectName("deliveryDosesPerVial")
        self.doses_per_vial.setRange(1, 50)
        self.vials = QSpinBox()
        self.vials.setObjectName("deliveryVials")
        self.vials.setRange(1, 10_000)
        self.into_today = QCheckBox(self.tr("Also into today's stock"))
        self.into_today.setObjectName("deliveryIntoToday")
        self.into_today.setChecked(True)
        self.receive_button = button(self.tr("Receive"), None, "receive")
        self.receive_button.clicked.connect(self.receive)
        form = QFormLayout(box)
        form.addRow(self.tr("Product"), self.product)
        sizes = QHBoxLayout()
        sizes.addWidget(self.lot, 2)
        sizes.addWidget(self.expiry, 1)
        form.addRow(self.tr("Lot, expiry"), sizes)
        counts = QHBoxLayout()
        counts.addWidget(self.vials)
        counts.addWidget(self.doses_per_vial)
        form.addRow(self.tr("Vials, doses per vial"), counts)
        form.addRow(self.into_today, self.receive_button)
        return box

    # --- drawing -----------------------------------------------------------------------------------

    def draw(self, read: AdminRead) -> None:
        opened = read.status is not None
        self.opening.setVisible(not opened)
        self.open_day.setVisible(opened)
        self.open_table.fill(read.inventory)
        self.take_table.fill(read.inventory)
        if read.status is not None and not self.capacity.hasFocus():
            self.capacity.setValue(read.status.capacity)
        for widget in (self.capacity_button, self.take_button, self.receive_button):
            widget.setEnabled(read.is_open)
        if self.expiry.date() <= QDate(read.day.year, read.day.month, read.day.day):
            later = read.day + timedelta(days=90)
            self.expiry.setDate(QDate(later.year, later.month, later.day))

    # --- acting ------------------------------------------------------------------------------------

    def open(self) -> None:
        c = self.console
        config = c.config
        takes = self.open_table.takes()
        if not takes:
            c.say(self.tr("Enter the vials to take from the inventory first."), "warn")
            return
        capacity, fridge = self.open_capacity.value(), fridge_value(self.open_fridge)
        c.act(
            lambda a: c.engine.day.open(
                rules=rules_from_config(config),
                capacity=capacity,
                observation_minutes=config.day.observation_minutes,
                missed_grace_minutes=config.day.missed_grace_minutes,
                lots_in=[],
                actor=a,
                prefixes=tuple(cat.prefix for cat in config.categories),
                allergy_extra_minutes=config.day.allergy_extra_minutes,
                desks=tuple(desk.name for desk in config.desks),
                fridge_c=fridge,
                take=takes,
            ),
            self._opened,
        )

    def _opened(self, status: DayStatus) -> None:
        self.open_table.clear_takes()
        self.console.say(
            self.tr("The day is open: %1 doses, capacity %2.")
            .replace("%1", str(status.stock))
            .replace("%2", str(status.capacity))
        )

    def set_capacity(self) -> None:
        c, value = self.console, self.capacity.value()
        c.act(
            lambda a: c.engine.day.set_capacity(value, actor=a),
            lambda s: c.say(self.tr("Capacity set to %1.").replace("%1", str(s.capacity))),
        )

    def take(self) -> None:
        c, takes = self.console, self.take_table.takes()
        if not takes:
            c.say(self.tr("Enter the vials to take from the inventory first."), "warn")
            return

        def taken(status: DayStatus) -> None:
            self.take_table.clear_takes()
            c.say(self.tr("Taken: %1 doses in today's stock.").replace("%1", str(status.stock)))

        c.act(lambda a: c.engine.day.take(takes, actor=a), taken)

    def receive(self) -> None:
        c = self.console
        product, number = self.product.currentText().strip(), self.lot.text().strip()
        if not product or not number:
            c.say(self.tr("Enter the product and the lot number."), "warn")
            (self.product if not product else self.lot).setFocus()
            return
        expiry: date = self.expiry.date().toPython()  # type: ignore[assignment]
        lot = LotIn(product, number, expiry, self.doses_per_vial.value(), self.vials.value())
        if self.into_today.isChecked():
            c.act(lambda a: c.engine.day.add_lot(lot, actor=a), lambda _s: self._received(lot))
        else:
            c.act(
                lambda a: c.engine.inventory.receive(lot, actor=a), lambda _x: self._received(lot)
            )

    def _received(self, lot: LotIn) -> None:
        self.lot.clear()
        self.console.say(
            self.tr("Received lot %1: %2 vials.")
            .replace("%1", lot.lot)
            .replace("%2", str(lot.vials))
        )
