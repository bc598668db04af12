"""The change feed: on PostgreSQL another terminal's commit wakes it through LISTEN/NOTIFY, long
before its fallback poll would have looked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.bootstrap import LIVE, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import Database
from kiosk.engine import Engine
from kiosk.errors import StorageError
from kiosk.model import Event
from tests.kiosk.conftest import NURSE, open_day, start_of_day
from tests.pg_server import PgServer
from ui.feed import EVERYTHING, FAILING_INTERVAL_MS, Changes, Feed
from ui.scheduler import FakeScheduler

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
    clock = FakeClock(start_of_day())
    # The fake scheduler's poll would not look before the fake clock moves an hour: never here.
    feed = Feed(here, clock, FakeScheduler(clock), interval_ms=HOUR_MS)
    assert feed.listener is not None
    feed.start()
    try:
        assert feed.listener.listening.wait(10)
        with qtbot.waitSignal(feed.changed, timeout=5000) as got:
            ticket = there.tickets.issue("A")
        changes: Changes = got.args[0]
        assert [(e.kind, e.ticket_id) for e in changes.events] == [("issued", ticket.id)]
        assert changes.tickets == {ticket.id} and changes.kinds == {"issued"}
    finally:
        feed.stop()
    assert not feed.listener.listening.is_set()


def test_sqlite_feed_polls_every_50_ms_and_listens_to_nothing(
    engine: Engine, clock: FakeClock, scheduler: FakeScheduler
) -> None:
    feed = Feed(engine, clock, scheduler)
    assert feed.listener is None
    assert feed.interval_ms == 50
    polls: list[int] = []
    feed.changed.connect(lambda c: polls.extend(e.seq for e in c.events))
    feed.start()
    open_day(engine)
    clock.advance(timedelta(milliseconds=49))
    assert polls == []
    clock.advance(timedelta(milliseconds=1))
    assert polls == list(range(1, engine.queries.last_seq() + 1))  # the day and its stock
    feed.stop()


def test_changes_are_worked_out_once_for_every_screen(
    engine: Engine, clock: FakeClock, scheduler: FakeScheduler
) -> None:
    feed = Feed(engine, clock, scheduler)
    got: list[Changes] = []
    feed.changed.connect(got.append)
    open_day(engine)
    a, b = engine.tickets.issue("A"), engine.tickets.issue("A")
    engine.tickets.call(a.id, "登记1", actor=NURSE)
    feed.poll()
    (changes,) = got
    assert changes.tickets == {a.id, b.id}
    assert changes.kinds == {"stock_received", "stock_taken", "day_opened", "issued", "called"}
    assert changes.touches(a.id) and not changes.touches(a.id + 100)
    assert not changes.touches(None) and not changes.everything
    assert EVERYTHING.touches(None) and Changes(time=True).everything
    feed.stop()


def test_a_subscription_ends_with_its_receiver(
    engine: Engine, clock: FakeClock, scheduler: FakeScheduler
) -> None:
    feed = Feed(engine, clock, scheduler)

    class Screen(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[Changes] = []

        def on_changes(self, changes: Changes) -> None:
            self.seen.append(changes)

    screen = Screen()
    feed.subscribe(screen, screen.on_changes)
    with pytest.raises(TypeError):
        feed.subscribe(screen, lambda c: None)  # nothing would ever end that connection
    open_day(engine)
    feed.poll()
    assert len(screen.seen) == 1
    shiboken6.delete(screen)
    engine.tickets.issue("A")
    assert len(feed.poll()) == 1  # delivered to nobody, and nothing failed
    feed.stop()


def test_a_deadline_comes_as_changes_with_time_set(
    engine: Engine, clock: FakeClock, scheduler: FakeScheduler
) -> None:
    open_day(engine, grace=30)
    feed = Feed(engine, clock, scheduler)
    got: list[Changes] = []
    feed.changed.connect(got.append)
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "登记1", actor=NURSE)
    engine.tickets.mark_missed(t.id, actor=NURSE)
    feed.start()
    assert feed.deadlines.next == clock.now() + timedelta(minutes=30)
    clock.advance(timedelta(minutes=29, seconds=59))
    assert not any(c.time for c in got)
    clock.advance(timedelta(seconds=1, milliseconds=5))  # the watcher's timer runs 5 ms late
    assert [c for c in got if c.time] == [Changes(time=True)]
    feed.stop()


def _unreachable(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> int:
        raise StorageError("database sqlite:///x failed: disk I/O error")

    monkeypatch.setattr(engine.queries, "last_seq", fail)


def test_a_lost_database_is_said_once_polled_less_often_and_its_return_said(
    engine: Engine, clock: FakeClock, scheduler: FakeScheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = Feed(engine, clock, scheduler)
    got: list[Changes] = []
    feed.changed.connect(got.append)
    feed.start()
    _unreachable(engine, monkeypatch)
    clock.advance(timedelta(milliseconds=50))
    (failed,) = got
    assert failed.storage_failed is not None and "disk I/O error" in failed.storage_failed
    clock.advance(timedelta(milliseconds=FAILING_INTERVAL_MS - 1))
    assert feed.timer.is_active() and len(got) == 1  # not looked again yet: it may block
    clock.advance(timedelta(milliseconds=1))
    assert len(got) == 1  # looked again: said once, not every poll
    monkeypatch.undo()
    clock.advance(timedelta(milliseconds=FAILING_INTERVAL_MS))
    assert got[-1] == Changes(storage_restored=True) and got[-1].everything
    assert feed.timer.interval_ms == 50
    feed.stop()


def test_the_next_poll_is_armed_only_when_one_has_returned(
    engine: Engine, clock: FakeClock, scheduler: FakeScheduler
) -> None:
    """A poll that blocks (an unreachable server) leaves the screen a full interval free."""
    feed = Feed(engine, clock, scheduler)
    started: list[datetime] = []

    def slow_poll() -> list[Event]:
        started.append(clock.now())
        clock.advance(timedelta(seconds=3))  # blocked this long
        return []

    feed.poll = slow_poll  # type: ignore[method-assign]
    feed.start()
    clock.advance(timedelta(milliseconds=50))
    assert started == [start_of_day() + timedelta(milliseconds=50)]
    clock.advance(timedelta(milliseconds=49))
    assert len(started) == 1  # the next poll is 50 ms after the slow one returned
    clock.advance(timedelta(milliseconds=1))
    assert len(started) == 2
    feed.stop()
    clock.advance(timedelta(seconds=1))
    assert len(started) == 2
