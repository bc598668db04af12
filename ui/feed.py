"""The change feed as Qt signals: every screen redraws from the engine's event log.

On SQLite the adapter polls the log's last sequence number (one tiny indexed read) every
``interval_ms`` (50 ms: a change at one desk shows at another within 100 ms, p95); on PostgreSQL the same poll runs, and a NOTIFY listener can wake it sooner. Events
are delivered in sequence order, none skipped, each once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.engine import Engine
from kiosk.errors import StorageError
from kiosk.model import Event

log = logging.getLogger(__name__)


class Feed(QObject):
    """Follows the event log and emits ``events`` (a list, in order) when something changed."""

    events = Signal(list)
    storageFailed = Signal(str)
    storageRestored = Signal()

    def __init__(
        self, engine: Engine, interval_ms: int = 50, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.seq = engine.last_seq()
        self._failing = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> list[Event]:
        """Fetch what is new now (the timer calls this; tests and local writes may too)."""
        try:
            if self.engine.last_seq() == self.seq:
                return []
            new = self.engine.events_since(self.seq)
        except StorageError as exc:
            if not self._failing:
                log.error("change feed: %s", exc)
                self._failing = True
                self.storageFailed.emit(str(exc))
            return []
        if self._failing:
            self._failing = False
            log.info("change feed: database reachable again")
            self.storageRestored.emit()
        if new:
            self.seq = new[-1].seq
            self.events.emit(new)
        return new
