"""Fixtures for the screens: a real engine on SQLite with a fake clock, the shipped font."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.db.database import Database, sqlite_url
from kiosk.engine import Engine
from kiosk.staff import StaffDirectory
from tests.kiosk.conftest import MANAGER, NURSE, lot, open_day, start_of_day
from ui.deadlines import DeadlineWatcher
from ui.feed import Feed
from ui.fonts import register_fonts

__all__ = ["MANAGER", "NURSE", "lot", "open_day"]

STAFF_NAME, STAFF_PIN = "王护士", "2468"


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QApplication) -> None:
    register_fonts(qapp)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start_of_day())


@pytest.fixture
def db(tmp_path: Path, clock: FakeClock) -> Iterator[Database]:
    database = open_database(sqlite_url(tmp_path / "ui.sqlite"), "main", TRAINING, clock.now())
    yield database
    database.dispose()


@pytest.fixture
def engine(db: Database, clock: FakeClock) -> Engine:
    return Engine(db, clock, "main", "Asia/Shanghai")


@pytest.fixture
def config() -> Config:
    return Config()


@pytest.fixture
def staff(db: Database, clock: FakeClock) -> StaffDirectory:
    directory = StaffDirectory(db, clock, "main")
    directory.add(STAFF_NAME, STAFF_PIN, "nurse")
    return directory


@pytest.fixture
def feed(engine: Engine) -> Iterator[Feed]:
    f = Feed(engine, interval_ms=20)
    yield f
    f.stop()


@pytest.fixture
def deadlines(engine: Engine, clock: FakeClock) -> Iterator[DeadlineWatcher]:
    w = DeadlineWatcher(engine, clock)
    yield w
    w.stop()
