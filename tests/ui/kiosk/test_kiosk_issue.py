"""A tap issues one ticket, shows its number at once, prints it in the background; idle reset."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.engine import Engine
from kiosk.states import Queue, State
from printing.result import PrintResult
from tests.ui.conftest import open_day
from tests.ui.gate import Gate, PaintCounter
from tests.ui.kiosk.conftest import FakePrinter, settle, take
from ui.kiosk.screen import OFFLINE_RETRY_MS, KioskScreen


def button(kiosk: KioskScreen, prefix: str):
    return next(b for b in kiosk.start.buttons if b.category.prefix == prefix)


def test_a_tap_issues_a_ticket_shows_its_number_and_prints_it(
    qtbot: QtBot, engine: Engine, make_kiosk
) -> None:
    open_day(engine)
    engine.tickets.issue("A")  # someone is already waiting
    printer = FakePrinter()
    kiosk = make_kiosk(printer)
    assert kiosk.page() == "start_page"
    with qtbot.waitSignal(kiosk.printer.printed, timeout=5000):
        qtbot.mouseClick(button(kiosk, "A"), Qt.MouseButton.LeftButton)
        settle(kiosk)
    queue = engine.queries.queue(Queue.REGISTRATION)
    assert [t.label for t in queue] == ["A001", "A002"]
    assert kiosk.page() == "issued_page"
    assert kiosk.issued.number.text() == "A002"
    assert "1" in kiosk.issued.ahead.text()
    [printed] = printer.tickets
    assert printed.label == "A002"
    assert printed.token == queue[1].token
    assert printed.ahead == 1
    assert printed.site_name == kiosk.config.site.name
    assert printed.category == "第一剂"
    assert printed.observation_minutes == engine.day.status().observation_minutes
    assert kiosk.issued.problem.isHidden()


def test_the_number_shows_before_printing_finishes(
    qtbot: QtBot, engine: Engine, make_kiosk
) -> None:
    open_day(engine)
    gate = threading.Event()
    printer = FakePrinter(gate=gate)
    kiosk = make_kiosk(printer)
    take(kiosk, 1)
    qtbot.waitUntil(printer.started.is_set)  # the printer is busy with it in another thread...
    assert kiosk.page() == "issued_page"  # ...while the number is already on screen
    assert kiosk.issued.number.text() == "B001"
    assert engine.queries.ticket_by_label("B001").state == State.WAITING_REGISTRATION
    assert printer.tickets == []
    with qtbot.waitSignal(kiosk.printer.printed, timeout=5000):
        gate.set()
    assert [t.label for t in printer.tickets] == ["B001"]


def test_a_double_tap_issues_one_ticket(qtbot: QtBot, engine: Engine, kiosk: KioskScreen) -> None:
    b = button(kiosk, "A")
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    take(kiosk, category=b.category)
    assert len(engine.queries.tickets_of_day()) == 1
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 1)
    assert len(kiosk.printer.printer.tickets) == 1


def test_a_retried_tap_reuses_the_sessions_key(
    qtbot: QtBot, engine: Engine, kiosk: KioskScreen
) -> None:
    """If the issued page had not shown yet (a crash between commit and redraw, a second event
    queued before the buttons were disabled), the same tap session's key answers with the same
    ticket instead of issuing another."""
    key = kiosk.tap_key
    assert key
    first = take(kiosk)
    assert first is not None and kiosk.tap_key is None
    again = engine.tickets.issue("A", key=key)
    assert again.id == first.id
    assert len(engine.queries.tickets_of_day()) == 1
    kiosk.show_start()
    settle(kiosk)
    assert kiosk.tap_key not in (None, key)  # a new resident, a new key
    second = take(kiosk)
    assert second is not None and second.id != first.id
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 2)


def test_a_slow_issue_keeps_the_kiosk_responsive_and_says_so(
    qtbot: QtBot, engine: Engine, kiosk: KioskScreen, monkeypatch
) -> None:
    """The engine's issue waits until the test lets it go (no timing): meanwhile the kiosk takes
    input and paints, its buttons wait, a second tap does nothing, and after a moment it says
    so; then the number shows."""
    gate = Gate()
    monkeypatch.setattr(engine.tickets, "issue", gate.hold(engine.tickets.issue))
    kiosk.show()
    qtbot.waitExposed(kiosk)
    assert kiosk.tap(kiosk.config.categories[0])
    gate.wait_entered()
    assert not any(b.isEnabled() for b in kiosk.start.buttons)
    assert not kiosk.tap(kiosk.config.categories[0])  # a second tap: nothing twice
    painted = PaintCounter()
    kiosk.start.installEventFilter(painted)
    kiosk.start.update()
    qtbot.waitUntil(lambda: painted.count > 0)  # the UI thread paints while the issue waits
    for _ in range(5):  # and takes input: five taps on the site name open the staff PIN pad
        qtbot.mouseClick(kiosk.start.site, Qt.MouseButton.LeftButton)
    assert kiosk.guard.pad is not None
    kiosk.guard.close_pad()
    assert kiosk.start.error.isHidden()
    kiosk.clock.advance(timedelta(milliseconds=300))
    assert kiosk.start.error.isVisible()
    assert kiosk.start.error.text().startswith(("请稍候", "One moment"))
    gate.open()
    settle(kiosk)
    assert kiosk.page() == "issued_page" and kiosk.start.error.isHidden()
    assert len(engine.queries.tickets_of_day()) == 1
    kiosk.printer.wait()
    kiosk.start.removeEventFilter(painted)


def test_a_priority_category_issues_a_priority_ticket(
    qtbot: QtBot, engine: Engine, kiosk: KioskScreen
) -> None:
    engine.tickets.issue("A")
    qtbot.mouseClick(button(kiosk, "C"), Qt.MouseButton.LeftButton)
    settle(kiosk)
    ticket = engine.queries.ticket_by_label("C001")
    assert ticket.priority
    assert engine.queries.people_ahead(ticket) == 0
    assert kiosk.issued.ahead.text() == "下一位就是您" or "next" in kiosk.issued.ahead.text()
    assert not button(kiosk, "C").badge.isHidden()
    assert button(kiosk, "A").badge.isHidden()
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 1)


def test_people_ahead_is_live_while_the_number_shows(
    qtbot: QtBot, engine: Engine, kiosk: KioskScreen, feed
) -> None:
    from tests.ui.conftest import NURSE

    engine.tickets.issue("A")
    engine.tickets.issue("A")
    take(kiosk)
    assert kiosk.issued.ahead.text().count("2") == 1
    engine.tickets.call_next(Queue.REGISTRATION, "登记1", actor=NURSE)
    feed.poll()
    settle(kiosk)
    assert "1" in kiosk.issued.ahead.text() and "2" not in kiosk.issued.ahead.text()
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 1)


def test_idle_returns_to_the_start_page_by_itself(
    qtbot: QtBot, engine: Engine, kiosk: KioskScreen
) -> None:
    take(kiosk)
    assert kiosk.page() == "issued_page"
    idle = timedelta(seconds=kiosk.config.kiosk.idle_seconds)
    kiosk.clock.advance(idle - timedelta(milliseconds=1))
    settle(kiosk)
    assert kiosk.page() == "issued_page"
    kiosk.clock.advance(timedelta(milliseconds=1))
    settle(kiosk)
    assert kiosk.page() == "start_page"
    assert all(b.isEnabled() for b in kiosk.start.buttons)
    assert kiosk.shown_ticket is None
    assert kiosk.tap_key


def test_done_returns_at_once(qtbot: QtBot, engine: Engine, kiosk: KioskScreen) -> None:
    take(kiosk)
    qtbot.mouseClick(kiosk.issued.done_button, Qt.MouseButton.LeftButton)
    assert kiosk.page() == "start_page"
    assert not kiosk.idle.is_active()
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 1)


def test_a_storage_failure_closes_the_kiosk_until_it_looks_again(
    engine: Engine, kiosk: KioskScreen, monkeypatch
) -> None:
    """A tap that fails on storage, or the kiosk's own read failing, shows "ask the staff" (no
    taps into failures) and the kiosk looks again by itself: the feed may never notice."""
    from kiosk.errors import Unreachable

    def broken(*_a, **_k):
        raise Unreachable("database is locked")

    monkeypatch.setattr(engine.tickets, "issue", broken)
    assert take(kiosk) is None
    assert (kiosk.page(), kiosk.closed_reason) == ("closed_page", "offline")
    monkeypatch.undo()  # the database answers again...
    kiosk.clock.advance(timedelta(milliseconds=OFFLINE_RETRY_MS - 1))
    settle(kiosk)
    assert kiosk.page() == "closed_page"
    kiosk.clock.advance(timedelta(milliseconds=1))  # ...and the kiosk looks again by itself
    settle(kiosk)
    assert kiosk.page() == "start_page"

    monkeypatch.setattr(engine.day, "status", broken)
    kiosk.refresh()  # the kiosk's own read fails (the feed's need not)
    settle(kiosk)
    assert (kiosk.page(), kiosk.closed_reason) == ("closed_page", "offline")
    monkeypatch.undo()
    kiosk.clock.advance(timedelta(milliseconds=OFFLINE_RETRY_MS))
    settle(kiosk)
    assert kiosk.page() == "start_page"
    assert take(kiosk) is not None
    kiosk.printer.wait()


def test_failed_results_never_resend(qtbot: QtBot, engine: Engine, make_kiosk) -> None:
    open_day(engine)
    printer = FakePrinter(PrintResult.failed("offline", "unplugged"))
    kiosk = make_kiosk(printer)
    take(kiosk)
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 1)
    kiosk.refresh()
    settle(kiosk)
    kiosk.show_start()
    settle(kiosk)
    assert len(printer.tickets) == 1


def test_the_wait_estimate_follows_the_number(
    qtbot: QtBot, engine: Engine, kiosk: KioskScreen, clock
) -> None:
    from datetime import timedelta

    from tests.ui.conftest import NURSE

    for _ in range(8):
        engine.tickets.issue("A")
    for _ in range(4):  # four calls in ten minutes: 0.4 a minute
        clock.advance(timedelta(minutes=2.5))
        settle(kiosk)
        t = engine.tickets.call_next(Queue.REGISTRATION, "登记1", actor=NURSE)
        engine.tickets.cancel(t.id, "test", actor=NURSE)
    take(kiosk)
    qtbot.waitUntil(lambda: kiosk.issued.wait.text() != "")
    # 4 calls since the first one 7.5 min ago: 0.533/min; 4 ahead -> 4.5 / 0.533 = 8.4 -> 9
    assert " 9 " in kiosk.issued.wait.text()
    qtbot.waitUntil(lambda: len(kiosk.print_results) == 1)


def test_an_english_site_counts_in_good_english(engine: Engine, make_kiosk, kiosk_config) -> None:
    """No translator in English: the kiosk's own English texts, "1 person", not "1 people"."""
    open_day(engine)
    english = replace(kiosk_config, site=replace(kiosk_config.site, language="en"))
    kiosk = make_kiosk(FakePrinter(), english)
    engine.tickets.issue("A")
    take(kiosk)
    assert kiosk.issued.ahead.text() == "1 person ahead of you"
    assert kiosk.issued.ahead_sub.text() == ""
    kiosk.printer.wait()
