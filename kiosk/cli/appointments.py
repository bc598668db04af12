"""The village lists' commands (issue 17): ``kiosk import-appointments`` and
``kiosk appointments slips|due|purge``.

:func:`register` adds them to :func:`kiosk.cli.build_parser`'s parser. PDF output (the slips, the
due list as PDF) needs reportlab, which ``kiosk/`` does not import: the console script
(:mod:`ui.cli`) hands the PDF writers in as :class:`PdfWriters` through the parser's defaults
(``appointment_pdf``); without them those commands say so.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from kiosk.appointments import DUE_COLUMNS, Appointment, DueRow, ImportReport, Progress
from kiosk.errors import DomainError, InvalidInput
from kiosk.privacy import private_text_file

log = logging.getLogger(__name__)
LARGE = 5000  # rows: a list this long shows its progress

SlipsWriter = Callable[[Sequence[Appointment], str], bytes]
"""(appointments, the site's name) -> the slips as a PDF."""
DueWriter = Callable[[Sequence[DueRow], str, date, date], bytes]
"""(rows, the site's name, first, last) -> the due list as a PDF."""


@dataclass(frozen=True)
class PdfWriters:
    slips: SlipsWriter
    due: DueWriter


class Subcommands(Protocol):
    def add_parser(self, name: str, **kw: Any) -> argparse.ArgumentParser: ...
    def add_subparsers(self, parser: argparse.ArgumentParser, dest: str) -> Subcommands: ...


def register(sub: Subcommands, day_argument: Callable[[str], date]) -> None:
    """Add the commands to ``sub`` (kiosk.cli's subcommands)."""
    im = sub.add_parser(
        "import-appointments", help="import a village list (CSV or XLSX): all of it or nothing"
    )
    im.add_argument("file", type=Path, metavar="FILE")
    im.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
    im.add_argument("--json", action="store_true", help="print the outcome as JSON")
    im.set_defaults(handler=cmd_import)

    p = sub.add_parser("appointments", help="appointment slips, the next-dose list")
    asub = sub.add_subparsers(p, "appointments_command")
    sl = asub.add_parser("slips", help="appointment slips with their QR, eight to an A4 page")
    sl.add_argument("--village", metavar="V", help="one village's (default: every village)")
    sl.add_argument("--day", type=day_argument, help="YYYY-MM-DD (default: today and later)")
    sl.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    sl.set_defaults(handler=cmd_slips)
    du = asub.add_parser("due", help="residents due for their next dose, by village")
    du.add_argument("--from", dest="first", type=day_argument, required=True, metavar="D")
    du.add_argument("--to", dest="last", type=day_argument, required=True, metavar="D")
    du.add_argument("--village", metavar="V")
    du.add_argument("--format", choices=("csv", "pdf"), default="csv")
    du.add_argument("--out", type=Path, metavar="FILE", help="(default: standard output, CSV)")
    du.add_argument("--staff", required=True, metavar="NAME",
                    help="a manager's name; the PIN on standard input (names, phones, documents)")  # fmt: skip
    du.set_defaults(handler=cmd_due)
    pu = asub.add_parser(
        "purge", help="delete appointments that never led to a dose, [appointments] keep_days on"
    )
    pu.set_defaults(handler=cmd_purge)


def _stderr_progress() -> Callable[[Progress], None]:
    """Progress on standard error: one line redrawn on a terminal, a line per 10,000 rows
    otherwise."""
    tty = sys.stderr.isatty()

    def show(p: Progress) -> None:
        if p.total is not None and p.total < LARGE:
            return
        if not tty and p.done % 10_000 and p.done != p.total:
            return
        total = f"/{p.total}" if p.total else ""
        end = "\r" if tty and p.done != p.total else "\n"
        print(f"{p.phase}: {p.done}{total} rows", end=end, file=sys.stderr, flush=True)

    return show


def cmd_import(ctx: Any) -> int:
    a = ctx.args
    engine = ctx.engine()
    report: ImportReport = engine.appointments.import_file(
        a.file, actor=ctx.actor(), dry_run=a.dry_run, progress=_stderr_progress()
    )
    log.info(
        "appointments %s %s: %d added, %d updated, %d unchanged, %d problem(s)",
        "checked" if a.dry_run else "imported", a.file.name, report.added, report.updated,
        report.unchanged, len(report.problems),
    )  # fmt: skip
    if a.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 1 if report.refused else 0
    if report.refused:
        print(f"{a.file}: refused, nothing imported; {len(report.problems)} problem(s):",
              file=sys.stderr)  # fmt: skip
        for p in report.problems:
            where = f"row {p.row}" if p.row else "the file"
            column = f", column {p.column}" if p.column else ""
            print(f"  {where}{column}: {p.reason}", file=sys.stderr)
        return 1
    dry = " (dry run: nothing written)" if a.dry_run else ""
    print(f"{a.file}: {report.added} added, {report.updated} updated,"
          f" {report.unchanged} unchanged{dry}")  # fmt: skip
    return 0


def _writers(ctx: Any) -> PdfWriters:
    writers = getattr(ctx.args, "appointment_pdf", None)
    if not isinstance(writers, PdfWriters):
        raise DomainError(
            "PDF output needs the kiosk program's printing (run it as the kiosk command)",
            code="no_printing",
        )
    return writers


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.fchmod(fd, 0o600)
    with open(fd, "wb") as f:
        f.write(data)


def cmd_slips(ctx: Any) -> int:
    a = ctx.args
    writers = _writers(ctx)
    engine = ctx.engine()
    days = [a.day] if a.day else engine.appointments.days(a.village)
    chosen = [x for d in days for x in engine.appointments.on_day(d, a.village)]
    if not chosen:
        where = f" in {a.village}" if a.village else ""
        when = f" on {a.day}" if a.day else " from today on"
        raise InvalidInput(f"no appointments{where}{when}", field="day")
    a.out.write_bytes(writers.slips(chosen, ctx.config.site.name))
    pages = -(-len(chosen) // 8)
    print(f"wrote {len(chosen)} slip(s) on {pages} page(s) to {a.out}")
    return 0


def cmd_due(ctx: Any) -> int:
    a = ctx.args
    if a.first > a.last:
        raise InvalidInput(f"--from {a.first} is after --to {a.last}", field="from")
    if a.format == "pdf" and a.out is None:
        raise InvalidInput("--format pdf needs --out FILE.pdf", field="out")
    writers = _writers(ctx) if a.format == "pdf" else None
    from kiosk.cli.context import manager_actor, stdin_lines

    (pin,) = stdin_lines(1)
    engine = ctx.engine()
    actor = manager_actor(ctx, engine, pin)  # personal data: a manager, signed in, audited
    rows = engine.appointments.due(a.first, a.last, a.village)
    if writers is not None:
        _write_private(a.out, writers.due(rows, ctx.config.site.name, a.first, a.last))
    elif a.out is not None:
        with private_text_file(a.out) as out:
            write_due_csv(rows, out)
    else:
        write_due_csv(rows, sys.stdout)
    engine.record.log_access("due_list_exported", actor, first=a.first.isoformat(),
                             last=a.last.isoformat(), rows=len(rows), format=a.format)  # fmt: skip
    if a.out is not None:
        print(f"wrote {len(rows)} resident(s) due to {a.out}", file=sys.stderr)
    return 0


def write_due_csv(rows: Sequence[DueRow], out: Any) -> None:
    """The due list as CSV in :data:`DUE_COLUMNS` (a BOM first, so spreadsheets read UTF-8)."""
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=DUE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(r.as_csv() for r in rows)


def cmd_purge(ctx: Any) -> int:
    engine = ctx.engine()
    keep = ctx.config.appointments.keep_days
    count = engine.appointments.purge(keep, actor=ctx.actor())
    print(f"deleted {count} appointment(s) dated more than {keep} day(s) ago that led to no dose")
    return 0
