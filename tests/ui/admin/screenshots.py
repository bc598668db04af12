"""Screenshots of the admin screen for the README: a simulated afternoon (tests/ui/admin/scenario.py)
at 15:20 with a village list's residents who agreed to be called, in Chinese, signed in as the
manager, at 1366x768 and 1920x1080; and the village-list tab with a bad list checked
(admin-import-1366x768.png).

    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.admin.screenshots [--out docs]

(any X server, e.g. ``Xvfb :99 -screen 0 1920x1080x24``; offscreen works too.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication

from kiosk.bootstrap import LIVE, open_database
from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from tests.ui import shots
from tests.ui.admin.scenario import MANAGER, afternoon, bad_village_list, village_list
from ui.admin.appointments import ImportPanel
from ui.admin.build import admin_screen
from ui.feed import Feed
from ui.fonts import register_fonts
from ui.i18n import install_translator
from ui.runner import Runner
from ui.scheduler import FakeScheduler

SIZES = ((1366, 768), (1920, 1080))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs")
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--tabs", action="store_true", help="every tab too (admin-WxH-tabN.png)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    register_fonts(app)
    install_translator(app, args.language)
    config = Config()
    clock = FakeClock(datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo(config.site.timezone)))
    folder = Path(tempfile.mkdtemp())
    db = open_database(sqlite_url(folder / "admin.sqlite"), "main", LIVE, clock.now())
    engine = Engine(db, clock, "main", config.site.timezone)
    staff = StaffDirectory(db, clock, "main")
    afternoon(engine, clock, config)
    village_list(engine, folder)
    scheduler = FakeScheduler(clock)
    runner = Runner()
    feed = Feed(engine, clock, scheduler, runner)
    screen = admin_screen(engine, clock, config, staff, feed, scheduler, runner)
    screen.sign_in(MANAGER.staff, "manager")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        screen.resize(width, height)
        screen.show()
        shots.settle(runner)
        suffix = "" if args.language == "zh_CN" else f"-{args.language}"
        path = out / f"admin-{width}x{height}{suffix}.png"
        screen.grab().save(str(path))
        print(path, screen.width(), screen.height())
        if args.tabs:
            shown = screen.tabs.currentIndex()
            for index in range(screen.tabs.count()):
                screen.tabs.setCurrentIndex(index)
                shots.settle(runner)
                tab = out / f"admin-{width}x{height}{suffix}-tab{index}.png"
                screen.grab().save(str(tab))
                print(tab, screen.width(), screen.height())
            screen.tabs.setCurrentIndex(shown)
    importer = next(p for p in screen.panels if isinstance(p, ImportPanel))
    bad = bad_village_list(folder)
    importer.ask_open = lambda _parent, _filters: str(bad)
    screen.resize(*SIZES[0])
    screen.tabs.setCurrentWidget(importer)
    importer.choose_file()
    shots.settle(runner)
    path = out / f"admin-import-{SIZES[0][0]}x{SIZES[0][1]}{suffix}.png"
    screen.grab().save(str(path))
    print(path, screen.width(), screen.height())
    screen.stop_timers()
    scheduler.stop_all()
    screen.close()
    runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
