"""``kiosk record export|aefi|show``: personal data, behind a manager's PIN, audited."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from kiosk.cli.context import Context, manager_actor, stdin_lines
from kiosk.engine import Engine
from kiosk.errors import DomainError, NotFound
from kiosk.privacy import private_text_file

log = logging.getLogger(__name__)


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
    (pin,) = stdin_lines(1)
    engine = ctx.engine()
    actor = manager_actor(ctx, engine, pin)
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
        number, pin = stdin_lines(2)
    else:
        number, (pin,) = a.number, stdin_lines(1)
    engine = ctx.engine()
    actor = manager_actor(ctx, engine, pin)
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
