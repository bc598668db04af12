"""The engine's tests: ``both``, an engine with an open day on each database in turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from tests.kiosk.conftest import open_day
from tests.kiosk.engine.record_site import Site


@pytest.fixture(params=["sqlite", "postgresql"])
def both(request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock) -> Iterator[Engine]:
    """An engine with an open day (ten 5-dose vials), on SQLite, then on PostgreSQL."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "both.sqlite")
    else:
        url = request.getfixturevalue("pg_url")
    db = open_database(url, "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    open_day(engine, vials=10, doses_per_vial=5)
    yield engine
    db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    """A site over days (tests.kiosk.engine.record_site), on SQLite, then on PostgreSQL."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "record.sqlite")
    else:
        url = str(request.getfixturevalue("pg_url"))
    s = Site(url)
    yield s
    s.engine.db.dispose()
