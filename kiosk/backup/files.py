"""Where backups go and what they are called; owner-only files; pruning the automatic ones."""

from __future__ import annotations

import contextlib
import os
import re
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.config_model import BackupConfig
from kiosk.db.database import describe
from kiosk.errors import DomainError
from kiosk.privacy import private_folder

MANUAL_PREFIX = "kiosk-"
AUTO_PREFIX = "kiosk-auto-"
STAMP = "%Y%m%d-%H%M%S"
# Only files named like this are automatic backups, and only those are ever pruned.
_AUTO_NAME = re.compile(r"kiosk-auto-(\d{8}-\d{6})(?:-(\d+))?\.sqlite")


def sqlite_path(db_url: str) -> Path:
    """The SQLite file of ``db_url``."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise DomainError(
            f"{describe(url)} is not a SQLite database file", code="not_sqlite", url=describe(url)
        )
    return Path(url.database).expanduser().resolve()


def folder(data_dir: Path, config: BackupConfig) -> Path:
    """The configured backup folder (relative to ``data_dir``), made owner-only if missing."""
    where = data_dir / Path(config.dir).expanduser()
    try:
        private_folder(where)
    except OSError as exc:
        raise DomainError(
            f"cannot make the backup folder {where}: {exc.strerror}",
            code="backup_folder",
            path=str(where),
        ) from None
    if not where.is_dir():
        raise DomainError(f"the backup folder {where} is not a folder", code="backup_folder")
    return where


def unique(where: Path, prefix: str, now: datetime, suffix: str) -> Path:
    """``<prefix>YYYYMMDD-HHMMSS<suffix>`` in ``where``; ``-2``, ``-3``… added within a second."""
    stem = prefix + now.strftime(STAMP)
    candidate = where / f"{stem}{suffix}"
    n = 1
    while candidate.exists() or _partial(candidate).exists():
        n += 1
        candidate = where / f"{stem}-{n}{suffix}"
    return candidate


def target(
    out: Path | None, data_dir: Path, config: BackupConfig, now: datetime, *, is_sqlite: bool
) -> Path:
    """The file a backup is written to: ``out``, or a new name in ``out`` when it is a folder or
    in the backup folder when it is None. An existing file is refused, never overwritten."""
    suffix = ".sqlite" if is_sqlite else ".dump"
    if out is None:
        return unique(folder(data_dir, config), MANUAL_PREFIX, now, suffix)
    out = out.expanduser()
    if out.is_dir():
        return unique(out, MANUAL_PREFIX, now, suffix)
    if out.exists() or out.is_symlink():
        raise DomainError(
            f"{out} already exists: a backup never overwrites a file; name a new one",
            code="backup_exists",
            path=str(out),
        )
    if not out.parent.is_dir():
        raise DomainError(
            f"cannot write {out}: the folder {out.parent} does not exist",
            code="backup_folder",
            path=str(out),
        )
    return out.absolute()


def _partial(final: Path) -> Path:
    return final.with_name(f".{final.name}.partial")


def new_partial(final: Path) -> Path:
    """A new, empty, owner-only (0600) file next to ``final`` to write it in, so that a backup
    that fails halfway never carries a backup's name. A partial file left by a crash is
    replaced."""
    partial = _partial(final)
    partial.unlink(missing_ok=True)
    try:
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise DomainError(
            f"cannot write the backup in {final.parent}: {exc.strerror}",
            code="backup_write",
            path=str(final),
        ) from None
    os.fchmod(fd, 0o600)  # whatever the umask
    os.close(fd)
    return partial


def publish(partial: Path, final: Path) -> None:
    """``partial``, written and checked, flushed to disk and given its final name at once."""
    try:
        fd = os.open(partial, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(partial, 0o600)
        os.replace(partial, final)
        sync_folder(final.parent)
    except OSError as exc:
        raise DomainError(
            f"cannot write the backup {final}: {exc.strerror}", code="backup_write", path=str(final)
        ) from None


def sync_folder(where: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system can sync a folder
        fd = os.open(where, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def automatic_backups(where: Path) -> list[Path]:
    """The automatic backups in ``where``, oldest first (by the time in their names)."""
    found: list[tuple[str, int, Path]] = []
    for entry in where.iterdir():
        match = _AUTO_NAME.fullmatch(entry.name)
        if match and entry.is_file() and not entry.is_symlink():
            found.append((match.group(1), int(match.group(2) or 1), entry))
    return [path for _, _, path in sorted(found)]


def prune(where: Path, keep: int) -> list[Path]:
    """Remove the oldest automatic backups in ``where`` beyond the newest ``keep``; returns
    what was removed. Other files are never touched."""
    backups = automatic_backups(where)
    doomed = backups[: max(0, len(backups) - max(keep, 1))]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed
