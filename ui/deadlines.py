"""Re-check when time passing changes something, through the engine's next deadline.

Time passing writes nothing: the engine answers when the next grace period or observation ends, and
this watcher sets one single-shot timer for that moment (re-armed after every change in the feed).
Local midnight is a deadline too: the service day changes, so a kiosk left on overnight shows the
new day's state (not yet opened) instead of yesterday's. Countdowns on screen are redrawn by a
separate one-second ticker, computed from stored times. The feed owns the watcher and passes
``reached`` on to the screens as :class:`~ui.feed.Changes` with ``time`` set.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from PySide6.QtCore import QObject, Signal

from kiosk.clock import Clock
from kiosk.engine import Engine
from kiosk.errors import KioskError
from ui.runner import Runner
from ui.scheduler import Scheduler

log = logging.getLogger(__name__)

MAX_WAIT_MS = 60_000  # re-ask at least once a minute (a day opened elsewhere, clock drift)


class DeadlineWatcher(QObject):
    reached = Signal()

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        scheduler: Scheduler,
        runner: Runner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.clock = clock
        self.runner = runner  # given: the engine is asked off the UI thread (PostgreSQL)
        self.next: datetime | None = None
        self.timer = scheduler.timer(self._fire, parent=self)

    def rearm(self, *_args: object) -> None:
        if self.runner is None:
            try:
                deadline = self.engine.queries.next_deadline()
            except KioskError as exc:
                self._not_known(exc)
                return
            self._arm(deadline)
        else:
            self.runner.read(self, "deadline", self.engine.queries.next_deadline, self._arm,
                             self._not_known)  # fmt: skip

    def _not_known(self, exc: KioskError) -> None:
        log.warning("deadline check failed: %s", exc)
        self._arm(None)

    def _arm(self, deadline: datetime | None) -> None:
        midnight = self.next_midnight()
        self.next = midnight if deadline is None else min(deadline, midnight)
        wait_ms = int((self.next - self.clock.now()).total_seconds() * 1000) + 5
        self.timer.start(max(0, min(wait_ms, MAX_WAIT_MS)))

    def next_midnight(self) -> datetime:
        """The start of the next service day, in the site's time zone."""
        today = self.clock.now().astimezone(self.engine.tz).date()
        return datetime.combine(today + timedelta(days=1), time(0), tzinfo=self.engine.tz)

    def stop(self) -> None:
        self.timer.stop()

    def _fire(self) -> None:
        if self.next is not None and self.clock.now() >= self.next:
            self.reached.emit()
        self.rearm()
