"""The domain half of the ``kiosk`` command: database, day, simulation, reports, config.

The console script lives in :mod:`ui.cli`, which adds the commands that need Qt or a printer
(``run``, ``printer test``) to the parser built here. Every command takes ``--db URL`` and
``--config FILE``; with neither it uses the embedded SQLite file in the user data directory.
Exit status: 0 done, 1 refused (a domain error, said on stderr), 2 bad usage or config.

The commands live in one module per group (:mod:`kiosk.cli.day`, ``db``, ``record``, ``report``,
``simulate``, ``staff``, ``appointments``); :mod:`kiosk.cli.parser` binds them to the command line.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from kiosk.cli.context import Context, data_dir, database_url, day_argument
from kiosk.cli.parser import build_parser
from kiosk.config import ConfigError, load_config
from kiosk.errors import KioskError
from kiosk.logs import start_logging

__all__ = ["Context", "build_parser", "data_dir", "database_url", "day_argument", "main"]


CREATES_DATABASE = {("db", "upgrade"), ("db", "restore"), ("day", "open"), ("simulate", None)}
"""The commands that may create a --db SQLite file that does not exist yet (and say so)."""


def _command(args: argparse.Namespace) -> tuple[str, str | None]:
    sub = next(
        (v for k, v in vars(args).items() if k.endswith("_command") and isinstance(v, str)), None
    )
    return str(args.command), sub


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


def main(argv: list[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    if parser is None:
        parser, _ = build_parser()
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    ctx = Context(args, config)
    created: Path | None = None
    if args.db:
        target = _sqlite_file(str(args.db))
        if target is not None and not target.exists():
            if not target.parent.is_dir():
                print(f"kiosk: --db {target}: the folder {target.parent} does not exist",
                      file=sys.stderr)  # fmt: skip
                return 2
            if _command(args) not in CREATES_DATABASE:
                print(
                    f"kiosk: --db {target}: no such database (a new one is created only by"
                    " db upgrade, day open and simulate)",
                    file=sys.stderr,
                )
                return 2
            created = target
    try:
        stop_logging = start_logging(data_dir())
    except OSError as exc:  # a log that cannot be written must not stop the site's work
        print(f"kiosk: cannot write the log in {data_dir()}: {exc}", file=sys.stderr)
        stop_logging = None
    code = 1
    try:
        code = int(args.handler(ctx))
        if created is not None and code == 0:
            print(f"kiosk: created the database {created}", file=sys.stderr)
        return code
    except KioskError as exc:  # a refusal, or the database: said as the engine says it
        print(f"kiosk: {exc.args[0]} [{exc.code}]", file=sys.stderr)
        today = datetime.now(ZoneInfo(config.site.timezone)).date().isoformat()
        not_opened = exc.code == "day_not_open" and exc.details.get("status") == "not_opened"
        if not_opened and exc.details.get("day") == today:
            print(
                "  open it with: kiosk day open --lot PRODUCT,LOT,EXPIRY,DOSES_PER_VIAL,VIALS"
                "  (the site code comes from the config's [site] code)",
                file=sys.stderr,
            )
        return 1
    except KeyboardInterrupt:
        print("kiosk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kiosk ... | head`: the reader has what it wanted; say nothing
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's own flush at exit must not fail
        return 1
    except Exception as exc:  # the one boundary: a line that says what went wrong, and where
        if args.debug:
            traceback.print_exc()
        print(f"kiosk: {describe_error(exc)}", file=sys.stderr)
        return 1
    finally:
        if stop_logging is not None:
            stop_logging()
        if created is not None and code != 0:  # a refused command leaves no new file behind
            for leftover in (created, *(Path(f"{created}{x}") for x in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)


def describe_error(exc: BaseException) -> str:
    """One line for an error the commands do not expect: what, and where when known."""
    if isinstance(exc, sa_exc.DatabaseError) and "file is not a database" in str(exc):
        return "the --db file is not a kiosk database (SQLite: file is not a database)"
    if isinstance(exc, sa_exc.DBAPIError):
        return f"the database refused: {exc.orig}"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return f"{type(exc).__name__}: {exc}"
