"""Kiosk fixtures: a recording fake printer, a short idle time, the screen itself."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.clock import FakeClock
from kiosk.config import Category, Config, KioskConfig
from kiosk.engine import Engine
from kiosk.model import Ticket
from kiosk.staff import StaffDirectory
from printing.model import TicketPrint
from printing.result import PrintResult
from printing.slip import SlipPrint
from tests.ui.conftest import open_day
from ui.feed import Feed
from ui.kiosk.screen import KioskScreen
from ui.runner import Runner
from ui.scheduler import FakeScheduler


class FakePrinter:
    """Records what it was asked to print and answers ``result``; with ``gate`` set it blocks
    until the test opens the gate (to prove the number shows before printing ends)."""

    def __init__(self, result: PrintResult | None = None, gate: threading.Event | None = None):
        self.result = result or PrintResult.printed("fake")
        self.gate = gate
        self.started = threading.Event()
        self.tickets: list[TicketPrint] = []
        self.slips: list[SlipPrint] = []
        self._lock = threading.Lock()

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        self.started.set()
        if self.gate is not None:
            self.gate.wait(30)
        with self._lock:
            self.tickets.append(ticket)
        return self.result

    def print_slip(self, slip: SlipPrint) -> PrintResult:
        with self._lock:
            self.slips.append(slip)
        return self.result


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter()


@pytest.fixture
def kiosk_config(config: Config) -> Config:
    categories = (
        *config.categories,
        Category("C", "老年人优先", "Seniors first", priority=True),
    )
    return replace(config, categories=categories, kiosk=KioskConfig(idle_seconds=3))


@pytest.fixture
def make_kiosk(
    qtbot: QtBot,
    engine: Engine,
    clock: FakeClock,
    staff: StaffDirectory,
    feed: Feed,
    scheduler: FakeScheduler,
    runner: Runner,
    kiosk_config: Config,
) -> Iterator:
    made: list[KioskScreen] = []

    def make(printer: FakePrinter, config: Config | None = None) -> KioskScreen:
        screen = KioskScreen(
            engine, clock, config or kiosk_config, printer, staff, feed, scheduler, runner
        )
        qtbot.addWidget(screen)
        made.append(screen)
        settle(screen)  # its first read
        return screen

    yield make
    for screen in made:
        gate = getattr(screen.printer.printer, "gate", None)
        if gate is not None:
            gate.set()
        screen.printer.wait()
        screen.guard.is_unlocked = True  # pytest-qt's close came before this, and was refused
        screen.close()


@pytest.fixture
def kiosk(make_kiosk, printer: FakePrinter, engine: Engine) -> KioskScreen:
    """A kiosk over an open day (capacity 100)."""
    open_day(engine)
    return make_kiosk(printer)


def settle(kiosk: KioskScreen) -> None:
    """Wait until the kiosk's work off the UI thread (a tap's issue, a redraw's read) is back."""
    deadline = time.monotonic() + 10
    while not kiosk.runner.idle:
        assert time.monotonic() < deadline, "the kiosk's work did not come back"
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def take(kiosk: KioskScreen, index: int = 0, category: Category | None = None) -> Ticket | None:
    """A tap on a category and its answer: the ticket shown, or None (no number issued)."""
    before = kiosk.shown_ticket
    kiosk.tap(category or kiosk.config.categories[index])
    settle(kiosk)
    shown = kiosk.shown_ticket
    return shown if shown is not None and shown is not before else None
