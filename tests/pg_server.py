"""A real PostgreSQL server for tests: initdb into a temporary folder, run as the postgres user,
listening only on a Unix socket in that folder. Started once per session, a database per test."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from tests.ci import unavailable as _unavailable

BIN_CANDIDATES = [Path("/usr/lib/postgresql") / v / "bin" for v in ("17", "16", "15", "14")]


def pg_bin() -> Path | None:
    for candidate in BIN_CANDIDATES:
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def unavailable(reason: str) -> NoReturn:
    """Skip where PostgreSQL cannot run; in CI its absence is a failure, not a skip."""
    _unavailable("PostgreSQL test server", reason)


class PgServer:
    def __init__(self, port: int = 54329) -> None:
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.port = port
        self.counter = 0

    def _as_postgres(self, *cmd: str) -> subprocess.CompletedProcess[str]:
        if os.geteuid() == 0:
            cmd = ("runuser", "-u", "postgres", "--", *cmd)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> None:
        if self.bin is None:
            unavailable("no PostgreSQL server binaries (apt-get install postgresql)")
        assert self.bin is not None
        os.chmod(self.dir, 0o777)
        data = self.dir / "data"
        done = self._as_postgres(
            str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"
        )
        if done.returncode != 0:
            unavailable(f"initdb failed: {done.stderr.strip()[-300:]}")
        self.resume()

    def resume(self) -> None:
        """Start the server (again, on the same data)."""
        assert self.bin is not None
        data = self.dir / "data"
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses='' -c fsync=off"
        done = self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(self.dir / "log"),
            "-w", "start",
        )  # fmt: skip
        if done.returncode != 0:
            log = (self.dir / "log").read_text(errors="replace")[-500:]
            unavailable(f"PostgreSQL did not start: {done.stderr.strip()} {log}")

    def pause(self) -> None:
        """Stop the server at once, keeping its data (what a crashed server looks like)."""
        assert self.bin is not None
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"
        )

    def stop(self) -> None:
        if self.bin is not None and (self.dir / "data").exists():
            self._as_postgres(
                str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop"
            )
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.dir}&port={self.port}"

    def new_database(self) -> str:
        import psycopg

        self.counter += 1
        name = f"kiosk_test_{self.counter}"
        with psycopg.connect(
            host=str(self.dir), port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh, empty database on the session's server."""
    return pg_server.new_database()
