"""The change feed as one Qt signal: every screen redraws from the engine's event log.

On SQLite the adapter polls the log's last sequence number (one tiny indexed read) every 50 ms: a
change at one desk shows at another within 100 ms (p95). On PostgreSQL a LISTEN thread
(:mod:`kiosk.db.notify`) wakes it as soon as another terminal commits, and the poll is only the
fallback (every second). Events are delivered in sequence order, none skipped, each once.

Everything a screen redraws for comes as one :class:`Changes` value on ``Feed.changed``: new
events (with the tickets and kinds they touched, worked out once for every screen), time having
changed something (a deadline of :class:`~ui.deadlines.DeadlineWatcher`, which the feed owns), and
the database becoming unreachable or reachable again. A screen subscribes with one connection,
:meth:`Feed.subscribe`, which ends by itself when the screen is destroyed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.clock import Clock
from kiosk.db.notify import Listener
from kiosk.engine import Engine
from kiosk.errors import StorageError
from kiosk.model import Event
from ui.deadlines import DeadlineWatcher
from ui.scheduler import Scheduler

log = logging.getLogger(__name__)

FAILING_INTERVAL_MS = 5000
"""While the database cannot be reached, look again only this often: each attempt may block the
screen until the connection gives up (kiosk.db.database.PG_CONNECT_ARGS)."""


@dataclass(frozen=True)
class Changes:
    """What changed since the last :class:`Changes`: what a screen needs to decide what to
    re-read. ``everything`` means re-read it all (time moved on, or the database came back)."""

    events: tuple[Event, ...] = ()
    tickets: frozenset[int] = frozenset()
    """The tickets the events touched."""
    kinds: frozenset[str] = frozenset()
    time: bool = False
    """A deadline passed (a grace period or an observation ended, the service day changed)."""
    storage_failed: str | None = None
    """The database just became unreachable: what went wrong (the screen is out of date)."""
    storage_restored: bool = False
    """The database is reachable again."""
    full: bool = False
    """Nothing known: re-read everything (a sign-in, a screen's first draw)."""

    @classmethod
    def of(cls, events: list[Event] | tuple[Event, ...]) -> Changes:
        return cls(
            events=tuple(events),
            tickets=frozenset(e.ticket_id for e in events if e.ticket_id is not None),
            kinds=frozenset(e.kind for e in events),
        )

    @property
    def everything(self) -> bool:
        return self.full or self.time or self.storage_restored

    def touches(self, ticket_id: int | None) -> bool:
        """Whether a ticket's shown state may be stale now."""
        return self.everything or (ticket_id is not None and ticket_id in self.tickets)


EVERYTHING = Changes(full=True)


class Feed(QObject):
    """Follows the event log and emits ``changed`` (a :class:`Changes`) when something did."""

    changed = Signal(object)
    _woken = Signal()  # from the listener's thread, queued to ours

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        scheduler: Scheduler,
        interval_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.seq = engine.queries.last_seq()
        self.failing = False
        self.listener = (
            None if engine.db.is_sqlite else Listener(engine.db, engine.site, self._woken.emit)
        )
        self._woken.connect(self.poll, Qt.ConnectionType.QueuedConnection)
        self.interval_ms = interval_ms or (50 if self.listener is None else 1000)
        # Single shot, armed again when a poll has returned: a poll that blocks (an unreachable
        # server) is followed by a full interval with the screen free, not by the next poll.
        self.timer = scheduler.timer(self._tick, self.interval_ms, parent=self)
        self.deadlines = DeadlineWatcher(engine, clock, scheduler, self)
        self.deadlines.reached.connect(self._time_passed)
        self._running = False

    def subscribe(self, receiver: QObject, slot: Callable[[Changes], object]) -> None:
        """Call ``slot``, a method of ``receiver``, with every :class:`Changes`. Qt drops the
        connection when the receiver is destroyed, so nobody disconnects by hand."""
        if getattr(slot, "__self__", None) is not receiver:
            raise TypeError("subscribe a method of the receiver (its lifetime ends the connection)")
        self.changed.connect(slot)

    def start(self) -> None:
        self._running = True
        self.timer.start()
        self.deadlines.rearm()
        if self.listener is not None:
            self.listener.start()

    def stop(self) -> None:
        self._running = False
        self.timer.stop()
        self.deadlines.stop()
        if self.listener is not None:
            self.listener.stop()

    def _tick(self) -> None:
        self.poll()
        if self._running:
            self.timer.start()

    def _time_passed(self) -> None:
        self.changed.emit(Changes(time=True))

    def poll(self) -> list[Event]:
        """Fetch what is new now (the timer calls this; tests and local writes may too)."""
        try:
            last = self.engine.queries.last_seq()
            new = self.engine.queries.events_since(self.seq) if last != self.seq else []
        except StorageError as exc:
            if not self.failing:
                log.error("change feed: %s", exc)
                self.failing = True
                self.timer.set_interval(max(self.interval_ms, FAILING_INTERVAL_MS))
                self.changed.emit(Changes(storage_failed=str(exc)))
            return []
        if self.failing:
            self.failing = False
            self.timer.set_interval(self.interval_ms)
            log.info("change feed: database reachable again")
            self.deadlines.rearm()
            self.changed.emit(Changes(storage_restored=True))
        if new:
            self.seq = new[-1].seq
            self.deadlines.rearm()
            self.changed.emit(Changes.of(new))
        return new
