"""``kiosk day open|add-lot|add-desk|capacity|status|close|reopen`` and
``kiosk stock receive|list``: the service day and the inventory."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk import limits
from kiosk.cli.context import Context, data_dir, site_now
from kiosk.dose_rules import rules_from_config
from kiosk.errors import DomainError, KioskError
from kiosk.model import LotIn

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
            ctx.url(), data_dir(), ctx.config.backup, site_now(ctx), verify="quick_check"
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
