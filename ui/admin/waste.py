"""Recording waste: doses of an opened vial that will not be given, with one of the day's coded
reasons (as the stations record it) and a note."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.dose_rules import RuleSet
from kiosk.model import Vial
from ui.admin.data import AdminRead
from ui.admin.live import minutes_until
from ui.i18n import fill
from ui.widgets.console import ConsoleContext, button


class WastePanel(QWidget):
    """An opened vial, the doses wasted, a coded reason and a note."""

    def __init__(self, console: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("wastePanel")
        self._reasons_of: date | None = None  # the day whose reasons the list shows
        box = QGroupBox(self.tr("Record waste"))
        self.vial = QComboBox()
        self.vial.setObjectName("wasteVial")
        self.vial.currentIndexChanged.connect(self._vial_chosen)
        self.doses = QSpinBox()
        self.doses.setObjectName("wasteDoses")
        self.doses.setRange(1, 50)
        self.reason = QComboBox()
        self.reason.setObjectName("wasteReason")
        self.note = QLineEdit()
        self.note.setObjectName("wasteNote")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("What happened (optional)"))
        self.button = button(self.tr("Record waste"), None, "recordWaste")
        self.button.clicked.connect(self.record)
        form = QFormLayout(box)
        form.addRow(self.tr("Opened vial"), self.vial)
        form.addRow(self.tr("Doses"), self.doses)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.button)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        self.vials: list[Vial] = []

    def draw(self, read: AdminRead) -> None:
        s = read.status
        vials = [] if s is None else [*s.open_vials, *s.expired_vials]
        chosen = self.vial.currentData()
        self.vials = vials
        self.vial.blockSignals(True)
        self.vial.clear()
        for v in vials:
            text = self.tr("%1 · vial %2 · %3 doses left · %4 min").replace(
                "%1", read.lot_name(v.lot_id)
            )
            text = text.replace("%2", str(v.id)).replace("%3", str(v.doses_left))
            self.vial.addItem(text.replace("%4", str(minutes_until(read, v.use_by))), v.id)
        index = self.vial.findData(chosen)
        gone = chosen is not None and index < 0
        if gone:  # used up or wasted elsewhere: never swap in another vial unasked
            self.vial.setCurrentIndex(-1)
            self.console.say(
                fill(self.tr("Vial %1 is no longer open: choose the vial again."), chosen), "warn"
            )
        else:
            self.vial.setCurrentIndex(index if index >= 0 else 0 if vials else -1)
        self.vial.blockSignals(False)
        self._vial_chosen()
        self.button.setEnabled(read.is_open and self.vial.currentIndex() >= 0)
        if read.is_open and self._reasons_of != read.day:
            self._reasons_of = read.day
            self.console.runner.read(
                self, "reasons", lambda: self.console.engine.record.rules(read.day), self._fill
            )

    def _fill(self, rules: RuleSet) -> None:
        english = self.console.config.site.language == "en"
        self.reason.clear()
        for c in rules.coded("waste"):
            self.reason.addItem(c.text_en if english and c.text_en else c.text, c.code)
        self.reason.setEditable(self.reason.count() == 0)  # a day without a list: free text

    def _vial_chosen(self) -> None:
        self.button.setEnabled(self.vial.currentIndex() >= 0 and bool(self.vials))
        vial = next((v for v in self.vials if v.id == self.vial.currentData()), None)
        if vial is not None and vial.doses_left > 0:
            self.doses.setMaximum(vial.doses_left)

    def record(self) -> None:
        c = self.console
        vial_id = self.vial.currentData()
        if vial_id is None:
            c.say(self.tr("Choose an opened vial first."), "warn")
            return
        code = self.reason.currentData() or self.reason.currentText().strip()
        if not code:
            c.say(self.tr("Choose why the doses are wasted."), "warn")
            return
        doses, note = self.doses.value(), self.note.text().strip() or None

        def recorded(_v: Vial) -> None:
            self.note.clear()
            c.say(self.tr("%1 doses recorded as wasted.").replace("%1", str(doses)), "warn")

        c.act(
            lambda a: c.engine.stock.waste(int(vial_id), doses, str(code), actor=a, note=note),
            recorded,
        )
