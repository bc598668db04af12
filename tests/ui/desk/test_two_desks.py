"""Two desks pressing "next" in turn and at once: never the same person.

In one process with one engine, and with two Engine objects over one SQLite file (what two
consoles on two PCs sharing a file would do; the engine tests already cover two processes).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.bootstrap import TRAINING, open_database
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from tests.ui.desk.conftest import MakeDesk
from tests.ui.desk.helpers import press, settle
from ui.desk.screen import DeskScreen
from ui.feed import Feed

ROUNDS = 8


def serve_rounds(qtbot, a: DeskScreen, b: DeskScreen, rounds: int) -> list[int]:
    """Both desks press F1 in turn, then mark missed (F3) to be free again."""
    called: list[int] = []
    for _ in range(rounds):
        for desk in (a, b):
            press(qtbot, desk, Qt.Key.Key_F1)
            assert desk.current is not None, desk.status.text()
            called.append(desk.current.id)
        assert a.ticket_label.text() != b.ticket_label.text()
        for desk in (a, b):
            press(qtbot, desk, Qt.Key.Key_F3)
    return called


def at_once(qtbot, a: DeskScreen, b: DeskScreen) -> None:
    """Both desks' "next" at the same instant (the engine calls on two threads)."""
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def go(desk: DeskScreen) -> None:
        try:
            start.wait()
            desk.engine.tickets.call_next(desk.queue, desk.desk.name, actor=desk.actor())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=go, args=(d,)) for d in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for desk in (a, b):
        desk.refresh()
        settle(qtbot, desk)


def test_two_desks_one_engine_in_turn_and_at_once(qtbot, day: Engine, make_desk: MakeDesk) -> None:
    for _ in range(2 * ROUNDS + 2):
        day.tickets.issue("A")
    a, b = make_desk("登记1"), make_desk("登记2")
    called = serve_rounds(qtbot, a, b, ROUNDS)
    assert len(called) == len(set(called)) == 2 * ROUNDS
    at_once(qtbot, a, b)
    assert a.current and b.current and a.current.id != b.current.id
    assert {a.current.id, b.current.id}.isdisjoint(called)


def test_two_engines_on_one_sqlite_file(
    qtbot, tmp_path: Path, clock, scheduler, config, staff, make_desk: MakeDesk, day: Engine
) -> None:
    """A second Engine (its own connection pool and feed) over the same file as the first."""
    for _ in range(2 * ROUNDS + 2):
        day.tickets.issue("A")
    url = sqlite_url(tmp_path / "ui.sqlite")
    other_db = open_database(url, "main", TRAINING, clock.now())
    try:
        other = Engine(other_db, clock, "main", "Asia/Shanghai")
        other_feed = Feed(other, clock, scheduler)
        a = make_desk("登记1")
        b = make_desk("登记2", engine=other, feed_=other_feed)
        assert a.engine is not b.engine and a.engine.db is not b.engine.db
        called = serve_rounds(qtbot, a, b, ROUNDS)
        assert len(called) == len(set(called)) == 2 * ROUNDS
        at_once(qtbot, a, b)
        assert a.current and b.current and a.current.id != b.current.id
        other_feed.stop()
    finally:
        other_db.dispose()
