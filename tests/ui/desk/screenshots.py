"""The consoles' screenshots in docs/, from a simulated day (not a test: run it by hand).

    kiosk simulate --db /tmp/sim.sqlite --residents 300 --days 30 --seed 7 --day 2026-12-01 --until 10:30
    Xvfb :94 -screen 0 1920x1080x24 &
    DISPLAY=:94 QT_QPA_PLATFORM=xcb python -m tests.ui.desk.screenshots /tmp/sim.sqlite docs "2026-12-01 10:30"

Each console is signed in, takes the next ticket (the registration desk types a returning
resident's name and document, so their record and next dose show), and is grabbed at 1366x768 and
1920x1080 as ``desk-registration-WxH.png``, ``desk-vaccination-WxH.png``, ``observation-WxH.png``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.bootstrap import LIVE, open_database
from kiosk.clock import ShiftedClock
from kiosk.config import Config
from kiosk.db.database import sqlite_url
from kiosk.db.schema import doses, persons
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from tests.ui import shots
from ui.desk.screen import DeskScreen
from ui.feed import Feed
from ui.fonts import register_fonts
from ui.i18n import install_translator
from ui.observation.screen import ObservationScreen
from ui.runner import Runner
from ui.scheduler import QtScheduler

SIZES = ((1366, 768), (1920, 1080))
NURSE = ("王护士", "2468")


def settle(app: QApplication, runner: Runner) -> None:
    """Until the console's reads and writes are back and drawn (tests/ui/shots.py)."""
    shots.settle(runner)


def returning(engine: Engine) -> tuple[str, str]:
    """A resident with a dose on an earlier day: their name and document number."""
    today = engine.today()
    with engine.db.engine.connect() as conn:
        row = conn.execute(
            sa.select(persons.c.name, persons.c.id_number)
            .join(doses, doses.c.person_id == persons.c.id)
            .where(doses.c.given_on < today, persons.c.document_type == "resident_id")
            .limit(1)
        ).one()
    return str(row.name), str(row.id_number)


def main(source: str, out: str, at: str) -> None:
    app = QApplication(sys.argv[:1])
    register_fonts(app)
    install_translator(app, "zh_CN")
    config = Config()
    zone = ZoneInfo(config.site.timezone)
    clock = ShiftedClock(datetime.fromisoformat(at).replace(tzinfo=zone))
    for width, height in SIZES:
        work = Path(tempfile.mkdtemp()) / "day.sqlite"
        shutil.copy(source, work)  # each size from the same moment of the same day
        db = open_database(sqlite_url(work), config.site.code, LIVE, clock.now())
        engine = Engine(db, clock, config.site.code, config.site.timezone)
        staff = StaffDirectory(db, clock, config.site.code)
        if NURSE[0] not in [m.name for m in staff.members()]:
            staff.add(NURSE[0], NURSE[1], "nurse")
        scheduler, runner = QtScheduler(), Runner()
        feed = Feed(engine, clock, scheduler, runner)
        desks = {d.name: d for d in config.desks}
        windows: list[tuple[str, QWidget]] = []
        for name, file in (("登记1", "desk-registration"), ("接种1", "desk-vaccination")):
            desk = DeskScreen(engine, clock, config, desks[name], staff, feed, scheduler, runner)
            windows.append((file, desk))
        observation = ObservationScreen(engine, clock, config, staff, feed, scheduler, runner)
        windows.append(("observation", observation))
        for file, window in windows:
            window.resize(width, height)
            window.show()
            assert isinstance(window, (DeskScreen, ObservationScreen))
            window.sign_in(NURSE[0])
            settle(app, runner)
            if isinstance(window, DeskScreen):
                if window.current is None:  # the simulated day may have left one at the desk
                    window.call_next()
                    settle(app, runner)
                if window.desk.kind == "registration":
                    name, number = returning(engine)
                    window.panel.name.setText(name)
                    window.panel.id_number.setText(number)
                    settle(app, runner)
            elif window.rows:
                window.select(window.rows[len(window.rows) // 2].ticket.id)
                settle(app, runner)
            window.grab().save(str(Path(out) / f"{file}-{width}x{height}.png"))
            print("saved", file, width, height)
            window.close()
        feed.stop()
        runner.shutdown()
        db.dispose()


if __name__ == "__main__":
    main(*sys.argv[1:4])
