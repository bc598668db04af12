"""Personal data at rest is readable by its owner only, whatever the umask: the SQLite file, its
WAL and shared-memory files, the log, and the folders this program creates for them."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.logs import log_path, start_logging
from tests.kiosk.conftest import open_day


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # the usual one: files 0644, folders 0755
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_companions_are_owner_only(
    loose_umask: None, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "site" / "data" / "kiosk.sqlite"
    db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
    try:
        engine = Engine(db, clock, "main", "Asia/Shanghai")
        open_day(engine)
        engine.tickets.issue("A")  # a write: the WAL and shared-memory files exist now
        companions = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(p.exists() for p in companions)
        assert {mode(p) for p in (path, *companions)} == {0o600}
        assert mode(path.parent) == mode(path.parent.parent) == 0o700
    finally:
        db.dispose()


def test_the_log_is_owner_only(loose_umask: None, tmp_path: Path) -> None:
    stop = start_logging(tmp_path / "data", stderr_level=None)
    stop()
    log = log_path(tmp_path / "data")
    assert mode(log) == 0o600 and mode(log.parent) == 0o700
