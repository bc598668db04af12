"""Screenshots of the kiosk's "我有预约" pages for the docs, over a throwaway database with a
village list (tests/kiosk/appointments/lists.py) and an open day:

    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.kiosk.appointment_screenshots \\
        [--out docs] [--language zh_CN]

(any X server, e.g. ``Xvfb :99 -screen 0 1920x1080x24``). Writes, at 1920x1080 and upright
1080x1920, kiosk-appointment-start, -keypad (a phone number being typed), -names (a phone two
residents share), -confirm (the masked name to confirm) and -other-day (an appointment on
another day), each ``-WxH.png``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from tests.kiosk.conftest import open_day, start_of_day
from tests.ui import shots
from tests.ui.kiosk.booking import book
from tests.ui.kiosk.conftest import FakePrinter
from ui.feed import Feed
from ui.fonts import register_fonts
from ui.i18n import install_translator
from ui.kiosk.screen import KioskScreen
from ui.runner import Runner
from ui.scheduler import QtScheduler

SIZES = ((1920, 1080), (1080, 1920))


def settle(kiosk: KioskScreen) -> None:
    """Until the screen's reads are back and drawn (tests/ui/shots.py)."""
    shots.settle(kiosk.runner)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs")
    parser.add_argument("--language", default="zh_CN")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    register_fonts(app)
    install_translator(app, args.language)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(start_of_day())
        db = open_database(sqlite_url(Path(tmp) / "shots.sqlite"), "main", TRAINING, clock.now())
        engine = Engine(db, clock, "main", "Asia/Shanghai")
        rows = book(engine, Path(tmp))
        open_day(engine)
        for _ in range(7):
            engine.tickets.issue("A")
        config = Config()
        runner = Runner()
        scheduler = QtScheduler()
        feed = Feed(engine, clock, scheduler, runner)
        staff = StaffDirectory(db, clock, "main")
        kiosk = KioskScreen(engine, clock, config, FakePrinter(), staff, feed, scheduler, runner)
        kiosk.show()
        for w, h in SIZES:
            kiosk.resize(w, h)
            shots = (
                ("start", lambda: kiosk.show_start()),
                ("keypad", lambda: _typed(kiosk, str(rows[0][3])[:7])),
                ("names", lambda: _found(kiosk, str(rows[1][3]))),
                ("confirm", lambda: _found(kiosk, str(rows[0][2])[-6:])),
                ("other-day", lambda: _found(kiosk, str(rows[4][3]))),
            )
            for name, show in shots:
                kiosk.show_start()
                settle(kiosk)
                show()
                settle(kiosk)
                path = out / f"kiosk-appointment-{name}-{w}x{h}.png"
                kiosk.grab().save(str(path))
                print(path, kiosk.page())
        kiosk.guard.is_unlocked = True
        kiosk.close()
        feed.stop()
        runner.shutdown()
        db.dispose()
    return 0


def _typed(kiosk: KioskScreen, typed: str) -> None:
    kiosk.appointment.open()
    for ch in typed:
        kiosk.appointment.key(ch)


def _found(kiosk: KioskScreen, typed: str) -> None:
    _typed(kiosk, typed)
    kiosk.appointment.find()


if __name__ == "__main__":
    sys.exit(main())
