"""PostgreSQL LISTEN: wake the screens when another terminal writes to the event log.

Every write on PostgreSQL sends ``NOTIFY`` on the site's channel when it commits (see
:mod:`kiosk.eventlog`). A :class:`Listener` waits for those on a thread of its own, with a
connection of its own in autocommit mode, and calls ``wake`` for each; the screens then read the
log as they would after a poll. It only makes changes show sooner: the screens keep polling as a
fallback, and a listener that loses its server logs it and listens again when it is back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from psycopg import sql

from kiosk.db.database import Database
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
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-listen", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; returns once the thread has ended (within about a second)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=WAIT_S * 4)
            self._thread = None
        self.listening.clear()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen()
            except Exception as exc:  # a lost server, from SQLAlchemy or psycopg: listen again
                self.listening.clear()
                log.warning("change feed: not listening (%s); retrying", _first_line(exc))
            self._stop.wait(RETRY_S)

    def _listen(self) -> None:
        with self.db.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
            self.listening.set()
            log.info("change feed: listening on %r", self.channel)
            while not self._stop.is_set():
                for _ in raw.notifies(timeout=WAIT_S):
                    self.wake()
                    if self._stop.is_set():
                        break
        self.listening.clear()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
