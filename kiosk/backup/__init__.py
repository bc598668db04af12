"""Backups (issue 14): copies of the database taken while the screens keep working, restored
only after they are checked, and a check that the day's figures agree with the event log.

- :func:`backup`: SQLite through its online backup API (one read snapshot: writers carry on, as
  WAL lets them), into an owner-only file that passes ``PRAGMA integrity_check`` before it gets
  its name; PostgreSQL through ``pg_dump --format=custom``.
- :func:`automatic_backup`: what closing the day takes, into the configured folder, keeping the
  newest ``[backup] keep`` of the automatic ones (files named ``kiosk-auto-…``; nothing else in
  the folder is touched).
- :func:`restore`: SQLite only; the file is checked first, the database must be closed everywhere,
  and the database as it was is kept aside.
- :func:`check`: the day's figures recounted from the tickets and from the event log.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.backup import files, pg_dump, sqlite_copy
from kiosk.backup.check import check
from kiosk.config_model import BackupConfig
from kiosk.db.database import describe
from kiosk.errors import DomainError

__all__ = ["automatic_backup", "backup", "check", "restore"]


def backup(
    db_url: str,
    out: Path | None = None,
    *,
    data_dir: Path,
    now: datetime,
    config: BackupConfig | None = None,
    verify: str = "integrity_check",
) -> Path:
    """Back up the database at ``db_url`` to ``out`` and return the file written.

    Without ``out`` (or with a folder) the file is ``kiosk-YYYYMMDD-HHMMSS.sqlite`` (``.dump`` for
    PostgreSQL), named after ``now`` as given (pass the site's local time), in the configured
    backup folder (``<data_dir>/backups`` by default; made owner-only). An existing file is
    never overwritten. ``verify`` (SQLite): the check of the copy, ``integrity_check`` or the
    faster ``quick_check``."""
    url = make_url(db_url)
    is_sqlite = url.get_backend_name() == "sqlite"
    target = files.target(out, data_dir, config or BackupConfig(), now, is_sqlite=is_sqlite)
    if is_sqlite:
        sqlite_copy.backup(files.sqlite_path(db_url), target, verify)
    else:
        pg_dump.dump(url, target)
    return target


def automatic_backup(
    db_url: str,
    data_dir: Path,
    config: BackupConfig,
    now: datetime,
    *,
    verify: str = "quick_check",
) -> Path | None:
    """The backup that closing the day takes (SQLite), then the oldest automatic backups beyond
    ``config.keep`` removed. None on PostgreSQL: schedule ``pg_dump`` on the server instead.
    ``verify`` as :func:`backup`'s (every page is read back either way)."""
    if make_url(db_url).get_backend_name() != "sqlite":
        return None
    folder = files.folder(data_dir, config)
    target = files.unique(folder, files.AUTO_PREFIX, now, ".sqlite")
    sqlite_copy.backup(files.sqlite_path(db_url), target, verify)
    files.prune(folder, config.keep)
    return target


def restore(db_url: str, file: Path, *, now: datetime, lock_timeout: float = 0.5) -> Path | None:
    """Replace the SQLite database at ``db_url`` with the backup ``file``: refused (nothing
    changed) unless the file is an intact kiosk database at a schema revision this program knows
    and no other connection (another screen, command or process) has the database open. The
    database as it was is kept aside as ``<name>.before-restore-YYYYMMDD-HHMMSS`` (owner-only);
    returns that file (None when there was no database to keep)."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite":
        raise DomainError(
            f"restore is for the SQLite database; restore a PostgreSQL dump with pg_restore"
            f" (e.g. pg_restore --clean --if-exists --dbname=DB {file}) into {describe(url)}",
            code="restore_not_sqlite",
        )
    return sqlite_copy.restore(db_url, file, now=now, lock_timeout=lock_timeout)
