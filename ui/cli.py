"""The ``kiosk`` console script: the domain commands of :mod:`kiosk.cli` plus ``run`` and
``printer test``, which need Qt or a printer."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from kiosk import cli as domain
from kiosk.appointments import Appointment, DueRow
from kiosk.cli.appointments import PdfWriters
from kiosk.clock import parse_at, real_now
from kiosk.errors import InvalidInput
from kiosk.reports import Progress, Report


def main(argv: list[str] | None = None) -> int:
    parser, sub = domain.build_parser()
    r = sub.add_parser("run", help="start the screens this machine shows (default: all but admin)")
    r.add_argument(
        "--screen",
        action="append",
        choices=("kiosk", "desk", "display", "observation", "admin"),
        help="a screen to show (repeatable; default: all but admin)",
    )
    r.add_argument("--desk", metavar="NAME", help="the desk this console serves")
    clock = r.add_mutually_exclusive_group()
    clock.add_argument(
        "--at",
        metavar="HH:MM",
        help='the training day at that time: "HH:MM" today in the site\'s time zone, or'
        ' "YYYY-MM-DD HH:MM"; on the training database (or --db, which must be one), whose'
        " clock every process on it then shares (it moves theirs too)",
    )
    clock.add_argument(
        "--training",
        action="store_true",
        help="on the training database at its shared clock (set by another process's --at)",
    )
    r.set_defaults(handler=cmd_run)
    p = sub.add_parser("printer", help="the ticket printer")
    psub = sub.add_subparsers(p, "printer_command")
    t = psub.add_parser("test", help="print a sample ticket on the configured printer")
    t.add_argument("--slip", action="store_true", help="a sample record slip (接种凭证) instead")
    t.set_defaults(handler=cmd_printer_test)
    parser.set_defaults(report_pdf=report_pdf)  # kiosk report --format pdf
    parser.set_defaults(appointment_pdf=APPOINTMENT_PDF)  # kiosk appointments slips|due (issue 17)
    return domain.main(argv, parser)


def report_pdf(report: Report, site_name: str, progress: Progress | None) -> bytes:
    """The hook ``kiosk report --format pdf`` calls: the A4 report (printing needs reportlab,
    which kiosk/ never imports)."""
    from printing.report_pdf import render_report

    return render_report(report, site_name=site_name, progress=progress)


def _appointment_slips(appointments: Sequence[Appointment], site_name: str) -> bytes:
    from printing.appointment_slips import render_slips

    return render_slips(appointments, site_name)


def _due_list(rows: Sequence[DueRow], site_name: str, first: date, last: date) -> bytes:
    from printing.appointment_due import render_due

    return render_due(rows, site_name, first, last)


APPOINTMENT_PDF = PdfWriters(slips=_appointment_slips, due=_due_list)
"""The PDF writers ``kiosk appointments slips`` and ``due --format pdf`` use (kiosk.cli.appointments)."""


def cmd_run(ctx: domain.Context) -> int:
    from ui.app import DEFAULT_SCREENS, RunOptions, run

    a = ctx.args
    missing = no_display()
    if missing:
        raise InvalidInput(missing, field="display")
    at = parse_at(a.at, ctx.config.site.timezone) if a.at else None
    screens = tuple(a.screen) if a.screen else DEFAULT_SCREENS
    options = RunOptions(ctx.config, screens, a.desk, at, a.db, training=a.training)
    return run(options, str(domain.data_dir()))


def no_display() -> str | None:
    """Why the screens cannot start here, in one line (else Qt aborts with a page of text):
    on Linux, no X server or Wayland session is named and no other Qt platform is chosen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display to show the screens on: run it in the PC's desktop session, or set DISPLAY"
        " (an X server, e.g. Xvfb :99 for a test) or QT_QPA_PLATFORM"
    )


def cmd_printer_test(ctx: domain.Context) -> int:
    from printing.testprint import print_sample

    now = real_now().astimezone(ZoneInfo(ctx.config.site.timezone))
    result = print_sample(
        ctx.config.printer, domain.data_dir(), ctx.config.site.name, now, slip=ctx.args.slip
    )
    stream = sys.stdout if result.ok else sys.stderr
    print(f"printer {ctx.config.printer.kind}: {result.code} {result.detail}", file=stream)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
