"""PostgreSQL LISTEN/NOTIFY: a write at one terminal wakes the others' listeners on commit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.bootstrap import LIVE, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import Database, sqlite_url
from kiosk.db.notify import Listener
from kiosk.engine import Engine
from kiosk.errors import InvalidTransition
from tests.kiosk.conftest import NURSE, open_day, start_of_day

WAIT_S = 10  # an upper bound for a wake-up that normally takes milliseconds


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

    def reset(self) -> None:
        """Forget the catch-up wake-up a listener gives when it starts listening."""
        self.count = 0
        self.woken.clear()


def test_a_commit_at_another_terminal_wakes_the_listener(pg_url: str, engine: Engine) -> None:
    open_day(engine)
    other_db = Database(pg_url)
    wakes = Wakes()
    listener = Listener(other_db, "main", wakes)
    listener.start()
    try:
        assert listener.listening.wait(WAIT_S)
        assert wakes.count == 1  # on starting: catch up with whatever was written before
        wakes.reset()
        engine.tickets.issue("A")
        assert wakes.woken.wait(WAIT_S)
    finally:
        listener.stop()
        other_db.dispose()
    assert not listener.listening.is_set()


def test_a_write_that_fails_wakes_nobody(pg_url: str, engine: Engine) -> None:
    open_day(engine)
    ticket = engine.tickets.issue("A")
    other_db = Database(pg_url)
    wakes = Wakes()
    listener = Listener(other_db, "main", wakes)
    listener.start()
    try:
        assert listener.listening.wait(WAIT_S)
        wakes.reset()
        with pytest.raises(InvalidTransition):
            engine.tickets.mark_missed(
                ticket.id, actor=NURSE
            )  # not called: refused, nothing committed
        engine.tickets.issue(
            "A"
        )  # then one that commits: exactly one wake-up (for the second issue)
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
        theirs.reset()
        ours.reset()
        engine.tickets.issue("A")
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


def _terminate_listeners(engine: Engine) -> int:
    with engine.db.transaction() as conn:
        return len(
            conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()"
                )
            ).all()
        )


def test_a_lost_connection_is_replaced_and_the_pool_is_not_used(
    pg_url: str, engine: Engine
) -> None:
    open_day(engine)
    other_db = Database(pg_url)
    wakes = Wakes()
    listener = Listener(other_db, "main", wakes)
    listener.start()
    try:
        assert listener.listening.wait(WAIT_S)
        assert other_db.engine.pool.checkedout() == 0  # its own connection, not a pooled one
        assert _terminate_listeners(engine) == 1  # the server drops it
        wakes.reset()
        engine.tickets.issue("A")  # written while nobody listens: no notification reaches anyone
        assert wakes.woken.wait(WAIT_S)  # listening again (it retries every 2 s), it catches up
        wakes.reset()
        engine.tickets.issue("A")
        assert wakes.woken.wait(WAIT_S)
    finally:
        listener.stop()
        other_db.dispose()


def test_a_wake_up_that_fails_stops_the_listener(pg_url: str, engine: Engine) -> None:
    """When the receiver is gone (a deleted Feed), retrying would only hold a connection."""
    open_day(engine)
    other_db = Database(pg_url)
    called = threading.Event()

    def gone() -> None:
        called.set()
        raise RuntimeError("Signal source has been deleted")

    listener = Listener(other_db, "main", gone)
    listener.start()
    try:
        assert called.wait(WAIT_S)  # its first wake-up (the catch-up on starting) fails
        thread = listener._thread
        assert thread is not None
        thread.join(WAIT_S)
        assert not thread.is_alive()
    finally:
        listener.stop()
        other_db.dispose()
