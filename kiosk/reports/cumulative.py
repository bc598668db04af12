"""The cumulative report: every service day of the site up to a day, as the site reports upward
(累计剂次: doses given; 第一针剂人数: persons given a first dose), with the doses of each day.

Grouped queries over the whole range (one per table), never one query per day: 60 days of 2,000
residents are read in a fraction of a second. Per day, the figures equal the engine's: doses given
as the reconciliation counts them (the record's doses given here, not undone), tickets by state as
``engine.day.status`` counts them, waste as the vials record it. Coverage by village:
:mod:`kiosk.reports.villages`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.db.schema import adverse_events, days, doses, events, tickets, vials
from kiosk.reports.model import CumulativeReport, DayLine, Number, Progress
from kiosk.reports.stats import UNCODED, given_here, reason_wording, sorted_counts, ticker
from kiosk.reports.villages import village_coverage
from kiosk.states import VACCINATED, State

if TYPE_CHECKING:
    from kiosk.engine import Engine

_STEPS = 7


def build_cumulative_report(
    engine: Engine, upto: date, progress: Progress | None = None
) -> CumulativeReport:
    """Totals and the per-day lines over every service day up to and including ``upto``."""
    tick = ticker(progress, _STEPS)
    site = engine.site
    with engine.db.read() as conn:
        day_rows = conn.execute(
            sa.select(days.c.day, days.c.status, days.c.cleared_to_zero)
            .where(days.c.site == site, days.c.day <= upto)
            .order_by(days.c.day)
        ).all()
        tick()
        states = _ticket_states(conn, site, upto)
        tick()
        given, per_day_doses, per_day_first = _doses(conn, site, upto)
        first_dose_persons = int(
            conn.execute(
                sa.select(sa.func.count(sa.distinct(doses.c.person_id))).where(
                    given_here(site), doses.c.given_on <= upto, doses.c.dose_number == 1
                )
            ).scalar_one()
        )
        tick()
        wasted = _wasted_per_day(conn, site, upto)
        waste_by_reason = _waste_by_reason(conn, site, upto, sum(wasted.values()))
        tick()
        deferrals = {
            (code or UNCODED): int(n)
            for code, n in conn.execute(
                sa.select(tickets.c.reason_code, sa.func.count())
                .where(
                    tickets.c.site == site,
                    tickets.c.day <= upto,
                    tickets.c.state == State.DEFERRED.value,
                )
                .group_by(tickets.c.reason_code)
            )
        }
        adverse = {
            severity: int(n)
            for severity, n in conn.execute(
                sa.select(adverse_events.c.severity, sa.func.count())
                .where(adverse_events.c.site == site, adverse_events.c.day <= upto)
                .group_by(adverse_events.c.severity)
            )
        }
        rules = engine.record.current_rules(conn, upto)
        tick()
        villages = village_coverage(conn, site, upto, engine.tz, rules)
        tick()
    lines = tuple(
        DayLine(
            day=r.day,
            status=r.status,
            issued=sum(states[r.day].values()),
            doses=per_day_doses.get(r.day, 0),
            first_doses=per_day_first.get(r.day, 0),
            deferred=states[r.day].get(State.DEFERRED.value, 0),
            missed=states[r.day].get(State.MISSED.value, 0),
            wasted=wasted.get(r.day, 0),
            cleared_to_zero=None if r.cleared_to_zero is None else bool(r.cleared_to_zero),
        )
        for r in day_rows
    )
    vaccinated_tickets = sum(
        n for per in states.values() for s, n in per.items() if State(s) in VACCINATED
    )
    overrides = {k: v for k, v in given["override"].items() if k}
    summary: dict[str, Number] = {
        "days": len(lines),
        "cumulative_doses": sum(line.doses for line in lines),
        "cumulative_first_dose_persons": first_dose_persons,
        "cumulative_issued": sum(line.issued for line in lines),
        "cumulative_vaccinated": vaccinated_tickets,
        "cumulative_deferred": sum(line.deferred for line in lines),
        "cumulative_missed": sum(line.missed for line in lines),
        "cumulative_wasted": sum(line.wasted for line in lines),
        "cumulative_adverse_events": sum(adverse.values()),
        "days_cleared_to_zero": sum(1 for line in lines if line.cleared_to_zero),
        "days_closed": sum(1 for line in lines if line.status == "closed"),
    }
    codes = {*deferrals, *waste_by_reason, *overrides}
    stored = (*rules.override_reasons, *rules.deferral_reasons, *rules.waste_reasons)
    report = CumulativeReport(
        site=site,
        first_day=lines[0].day if lines else None,
        upto=upto,
        made_at=engine.now().astimezone(engine.tz),
        summary=summary,
        days=lines,
        doses_by_product=sorted_counts(given["product"]),
        doses_by_lot=sorted_counts(given["lot"]),
        doses_by_dose_number=dict(sorted(given["dose_number"].items(), key=lambda kv: int(kv[0]))),
        deferrals_by_reason=sorted_counts(deferrals),
        waste_by_reason=sorted_counts(waste_by_reason),
        overrides_by_reason=sorted_counts(overrides),
        adverse_by_severity=sorted_counts(adverse),
        reasons=reason_wording(stored, sorted(codes)),
        villages=villages,
    )
    tick()
    return report


def _ticket_states(conn: Connection, site: str, upto: date) -> dict[date, dict[str, int]]:
    out: dict[date, dict[str, int]] = defaultdict(dict)
    q = (
        sa.select(tickets.c.day, tickets.c.state, sa.func.count())
        .where(tickets.c.site == site, tickets.c.day <= upto)
        .group_by(tickets.c.day, tickets.c.state)
    )
    for day, state, n in conn.execute(q):
        out[day][state] = int(n)
    return out


def _doses(
    conn: Connection, site: str, upto: date
) -> tuple[dict[str, dict[str, int]], dict[date, int], dict[date, int]]:
    d = doses.c
    given: dict[str, dict[str, int]] = {
        k: {} for k in ("product", "lot", "dose_number", "override")
    }
    per_day: Counter[date] = Counter()
    first: Counter[date] = Counter()
    q = (
        sa.select(d.given_on, d.product, d.lot, d.dose_number, d.override_reason, sa.func.count())
        .where(given_here(site), d.given_on <= upto)
        .group_by(d.given_on, d.product, d.lot, d.dose_number, d.override_reason)
    )
    for day, product, lot, number, override, n in conn.execute(q):
        n = int(n)
        per_day[day] += n
        if number == 1:
            first[day] += n
        for key, value in (
            ("product", product),
            ("lot", f"{product} {lot}"),
            ("dose_number", str(number)),
            ("override", override or ""),
        ):
            given[key][value] = given[key].get(value, 0) + n
    return given, dict(per_day), dict(first)


def _wasted_per_day(conn: Connection, site: str, upto: date) -> dict[date, int]:
    q = (
        sa.select(vials.c.day, sa.func.sum(vials.c.doses_wasted))
        .where(vials.c.site == site, vials.c.day <= upto)
        .group_by(vials.c.day)
    )
    return {day: int(n or 0) for day, n in conn.execute(q)}


def _waste_by_reason(conn: Connection, site: str, upto: date, wasted: int) -> dict[str, int]:
    """As the reconciliation takes it: the coded reason of each waste event; waste recorded
    before the events carried it counts as uncoded."""
    code = events.c.payload["reason_code"].as_string()
    amount = sa.cast(events.c.payload["doses"].as_string(), sa.Integer)
    by_reason: Counter[str] = Counter()
    q = (
        sa.select(code, sa.func.sum(amount))
        .where(
            events.c.site == site,
            events.c.kind == "doses_wasted",
            events.c.day.is_not(None),
            events.c.day <= upto,
        )
        .group_by(code)
    )
    for reason, n in conn.execute(q):
        by_reason[reason or UNCODED] += int(n or 0)
    if sum(by_reason.values()) < wasted:
        by_reason[UNCODED] += wasted - sum(by_reason.values())
    return dict(by_reason)
