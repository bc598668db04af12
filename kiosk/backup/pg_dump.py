"""PostgreSQL: ``pg_dump --format=custom`` with the database URL's connection.

The password goes to pg_dump through ``PGPASSWORD`` in its environment, never on its command line
(where ``ps`` shows it to every user of the machine). The dump is written owner-only and named only
once ``pg_restore --list`` has read it back.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL

from kiosk.backup import files
from kiosk.db.database import describe
from kiosk.errors import DomainError, StorageRefused, Unreachable

SERVER_BIN_GLOB = "/usr/lib/postgresql/*/bin"  # Debian and Ubuntu keep the binaries per version
CONNECT_TIMEOUT_S = "10"

CRON_EXAMPLE = (
    "30 2 * * * pg_dump --format=custom"
    " --file=/var/backups/kiosk/kiosk-$(date +\\%Y\\%m\\%d).dump 'postgresql://USER@HOST/DB'"
)


def find_tool(name: str) -> Path | None:
    """``name`` on PATH, else next to the newest PostgreSQL server binaries."""
    found = shutil.which(name)
    if found:
        return Path(found)
    folders = sorted(glob.glob(SERVER_BIN_GLOB), key=_version, reverse=True)
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _version(folder: str) -> tuple[int, ...]:
    digits = Path(folder).parent.name
    return tuple(int(p) for p in digits.split(".") if p.isdigit())


def connection(url: URL) -> tuple[str, str | None]:
    """libpq's ``key=value`` connection string for ``url``, without the password, and the
    password (for PGPASSWORD)."""
    params: dict[str, str] = {}
    if url.host:
        params["host"] = url.host
    if url.port:
        params["port"] = str(url.port)
    if url.username:
        params["user"] = url.username
    if url.database:
        params["dbname"] = url.database
    password = url.password
    for key, value in url.query.items():  # psycopg hands these to libpq as they are
        text = value if isinstance(value, str) else ",".join(value)
        if key == "password":
            password = text
        else:
            params[key] = text
    params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    return " ".join(f"{k}={_quoted(v)}" for k, v in params.items()), (
        None if password is None else str(password)
    )


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def dump(url: URL, final: Path) -> None:
    """``pg_dump --format=custom`` of ``url`` into ``final`` (owner-only, read back before it
    is named)."""
    pg_dump = find_tool("pg_dump")
    if pg_dump is None:
        raise DomainError(
            f"pg_dump was not found (on PATH or in {SERVER_BIN_GLOB}): install the PostgreSQL"
            " client tools (apt-get install postgresql-client) or, better, schedule pg_dump on"
            f" the database server, e.g. a crontab line: {CRON_EXAMPLE}",
            code="pg_dump_missing",
        )
    conninfo, password = connection(url)
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = password
    where = describe(url)
    partial = files.new_partial(final)
    try:
        command = [str(pg_dump), "--format=custom", "--no-password", f"--file={partial}"]
        done = subprocess.run(
            [*command, f"--dbname={conninfo}"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            said = " ".join(done.stderr.strip().splitlines()[-3:]) or f"exit {done.returncode}"
            raise Unreachable(f"pg_dump of {where} failed: {said}", url=where)
        _read_back(pg_dump, partial, final, where)
        files.publish(partial, final)
    except OSError as exc:
        raise DomainError(
            f"cannot run {pg_dump} for {where}: {exc.strerror}", code="pg_dump_failed"
        ) from None
    finally:
        partial.unlink(missing_ok=True)


def _read_back(pg_dump: Path, partial: Path, final: Path, where: str) -> None:
    """``pg_restore --list`` reads the dump's table of contents: a truncated file fails."""
    pg_restore = pg_dump.with_name("pg_restore")
    if not pg_restore.is_file():
        return
    listed = subprocess.run(
        [str(pg_restore), "--list", str(partial)], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        said = " ".join(listed.stderr.strip().splitlines()[-2:])
        raise StorageRefused(
            f"the dump of {where} to {final} cannot be read back: {said}", url=where
        )
