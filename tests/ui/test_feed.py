"""The change feed: on PostgreSQL another terminal's commit wakes it through LISTEN/NOTIFY, long
before its fallback poll would have looked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.bootstrap import LIVE, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import Database
from kiosk.engine import Engine
from kiosk.errors import StorageError
from kiosk.model import Event
from tests.kiosk.conftest import open_day, start_of_day
from tests.pg_server import PgServer
from ui.feed import FAILING_INTERVAL_MS, Feed

HOUR_MS = 3_600_000


@pytest.fixture
def two_terminals(pg_server: PgServer) -> Iterator[tuple[Engine, Engine]]:
    url = pg_server.new_database()
    clock = FakeClock(start_of_day())
    here = open_database(url, "main", LIVE, clock.now())
    there = Database(url)
    yield (
        Engine(here, clock, "main", "Asia/Shanghai"),
        Engine(there, clock, "main", "Asia/Shanghai"),
    )
    here.dispose()
    there.dispose()


def test_postgres_changes_arrive_by_notify_not_by_the_poll(
    qtbot: QtBot, two_terminals: tuple[Engine, Engine]
) -> None:
    here, there = two_terminals
    open_day(there)
    feed = Feed(here, interval_ms=HOUR_MS)  # the poll alone would not look for an hour
    assert feed.listener is not None
    feed.start()
    try:
        assert feed.listener.listening.wait(10)
        with qtbot.waitSignal(feed.events, timeout=5000) as got:
            ticket = there.tickets.issue("A")
        events: list[Event] = got.args[0]
        assert [(e.kind, e.ticket_id) for e in events] == [("issued", ticket.id)]
    finally:
        feed.stop()
    assert not feed.listener.listening.is_set()


def test_sqlite_feed_polls_every_50_ms_and_listens_to_nothing(engine: Engine) -> None:
    feed = Feed(engine)
    assert feed.listener is None
    assert feed._timer.interval() == 50


def _unreachable(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> int:
        raise StorageError("database sqlite:///x failed: disk I/O error")

    monkeypatch.setattr(engine.queries, "last_seq", fail)


def test_a_lost_database_is_said_once_polled_less_often_and_its_return_said(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = Feed(engine)
    with qtbot.waitSignal(feed.storageFailed) as failed:
        _unreachable(engine, monkeypatch)
        feed.poll()
    assert "disk I/O error" in failed.args[0]
    assert feed._timer.interval() == FAILING_INTERVAL_MS  # each attempt may block the screen
    with qtbot.assertNotEmitted(feed.storageFailed):
        feed.poll()  # said once, not every poll
    monkeypatch.undo()
    with qtbot.waitSignal(feed.storageRestored):
        feed.poll()
    assert feed._timer.interval() == 50


def test_the_next_poll_is_armed_only_when_one_has_returned(engine: Engine) -> None:
    """A poll that blocks (an unreachable server) leaves the screen a full interval free."""
    feed = Feed(engine)
    assert feed._timer.isSingleShot()
    feed.start()
    feed._timer.stop()
    feed._tick()
    assert feed._timer.isActive()  # armed again after the poll
    feed.stop()
    feed._tick()  # a tick already queued when the screen stopped
    assert not feed._timer.isActive()
