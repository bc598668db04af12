"""The runner: work on a worker thread, its result or refusal back on the UI thread, once at a
time per owner and name, the newest read drawn last, nothing for a screen that is gone."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.errors import DomainError, StorageError
from tests.ui.gate import Gate
from ui.runner import Runner


def settle(qtbot: QtBot, runner: Runner) -> None:
    qtbot.waitUntil(lambda: runner.idle)


def test_the_result_comes_back_on_the_ui_thread(qtbot: QtBot, runner: Runner) -> None:
    owner = QObject()
    ran_on: list[threading.Thread] = []
    got: list[tuple[int, threading.Thread]] = []

    def work() -> int:
        ran_on.append(threading.current_thread())
        return 42

    assert runner.run(owner, "op", work, lambda r: got.append((r, threading.current_thread())))
    settle(qtbot, runner)
    assert ran_on[0] is not threading.main_thread()
    assert got == [(42, threading.main_thread())]


def test_a_refusal_comes_back_and_a_bug_is_raised(qtbot: QtBot, runner: Runner) -> None:
    owner = QObject()
    refused: list[DomainError] = []

    def refuse() -> None:
        raise StorageError("the database is gone")

    runner.run(owner, "op", refuse, lambda _r: None, refused.append)
    settle(qtbot, runner)
    assert [e.code for e in refused] == ["storage"]

    def bug() -> None:
        raise ZeroDivisionError

    with qtbot.captureExceptions() as raised:
        runner.run(owner, "op", bug, lambda _r: None)
        settle(qtbot, runner)
    assert [type(e[1]) for e in raised] == [ZeroDivisionError]


def test_one_job_at_a_time_per_owner_and_name(qtbot: QtBot, runner: Runner) -> None:
    owner, other = QObject(), QObject()
    gate = Gate()
    done: list[str] = []
    assert runner.run(owner, "op", gate.hold(lambda: "first"), done.append)
    gate.wait_entered()
    assert not runner.run(owner, "op", lambda: "second", done.append)  # a double press
    assert runner.busy(owner, "op") and not runner.idle
    assert runner.run(other, "op", lambda: "other", done.append)  # another screen's own
    gate.open()
    settle(qtbot, runner)
    assert sorted(done) == ["first", "other"]


def test_a_read_asked_for_meanwhile_is_read_again_and_drawn_alone(
    qtbot: QtBot, runner: Runner
) -> None:
    owner = QObject()
    gate = Gate()
    drawn: list[str] = []
    runner.read(owner, "refresh", gate.hold(lambda: "old"), drawn.append)
    gate.wait_entered()
    runner.read(owner, "refresh", lambda: "newer", drawn.append)
    runner.read(owner, "refresh", lambda: "newest", drawn.append)
    gate.open()
    settle(qtbot, runner)
    assert drawn == ["newest"]  # never the old read over a newer one


def test_a_result_for_a_destroyed_screen_is_dropped(qtbot: QtBot, runner: Runner) -> None:
    owner = QObject()
    gate = Gate()
    got: list[int] = []
    runner.run(owner, "op", gate.hold(lambda: 1), got.append)
    gate.wait_entered()
    shiboken6.delete(owner)
    gate.open()
    settle(qtbot, runner)
    assert got == []


def test_after_shutdown_nothing_starts(qtbot: QtBot) -> None:
    r = Runner()
    r.shutdown()
    assert not r.run(QObject(), "op", lambda: 1, lambda _r: None)
    assert r.idle
