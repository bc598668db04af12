"""What every command receives: the :class:`Context` built from the global options; the data
folder, the argument types, and the helpers several command groups share."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from kiosk.bootstrap import LIVE, default_url, open_database
from kiosk.clock import Clock, SystemClock
from kiosk.config import Config
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.errors import DomainError
from kiosk.model import Actor

log = logging.getLogger(__name__)


def data_dir() -> Path:
    """Where the embedded database and PDF tickets live (``KIOSK_DATA_DIR`` overrides)."""
    override = os.environ.get("KIOSK_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("vaccination-kiosk", appauthor=False))


@dataclass
class Context:
    """What a command needs, built once from the global options."""

    args: argparse.Namespace
    config: Config

    def url(self, purpose: str = LIVE) -> str:
        if self.args.db:
            return str(self.args.db)
        if purpose == LIVE and self.config.database.url:
            return self.config.database.url
        return default_url(data_dir(), purpose)

    def engine(self, clock: Clock | None = None, purpose: str = LIVE) -> Engine:
        clock = clock or SystemClock()
        db = open_database(self.url(purpose), self.config.site.code, purpose, clock.now())
        return Engine(db, clock, self.config.site.code, self.config.site.timezone)

    def actor(self) -> Actor:
        # The OS user at the site's own PC: a manager's role, audited by name (cli:<user>).
        return Actor(
            staff=f"cli:{getpass.getuser()}", terminal=socket.gethostname(), role="manager"
        )


Handler = Callable[[Context], int]


def common_options(default: Any = argparse.SUPPRESS) -> argparse.ArgumentParser:
    """``--db`` and ``--config``, accepted before the command and after it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        type=database_url,
        default=default,
        help="database URL or SQLite file path (default: the embedded SQLite file)",
    )
    common.add_argument(
        "--config", metavar="FILE", type=Path, default=default, help="site config (TOML)"
    )
    return common


class Subcommands:
    """Adds subcommands that all take the common options."""

    def __init__(self, action: Any) -> None:
        self.action = action
        self.common = common_options()

    def add_parser(self, name: str, **kw: Any) -> argparse.ArgumentParser:
        return self.action.add_parser(name, parents=[self.common], **kw)  # type: ignore[no-any-return]

    def add_subparsers(self, parser: argparse.ArgumentParser, dest: str) -> Subcommands:
        return Subcommands(parser.add_subparsers(dest=dest, required=True, metavar="COMMAND"))


def take_argument(text: str) -> tuple[str, int]:
    name, sep, count = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected LOT=VIALS, not {text!r}")
    try:
        return name.strip(), int(count)
    except ValueError:
        raise argparse.ArgumentTypeError(f"VIALS must be a whole number, not {count!r}") from None


def day_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written YYYY-MM-DD (e.g. 2026-11-29)"
        ) from None


def time_argument(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a time written HH:MM (e.g. 10:30)"
        ) from None


def database_url(text: str) -> str:
    """A database URL; a plain file path means that SQLite file, and ``postgres://`` (as other
    tools write it) means PostgreSQL through psycopg."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty database URL")
    if "://" not in text:
        return sqlite_url(Path(text).expanduser().resolve())
    scheme, rest = text.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    try:
        url = make_url(text)
    except sa_exc.ArgumentError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a database URL (e.g. sqlite:////path/kiosk.sqlite or"
            " postgresql+psycopg://user@host/db) or a file path"
        ) from None
    if url.get_backend_name() not in ("sqlite", "postgresql") or url.get_driver_name() not in (
        "pysqlite",
        "psycopg",
    ):
        raise argparse.ArgumentTypeError(
            f"{scheme!r} databases are not supported: use a SQLite file or"
            " postgresql+psycopg://user@host/db"
        )
    return text


def site_now(ctx: Context) -> datetime:
    return SystemClock().now().astimezone(site_tz(ctx))


def site_tz(ctx: Context) -> Any:

    return ZoneInfo(ctx.config.site.timezone)


def fresh_training_file(url: str) -> None:
    """The default training database is the simulation's own: each run starts it afresh."""
    path = Path(url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def manager_actor(ctx: Context, engine: Engine, pin: str) -> Actor:
    """The manager named by ``--staff``, signed in with ``pin``: records are theirs to read."""
    from kiosk.staff import StaffDirectory

    member = StaffDirectory(engine.db, engine.clock, engine.site).sign_in(ctx.args.staff, pin)
    if member.role != "manager":
        raise DomainError(
            f"{member.name} is not a manager: records are read by a manager",
            code="not_allowed",
        )
    return Actor(staff=member.name, terminal=f"cli:{socket.gethostname()}", role=member.role)


def stdin_lines(count: int) -> list[str]:
    """The first ``count`` lines of standard input (the PIN, and a document number before it)."""
    what = "the document number and the PIN" if count == 2 else "the PIN"
    lines = [sys.stdin.readline().strip() for _ in range(count)]
    if not all(lines):
        raise DomainError(
            f"give {what} on standard input, one per line (they stay out of shell history)",
            code="invalid_input",
        )
    return lines
