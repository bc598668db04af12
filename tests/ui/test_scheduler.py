"""The scheduler seam: the fake fires each timer at its moment of the fake clock, in order; the Qt
one is a QTimer. No test here waits on the wall clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QObject

from kiosk.clock import FakeClock
from ui.scheduler import FakeScheduler, QtScheduler


def test_a_single_shot_fires_once_at_its_moment_seeing_that_moment(
    clock: FakeClock, scheduler: FakeScheduler
) -> None:
    seen: list[datetime] = []
    t = scheduler.timer(lambda: seen.append(clock.now()), 15_000)
    start = clock.now()
    t.start()
    clock.advance(timedelta(seconds=14, milliseconds=999))
    assert seen == [] and t.is_active()
    clock.advance(timedelta(minutes=30))  # one jump well past it
    assert seen == [start + timedelta(seconds=15)]  # fired at 15 s, not at the jump's end
    assert not t.is_active()


def test_timers_fire_in_time_order_and_a_restart_moves_the_moment(
    clock: FakeClock, scheduler: FakeScheduler
) -> None:
    order: list[str] = []
    a = scheduler.timer(lambda: order.append("a"), 3000)
    b = scheduler.timer(lambda: order.append("b"), 2000)
    c = scheduler.timer(lambda: order.append("c"), 2000)
    a.start()
    b.start()
    c.start()
    clock.advance(timedelta(seconds=1))
    a.start()  # restarted: now due at 4 s
    c.stop()
    clock.advance(timedelta(seconds=5))
    assert order == ["b", "a"]


def test_a_callback_that_restarts_its_timer_fires_again_later(
    clock: FakeClock, scheduler: FakeScheduler
) -> None:
    """What the deadline watcher does: fire, re-arm for the next moment."""
    seen: list[datetime] = []

    def fire() -> None:
        seen.append(clock.now())
        if len(seen) < 3:
            timer.start(60_000)

    timer = scheduler.timer(fire, 60_000)
    start = clock.now()
    timer.start()
    clock.advance(timedelta(minutes=10))
    assert seen == [start + timedelta(minutes=m) for m in (1, 2, 3)]


def test_a_repeating_timer_coalesces_a_long_jump(
    clock: FakeClock, scheduler: FakeScheduler
) -> None:
    seen: list[datetime] = []
    ticker = scheduler.timer(lambda: seen.append(clock.now()), 1000, repeat=True)
    start = clock.now()
    ticker.start()
    clock.advance(timedelta(milliseconds=2500))  # due at 1 s, then once more at the end
    assert seen == [start + timedelta(seconds=1), start + timedelta(milliseconds=2500)]
    clock.advance(timedelta(minutes=30))
    assert len(seen) == 4  # at 3.5 s, and at the end: not 1,800 rounds
    ticker.stop()
    clock.advance(timedelta(minutes=1))
    assert len(seen) == 4


def test_a_timer_of_a_destroyed_parent_stops_for_good(
    clock: FakeClock, scheduler: FakeScheduler
) -> None:
    owner = QObject()
    fired: list[int] = []
    t = scheduler.timer(lambda: fired.append(1), 100, parent=owner)
    t.start()
    shiboken6.delete(owner)
    clock.advance(timedelta(seconds=1))
    t.start()
    clock.advance(timedelta(seconds=1))
    assert fired == [] and not t.is_active()


def test_stop_all_names_what_was_left_running(clock: FakeClock) -> None:
    s = FakeScheduler(clock)
    t = s.timer(lambda: None, 100)
    t.start()
    assert s.stop_all() == [t]
    assert not t.is_active() and s.stop_all() == []


def test_a_timer_always_due_is_a_bug_not_a_hang(clock: FakeClock) -> None:
    s = FakeScheduler(clock)
    t = s.timer(lambda: t.start(0), 0)
    t.start()
    with pytest.raises(RuntimeError, match="keeps coming due"):
        clock.advance(timedelta(seconds=1))
    t.stop()


def test_the_qt_timer_keeps_its_settings(qapp: object) -> None:
    owner = QObject()
    t = QtScheduler().timer(lambda: None, 250, parent=owner)
    assert t.interval_ms == 250 and not t.is_active()
    t.start()
    assert t.is_active()
    t.set_interval(500)
    assert t.interval_ms == 500
    t.stop()
    assert not t.is_active()
