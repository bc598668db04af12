"""The admin screen as the program builds it: the screen with its village lists, next doses,
reports and planner tabs."""

from __future__ import annotations

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from printing.backend import PrinterBackend
from ui.admin.appointments import ImportPanel
from ui.admin.due import DuePanel
from ui.admin.planner import PlannerPanel
from ui.admin.reports import ReportsPanel
from ui.admin.screen import AdminScreen
from ui.feed import Feed
from ui.runner import Runner
from ui.scheduler import Scheduler


def admin_screen(
    engine: Engine,
    clock: Clock,
    config: Config,
    staff: StaffDirectory,
    feed: Feed,
    scheduler: Scheduler,
    runner: Runner,
    printer: PrinterBackend | None = None,
) -> AdminScreen:
    screen = AdminScreen(engine, clock, config, staff, feed, scheduler, runner, printer)
    panels = (ImportPanel(screen), DuePanel(screen), ReportsPanel(screen), PlannerPanel(screen))
    for panel in panels:
        screen.add_tab(panel, panel.title())
    return screen
