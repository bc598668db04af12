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
from kiosk.errors import KioskError, StorageError
from kiosk.model import Event
from ui.deadlines import DeadlineWatcher
from ui.runner import Runner
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

    def merge(self, later: Changes) -> Changes:
        """These changes and ``later`` ones, as one."""
        return Changes(
            events=self.events + later.events,
            tickets=self.tickets | later.tickets,
            kinds=self.kinds | later.kinds,
            time=self.time or later.time,
            storage_failed=later.storage_failed or self.storage_failed,
            storage_restored=self.storage_restored or later.storage_restored,
            full=self.full or later.full,
        )

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
        runner: Runner | None = None,
        *,
        interval_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        # PostgreSQL is across a network that may hang: its polls run off the UI thread. A
        # SQLite file is local; its poll is one indexed read (50 µs), done in place.
        self.runner = runner if runner is not None and not engine.db.is_sqlite else None
        self.seq = engine.queries.last_seq()
        self.failing = False
        self.listener = (
            None if engine.db.is_sqlite else Listener(engine.db, engine.site, self._woken.emit)
        )
        self._woken.connect(self.request_poll, Qt.ConnectionType.QueuedConnection)
        self.interval_ms = interval_ms or (50 if self.listener is None else 1000)
        # Single shot, armed again when a poll has returned: a poll that blocks (an unreachable
        # server) is followed by a full interval with the screen free, not by the next poll.
        self.timer = scheduler.timer(self._tick, self.interval_ms, parent=self)
        self.deadlines = DeadlineWatcher(engine, clock, scheduler, self.runner, self)
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
        if self.runner is None:
            self.poll()
            self._rearm_poll()
        else:
            self.request_poll(then=self._rearm_poll)

    def _rearm_poll(self) -> None:
        if self._running:
            self.timer.start()

    def request_poll(self, then: Callable[[], object] | None = None) -> None:
        """Look for news without waiting for it: off the UI thread on PostgreSQL."""
        if self.runner is None:
            self.poll()
            if then is not None:
                then()
            return

        def done(new: list[Event]) -> None:
            self._take(new)
            if then is not None:
                then()

        def failed(exc: KioskError) -> None:
            self._fail(exc)
            if then is not None:
                then()

        self.runner.read(self, "poll", self._fetch, done, failed)

    def _time_passed(self) -> None:
        self.changed.emit(Changes(time=True))

    def poll(self) -> list[Event]:
        """Fetch what is new now, on this thread (tests; the timer on SQLite)."""
        try:
            new = self._fetch()
        except KioskError as exc:
            self._fail(exc)
            return []
        return self._take(new)

    def _fetch(self) -> list[Event]:
        seq = self.seq
        last = self.engine.queries.last_seq()
        return self.engine.queries.events_since(seq) if last != seq else []

    def _fail(self, exc: KioskError) -> None:
        if not isinstance(exc, StorageError):
            log.error("change feed: %s", exc)
            return
        if not self.failing:
            log.error("change feed: %s", exc)
            self.failing = True
            self.timer.set_interval(max(self.interval_ms, FAILING_INTERVAL_MS))
            self.changed.emit(Changes(storage_failed=str(exc)))

    def _take(self, fetched: list[Event]) -> list[Event]:
        new = [e for e in fetched if e.seq > self.seq]  # a poll in place may have had them
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
