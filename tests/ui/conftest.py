"""Fixtures for the screens: the shipped font, config, staff, feed and deadlines, over the real
engine (SQLite, fake clock) of tests/conftest.py."""

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
def feed(engine: Engine) -> Iterator[Feed]:
    f = Feed(engine, interval_ms=20)
    yield f
    f.stop()


@pytest.fixture
def deadlines(engine: Engine, clock: FakeClock) -> Iterator[DeadlineWatcher]:
    w = DeadlineWatcher(engine, clock)
    yield w
    w.stop()
