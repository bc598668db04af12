"""The PostgreSQL server stops: every screen says the database cannot be reached, none hangs,
and each says so again when the server is back. A private server of this test's own (stopping the
session's would disturb the other tests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from tests.kiosk.conftest import open_day, start_of_day
from tests.pg_server import PgServer
from tests.ui.conftest import STAFF_NAME, STAFF_PIN
from tests.ui.desk.helpers import sign_in
from tests.ui.kiosk.conftest import FakePrinter
from ui.desk.screen import DeskScreen
from ui.display.screen import DisplayScreen
from ui.feed import Feed
from ui.kiosk.screen import KioskScreen
from ui.observation.screen import ObservationScreen
from ui.runner import Runner
from ui.scheduler import FakeScheduler
from ui.voice.announcer import Announcer
from ui.voice.audio import FakeAudioOutput
from ui.voice.engines import NullEngine

pytestmark = pytest.mark.slow


@pytest.fixture
def server() -> Iterator[PgServer]:
    s = PgServer(port=54331)
    try:
        s.start()
        yield s
    finally:
        s.stop()


def test_every_screen_says_the_database_is_gone_and_back(qtbot: QtBot, server: PgServer) -> None:
    clock = FakeClock(start_of_day())
    db = open_database(server.new_database(), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    open_day(engine)
    staff = StaffDirectory(db, clock, "main")
    staff.add(STAFF_NAME, STAFF_PIN, "nurse")
    config = Config()
    scheduler, runner = FakeScheduler(clock), Runner()
    feed = Feed(engine, clock, scheduler, runner)
    announcer = Announcer(NullEngine("tests"), FakeAudioOutput("instant"))
    kiosk = KioskScreen(engine, clock, config, FakePrinter(), staff, feed, scheduler, runner)
    desk = DeskScreen(engine, clock, config, config.desks[0], staff, feed, scheduler, runner)
    observation = ObservationScreen(engine, clock, config, staff, feed, scheduler, runner)
    display = DisplayScreen(engine, clock, config, feed, scheduler, runner, announcer)
    for screen in (kiosk, desk, observation, display):
        qtbot.addWidget(screen)
    try:
        sign_in(qtbot, desk)
        sign_in(qtbot, observation)
        qtbot.waitUntil(lambda: runner.idle and kiosk.page() == "start_page")

        server.pause()
        feed.request_poll()  # the feed's next look, as its timer or a NOTIFY would start it
        gone = ("cannot be reached", "无法连接")
        qtbot.waitUntil(lambda: any(g in desk.status.text() for g in gone), timeout=15_000)
        qtbot.waitUntil(lambda: any(g in observation.status.text() for g in gone))
        qtbot.waitUntil(lambda: display.out_of_date in display.visible_text())
        qtbot.waitUntil(lambda: kiosk.page() == "closed_page")
        assert kiosk.closed_reason == "offline"

        server.resume()
        feed.request_poll()
        back = ("can be reached again", "已恢复")
        qtbot.waitUntil(lambda: any(b in desk.status.text() for b in back), timeout=15_000)
        qtbot.waitUntil(lambda: any(b in observation.status.text() for b in back))
        qtbot.waitUntil(lambda: display.out_of_date not in display.visible_text())
        qtbot.waitUntil(lambda: kiosk.page() == "start_page")
        qtbot.waitUntil(lambda: runner.idle)
    finally:
        kiosk.guard.is_unlocked = True
        for screen in (kiosk, desk, observation, display):
            screen.close()
        feed.stop()
        runner.shutdown()
        assert announcer.shutdown(5000)
        assert scheduler.stop_all() == []  # every screen stopped its timers when closed
        db.dispose()
