"""The closed state: it appears at the cap with its reason and clears by itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from kiosk.clock import FakeClock
from kiosk.engine import Engine
from kiosk.errors import StorageError
from tests.ui.conftest import MANAGER, NURSE, open_day
from tests.ui.kiosk.conftest import FakePrinter, settle, take
from ui.deadlines import DeadlineWatcher
from ui.feed import Feed


def test_closed_at_the_cap_and_reopened_when_a_dose_is_released(
    qtbot: QtBot, engine: Engine, make_kiosk, feed: Feed
) -> None:
    open_day(engine, capacity=2)
    kiosk = make_kiosk(FakePrinter())
    first = take(kiosk)
    kiosk.show_start()
    settle(kiosk)
    assert kiosk.page() == "start_page"
    take(kiosk)
    kiosk.show_start()
    settle(kiosk)
    assert kiosk.page() == "closed_page"
    assert kiosk.closed.headline.text() in ("今日号已发完", "No more numbers today")
    assert kiosk.closed_reason == "capacity"
    assert kiosk.closed.reason.text() in (
        "今日接种名额已满。",
        "Today's vaccination capacity is fully booked.",
    )
    assert first is not None
    engine.tickets.cancel(first.id, "went home", actor=NURSE)
    feed.poll()
    settle(kiosk)
    assert kiosk.page() == "start_page"
    assert take(kiosk, 1) is not None
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 3)


def test_reopened_when_a_missed_tickets_grace_ends(
    qtbot: QtBot,
    engine: Engine,
    clock: FakeClock,
    make_kiosk,
    feed: Feed,
    deadlines: DeadlineWatcher,
) -> None:
    open_day(engine, capacity=1, grace=30)
    kiosk = make_kiosk(FakePrinter())
    ticket = take(kiosk)
    assert ticket is not None
    engine.tickets.call(ticket.id, "登记1", actor=NURSE)
    engine.tickets.mark_missed(ticket.id, actor=NURSE)
    feed.poll()  # every batch of events re-arms the feed's deadline watcher
    kiosk.show_start()
    settle(kiosk)
    assert kiosk.page() == "closed_page"  # the missed ticket keeps its dose for 30 minutes
    assert deadlines.next is not None
    clock.advance(timedelta(minutes=29))
    settle(kiosk)
    assert kiosk.page() == "closed_page"
    with qtbot.waitSignal(deadlines.reached, timeout=1000):
        clock.advance(timedelta(minutes=1, seconds=1))  # the grace period ends: no event written
        settle(kiosk)
    assert kiosk.page() == "start_page"
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 1)


def test_reopened_when_capacity_is_raised(engine: Engine, make_kiosk, feed: Feed) -> None:
    open_day(engine, capacity=0)
    kiosk = make_kiosk(FakePrinter())
    assert kiosk.page() == "closed_page"
    assert kiosk.closed_reason == "paused"
    engine.day.set_capacity(5, actor=MANAGER)
    feed.poll()
    settle(kiosk)
    assert kiosk.page() == "start_page"


def test_stock_is_a_reason(engine: Engine, make_kiosk) -> None:
    open_day(engine, capacity=10, vials=1)
    kiosk = make_kiosk(FakePrinter())
    take(kiosk)
    kiosk.show_start()
    settle(kiosk)
    assert kiosk.closed_reason == "stock"
    assert kiosk.closed.reason.text() in (
        "今日疫苗已全部分配完毕。",
        "All of today's vaccine doses are taken.",
    )
    kiosk.printer.wait()


def test_a_day_not_open_then_opened_elsewhere(engine: Engine, make_kiosk, feed: Feed) -> None:
    kiosk = make_kiosk(FakePrinter())
    assert kiosk.page() == "closed_page"
    assert kiosk.closed_reason == "day_not_open"
    assert take(kiosk) is None
    open_day(engine)
    feed.poll()
    settle(kiosk)
    assert kiosk.page() == "start_page"


def test_a_closed_day(engine: Engine, make_kiosk, feed: Feed) -> None:
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    engine.day.close(actor=MANAGER)
    feed.poll()
    settle(kiosk)
    assert kiosk.page() == "closed_page"
    assert kiosk.closed_reason == "day_closed"


def test_a_tap_that_races_the_cap_shows_the_closed_page(engine: Engine, make_kiosk) -> None:
    open_day(engine, capacity=1)
    kiosk = make_kiosk(FakePrinter())
    engine.tickets.issue("A")  # another kiosk took the last number; our feed has not polled yet
    assert kiosk.page() == "start_page"
    assert take(kiosk) is None
    assert kiosk.page() == "closed_page"
    assert len(engine.queries.tickets_of_day()) == 1


def test_at_midnight_the_new_day_is_not_open_yet(
    qtbot: QtBot,
    engine: Engine,
    clock: FakeClock,
    make_kiosk,
    deadlines: DeadlineWatcher,
) -> None:
    """A kiosk left on overnight (yesterday never closed) stops issuing yesterday's numbers at
    midnight: no event is written, the deadline watcher knows the day changes then."""
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    clock.set(clock.now().replace(hour=23, minute=59, second=30))
    deadlines.rearm()
    assert deadlines.next == clock.now().replace(hour=0, minute=0, second=0) + timedelta(days=1)
    kiosk.refresh()
    settle(kiosk)
    assert kiosk.page() == "start_page"
    with qtbot.waitSignal(deadlines.reached, timeout=1000):
        clock.advance(timedelta(seconds=31))
        settle(kiosk)
    assert kiosk.page() == "closed_page"
    assert kiosk.closed_reason == "day_not_open"
    assert take(kiosk) is None


def test_a_lost_database_closes_the_kiosk_until_it_is_back(
    engine: Engine, make_kiosk, feed: Feed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No taps into failures: residents are told to ask the staff, and the kiosk reopens by
    itself when the feed reaches the database again."""
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    assert kiosk.page() == "start_page"

    def fail(*_args: object, **_kwargs: object) -> object:
        raise StorageError("database sqlite:///x failed: disk I/O error")

    monkeypatch.setattr(engine.queries, "last_seq", fail)
    monkeypatch.setattr(engine.day, "status", fail)
    feed.poll()
    settle(kiosk)
    assert kiosk.page() == "closed_page"
    assert kiosk.closed_reason == "offline"
    assert kiosk.closed.reason.text() in (
        "取号机暂时连接不上叫号系统，请询问工作人员。",
        "The kiosk cannot reach the queue system. Please ask the staff.",
    )
    assert "free" not in kiosk.closed.help_sub.text() + kiosk.closed.help.text()
    monkeypatch.undo()
    feed.poll()
    settle(kiosk)
    assert kiosk.page() == "start_page"
