"""``kiosk staff add|list``: who signs in at the consoles."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from kiosk.cli.context import Context
from kiosk.errors import DomainError


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
