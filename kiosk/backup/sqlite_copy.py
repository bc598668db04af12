"""SQLite: the online backup API both ways, and the checks around it.

A backup is one ``sqlite3_backup_step`` over the whole file: it reads one snapshot (a WAL read
transaction), so writers carry on and the copy holds exactly what was committed when it began.

A restore copies the checked file *into* the live database through the same API, on a connection
that holds the database in exclusive locking mode: SQLite itself moves the WAL out of the way and
journals the copy (a crash halfway rolls back to the old database), and no file is renamed under
a program that might open it meanwhile. The exclusive lock is also how "another program has the
database open" is seen: in WAL mode every open connection, in this process or another, holds a
shared lock on the database file for as long as it is open, so the lock cannot be had.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from datetime import datetime
from importlib import resources
from pathlib import Path

from kiosk.backup import files
from kiosk.db.database import describe
from kiosk.errors import DomainError, StorageRefused, Unreachable
from kiosk.privacy import private_file

KIOSK_TABLES = frozenset({"alembic_version", "sites", "days", "tickets", "events"})
BUSY_TIMEOUT_S = 15.0
VERIFY = ("integrity_check", "quick_check")


def _open(path: Path, mode: str, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection to an existing file (``mode`` ro or rw: never creates one)."""
    return sqlite3.connect(
        f"{path.as_uri()}?mode={mode}", uri=True, timeout=timeout, isolation_level=None
    )


def _said(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def integrity(conn: sqlite3.Connection, pragma: str = "integrity_check") -> list[str]:
    """What ``PRAGMA integrity_check`` reports: ``["ok"]`` for an intact file."""
    return [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}").fetchall()]


def backup(live: Path, final: Path, verify: str = "integrity_check") -> None:
    """Copy the database file ``live`` to ``final`` (owner-only, checked before it is named
    with ``PRAGMA <verify>``: integrity_check, or quick_check, which skips comparing every index
    with its table, about five times faster)."""
    if verify not in VERIFY:
        raise ValueError(f"verify must be one of {VERIFY}, not {verify!r}")
    if not live.is_file():
        raise DomainError(f"no database at {live}", code="not_found", path=str(live))
    partial = files.new_partial(final)
    try:
        try:
            with closing(_open(live, "rw")) as src, closing(sqlite3.connect(partial)) as dst:
                src.backup(dst)  # pages=-1: the whole file in one step, one snapshot
                # A self-contained file: the copy's header says WAL (the live file's mode).
                dst.execute("PRAGMA journal_mode=DELETE")
                verdict = integrity(dst, verify)
        except sqlite3.Error as exc:
            raise _storage_error(
                f"backing up {live} to {final} failed: {_said(exc)}", live, exc
            ) from exc
        if verdict != ["ok"]:
            raise StorageRefused(
                f"the backup of {live} failed its {verify} ({'; '.join(verdict[:3])}):"
                " the database itself may be damaged; run PRAGMA integrity_check on it",
                url=describe(f"sqlite:///{live}"),
            )
        files.publish(partial, final)
    finally:
        partial.unlink(missing_ok=True)


def _storage_error(message: str, live: Path, exc: sqlite3.Error) -> Unreachable | StorageRefused:
    url = describe(f"sqlite:///{live}")
    text = str(exc).lower()
    if "locked" in text or "busy" in text or "unable to open" in text:
        return Unreachable(message, url=url)
    return StorageRefused(message, url=url)


# --- restore --------------------------------------------------------------------------------------


def known_revisions() -> set[str]:
    """Every schema revision in kiosk/migrations/versions (a file at any of them can be
    upgraded by this program; a later one was written by a newer version)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("kiosk") / "migrations"))
    return {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}


def _refuse(file: Path, why: str, **details: str) -> DomainError:
    return DomainError(
        f"{file} cannot be restored: {why}; nothing was changed",
        code="restore_refused",
        path=str(file),
        **details,
    )


def check_backup_file(conn: sqlite3.Connection, file: Path) -> str:
    """Refuse ``file`` (open on ``conn``) unless it is an intact kiosk database at a known
    schema revision; returns the revision."""
    try:
        verdict = integrity(conn)
        tables = {
            str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        revisions = (
            [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
    except sqlite3.Error as exc:
        raise _refuse(file, f"it is not an intact SQLite database ({_said(exc)})") from None
    if verdict != ["ok"]:
        raise _refuse(file, f"it fails SQLite's integrity check ({'; '.join(verdict[:3])})")
    missing = KIOSK_TABLES - tables
    if missing:
        raise _refuse(file, f"it is not a kiosk database (no {', '.join(sorted(missing))} table)")
    if len(revisions) != 1:
        raise _refuse(file, "it is not a kiosk database (no single schema revision)")
    revision = revisions[0]
    if revision not in known_revisions():
        raise _refuse(
            file,
            f"its schema revision {revision} is not one this version of the program knows (a"
            " newer version wrote it): restore it with that version",
            revision=revision,
        )
    return revision


@contextmanager
def exclusive(live: Path, lock_timeout: float) -> Iterator[sqlite3.Connection]:
    """A connection that holds ``live`` exclusively until the block ends; refused while any
    other connection has it open."""
    conn = _open(live, "rw", timeout=lock_timeout)
    try:
        try:
            # Set before the first read: the lock taken is then kept until the connection
            # closes, and the WAL index lives in this connection's memory, not in the -shm.
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DomainError(
                    f"{live} is open in another program (a screen, the kiosk, a command):"
                    " close every one that uses it, then restore again; nothing was changed",
                    code="database_in_use",
                    path=str(live),
                ) from None
            raise _storage_error(f"cannot open {live}: {_said(exc)}", live, exc) from None
        except sqlite3.DatabaseError as exc:  # not SQLite at all: "file is not a database"
            raise _unreadable(live, exc) from None
        yield conn
    finally:
        conn.close()


def _unreadable(live: Path, exc: sqlite3.Error) -> DomainError:
    return DomainError(
        f"the database at {live} cannot be read to keep it aside ({_said(exc)}): move it away"
        f" yourself (mv {live} {live}.damaged, and any {live.name}-wal and {live.name}-shm"
        " with it), then restore again; nothing was changed",
        code="database_unreadable",
        path=str(live),
    )


def restore(db_url: str, file: Path, *, now: datetime, lock_timeout: float) -> Path | None:
    """See :func:`kiosk.backup.restore`."""
    live = files.sqlite_path(db_url)
    file = file.expanduser().absolute()
    if not file.is_file():
        raise DomainError(f"no backup file at {file}", code="not_found", path=str(file))
    if live.exists() and live.samefile(file):
        raise DomainError(f"{file} is the database itself", code="restore_refused")
    with closing(_open(file, "ro")) as source:
        revision = check_backup_file(source, file)
        fresh = not live.exists()
        if fresh:
            private_file(live)
        try:
            return _replace(source, live, file, revision, now, lock_timeout, fresh=fresh)
        except BaseException:
            if fresh:  # a refused restore leaves no new file behind
                for leftover in ("", "-journal", "-wal", "-shm"):
                    Path(f"{live}{leftover}").unlink(missing_ok=True)
            raise


def _replace(
    source: sqlite3.Connection,
    live: Path,
    file: Path,
    revision: str,
    now: datetime,
    lock_timeout: float,
    *,
    fresh: bool,
) -> Path | None:
    """Under the exclusive lock: keep the live database aside, copy ``source`` into it."""
    with exclusive(live, lock_timeout) as conn:
        aside = None if fresh else _keep_aside(conn, live, now)
        _copy_into(source, conn, live, file)
        found = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if found != [(revision,)]:
            raise StorageRefused(f"restoring {file} into {live} did not take: found {found}")
        # Stale files of the old database, which no connection uses now (this one keeps
        # its WAL index in memory and left WAL mode): the next opener starts clean.
        for leftover in (f"{live}-wal", f"{live}-shm"):
            Path(leftover).unlink(missing_ok=True)
    return aside


def _keep_aside(conn: sqlite3.Connection, live: Path, now: datetime) -> Path:
    """The live database as it is, copied to ``<name>.before-restore-YYYYMMDD-HHMMSS``: page
    for page, so a damaged database is kept as it was (restoring over it is what a restore is
    often for). One SQLite cannot read at all is refused, saying how to move it away."""
    aside = files.unique(live.parent, f"{live.name}.before-restore-", now, "")
    partial = files.new_partial(aside)
    try:
        with closing(sqlite3.connect(partial)) as copy:
            try:
                conn.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.DatabaseError as exc:
                raise _unreadable(live, exc) from None
        files.publish(partial, aside)
    finally:
        partial.unlink(missing_ok=True)
    return aside


def _copy_into(
    source: sqlite3.Connection, conn: sqlite3.Connection, live: Path, file: Path
) -> None:
    try:
        # Out of WAL (checkpointed, the -wal removed; possible as nobody else has it open): the
        # copy is then written under a rollback journal, which undoes it if the power fails.
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()
        if mode is None or str(mode[0]).lower() != "delete":
            raise StorageRefused(f"{live} could not leave WAL mode ({mode}): nothing was restored")
        source.backup(conn)
        verdict = integrity(conn, "quick_check")
    except sqlite3.Error as exc:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise _storage_error(
            f"restoring {file} into {live} failed: {_said(exc)}", live, exc
        ) from exc
    if verdict != ["ok"]:
        raise StorageRefused(f"{live} after restoring {file} fails its check: {verdict[:3]}")
