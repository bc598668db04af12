"""Test-wide settings and fixtures.

Qt runs offscreen (set before pytest-qt creates the application); the PostgreSQL server fixtures
(``pg_server``, ``pg_url``) come from tests/pg_server.py; ``clock``, ``db_url``, ``db`` and
``engine`` are a real engine on a SQLite file in the test's tmp_path, with a fake clock at 08:00
on tests.kiosk.conftest's service day.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import Database, sqlite_url
from kiosk.engine import Engine
from tests.kiosk.conftest import start_of_day

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_DATA_DIR", os.path.join(os.path.dirname(__file__), ".data-unused"))

pytest_plugins = ["tests.pg_server"]


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """A thread the test started and did not end fails it (a print worker, a listener, a runner
    left running). Threads of session fixtures (a PostgreSQL server) start before this looks."""
    before = set(threading.enumerate())
    yield
    leaked = [
        t
        for t in threading.enumerate()
        if t not in before and not isinstance(t, threading._DummyThread)  # Qt's own
    ]
    for t in leaked:
        t.join(timeout=10)  # one finishing its last job is not a leak
    alive = [t.name for t in leaked if t.is_alive()]
    assert alive == [], f"threads left running: {alive}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start_of_day())


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "kiosk.sqlite")


@pytest.fixture
def db(db_url: str, clock: FakeClock) -> Iterator[Database]:
    database = open_database(db_url, "main", TRAINING, clock.now())
    yield database
    database.dispose()


@pytest.fixture
def engine(db: Database, clock: FakeClock) -> Engine:
    return Engine(db, clock, "main", "Asia/Shanghai")
