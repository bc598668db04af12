"""Connections and transactions.

Every write is one transaction. On SQLite it starts with ``BEGIN IMMEDIATE`` so writers queue in the
database (``busy_timeout``) instead of failing halfway; on PostgreSQL the day row and the site's
sequence row are locked inside the transaction. A database that stays busy or went away surfaces as a
:class:`StorageError` with what happened; it never leaks a half-done change.

Open transactions with :meth:`Database.transaction`, :meth:`Database.write` or :meth:`Database.read`,
never ``engine.begin()``: pysqlite runs in autocommit mode here, so only these start a real SQLite
transaction.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url

from kiosk.errors import StorageError, StorageRefused, Unreachable
from kiosk.privacy import private_file

log = logging.getLogger(__name__)
T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 15_000
# libpq options for every PostgreSQL connection (a URL's own values win): give up connecting after
# 5 s (the screens connect on their UI thread; a LAN connection takes milliseconds), and notice a server that vanished without closing the connection (a reboot, a dropped
# NAT entry) in about half a minute: keepalive probes on an idle connection, and a limit on how
# long sent data may stay unacknowledged. Without them a terminal could hang for minutes. They
# apply to TCP only; Unix sockets need none.
PG_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,
}
WRITE_ATTEMPTS = 6


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def describe(url: str | URL) -> str:
    """The URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


class Database:
    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if self.url.database and self.url.database != ":memory:":
                private_file(Path(self.url.database))
            self.engine = sa.create_engine(self.url, connect_args={"timeout": 30})
            # Only a pool event: a connection event ("begin") would make SQLAlchemy dispatch
            # events around every statement, which costs more than the statements themselves.
            event.listen(self.engine, "connect", _sqlite_on_connect)
        else:
            given = set(self.url.query)
            self.engine = sa.create_engine(
                self.url,
                pool_pre_ping=True,
                pool_size=5,
                max_overflow=5,
                connect_args={k: v for k, v in PG_CONNECT_ARGS.items() if k not in given},
            )
        self._kept: Connection | None = None  # the main thread's, open between transactions

    def __repr__(self) -> str:
        return f"Database({describe(self.url)})"

    def dispose(self) -> None:
        if self._kept is not None:
            self._kept.close()
            self._kept = None
        self.engine.dispose()

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """A connection for one transaction. On SQLite the main thread (the screens', the
        command line's) keeps its connection open between transactions: taking one from the pool
        and giving it back costs as much as a statement. Other threads, and a transaction begun
        inside another, take one from the pool; so does PostgreSQL, whose pool checks that the
        server is still there."""
        kept = self._kept
        if (
            not self.is_sqlite
            or threading.current_thread() is not threading.main_thread()
            or (kept is not None and kept.in_transaction())
        ):
            with self.engine.connect() as conn:
                yield conn
            return
        if kept is None or kept.closed or kept.invalidated:
            kept = self._kept = self.engine.connect()
        try:
            yield kept
        finally:
            if kept.in_transaction():
                kept.rollback()

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction, retried whole if the database was busy."""
        delay = 0.01
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.transaction() as conn:
                    return work(conn)
            except sa.exc.DBAPIError as exc:
                # SQLite busy, or a PostgreSQL deadlock or serialisation failure (which psycopg
                # raises as OperationalError too): the whole transaction is run again.
                if (_is_busy(exc) or _is_serialization_failure(exc)) and attempt < WRITE_ATTEMPTS:
                    log.info("database busy (attempt %d): %s; retrying", attempt, exc.orig)
                    time.sleep(delay * (1 + random.random()))
                    delay *= 2
                    continue
                if isinstance(exc, sa.exc.IntegrityError):
                    raise
                raise _storage_error(exc, self.url) from exc
        raise AssertionError("unreachable")

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, committed when the block ends without an exception. On SQLite
        it starts with ``BEGIN IMMEDIATE``: writers take the write lock up front and queue in the
        database instead of failing halfway. No retry: :meth:`write` adds that."""
        with self._connection() as conn, conn.begin():
            if self.is_sqlite:
                # pysqlite runs in autocommit mode (see _sqlite_on_connect), so this statement is
                # the transaction's start; SQLAlchemy's commit() then commits it.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only snapshot (a transaction that is rolled back)."""
        try:
            with self._connection() as conn, conn.begin() as tx:
                if self.is_sqlite:
                    conn.exec_driver_sql("BEGIN")  # readers share one WAL snapshot
                yield conn
                tx.rollback()
        except sa.exc.DBAPIError as exc:
            raise _storage_error(exc, self.url) from exc


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Autocommit at the driver: Database issues BEGIN IMMEDIATE itself (pysqlite's own is deferred).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _is_busy(exc: sa.exc.DBAPIError) -> bool:
    if not isinstance(exc, sa.exc.OperationalError):
        return False
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text


def _is_serialization_failure(exc: sa.exc.DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None)
    return code in {"40001", "40P01"}


def _storage_error(exc: Exception, url: URL) -> StorageError:
    """:class:`Unreachable` for a lost, refused or timed-out connection or a database that
    stayed busy; :class:`StorageRefused` for a statement the database refused."""
    orig = getattr(exc, "orig", exc)
    said = str(orig).splitlines()[0] if str(orig) else repr(orig)
    lost = (
        isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError)
        and "file is not a database" not in said
    )
    if lost:
        return Unreachable(f"database {describe(url)} failed: {said}", url=describe(url))
    return StorageRefused(f"database {describe(url)} refused: {said}", url=describe(url))
