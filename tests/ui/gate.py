"""Holding engine work on its worker thread until the test lets it go: what a dead database link
does to a screen, without any timing. And a counter of paint events (the UI thread at work)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject


class Gate:
    def __init__(self) -> None:
        self.entered = threading.Event()
        self.opened = threading.Event()

    def hold(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn``, made to wait for :meth:`open` once it is called (on a worker thread)."""

        def held(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            assert self.opened.wait(30), "the test never opened the gate"
            return fn(*args, **kwargs)

        return held

    def wait_entered(self) -> None:
        assert self.entered.wait(30), "the held work never started"

    def open(self) -> None:
        self.opened.set()


class PaintCounter(QObject):
    """Counts the paint events a widget gets (install it as the widget's event filter)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False
