"""The ``kiosk`` command line: every command and its options, each bound to its handler."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli import appointments as cli_appointments
from kiosk.cli.context import (
    Subcommands,
    common_options,
    day_argument,
    take_argument,
    time_argument,
)
from kiosk.cli.day import (
    cmd_day_add_desk,
    cmd_day_add_lot,
    cmd_day_capacity,
    cmd_day_close,
    cmd_day_open,
    cmd_day_reopen,
    cmd_day_status,
    cmd_stock_list,
    cmd_stock_receive,
)
from kiosk.cli.db import (
    cmd_config_check,
    cmd_db_backup,
    cmd_db_check,
    cmd_db_restore,
    cmd_db_upgrade,
)
from kiosk.cli.record import cmd_record_aefi, cmd_record_export, cmd_record_show
from kiosk.cli.report import cmd_report
from kiosk.cli.simulate import cmd_plan, cmd_simulate
from kiosk.cli.staff import cmd_staff_add, cmd_staff_list
from kiosk.documents import DOCUMENT_TYPES


def build_parser() -> tuple[argparse.ArgumentParser, Subcommands]:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="On-site vaccination queue", parents=[common_options(None)]
    )
    sub = Subcommands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))

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
