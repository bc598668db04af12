"""``kiosk db upgrade|backup|restore|check`` and ``kiosk config check``."""

from __future__ import annotations

import sys

from kiosk.cli.context import Context, data_dir, site_now
from kiosk.config import check_config
from kiosk.db.database import Database, describe


def cmd_db_upgrade(ctx: Context) -> int:
    from kiosk.db import migrate

    db = Database(ctx.url())
    before, after = migrate.upgrade(db)
    print(f"{describe(db.url)}: schema {before or 'empty'} -> {after}")
    return 0


def cmd_db_backup(ctx: Context) -> int:
    from kiosk import backup

    written = backup.backup(
        ctx.url(),
        ctx.args.out,
        data_dir=data_dir(),
        now=site_now(ctx),
        config=ctx.config.backup,
        verify="integrity_check" if ctx.args.full_check else "quick_check",
    )
    print(f"backed up {describe(ctx.url())} to {written}")
    return 0


def cmd_db_restore(ctx: Context) -> int:
    from kiosk import backup

    # never ctx.engine() here: its open connection would keep the restore out
    aside = backup.restore(ctx.url(), ctx.args.file, now=site_now(ctx))
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
