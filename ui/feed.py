"""The change feed as Qt signals: every screen redraws from the engine's event log.

On SQLite the adapter polls the log's last sequence number (one tiny indexed read) every 50 ms: a
change at one desk shows at another within 100 ms (p95). On PostgreSQL a LISTEN thread
(:mod:`kiosk.db.notify`) wakes it as soon as another terminal commits, and the poll is only the
fallback (every second). Events are delivered in sequence order, none skipped, each once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.db.notify import Listener
from kiosk.engine import Engine
from kiosk.errors import StorageError
from kiosk.model import Event

log = logging.getLogger(__name__)

FAILING_INTERVAL_MS = 5000
"""While the database cannot be reached, look again only this often: each attempt may block the
screen until the connection gives up (kiosk.db.database.PG_CONNECT_ARGS)."""


class Feed(QObject):
    """Follows the event log and emits ``events`` (a list, in order) when something changed."""

    events = Signal(list)
    storageFailed = Signal(str)
    storageRestored = Signal()
    _woken = Signal()  # from the listener's thread, queued to ours

    def __init__(
        self, engine: Engine, interval_ms: int | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.seq = engine.queries.last_seq()
        self._failing = False
        self.listener = (
            None if engine.db.is_sqlite else Listener(engine.db, engine.site, self._woken.emit)
        )
        self._woken.connect(self.poll, Qt.ConnectionType.QueuedConnection)
        self._interval = interval_ms or (50 if self.listener is None else 1000)
        # Single shot, armed again when a poll has returned: a poll that blocks (an unreachable
        # server) is followed by a full interval with the screen free, not by the next poll.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self._interval)
        self._timer.timeout.connect(self._tick)
        self._running = False

    def start(self) -> None:
        self._running = True
        self._timer.start()
        if self.listener is not None:
            self.listener.start()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        if self.listener is not None:
            self.listener.stop()

    def _tick(self) -> None:
        self.poll()
        if self._running:
            self._timer.start()

    def poll(self) -> list[Event]:
        """Fetch what is new now (the timer calls this; tests and local writes may too)."""
        try:
            last = self.engine.queries.last_seq()
            new = self.engine.queries.events_since(self.seq) if last != self.seq else []
        except StorageError as exc:
            if not self._failing:
                log.error("change feed: %s", exc)
                self._failing = True
                self._timer.setInterval(max(self._interval, FAILING_INTERVAL_MS))
                self.storageFailed.emit(str(exc))
            return []
        if self._failing:
            self._failing = False
            self._timer.setInterval(self._interval)
            log.info("change feed: database reachable again")
            self.storageRestored.emit()
        if new:
            self.seq = new[-1].seq
            self.events.emit(new)
        return new
