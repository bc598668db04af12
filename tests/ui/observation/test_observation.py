"""The observation desk: countdowns on the fake clock, release by tap or scan, adverse events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from kiosk.engine import Engine
from kiosk.states import State
from tests.ui.conftest import STAFF_NAME
from tests.ui.desk.helpers import activate, press, scan, settle
from tests.ui.gate import Gate, PaintCounter
from tests.ui.observation.conftest import vaccinate
from ui.observation.screen import ObservationScreen, countdown
from ui.widgets.prompts import AdverseInput


def test_countdown_text() -> None:
    assert countdown(30 * 60) == "30:00"
    assert countdown(61) == "01:01"
    assert countdown(0) == "+00:00"
    assert countdown(-125) == "+02:05"


def test_thirty_minutes_on_the_fake_clock_then_release_by_tap(
    qtbot, day: Engine, screen: ObservationScreen
) -> None:
    t = vaccinate(day)
    long = vaccinate(day, "李四", minutes=60)
    screen.feed.poll()
    settle(qtbot, screen)
    assert screen.table.rowCount() == 2
    assert screen.row_texts(t.id)[4] == "30:00" and screen.row_texts(t.id)[5] == "observing"
    screen.clock.advance(timedelta(minutes=10, seconds=15))  # the one-second ticker redraws
    settle(qtbot, screen)
    assert screen.row_texts(t.id)[4] == "19:45"
    screen.select(t.id)
    press(qtbot, screen, Qt.Key.Key_F5)
    assert screen.status.text() == "Not yet: 20 min of observation left."
    assert day.queries.ticket(t.id).state == State.OBSERVING
    screen.clock.advance(timedelta(minutes=20))  # the observation's end: a deadline re-reads
    settle(qtbot, screen)
    assert screen.row_texts(t.id)[5] == "may leave"
    assert screen.row_texts(long.id)[5] == "observing"
    assert "may leave: 1" in screen.summary.text()
    screen.clock.advance(timedelta(minutes=3))
    settle(qtbot, screen)
    assert screen.row_texts(t.id)[4] == "+03:15"
    assert "over time: 1" in screen.summary.text()
    row = next(
        r for r in range(screen.table.rowCount()) if screen.table.item(r, 0).text() == t.label
    )
    rect = screen.table.visualItemRect(screen.table.item(row, 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, screen)
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, screen)
    assert day.queries.ticket(t.id).state == State.RELEASED, screen.status.text()
    assert day.queries.ticket(t.id).state == State.RELEASED
    assert screen.table.rowCount() == 1
    last = day.queries.history(t.id)[-1]
    assert (last.kind, last.staff, last.terminal) == ("released", STAFF_NAME, "observation")


def test_release_by_scan_refused_until_the_end(
    qtbot, day: Engine, screen: ObservationScreen
) -> None:
    t = vaccinate(day)
    screen.feed.poll()
    settle(qtbot, screen)
    scan(qtbot, screen, t.token)
    assert "Not yet" in screen.status.text()
    screen.clock.advance(timedelta(minutes=30))
    settle(qtbot, screen)
    scan(qtbot, screen, t.token)
    assert day.queries.ticket(t.id).state == State.RELEASED
    scan(qtbot, screen, t.token)
    assert "not in observation" in screen.status.text()


def test_adverse_event_keeps_the_person_until_closed(
    qtbot, day: Engine, screen: ObservationScreen
) -> None:
    t = vaccinate(day)
    screen.feed.poll()
    settle(qtbot, screen)
    screen.select(t.id)
    onset = screen.clock.now() + timedelta(minutes=5)
    screen.prompts.queue("adverse_event", AdverseInput(onset, "皮疹", "mild", "观察"))
    press(qtbot, screen, Qt.Key.Key_F9)
    assert screen.row_texts(t.id)[5] == "adverse event open"
    screen.clock.advance(timedelta(minutes=31))
    settle(qtbot, screen)
    assert screen.row_texts(t.id)[5] == "adverse event open"
    press(qtbot, screen, Qt.Key.Key_F5)
    assert screen.status.text() == "An adverse event is still open: close it before releasing."
    assert day.queries.ticket(t.id).state == State.OBSERVING
    screen.prompts.queue("reason", "好转")
    press(qtbot, screen, Qt.Key.Key_F10)
    assert screen.row_texts(t.id)[5] == "may leave"
    press(qtbot, screen, Qt.Key.Key_F5)
    assert day.queries.ticket(t.id).state == State.RELEASED
    ae_kinds = [e.kind for e in day.queries.history(t.id)]
    assert ae_kinds[-3:] == ["adverse_event", "adverse_event_closed", "released"]


def test_extend_and_left_early(qtbot, day: Engine, screen: ObservationScreen) -> None:
    t, u = vaccinate(day), vaccinate(day, "李四")
    screen.feed.poll()
    settle(qtbot, screen)
    screen.select(t.id)
    screen.prompts.queue("number", 15)
    press(qtbot, screen, Qt.Key.Key_F6)
    assert screen.row_texts(t.id)[4] == "45:00"
    assert day.queries.ticket(t.id).observation_end == t.observation_end + timedelta(minutes=15)
    screen.select(u.id)
    screen.prompts.queue("reason", "赶车")
    press(qtbot, screen, Qt.Key.Key_F7)
    assert day.queries.ticket(u.id).state == State.LEFT_EARLY
    assert screen.row_texts(u.id) == []


def test_other_terminals_show_up_and_ticker_stops_on_close(
    qtbot, day: Engine, screen: ObservationScreen
) -> None:
    screen.feed.start()
    t = vaccinate(day)
    screen.clock.advance(timedelta(milliseconds=screen.feed.interval_ms))  # the feed's next poll
    settle(qtbot, screen)
    assert screen.row_texts(t.id) != []
    assert screen.ticker.is_active()
    screen.close()
    assert not screen.ticker.is_active()


def test_a_release_that_waits_leaves_the_desk_usable(
    qtbot, day: Engine, screen: ObservationScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = vaccinate(day)
    screen.feed.poll()
    settle(qtbot, screen)
    screen.clock.advance(timedelta(minutes=30))
    settle(qtbot, screen)
    gate = Gate()
    monkeypatch.setattr(day.observation, "release", gate.hold(day.observation.release))
    screen.select(t.id)
    activate(qtbot, screen)
    qtbot.keyClick(screen, Qt.Key.Key_F5)
    gate.wait_entered()
    screen.clock.advance(timedelta(seconds=1))  # the countdowns tick on meanwhile
    assert screen.status.text() in ("Working…", "正在处理……")
    painted = PaintCounter()
    screen.table.viewport().installEventFilter(painted)
    screen.table.viewport().update()
    qtbot.waitUntil(lambda: painted.count > 0)
    gate.open()
    settle(qtbot, screen)
    assert day.queries.ticket(t.id).state == State.RELEASED
    assert screen.row_texts(t.id) == []
    screen.table.viewport().removeEventFilter(painted)


def test_the_observation_desk_focuses_its_list(screen: ObservationScreen) -> None:
    """Focus rule: the list of people (arrows choose, function keys act)."""
    from PySide6.QtWidgets import QApplication

    assert QApplication.focusWidget() is screen.table


def test_the_observation_desks_dialogs_name_ticket_and_person(
    qtbot, screen: ObservationScreen
) -> None:
    from ui.widgets.dialogs import subject

    vaccinate(screen.engine, "李四")
    screen.refresh()
    qtbot.waitUntil(lambda: len(screen.rows) == 1)
    screen.select(screen.rows[0].ticket.id)
    screen.prompts.queue("number", None).queue("reason", None).queue("adverse_event", None)
    screen.extend()
    screen.left_early()
    screen.adverse_event()
    about = {a for _, a in screen.prompts.about}
    assert about == {subject(screen.rows[0].ticket.label, "李四")}
