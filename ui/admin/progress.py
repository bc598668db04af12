"""Progress from a worker thread to a bar on screen: ``progress(done, total)`` is called on the
runner's thread (a report being built or drawn, the planner's search); a queued signal carries it
to the UI thread, where the bar moves."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressBar


class ProgressRelay(QObject):
    """``relay(done, total)`` may be called from any thread; the bar follows on the UI thread.
    A job of several parts (build, then draw) gives each part its share with :meth:`part`."""

    _moved = Signal(int, int)

    def __init__(self, bar: QProgressBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self._moved.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def reset(self) -> None:
        self.bar.setRange(0, 100)
        self.bar.setValue(0)

    def part(self, first: int, last: int) -> ProgressPart:
        """A callable for one part of the job, moving the bar from ``first`` to ``last`` %."""
        return ProgressPart(self, first, last)

    def relay(self, done: int, total: int) -> None:
        self._moved.emit(done, max(1, total))

    def _show(self, done: int, total: int) -> None:
        self.bar.setValue(min(100, round(100 * done / total)))


class ProgressPart:
    def __init__(self, relay: ProgressRelay, first: int, last: int) -> None:
        self.relay, self.first, self.last = relay, first, last

    def __call__(self, done: int, total: int) -> None:
        share = (self.last - self.first) * min(done, total) / max(1, total)
        self.relay.relay(round(self.first + share), 100)
