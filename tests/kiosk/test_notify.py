"""PostgreSQL LISTEN/NOTIFY: a write at one terminal wakes the others' listeners on commit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.bootstrap import LIVE, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import Database, sqlite_url
from kiosk.db.notify import Listener
from kiosk.engine import Engine
from kiosk.errors import InvalidTransition
from tests.kiosk.conftest import NURSE, open_day, start_of_day
from tests.pg_server import PgServer, pg_server

__all__ = ["pg_server"]
WAIT_S = 10  # an upper bound for a wake-up that normally takes milliseconds


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    return pg_server.new_database()


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    clock = FakeClock(start_of_day())
    db = open_database(pg_url, "main", LIVE, clock.now())
    yield Engine(db, clock, "main", "Asia/Shanghai")
    db.dispose()


class Wakes:
    def __init__(self) -> None:
        self.count = 0
        self.woken = threading.Event()

    def __call__(self) -> None:
        self.count += 1
        self.woken.set()


def test_a_commit_at_another_terminal_wakes_the_listener(pg_url: str, engine: Engine) -> None:
    open_day(engine)
    other_db = Database(pg_url)
    wakes = Wakes()
    listener = Listener(other_db, "main", wakes)
    listener.start()
    try:
        assert listener.listening.wait(WAIT_S)
        engine.issue("A")
        assert wakes.woken.wait(WAIT_S)
    finally:
        listener.stop()
        other_db.dispose()
    assert not listener.listening.is_set()


def test_a_write_that_fails_wakes_nobody(pg_url: str, engine: Engine) -> None:
    open_day(engine)
    ticket = engine.issue("A")
    other_db = Database(pg_url)
    wakes = Wakes()
    listener = Listener(other_db, "main", wakes)
    listener.start()
    try:
        assert listener.listening.wait(WAIT_S)
        with pytest.raises(InvalidTransition):
            engine.mark_missed(ticket.id, actor=NURSE)  # not called: refused, nothing committed
        engine.issue("A")  # then one that commits: exactly one wake-up (for the second issue)
        assert wakes.woken.wait(WAIT_S)
    finally:
        listener.stop()
        other_db.dispose()
    assert wakes.count == 1


def test_another_site_does_not_wake_us(pg_url: str, engine: Engine) -> None:
    open_day(engine)
    other_db = Database(pg_url)
    theirs, ours = Wakes(), Wakes()
    listeners = [Listener(other_db, "main", theirs), Listener(other_db, "east", ours)]
    for listener in listeners:
        listener.start()
    try:
        assert all(listener.listening.wait(WAIT_S) for listener in listeners)
        engine.issue("A")
        assert theirs.woken.wait(WAIT_S)
    finally:
        for listener in listeners:
            listener.stop()
        other_db.dispose()
    assert ours.count == 0


def test_sqlite_has_no_listener(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "x.sqlite"))
    with pytest.raises(ValueError, match="PostgreSQL"):
        Listener(db, "main", lambda: None)
    db.dispose()
