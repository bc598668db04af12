"""The domain half of the ``kiosk`` command: database, day, simulation, reports, config.

The console script lives in :mod:`ui.cli`, which adds the commands that need Qt or a printer
(``run``, ``printer test``) to the parser built here. Every command takes ``--db URL`` and
``--config FILE``; with neither it uses the embedded SQLite file in the user data directory.
Exit status: 0 done, 1 refused (a domain error, said on stderr), 2 bad usage or config.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import socket
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from kiosk import cli_appointments, limits, report
from kiosk.bootstrap import LIVE, TRAINING, default_url, open_database
from kiosk.clock import Clock, FakeClock, SystemClock
from kiosk.config import Config, ConfigError, check_config, load_config
from kiosk.db.database import Database, describe, sqlite_url
from kiosk.documents import DOCUMENT_TYPES
from kiosk.dose_rules import rules_from_config
from kiosk.engine import Engine
from kiosk.errors import DomainError, KioskError, NotFound
from kiosk.logs import start_logging
from kiosk.model import Actor, LotIn
from kiosk.privacy import private_text_file

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


class _Sub:
    """Adds subcommands that all take the common options."""

    def __init__(self, action: Any) -> None:
        self.action = action
        self.common = common_options()

    def add_parser(self, name: str, **kw: Any) -> argparse.ArgumentParser:
        return self.action.add_parser(name, parents=[self.common], **kw)  # type: ignore[no-any-return]

    def add_subparsers(self, parser: argparse.ArgumentParser, dest: str) -> _Sub:
        return _Sub(parser.add_subparsers(dest=dest, required=True, metavar="COMMAND"))


def build_parser() -> tuple[argparse.ArgumentParser, _Sub]:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="On-site vaccination queue", parents=[common_options(None)]
    )
    sub = _Sub(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))

    p = sub.add_parser("db", help="database maintenance")
    dbsub = sub.add_subparsers(p, "db_command")
    dbsub.add_parser("upgrade", help="apply migrations (idempotent)").set_defaults(
        handler=cmd_db_upgrade
    )
    b = dbsub.add_parser(
        "backup", help="copy the database (SQLite: safe while the screens run; PostgreSQL: pg_dump)"
    )
    b.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="the file (or folder) to write (default: a new file in the [backup] dir)",
    )
    b.add_argument(
        "--full-check",
        action="store_true",
        help="check the copy with PRAGMA integrity_check (every index against its table; slower)",
    )
    b.set_defaults(handler=cmd_db_backup)
    rs = dbsub.add_parser(
        "restore", help="replace the SQLite database with a checked backup (close every screen)"
    )
    rs.add_argument("file", type=Path)
    rs.set_defaults(handler=cmd_db_restore)
    ck = dbsub.add_parser(
        "check", help="recount a day's figures from the tickets and from the event log"
    )
    ck.add_argument("--day", type=day_argument, help="YYYY-MM-DD (default: today)")
    ck.set_defaults(handler=cmd_db_check)

    p = sub.add_parser("config", help="site config")
    csub = sub.add_subparsers(p, "config_command")
    c = csub.add_parser("check", help="report every error in a config file")
    c.add_argument("file", type=Path)
    c.set_defaults(handler=cmd_config_check)

    p = sub.add_parser("day", help="open, inspect and close the service day")
    dsub = sub.add_subparsers(p, "day_command")
    o = dsub.add_parser("open", help="open today with capacity and the lots on hand")
    o.add_argument("--capacity", type=int)
    o.add_argument("--observation-minutes", type=int)
    o.add_argument("--grace-minutes", type=int)
    o.add_argument("--fridge", type=float, metavar="CELSIUS", help="the fridge's temperature now")
    o.add_argument(
        "--lot",
        action="append",
        default=[],
        metavar="PRODUCT,LOT,EXPIRY,DOSES_PER_VIAL,VIALS",
        help="a lot on hand, e.g. '新冠疫苗,L2026A,2027-03-01,1,300' (repeatable)",
    )
    o.add_argument(
        "--take",
        action="append",
        default=[],
        type=take_argument,
        metavar="LOT=VIALS",
        help="move unopened vials of a lot on hand into the day (repeatable; PRODUCT/LOT when"
        " two products share a lot number)",
    )
    o.set_defaults(handler=cmd_day_open)
    al = dsub.add_parser(
        "add-lot", help="add to today's stock: a delivery (LOT), or vials on hand (--take)"
    )
    al.add_argument("lot", nargs="?", metavar="PRODUCT,LOT,EXPIRY,DOSES_PER_VIAL,VIALS")
    al.add_argument(
        "--take",
        action="append",
        default=[],
        type=take_argument,
        metavar="LOT=VIALS",
        help="move unopened vials of a lot on hand into today (repeatable)",
    )
    al.add_argument(
        "--box-codes",
        type=Path,
        metavar="FILE",
        help="the traceability codes of the lot's boxes, one per line (# starts a comment)",
    )
    al.set_defaults(handler=cmd_day_add_lot)
    dsub.add_parser(
        "status", help="today's figures and whether numbers can be issued"
    ).set_defaults(handler=cmd_day_status)
    cl = dsub.add_parser(
        "close", help="close today once it balances: whoever still waits is unserved"
    )
    cl.add_argument(
        "--acknowledge",
        action="store_true",
        help='release whoever is still in observation and close open adverse events ("day closed")',
    )
    cl.add_argument("--fridge", type=float, metavar="CELSIUS", help="the fridge's temperature now")
    cl.add_argument("--json", action="store_true", help="print the reconciliation as JSON")
    cl.add_argument("--day", type=day_argument, help="YYYY-MM-DD (default: today)")
    cl.set_defaults(handler=cmd_day_close)
    ro = dsub.add_parser("reopen", help="open a closed day again, with the reason (audited)")
    ro.add_argument("reason")
    ro.add_argument("--day", type=day_argument, help="YYYY-MM-DD (default: today)")
    ro.set_defaults(handler=cmd_day_reopen)
    ad = dsub.add_parser("add-desk", help="let one more desk or station call today")
    ad.add_argument("name")
    ad.set_defaults(handler=cmd_day_add_desk)
    cap = dsub.add_parser("capacity", help="change today's capacity (0 pauses issuing)")
    cap.add_argument("capacity", type=int)
    cap.set_defaults(handler=cmd_day_capacity)

    p = sub.add_parser("stock", help="vaccine lots on hand, carried over from day to day")
    ssub0 = sub.add_subparsers(p, "stock_command")
    rc = ssub0.add_parser("receive", help="a delivery into the inventory")
    rc.add_argument("lot", metavar="PRODUCT,LOT,EXPIRY,DOSES_PER_VIAL,VIALS")
    rc.add_argument(
        "--box-codes",
        type=Path,
        metavar="FILE",
        help="the traceability codes of the lot's boxes, one per line (# starts a comment)",
    )
    rc.set_defaults(handler=cmd_stock_receive)
    ls = ssub0.add_parser("list", help="unopened vials on hand")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_stock_list)

    p = sub.add_parser("staff", help="staff who sign in at the consoles")
    ssub = sub.add_subparsers(p, "staff_command")
    a = ssub.add_parser("add", help="add a staff member (asks for the PIN)")
    a.add_argument("name")
    a.add_argument("--role", choices=("nurse", "manager"), default="nurse")
    a.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")
    a.set_defaults(handler=cmd_staff_add)
    ssub.add_parser("list", help="who can sign in").set_defaults(handler=cmd_staff_list)

    s = sub.add_parser("simulate", help="a whole service day in the training database")
    s.add_argument("--residents", type=int, required=True)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--day", type=day_argument, help="YYYY-MM-DD (default: today)")
    s.add_argument(
        "--days",
        type=int,
        default=1,
        help="simulate N consecutive days ending on --day; those due a later dose come back",
    )
    s.add_argument("--capacity", type=int)
    s.add_argument("--stock", type=int)
    s.add_argument("--until", type=time_argument, metavar="HH:MM")
    s.add_argument(
        "--registration-desks",
        type=int,
        metavar="R",
        help="registration desks (default: the config's, or more for many residents)",
    )
    s.add_argument("--stations", type=int, metavar="S", help="vaccination stations (likewise)")
    s.add_argument("--json", action="store_true", help="print the day's summary as JSON")
    s.set_defaults(handler=cmd_simulate)

    pl = sub.add_parser("plan", help="the fewest desks, stations and seats for a target wait")
    pl.add_argument("--residents", type=int, required=True)
    pl.add_argument(
        "--target-wait",
        type=float,
        required=True,
        metavar="MIN",
        help="p90 wait from taking a number to the first call, in minutes (seeds 1-5, the worst)",
    )
    pl.add_argument("--json", action="store_true", help="print the plan as JSON")
    pl.set_defaults(handler=cmd_plan)

    p = sub.add_parser("record", help="vaccination records (personal data: a manager's PIN)")
    rsub = sub.add_subparsers(p, "record_command")
    staff_help = "the manager asking; their PIN is read from standard input"
    ex = rsub.add_parser("export", help="every dose given in a date range, one row each")
    ex.add_argument("--from", dest="first", type=day_argument, metavar="YYYY-MM-DD")
    ex.add_argument("--to", dest="last", type=day_argument, metavar="YYYY-MM-DD")
    ex.add_argument("--format", choices=("csv", "json"), required=True)
    ex.add_argument("--out", type=Path, help="write to FILE (owner-only) instead of stdout")
    ex.add_argument("--staff", required=True, metavar="NAME", help=staff_help)
    ex.set_defaults(handler=cmd_record_export)
    ae = rsub.add_parser("aefi", help="the adverse events (AEFI line list) in a date range")
    ae.add_argument("--from", dest="first", type=day_argument, metavar="YYYY-MM-DD")
    ae.add_argument("--to", dest="last", type=day_argument, metavar="YYYY-MM-DD")
    ae.add_argument("--format", choices=("csv", "json"), required=True)
    ae.add_argument("--out", type=Path, help="write to FILE (owner-only) instead of stdout")
    ae.add_argument("--staff", required=True, metavar="NAME", help=staff_help)
    ae.set_defaults(handler=cmd_record_aefi)
    sh = rsub.add_parser("show", help="one person's record, by their document or a slip's QR")
    sh.add_argument("number", nargs="?", help="the document number; - reads it from standard input")
    sh.add_argument("--token", help="the token in a record slip's QR code")
    sh.add_argument("--type", default="resident_id", choices=DOCUMENT_TYPES)
    sh.add_argument("--country", metavar="ISO3", help="a passport's issuing country")
    sh.add_argument("--json", action="store_true")
    sh.add_argument("--staff", required=True, metavar="NAME", help=staff_help)
    sh.set_defaults(handler=cmd_record_show)

    r = sub.add_parser("report", help="the day report, or the cumulative one (JSON, CSV, PDF)")
    r.add_argument("--day", type=day_argument, help="YYYY-MM-DD (default: today)")
    r.add_argument(
        "--cumulative", action="store_true", help="every service day up to that day (累计)"
    )
    r.add_argument(
        "--format",
        choices=("json", "csv", "pdf"),
        default="json",
        help="csv: long form day,figure,dimension,value (UTF-8 with BOM); pdf: A4 with charts",
    )
    r.add_argument("--out", type=Path, help="write to FILE instead of standard output")
    r.add_argument("--training", action="store_true", help="report from the training database")
    r.set_defaults(handler=cmd_report)
    cli_appointments.register(sub, day_argument)  # import-appointments, appointments (issue 17)
    return parser, sub


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


# --- commands ----------------------------------------------------------------------------------


def cmd_db_upgrade(ctx: Context) -> int:
    from kiosk.db import migrate

    db = Database(ctx.url())
    before, after = migrate.upgrade(db)
    print(f"{describe(db.url)}: schema {before or 'empty'} -> {after}")
    return 0


def _site_now(ctx: Context) -> datetime:
    return SystemClock().now().astimezone(_tz(ctx))


def cmd_db_backup(ctx: Context) -> int:
    from kiosk import backup

    written = backup.backup(
        ctx.url(),
        ctx.args.out,
        data_dir=data_dir(),
        now=_site_now(ctx),
        config=ctx.config.backup,
        verify="integrity_check" if ctx.args.full_check else "quick_check",
    )
    print(f"backed up {describe(ctx.url())} to {written}")
    return 0


def cmd_db_restore(ctx: Context) -> int:
    from kiosk import backup

    # never ctx.engine() here: its open connection would keep the restore out
    aside = backup.restore(ctx.url(), ctx.args.file, now=_site_now(ctx))
    print(f"restored {ctx.args.file} into {describe(ctx.url())}")
    if aside is not None:
        print(f"  the database as it was is kept in {aside}")
    return 0


def cmd_db_check(ctx: Context) -> int:
    from kiosk import backup

    engine = ctx.engine()
    day = ctx.args.day or engine.today()
    lines = backup.check(engine, day)
    for line in lines:
        print(line)
    if not lines:
        print(f"day {day}: the tickets, vials and record agree with the event log")
    return 1 if lines else 0


def cmd_config_check(ctx: Context) -> int:
    issues = check_config(ctx.args.file)
    if not issues:
        print(f"{ctx.args.file}: OK")
        return 0
    for issue in issues:
        where = f"{issue.key}: " if issue.key else ""
        print(f"{ctx.args.file}: {where}{issue.reason}", file=sys.stderr)
    return 2


LOT_FIELDS = "PRODUCT,LOT,EXPIRY,DOSES_PER_VIAL,VIALS[,USE_WITHIN_MIN]"


def parse_lot(text: str) -> LotIn:
    """``PRODUCT,LOT,EXPIRY,DOSES_PER_VIAL,VIALS[,USE_WITHIN_MIN]``; an error names the field."""
    parts = [p.strip() for p in text.replace("，", ",").split(",")]  # a full-width comma too
    if len(parts) not in (5, 6):
        raise DomainError(
            f"lot {text!r}: expected {LOT_FIELDS} ({len(parts)} fields given)",
            code="invalid_input",
        )

    def number(index: int, name: str) -> int:
        try:
            value = int(parts[index])
        except ValueError:
            raise DomainError(
                f"lot {text!r}: {name} must be a whole number, not {parts[index]!r}",
                code="invalid_input",
                field=name,
            ) from None
        return value

    try:
        expiry = date.fromisoformat(parts[2])
    except ValueError:
        raise DomainError(
            f"lot {text!r}: EXPIRY must be a date written YYYY-MM-DD, not {parts[2]!r}",
            code="invalid_input",
            field="EXPIRY",
        ) from None
    return LotIn(
        product=parts[0],
        lot=parts[1],
        expiry=expiry,
        doses_per_vial=number(3, "DOSES_PER_VIAL"),
        vials=number(4, "VIALS"),
        use_within_minutes=number(5, "USE_WITHIN_MIN") if len(parts) == 6 else 480,
    )


def cmd_day_open(ctx: Context) -> int:
    a, d = ctx.args, ctx.config.day
    capacity = d.capacity if a.capacity is None else a.capacity
    minutes = d.observation_minutes if a.observation_minutes is None else a.observation_minutes
    grace = d.missed_grace_minutes if a.grace_minutes is None else a.grace_minutes
    # Checked before the database is opened: a refused command creates nothing.
    limits.number(capacity, "capacity")
    limits.number(minutes, "observation_minutes")
    limits.number(grace, "missed_grace_minutes")
    lots_in = [parse_lot(text) for text in a.lot]
    engine = ctx.engine()
    status = engine.day.open(
        rules=rules_from_config(ctx.config),
        capacity=capacity,
        observation_minutes=minutes,
        missed_grace_minutes=grace,
        lots_in=lots_in,
        actor=ctx.actor(),
        prefixes=tuple(c.prefix for c in ctx.config.categories),
        allergy_extra_minutes=d.allergy_extra_minutes,
        desks=tuple(desk.name for desk in ctx.config.desks),
        fridge_c=a.fridge,
        take=_takes(a.take),
    )
    print_status(status)
    return 0


def cmd_day_add_lot(ctx: Context) -> int:
    a = ctx.args
    if a.lot is None and not a.take:
        raise DomainError("give a lot (PRODUCT,LOT,EXPIRY,DOSES_PER_VIAL,VIALS) or --take LOT=VIALS",
                          code="invalid_input")  # fmt: skip
    engine = ctx.engine()
    if a.lot is not None:
        lot = parse_lot(a.lot)
        codes = _box_codes(ctx, a.box_codes) if a.box_codes else None
        status = engine.day.add_lot(lot, actor=ctx.actor(), box_codes=codes)
        if codes:
            print(f"  {len(codes)} box code(s) listed for lot {lot.lot}")
    if a.take:
        status = engine.day.take(_takes(a.take), actor=ctx.actor())
    print_status(status)
    return 0


def _takes(pairs: list[tuple[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for name, count in pairs:
        out[name] = out.get(name, 0) + count
    return out


def cmd_stock_receive(ctx: Context) -> int:
    codes = _box_codes(ctx, ctx.args.box_codes) if ctx.args.box_codes else None
    got = ctx.engine().inventory.receive(
        parse_lot(ctx.args.lot), actor=ctx.actor(), box_codes=codes
    )
    print(f"on hand: {got.product} lot {got.lot}: {got.vials} vial(s) x {got.doses_per_vial},"
          f" expires {got.expiry}")  # fmt: skip
    if codes:
        print(f"  {len(codes)} box code(s) listed")
    return 0


def cmd_stock_list(ctx: Context) -> int:
    engine = ctx.engine()
    today = engine.today()
    on_hand = engine.inventory.on_hand()
    if ctx.args.json:
        rows = [
            {
                "product": x.product,
                "lot": x.lot,
                "expiry": x.expiry.isoformat(),
                "doses_per_vial": x.doses_per_vial,
                "vials": x.vials,
            }  # fmt: skip
            for x in on_hand
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for x in on_hand:
        flag = "  EXPIRED" if x.expired(today) else ""
        print(f"{x.product}\t{x.lot}\t{x.expiry}\t{x.vials} x {x.doses_per_vial}{flag}")
    if not on_hand:
        print("nothing on hand")
    return 0


def _box_codes(ctx: Context, path: Path) -> list[str]:
    """The codes in a box-codes file, every bad line refused at once (file:line: reason)."""
    from kiosk.tracecodes import parse_box_codes

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError(
            f"{path}: not UTF-8 text (byte {exc.start})", code="invalid_input"
        ) from None
    today = datetime.now(ZoneInfo(ctx.config.site.timezone)).date()
    standin = ctx.config.record.gs_standin or None
    codes, bad = parse_box_codes(text, today, gs_standin=standin)
    if bad:
        shown = "; ".join(f"{path}:{line}: {reason}" for line, reason in bad[:10])
        more = f" (and {len(bad) - 10} more)" if len(bad) > 10 else ""
        raise DomainError(f"{len(bad)} bad line(s): {shown}{more}", code="invalid_input")
    if not codes:
        raise DomainError(f"{path}: no box codes in the file", code="invalid_input")
    return [c.code for c in codes]


def cmd_day_add_desk(ctx: Context) -> int:
    print_status(ctx.engine().day.add_desk(ctx.args.name, actor=ctx.actor()))
    return 0


def cmd_day_status(ctx: Context) -> int:
    engine = ctx.engine()
    status = engine.day.status()
    print_status(status)
    if status.status == "open":
        z = engine.clearing.status(warn_minutes=ctx.config.clearing.warn_minutes)
        print(
            f"  clear to zero: {z.open_doses_left} dose(s) in opened vials, {z.promised} expected,"
            f" {z.needed} more resident(s) needed; {z.unopened_doses} unopened dose(s) today,"
            f" {z.inventory_doses} in the inventory"
        )
        for v in z.warnings:
            print(f"  warning: vial of lot {v.lot} has {v.doses_left} dose(s), {v.minutes_left} min"
                  " to its use-by, and nobody is waiting")  # fmt: skip
    return 0


def cmd_day_close(ctx: Context) -> int:
    """The reconciliation, then the close: refused (exit 1, nothing changed) until it balances."""
    a = ctx.args
    engine = ctx.engine()
    before = engine.closing.reconciliation(a.day)
    try:
        engine.day.close(actor=ctx.actor(), day=a.day, acknowledge=a.acknowledge, fridge_c=a.fridge)
    except DomainError as exc:
        if exc.code != "day_unbalanced":
            raise
        print_reconciliation(before, a.json)
        print(f"kiosk: {exc.args[0]} [{exc.code}]", file=sys.stderr)
        if before.observing or before.open_adverse_events:
            print("  release them first, or acknowledge: kiosk day close --acknowledge",
                  file=sys.stderr)  # fmt: skip
        return 1
    after = engine.closing.reconciliation(before.day)
    print_reconciliation(after, a.json)
    keep = ctx.config.appointments.keep_days  # village lists kept no longer than they serve
    purged = engine.appointments.purge(keep, actor=ctx.actor())
    if purged:
        print(f"  deleted {purged} appointment(s) dated over {keep} days ago that led to no dose",
              file=sys.stderr if a.json else sys.stdout)  # fmt: skip
    engine.db.dispose()
    from kiosk import backup

    try:
        made = backup.automatic_backup(
            ctx.url(), data_dir(), ctx.config.backup, _site_now(ctx), verify="quick_check"
        )
    except KioskError as exc:
        print(f"kiosk: the day is closed, but its backup failed: {exc.args[0]} [{exc.code}]",
              file=sys.stderr)  # fmt: skip
        return 1
    if made is not None:
        print(f"  backed up to {made}", file=sys.stderr if a.json else sys.stdout)
    return 0


def print_reconciliation(r: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(r.as_dict(), ensure_ascii=False, indent=2))
        return
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(r.wasted_by_reason.items())) or "none"
    print(f"day {r.day}: {r.doses_in} doses in = {r.given} given + {r.wasted} wasted"
          f" + {r.returned} in unopened vials + {r.left_in_open_vials} left in opened vials")  # fmt: skip
    print(f"  wasted by reason: {reasons}")
    print(f"  balanced: {'yes' if r.balanced else 'no'};"
          f" cleared to zero (当日清零): {'yes' if r.cleared_to_zero else 'no'}")  # fmt: skip
    for flag in r.cold_chain_flags:
        print(f"  cold chain: {flag}")
    for problem in r.problems:
        print(f"  to do: {problem}")


def cmd_day_reopen(ctx: Context) -> int:
    engine = ctx.engine()
    engine.day.closing.reopen(ctx.args.reason, actor=ctx.actor(), day=ctx.args.day)
    print_status(engine.day.status(ctx.args.day))
    return 0


def cmd_day_capacity(ctx: Context) -> int:
    print_status(ctx.engine().day.set_capacity(ctx.args.capacity, actor=ctx.actor()))
    return 0


def print_status(status: Any) -> None:
    c = status.counts
    print(f"day {status.day} ({status.status})")
    print(f"  capacity {status.capacity}, stock {status.stock} doses")
    print(
        f"  doses used {status.doses_used}, wasted {status.doses_wasted}, left {status.doses_left};"
        f" open vials hold {status.open_vial_doses_left}"
    )
    print(
        f"  issued {c.issued}: vaccinated {c.vaccinated}, in progress {c.in_progress},"
        f" deferred {c.deferred}, cancelled {c.cancelled}, missed {c.missed},"
        f" unserved {c.unserved}"
    )
    for lot in status.lots:
        print(
            f"  lot {lot.lot} {lot.product}: {lot.vials} x {lot.doses_per_vial}, expires"
            f" {lot.expiry}, {lot.doses_left} doses left"
        )
    print("  issuing: " + ("open" if status.can_issue else f"closed ({status.closed_reason})"))


def _staff(ctx: Context) -> Any:
    from kiosk.staff import StaffDirectory

    engine = ctx.engine()
    return StaffDirectory(engine.db, engine.clock, engine.site)


def cmd_staff_add(ctx: Context) -> int:
    if ctx.args.pin_stdin or not sys.stdin.isatty():  # a pipe or a file: the PIN is its first line
        line = sys.stdin.readline()
        if not line.strip():
            raise DomainError(
                "no PIN on standard input: give it on one line (echo 1234 | kiosk staff add"
                " NAME --pin-stdin), or run the command in a terminal",
                code="invalid_input",
            )
        pin = line.strip()
    else:
        pin = getpass.getpass(f"PIN for {ctx.args.name}: ")
        if getpass.getpass("again: ") != pin:
            raise DomainError("the two PINs differ", code="invalid_input")
    member = _staff(ctx).add(ctx.args.name, pin, ctx.args.role)
    print(f"added {member.name} ({member.role})")
    return 0


def cmd_staff_list(ctx: Context) -> int:
    for member in _staff(ctx).members():
        print(f"{member.name}\t{member.role}")
    return 0


def cmd_simulate(ctx: Context) -> int:
    from kiosk.simulate import (
        SimParams,
        desk_names,
        desks_needed,
        simulate_days,
        site_day,
        summary,
    )

    a = ctx.args
    if a.residents < 0:
        raise DomainError("--residents cannot be negative", code="invalid_input")
    if not 1 <= a.days <= 366:
        raise DomainError("--days must be between 1 and 366", code="invalid_input")
    for option, count in (
        ("--registration-desks", a.registration_desks),
        ("--stations", a.stations),
    ):
        if count is not None and not 1 <= count <= 500:
            raise DomainError(
                f"{option} must be between 1 and 500, not {count}", code="invalid_input"
            )
    day = a.day or site_day(SystemClock().now(), ctx.config.site.timezone)
    url = ctx.url(TRAINING)
    if not a.db:
        _fresh_training_file(url)
    first = day - timedelta(days=a.days - 1)
    # Over several days most residents come back for their second dose: desks for both.
    arriving = a.residents * (2 if a.days > 1 else 1)
    clock = FakeClock(datetime.combine(first, time(7, 0), tzinfo=_tz(ctx)))
    engine = ctx.engine(clock, purpose=TRAINING)
    d = ctx.config.day
    named = {
        kind: tuple(k.name for k in ctx.config.desks if k.kind == kind)
        for kind in ("registration", "vaccination")
    }
    needed = desks_needed(arriving)
    params = SimParams(
        residents=a.residents,
        seed=a.seed,
        day=day,
        capacity=a.capacity,
        stock=a.stock,
        until=a.until,
        observation_minutes=d.observation_minutes,
        grace_minutes=d.missed_grace_minutes,
        allergy_extra_minutes=d.allergy_extra_minutes,
        rules=rules_from_config(ctx.config),
        registration_desks=a.registration_desks or max(needed[0], len(named["registration"])),
        vaccination_stations=a.stations or max(needed[1], len(named["vaccination"])),
        registration_names=named["registration"],
        station_names=named["vaccination"],
    )
    outcomes, population = simulate_days(engine, clock, params, a.days)
    result = summary(outcomes[-1], params)
    result["days"] = a.days
    result["first_day"] = first.isoformat()
    result["vaccinated_all_days"] = sum(o.figures["vaccinated"] for o in outcomes)
    result["caught_too_early"] = population.caught_early
    result["overridden"] = population.overridden
    engine.db.dispose()
    if a.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        span = f"{first} to {day} ({a.days} days)" if a.days > 1 else str(day)
        print(f"simulated: {span}, the site's date ({ctx.config.site.timezone})")
        registration = desk_names(named["registration"], params.registration_desks, "登记")
        stations = desk_names(
            named["vaccination"], params.vaccination_stations, "接种", avoid=registration
        )
        print(f"registration desks: {len(registration)} ({', '.join(registration)})")
        print(f"vaccination stations: {len(stations)} ({', '.join(stations)})")
        for key in report.FIGURE_KEYS:
            print(f"{key:>24}: {result.get(key)}")
        for key in ("turned_away", "vaccinated_all_days", "caught_too_early", "overridden"):
            print(f"{key:>24}: {result[key]}")
        for key in ("observation_peak", "day_ends"):
            print(f"{key:>24}: {result[key]}")
        print(f"database: {describe(url)}")
    return 0


def cmd_plan(ctx: Context) -> int:
    from kiosk.planner import SEEDS, plan

    a = ctx.args
    result = plan(a.residents, a.target_wait, defaults=ctx.config.day)
    if a.json:
        print(json.dumps(result.as_json()))
        return 0
    seeds = f"seeds {SEEDS[0]}-{SEEDS[-1]}, the worst counts"
    print(
        f"Staffing for {a.residents} residents, p90 wait from taking a number to the first call"
        f" under {a.target_wait:g} min ({seeds}):"
    )
    print(f"  registration desks:   {result.registration_desks}")
    print(f"  vaccination stations: {result.stations}")
    print(f"  observation seats:    {result.observation_seats} (the most in observation at once)")
    print(
        f"  p90 wait:             {result.p90_wait_minutes:.1f} min to the first call,"
        f" {result.p90_station_wait_minutes:.1f} min from registration to a station"
    )
    print(f"  day ends:             {result.day_ends:%H:%M} (the last resident leaves observation)")
    print(
        f"Check it through the engine: kiosk simulate --residents {a.residents}"
        f" --registration-desks {result.registration_desks} --stations {result.stations}"
        f" --seed N (N = {SEEDS[0]} to {SEEDS[-1]})"
    )
    return 0


def _tz(ctx: Context) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(ctx.config.site.timezone)


def _fresh_training_file(url: str) -> None:
    """The default training database is the simulation's own: each run starts it afresh."""
    path = Path(url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _manager(ctx: Context, engine: Engine, pin: str) -> Actor:
    """The manager named by ``--staff``, signed in with ``pin``: records are theirs to read."""
    from kiosk.staff import StaffDirectory

    member = StaffDirectory(engine.db, engine.clock, engine.site).sign_in(ctx.args.staff, pin)
    if member.role != "manager":
        raise DomainError(
            f"{member.name} is not a manager: records are read by a manager",
            code="not_allowed",
        )
    return Actor(staff=member.name, terminal=f"cli:{socket.gethostname()}", role=member.role)


def _stdin_lines(count: int) -> list[str]:
    """The first ``count`` lines of standard input (the PIN, and a document number before it)."""
    what = "the document number and the PIN" if count == 2 else "the PIN"
    lines = [sys.stdin.readline().strip() for _ in range(count)]
    if not all(lines):
        raise DomainError(
            f"give {what} on standard input, one per line (they stay out of shell history)",
            code="invalid_input",
        )
    return lines


def cmd_record_export(ctx: Context) -> int:
    from kiosk import export

    def rows(engine: Engine, first: date | None, last: date | None) -> Any:
        source = engine.record.export_rows(first, last)
        return export.rows(source, ctx.config.site.name, engine.tz), export.COLUMNS

    return _export(ctx, "record_exported", "dose(s)", rows)


def cmd_record_aefi(ctx: Context) -> int:
    from kiosk import export

    def rows(engine: Engine, first: date | None, last: date | None) -> Any:
        source = engine.record.adverse_event_rows(first, last)
        return export.aefi_rows(source, ctx.config.site.name, engine.tz), export.AEFI_COLUMNS

    return _export(ctx, "aefi_exported", "adverse event(s)", rows)


def _export(ctx: Context, kind: str, what: str, rows_of: Callable[..., Any]) -> int:
    """Personal data out, for a manager: rows streamed to stdout or an owner-only file, the
    read audited (who, the range, how many; never whose)."""
    from kiosk import export

    a = ctx.args
    if a.first and a.last and a.first > a.last:
        raise DomainError(f"--from {a.first} is after --to {a.last}", code="invalid_input")
    (pin,) = _stdin_lines(1)
    engine = ctx.engine()
    actor = _manager(ctx, engine, pin)
    rows, columns = rows_of(engine, a.first, a.last)
    if a.format == "csv":

        def write(out: Any) -> int:
            return export.write_csv(rows, out, columns)
    else:

        def write(out: Any) -> int:
            return export.write_json(rows, out)

    if a.out:
        with private_text_file(a.out) as out:
            count = write(out)
    else:
        count = write(sys.stdout)
    first, last = a.first.isoformat() if a.first else "", a.last.isoformat() if a.last else ""
    engine.record.log_access(kind, actor, first=first, last=last, rows=count, format=a.format)
    log.info("%s by %s: %d %s, %s..%s", kind, actor.staff, count, what, first, last)
    if a.out:
        print(f"wrote {count} {what} to {a.out}", file=sys.stderr)
    return 0


def cmd_record_show(ctx: Context) -> int:
    from kiosk import export

    a = ctx.args
    if (a.number is None) == (a.token is None):
        raise DomainError("give a document number or --token, one of them", code="invalid_input")
    if a.number == "-":
        number, pin = _stdin_lines(2)
    else:
        number, (pin,) = a.number, _stdin_lines(1)
    engine = ctx.engine()
    actor = _manager(ctx, engine, pin)
    if a.token is not None:
        by_token = engine.record.by_token(a.token)
        found = by_token[0] if by_token else None
        asked = "token"
    else:
        found = engine.record.find(number, document_type=a.type, country=a.country)
        asked = a.type
    engine.record.log_access("record_viewed", actor, document_type=asked, found=found is not None)
    log.info("record viewed by %s (%s, found: %s)", actor.staff, asked, found is not None)
    if found is None:
        raise NotFound("no person with this document on the record", code="not_found")
    site, tz = ctx.config.site.name, engine.tz
    doses = [export.dose_row(d, found.person, site, tz) for d in found.doses]
    if a.json:
        print(json.dumps({"person": export.person_dict(found.person), "doses": doses},
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    p = found.person
    print(f"{p.name}  {p.document_type} {p.id_number}" + (f" ({p.document_country})"
          if p.document_country else ""))  # fmt: skip
    print(f"  born {p.birth_date or '?'}, {p.sex or '?'}")
    for d in doses:
        override = f", override {d['override_reason']}" if d["override_reason"] else ""
        print(
            f"  dose {d['dose_number']} ({d['dose_kind']}) {d['vaccinated_at']} {d['product']}"
            f" lot {d['lot'] or '-'} at {d['station'] or '-'} by {d['nurse'] or '-'}{override}"
        )
    for deferral in found.deferrals:
        print(f"  deferred {deferral.day} ({deferral.label}): {deferral.reason}")
    for ae in found.adverse_events:
        state = "closed" if ae.closed_at else "open"
        print(
            f"  adverse event {ae.onset_at.astimezone(tz):%Y-%m-%d %H:%M} {ae.severity} ({state})"
        )
    if not doses:
        print("  no doses on the record")
    return 0


def cmd_report(ctx: Context) -> int:
    """The day report or the cumulative one (:mod:`kiosk.reports`). The PDF is drawn by the
    printing package: the console script (:mod:`ui.cli`) hands its writer in as ``report_pdf``."""
    from kiosk import reports
    from kiosk.reports.terminal import progress_bar

    a = ctx.args
    write_pdf = getattr(a, "report_pdf", None)
    if a.format == "pdf" and write_pdf is None:
        raise DomainError("--format pdf needs the printing package (the kiosk console script)",
                          code="invalid_input")  # fmt: skip
    engine = ctx.engine(purpose=TRAINING if a.training else LIVE)
    day = a.day or engine.today()
    progress = progress_bar(sys.stderr, "report")
    if a.cumulative:
        built: reports.Report = reports.build_cumulative_report(engine, day, progress)
    else:
        built = reports.build_day_report(engine, day, progress)
    if a.format == "pdf":
        assert write_pdf is not None
        data = write_pdf(built, ctx.config.site.name, progress_bar(sys.stderr, "pdf   "))
    else:
        text = reports.to_json(built) if a.format == "json" else reports.to_csv(built)
        data = text.encode("utf-8")
    if a.out:
        a.out.write_bytes(data)
        print(f"wrote {a.out}")
    elif (binary := getattr(sys.stdout, "buffer", None)) is not None:
        sys.stdout.flush()
        binary.write(data)
        binary.flush()
    else:  # a text-only stream (tests): text as text; a PDF cannot go there
        sys.stdout.write(data.decode("utf-8"))
    return 0
