"""What the screenshot scripts (``python -m tests.ui.<screen>.screenshots``) share: waiting for a
screen's reads off the UI thread to come back and be drawn.

The scripts run the real program's wiring on the real event loop, so they wait on it; but as a
condition, like pytest-qt's ``waitUntil``, never for a guessed time: a 10 ms timer checks the
condition inside the event loop, and a deadline ends the wait if it never holds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from ui.runner import Runner


def settle(
    runner: Runner, ready: Callable[[], bool] = lambda: True, timeout_ms: int = 20_000
) -> None:
    """Run the event loop until ``runner`` is idle and ``ready()`` holds (or the deadline), then
    let what was delivered be laid out and painted."""
    if not (runner.idle and ready()):
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(10)
        check.timeout.connect(lambda: loop.quit() if runner.idle and ready() else None)
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        check.start()
        deadline.start(timeout_ms)
        loop.exec()
        check.stop()
        deadline.stop()
    for _ in range(5):  # the results' redraws, their layout and paint: queued, not timed
        QCoreApplication.processEvents()
