"""Fixtures for the screens: the shipped font, config, staff, the fake scheduler and the feed, over
the real engine (SQLite, fake clock) of tests/conftest.py. Every timer of a screen runs on the
fake clock: ``clock.advance()`` fires what has come due, and no test waits on the wall clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.db.database import Database, sqlite_url
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from tests.kiosk.conftest import MANAGER, NURSE, lot, open_day
from ui.deadlines import DeadlineWatcher
from ui.feed import Feed
from ui.fonts import register_fonts
from ui.runner import Runner
from ui.scheduler import FakeScheduler

__all__ = ["MANAGER", "NURSE", "lot", "open_day"]

STAFF_NAME, STAFF_PIN = "王护士", "2468"


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QApplication) -> None:
    register_fonts(qapp)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The screens' database file (``clock``, ``db``, ``engine``: tests/conftest.py); a test may
    open a second engine on it (tests/ui/desk/test_two_desks.py)."""
    return sqlite_url(tmp_path / "ui.sqlite")


@pytest.fixture
def config() -> Config:
    return Config()


@pytest.fixture
def staff(db: Database, clock: FakeClock) -> StaffDirectory:
    directory = StaffDirectory(db, clock, "main")
    directory.add(STAFF_NAME, STAFF_PIN, "nurse")
    return directory


@pytest.fixture
def scheduler(clock: FakeClock) -> Iterator[FakeScheduler]:
    """Every screen timer of the test. Torn down after the widgets were closed (pytest-qt closes
    them first) and after the feed stopped: a timer still running then was leaked, and fails the
    test that leaked it."""
    s = FakeScheduler(clock)
    yield s
    leaked = s.stop_all()
    assert leaked == [], f"timers left running: {leaked}"


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[Runner]:
    """The screens' real worker threads (``tests.ui.desk.helpers.settle`` waits for them)."""
    r = Runner()
    yield r
    r.shutdown()


@pytest.fixture
def feed(
    engine: Engine, clock: FakeClock, scheduler: FakeScheduler, runner: Runner
) -> Iterator[Feed]:
    f = Feed(engine, clock, scheduler, runner)
    yield f
    f.stop()


@pytest.fixture
def deadlines(feed: Feed) -> DeadlineWatcher:
    """The feed's deadline watcher (its ``next`` moment)."""
    return feed.deadlines
