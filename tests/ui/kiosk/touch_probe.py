"""Run in a subprocess under a configured offscreen screen: prints the kiosk's button sizes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from printing.result import PrintResult
from tests.kiosk.conftest import open_day, start_of_day
from ui.feed import Feed
from ui.kiosk.screen import KioskScreen
from ui.runner import Runner
from ui.scheduler import FakeScheduler


class _Printer:
    def print_ticket(self, ticket):
        return PrintResult.printed()


def main(folder: str) -> None:
    app = QApplication([])
    clock = FakeClock(start_of_day())
    db = open_database(sqlite_url(Path(folder) / "probe.sqlite"), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    open_day(engine)
    staff = StaffDirectory(db, clock, "main")
    scheduler = FakeScheduler(clock)
    runner = Runner()
    feed = Feed(engine, clock, scheduler, runner)
    kiosk = KioskScreen(engine, clock, Config(), _Printer(), staff, feed, scheduler, runner)
    kiosk.showFullScreen()
    app.processEvents()
    screen = kiosk.screen()
    print(
        json.dumps(
            {
                "physical_dpi": screen.physicalDotsPerInch(),
                "logical_dpi": screen.logicalDotsPerInch(),
                "dpr": screen.devicePixelRatio(),
                "need": kiosk.touch_px(),
                "buttons": [[b.width(), b.height()] for b in kiosk.start.buttons],
            }
        )
    )
    kiosk.guard.is_unlocked = True
    kiosk.close()
    runner.shutdown()
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
