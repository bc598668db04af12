"""PostgreSQL LISTEN: wake the screens when another terminal writes to the event log.

Every write on PostgreSQL sends ``NOTIFY`` on the site's channel when it commits (see
:mod:`kiosk.eventlog`). A :class:`Listener` waits for those on a thread of its own and calls
``wake`` for each; the screens then read the log as they would after a poll. It only makes changes
show sooner: the screens keep polling as a fallback. Each time it starts (or starts again after
losing the server) it wakes the screens once, so what was written meanwhile shows at once.

The listener has a connection of its own, outside the pool (a pooled connection would go back to
the pool still listening, and a reset of a lost one logs a traceback each time), with the same
keepalive options as the pool's (:data:`kiosk.db.database.PG_CONNECT_ARGS`): a server that vanished
without closing the connection is noticed in about half a minute, and the listener connects
again, every few seconds until the server is back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from psycopg import sql

from kiosk.db.database import PG_CONNECT_ARGS, Database
from kiosk.eventlog import channel

log = logging.getLogger(__name__)

WAIT_S = 0.5  # how often the thread looks up from waiting to see whether it was stopped
RETRY_S = 2.0  # after losing the server


class Listener:
    def __init__(self, db: Database, site: str, wake: Callable[[], None]) -> None:
        if db.is_sqlite:
            raise ValueError("LISTEN needs PostgreSQL; on SQLite the screens poll")
        self.db = db
        self.channel = channel(site)
        self.wake = wake
        self.listening = threading.Event()  # set while LISTEN is in effect
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop = threading.Event()  # each thread its own: a slow old one never revives
        self._thread = threading.Thread(
            target=self._run, args=(self._stop,), name="kiosk-listen", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; returns once the thread has ended (within about a second)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=WAIT_S * 4)
            self._thread = None
        self.listening.clear()

    def _run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self._listen(stop)
            except psycopg.Error as exc:
                log.warning("change feed: not listening (%s); retrying", _first_line(exc))
            except Exception:  # the wake-up itself failed (its receiver is gone): stop
                log.exception("change feed: the listener's receiver failed; listener stopped")
                stop.set()
            finally:
                if stop is self._stop:
                    self.listening.clear()
            stop.wait(RETRY_S)

    def _listen(self, stop: threading.Event) -> None:
        args, params = self.db.engine.dialect.create_connect_args(self.db.engine.url)
        params = {**PG_CONNECT_ARGS, **params}  # the URL's own values win
        with psycopg.connect(*args, **params, autocommit=True) as conn:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
            self.wake()  # catch up: whatever committed while nobody listened
            self.listening.set()
            log.info("change feed: listening on %r", self.channel)
            while not stop.is_set():
                for _ in conn.notifies(timeout=WAIT_S):
                    self.wake()
                    if stop.is_set():
                        break


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
