"""The manager's screen (``kiosk run --screen admin``), signed in with a manager's PIN.

Left, the live day (:mod:`ui.admin.live`). Right, tabs: clear to zero with the standby list and
the appointment holders offered for it (first from the config's ``[clearing] start``), the day
and its stock, waste, closing and reopening, village lists, next doses, reports and the staffing
planner. One read off the UI thread (:mod:`ui.admin.data`)
feeds every panel; the screen re-reads on every change of the feed and once a minute (the
minutes to each vial's use-by), through the scheduler."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.errors import KioskError
from kiosk.staff import StaffDirectory
from printing.backend import PrinterBackend
from ui.admin.clearing import ClearingPanel
from ui.admin.closing import ClosingPanel
from ui.admin.data import AdminRead, read_admin
from ui.admin.live import LivePanel
from ui.admin.offer import OfferPanel
from ui.admin.standby import StandbyPanel
from ui.admin.stock import StockPanel
from ui.admin.waste import WastePanel
from ui.feed import EVERYTHING, Changes, Feed
from ui.runner import Runner
from ui.scheduler import Scheduler
from ui.widgets.console import Console

log = logging.getLogger(__name__)

TICK_MS = 30_000
"""Re-read this often while nothing happens: the minutes to a vial's use-by, the clearing time."""


class AdminScreen(Console):
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        config: Config,
        staff: StaffDirectory,
        feed: Feed,
        scheduler: Scheduler,
        runner: Runner,
        printer: PrinterBackend | None = None,
    ) -> None:
        title = self.tr("Site manager")
        super().__init__(engine, clock, config, staff, feed, scheduler, runner, "admin", title)
        self.setObjectName("admin")
        self.read: AdminRead | None = None
        self._clearing_shown_on: date | None = None  # the day the clearing tab was brought forward
        self.ticker = scheduler.timer(self._tick, TICK_MS, repeat=True, parent=self)
        self.live = LivePanel()
        self.live.setMinimumWidth(340)
        self.live.setMaximumWidth(440)
        self.clearing = ClearingPanel()
        self.standby = StandbyPanel(self, printer)
        self.offer = OfferPanel(self)
        self.stock = StockPanel(self)
        self.waste = WastePanel(self)
        self.closing = ClosingPanel(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        clear_page = QWidget()
        clear_layout = QHBoxLayout(clear_page)
        clear_layout.setContentsMargins(4, 4, 4, 4)
        clear_layout.addWidget(self.clearing, 2)
        standby_column = QVBoxLayout()
        standby_column.addWidget(self.standby, 1)
        standby_column.addWidget(self.offer, 0)  # as tall as a few rows: ui.admin.offer
        clear_layout.addLayout(standby_column, 3)
        self.clear_tab = self.tabs.addTab(clear_page, self.tr("Clear to zero"))
        self.tabs.addTab(self.stock, self.tr("Day and stock"))
        self.tabs.addTab(self.waste, self.tr("Waste"))
        self.tabs.addTab(self.closing, self.tr("Close and reopen"))
        self.panels: list[QWidget] = [self.live, self.clearing, self.standby, self.offer,
                                      self.stock, self.waste, self.closing]  # fmt: skip
        page = QVBoxLayout(self.work)
        page.setContentsMargins(6, 6, 6, 6)
        page.addLayout(self.top_bar(title))
        row = QHBoxLayout()
        row.addWidget(self.live, 0)
        row.addWidget(self.tabs, 1)
        page.addLayout(row, 1)
        page.addLayout(self.bottom_bar())
        self.shortcut("Ctrl+L", self.sign_out)
        self.resize(1366, 768)

    def add_tab(self, panel: QWidget, title: str) -> None:
        """A panel drawn from the same read (reports, planner)."""
        self.tabs.addTab(panel, title)
        self.panels.append(panel)

    # --- signing in: managers only ------------------------------------------------------------

    def sign_in(self, name: str, role: str = "nurse") -> None:
        if role != "manager":
            log.info("admin: %s (%s) refused: not a manager", name, role)
            self.signin.error.setText(
                self.tr("%1 is not a manager: this screen needs a manager's PIN.").replace(
                    "%1", name
                )
            )
            self.signin.pin.setFocus()
            return
        super().sign_in(name, role)
        self.ticker.start()

    def sign_out(self) -> None:
        self.ticker.stop()
        super().sign_out()

    def stop_timers(self) -> None:
        self.ticker.stop()
        self.standby.wait()

    def _tick(self) -> None:
        if self.user is not None:
            self.refresh(Changes(time=True))

    # --- redraw --------------------------------------------------------------------------------------

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        warn = self.config.clearing.warn_minutes
        engine = self.engine
        self.runner.read(self, "refresh", lambda: read_admin(engine, warn), self.draw,
                         self._read_failed)  # fmt: skip

    def _read_failed(self, exc: KioskError) -> None:
        self.say(self.messages.error(exc), "error")

    def draw(self, read: AdminRead) -> None:
        self.read = read
        for panel in self.panels:
            draw = getattr(panel, "draw", None)
            if callable(draw):
                draw(read)
        if read.status is None and self.tabs.currentIndex() == self.clear_tab:
            self.tabs.setCurrentWidget(self.stock)  # nothing to clear before the day opens
        self._clearing_first(read)

    def _clearing_first(self, read: AdminRead) -> None:
        """From the clearing time on, the clear-to-zero tab comes forward once a day (the
        manager may then choose another) and its title says how many are still needed."""
        late = self.engine.local(read.now).time() >= self.config.clearing.start_time
        title = self.tr("Clear to zero")
        if late and read.clearing is not None:
            title = self.tr("Clear to zero: %1 needed").replace("%1", str(read.clearing.needed))
        self.tabs.setTabText(self.clear_tab, title)
        if late and read.is_open and self._clearing_shown_on != read.day:
            self._clearing_shown_on = read.day
            self.tabs.setCurrentIndex(self.clear_tab)
