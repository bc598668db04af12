"""The vaccination station's panel: who is here, today's lots and open vials, the box scanned,
the outcome.

The stock comes from ``day_status()`` at every redraw (a feed event, or the panel's ticker for the
"open for" minutes and the use-by warning); nothing is counted here. Expired lots and vials and an
empty stock are refused by the engine and explained through ``ui.widgets.messages``. A scanned
box code (:mod:`ui.desk.box`) selects its lot and goes with the dose; the record slip prints after
"vaccinated" when the config says so (``config.record.slip``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.dose_rules import age_on
from kiosk.model import DayStatus, Lot, Person, Ticket, Vial
from ui.desk.box import BoxCode
from ui.desk.reasons import ask_reason, with_reasons
from ui.i18n import fill
from ui.widgets import theme
from ui.widgets.console import ConsoleContext, button, elides
from ui.widgets.dialogs import subject
from ui.widgets.prompts import Choices

WARN_BEFORE_USE_BY = timedelta(minutes=30)
TICK_MS = 15_000


class VaccinationPanel(QGroupBox):
    def __init__(self, desk: ConsoleContext) -> None:
        super().__init__()
        self.setTitle(self.tr("Vaccination"))
        self.desk = desk
        self.ticket: Ticket | None = None
        self.person: Person | None = None
        self.status: DayStatus | None = None
        self.opened: int | None = None  # a vial just opened here: selected once it is listed
        self.person_name = QLabel("—")
        self.person_name.setObjectName("personName")
        self.details = QLabel()
        self.details.setObjectName("personDetails")
        self.flags = QLabel()
        self.flags.setObjectName("screeningFlags")
        self.flags.setWordWrap(True)
        self.lot = elides(QComboBox())
        self.lot.setObjectName("lot")
        self.lot.currentIndexChanged.connect(lambda _i: self._lot_chosen())
        self.box = BoxCode(desk)
        self.vials = QListWidget()
        self.vials.setObjectName("vials")
        self.vials.setMaximumHeight(160)
        self.vial_warning = QLabel()
        self.vial_warning.setObjectName("vialWarning")
        self.vial_warning.setWordWrap(True)
        self.open_button = button(self.tr("Open a vial"), "Ctrl+O", "openVial")
        self.waste_button = button(self.tr("Record waste…"), None, "waste")
        self.done_button = button(self.tr("Vaccinated"), "Ctrl+Return", "vaccinated")
        self.not_button = button(self.tr("Not vaccinated…"), "Ctrl+D", "notVaccinated")
        self.open_button.clicked.connect(self.open_vial)
        self.waste_button.clicked.connect(self.waste)
        self.done_button.clicked.connect(self.vaccinated)
        self.not_button.clicked.connect(self.not_vaccinated)
        desk.shortcut("Ctrl+O", self.open_vial)
        desk.shortcut("Ctrl+Return", self.vaccinated)
        desk.shortcut("Ctrl+Enter", self.vaccinated)
        desk.shortcut("Ctrl+D", self.not_vaccinated)
        stock = QGroupBox(self.tr("Today's stock"))
        form = QFormLayout(stock)
        form.addRow(self.tr("Lot"), self.lot)
        form.addRow(self.tr("Box"), self.box)
        form.addRow(self.tr("Open vials"), self.vials)
        form.addRow("", self.vial_warning)
        vial_buttons = QHBoxLayout()
        vial_buttons.addWidget(self.open_button)
        vial_buttons.addWidget(self.waste_button)
        form.addRow(vial_buttons)
        outcome = QHBoxLayout()
        outcome.addWidget(self.done_button, 1)
        outcome.addWidget(self.not_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.person_name)
        layout.addWidget(self.details)
        layout.addWidget(self.flags)
        layout.addWidget(stock)
        layout.addStretch(1)
        layout.addLayout(outcome)
        self.ticker = desk.scheduler.timer(self._fill_vials, TICK_MS, repeat=True, parent=self)
        self.ticker.start()
        self.set_ticket(None)

    def stop_timers(self) -> None:
        self.ticker.stop()

    def who(self) -> str | None:
        """The name of the person at the station (as read with their ticket)."""
        return self.person.name if self.person is not None else None

    def about(self) -> str:
        """The ticket and the masked person, for a dialog's first line."""
        return subject(self.ticket.label, self.who()) if self.ticket else ""

    def first_input(self) -> QWidget | None:
        """Nothing is typed at the station (the keys and the scanner act): the desk's number."""
        return None

    # --- the person --------------------------------------------------------------------------------

    def set_ticket(self, ticket: Ticket | None, person: Person | None = None) -> None:
        """The ticket at the station, and its person (read by the desk's redraw, off the UI
        thread, only when the ticket is new here)."""
        if ticket is not None and ticket == self.ticket:
            return  # unchanged: every feed event redraws the desk; the person need not be re-read
        self.ticket = ticket
        self.person = person if ticket is not None else None
        self.box.ticket_changed(ticket.id if ticket else None)
        self.done_button.setEnabled(ticket is not None)
        self.not_button.setEnabled(ticket is not None)
        if ticket is None:
            self.person_name.setText("—")
            self.details.clear()
            self.flags.clear()
            return
        engine = self.desk.engine
        self.person_name.setText(f"{ticket.label}  {person.name if person else ''}")
        # The dose the record proposed at registration (checked again when it is given).
        parts = [self.desk.messages.dose(ticket.dose_number, ticket.dose_kind)]
        if ticket.product:
            parts.append(ticket.product)
        if person and person.birth_date:
            # The person's stored birth date and sex: whatever their document, and never
            # parsed from its number (a passport's carries neither).
            age = str(age_on(person.birth_date, engine.today()))
            sexes = {"male": self.tr("male"), "female": self.tr("female")}
            parts.insert(
                0,
                fill(self.tr("%1 years, %2"), age, sexes[person.sex])
                if person.sex in sexes
                else fill(self.tr("%1 years"), age),
            )
        if ticket.observation_minutes:
            parts.append(fill(self.tr("observation %1 min"), str(ticket.observation_minutes)))
        if ticket.override_reason:
            parts.append(fill(self.tr("rule overridden: %1"), ticket.override_reason))
        self.details.setText(" · ".join(parts))
        yes = self._yes_answers(ticket)
        self.flags.setText(
            fill(self.tr("Screening: %1"), "; ".join(yes))
            if yes
            else self.tr("Screening: all answers no")
        )
        theme.set_level(self.flags, "alert" if yes else "ok")

    def _yes_answers(self, ticket: Ticket) -> list[str]:
        english = self.desk.config.site.language == "en"
        texts = {
            q.key: (q.text_en if english and q.text_en else q.text)
            for q in self.desk.config.screening
        }
        return [texts.get(k, k) for k, v in (ticket.screening or {}).items() if v]

    # --- the stock ---------------------------------------------------------------------------------

    def refresh_stock(self, status: DayStatus) -> None:
        self.status = status
        chosen = self.lot.currentData()
        self.lot.blockSignals(True)
        self.lot.clear()
        today = self.desk.engine.today()
        model = self.lot.model()
        assert isinstance(model, QStandardItemModel)
        for lot in status.lots:
            expired = lot.expiry < today
            text = fill(
                self.tr("%1 lot %2 · %3 doses left · expires %4"),
                lot.product,
                lot.lot,
                lot.doses_left,
                lot.expiry.isoformat(),
            )
            if expired:
                text += "  " + self.tr("(EXPIRED)")
            self.lot.addItem(text, lot.id)
            if expired:
                model.item(self.lot.count() - 1).setEnabled(False)
        index = self.lot.findData(chosen) if chosen is not None else -1
        if index < 0:
            index = next((i for i, lot in enumerate(status.lots) if self._usable_lot(lot)), 0)
        self.lot.setCurrentIndex(index)
        self.lot.blockSignals(False)
        self.lot.setToolTip(self.lot.currentText())
        self._fill_vials()

    def _lot_chosen(self) -> None:
        lot_id = self.lot.currentData()
        self.box.lot_changed(int(lot_id) if lot_id is not None else None)
        self._fill_vials()

    def usable_lots(self) -> list[tuple[int, str, str]]:
        """Today's lots a dose can come from: (id, lot number, text as listed)."""
        if self.status is None:
            return []
        return [
            (lot.id, lot.lot, self.lot.itemText(self.lot.findData(lot.id)))
            for lot in self.status.lots
            if self._usable_lot(lot)
        ]

    def select_lot(self, lot_id: int) -> None:
        index = self.lot.findData(lot_id)
        if index >= 0:
            self.lot.setCurrentIndex(index)

    def scanned_box(self, text: str) -> None:
        """A box code was scanned at this station."""
        if self.desk.user is None:
            return
        ticket_id = self.ticket.id if self.ticket else None
        self.box.scanned(text, ticket_id, self.usable_lots, self.select_lot)

    def _usable_lot(self, lot: Lot) -> bool:
        return lot.expiry >= self.desk.engine.today() and lot.doses_left > 0

    def _fill_vials(self) -> None:
        if self.status is None:
            return
        lot_id = self.lot.currentData()
        chosen = self.opened if self.opened is not None else self.selected_vial()
        now = self.desk.clock.now()
        self.vials.clear()
        warnings = []
        for vial in self.status.open_vials + self.status.expired_vials:
            if vial.lot_id != lot_id:
                continue
            item = QListWidgetItem(self._vial_text(vial, now))
            item.setData(Qt.ItemDataRole.UserRole, vial.id)
            if now >= vial.use_by:  # nobody can get these doses: they are to be recorded as waste
                item.setBackground(QBrush(QColor(theme.EXPIRED)))
                warnings.append(
                    fill(
                        self.tr(
                            "Vial %1 is past its use-by: record its %n dose(s) as waste.",
                            "",
                            vial.doses_left,
                        ),
                        str(vial.id),
                    )
                )
            elif vial.use_by - now <= WARN_BEFORE_USE_BY:
                item.setBackground(QBrush(QColor(theme.WARN_BACK)))
                warnings.append(
                    fill(
                        self.tr(
                            "Vial %1 must be used by %2: %n dose(s) left.", "", vial.doses_left
                        ),
                        str(vial.id),
                        f"{self.desk.engine.local(vial.use_by):%H:%M}",
                    )
                )
            self.vials.addItem(item)
            if vial.id == chosen or (chosen is None and self.vials.count() == 1):
                self.vials.setCurrentItem(item)
        if self.opened is not None and self.selected_vial() == self.opened:
            self.opened = None
        self.vial_warning.setText("\n".join(warnings))
        theme.set_level(self.vial_warning, "warn")
        lot = next((lot for lot in self.status.lots if lot.id == lot_id), None)
        if lot is not None and not self.vials.count():
            self.vial_warning.setText(
                self.tr("No open vial: one is opened with the first dose.")
                if self._usable_lot(lot)
                else self.tr("This lot cannot be used.")
            )

    def _vial_text(self, vial: Vial, now: datetime) -> str:
        opened = int((now - vial.opened_at).total_seconds() // 60)
        return fill(
            self.tr("Vial %1 · %2 of %3 doses left · open %4 min · use by %5"),
            str(vial.id),
            str(vial.doses_left),
            str(vial.doses_per_vial),
            str(max(0, opened)),
            f"{self.desk.engine.local(vial.use_by):%H:%M}",
        )

    def selected_vial(self) -> int | None:
        item = self.vials.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # --- actions -----------------------------------------------------------------------------------

    def open_vial(self) -> None:
        desk, lot_id = self.desk, self.lot.currentData()
        if lot_id is None or desk.user is None:
            return

        def opened(vial: Vial) -> None:
            self.opened = vial.id  # selected when the list is next drawn (the refresh after)
            self._fill_vials()
            desk.say(fill(self.tr("Vial %1 opened."), str(vial.id)))

        desk.act(lambda a: desk.engine.stock.open_vial(int(lot_id), actor=a), opened)

    def waste(self) -> None:
        desk, vial_id = self.desk, self.selected_vial()
        if vial_id is None or desk.user is None:
            desk.say(self.tr("Select an open vial first."), "warn")
            return
        vial = (
            next(
                (v for v in self.status.open_vials + self.status.expired_vials if v.id == vial_id),
                None,
            )
            if self.status
            else None
        )
        left = vial.doses_left if vial else 1

        def ask(reasons: Choices) -> None:
            got = desk.prompts.waste(self, left, reasons)
            if got is None:
                return
            desk.act(
                lambda a: desk.engine.stock.waste(
                    vial_id, got.doses, got.reason, actor=a, note=got.note
                ),
                lambda _v: desk.say(
                    self.tr("%n dose(s) recorded as wasted.", "", got.doses), "warn"
                ),
            )

        with_reasons(desk, "waste", ask)

    def vaccinated(self) -> None:
        desk, ticket, lot_id = self.desk, self.ticket, self.lot.currentData()
        if ticket is None or desk.user is None:
            return
        if lot_id is None:
            desk.say(self.tr("Choose a lot first."), "error")
            return
        vial_id = self.selected_vial()
        trace_code = self.box.code_for(ticket.id)

        def vaccinated(done: Ticket) -> None:
            assert done.observation_end is not None
            end = f"{desk.engine.local(done.observation_end):%H:%M}"
            desk.say(fill(self.tr("%1 vaccinated: observation until %2."), done.label, end))
            if self.box.code_for(done.id) is not None:
                self.box.clear_box()
            if desk.slips is not None and desk.slips.on("vaccination"):
                desk.slips.print_slip(done.id, done.label)

        desk.act(
            lambda a: desk.engine.care.vaccinate(
                ticket.id, lot_id=int(lot_id), vial_id=vial_id, trace_code=trace_code, actor=a
            ),
            vaccinated,
        )

    def not_vaccinated(self) -> None:
        desk, ticket = self.desk, self.ticket
        if ticket is None or desk.user is None:
            return

        def defer(why: str, note: str | None) -> None:
            desk.act(
                lambda a: desk.engine.care.defer(ticket.id, why, actor=a, note=note),
                lambda _t: desk.say(self.tr("Not vaccinated; the dose is released."), "warn"),
            )

        title, why = self.tr("Not vaccinated"), self.tr("Why not?")
        ask_reason(desk, self, "deferral", title, why, defer, about=self.about())


__all__ = ["VaccinationPanel"]
