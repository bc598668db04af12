"""The day report, computed from the database in a handful of grouped queries.

The headline counts are the engine's own (``engine.day.status``: every ticket once by its state;
the doses and their reconciliation, ``engine.closing.reconciliation``); the breakdowns come from the
record's doses (the same rows the reconciliation counts as given), the tickets' timestamps and, for
the calls at the stations, the event log. Each breakdown adds up to its headline figure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.db.schema import UTCDateTime, adverse_events, days, doses, events, standby, tickets
from kiosk.reports.model import (
    STAGES,
    ClearingOutcome,
    DayReport,
    Fridge,
    HourFigures,
    Number,
    Progress,
    StageWait,
)
from kiosk.reports.stats import (
    UNCODED,
    given_here,
    local_hour,
    median_p90,
    minutes_between,
    reason_wording,
    sorted_counts,
    ticker,
)
from kiosk.reports.villages import village_day
from kiosk.states import VACCINATED, State

if TYPE_CHECKING:
    from kiosk.engine import Engine

_STEPS = 5


def build_day_report(engine: Engine, day: date, progress: Progress | None = None) -> DayReport:
    """The report of ``day`` (open or closed). Raises :class:`kiosk.errors.DayNotOpen` for a day
    that was never opened."""
    tick = ticker(progress, _STEPS)
    status = engine.day.status(day)
    tick()
    recon = engine.closing.reconciliation(day)
    tick()
    site = engine.site
    with engine.db.read() as conn:
        cleared = conn.execute(
            sa.select(days.c.cleared_to_zero).where(days.c.site == site, days.c.day == day)
        ).scalar()
        rows = _tickets(conn, site, day)
        station_calls = _first_station_calls(conn, site, day)
        by_desk, event_counts = _desk_and_event_counts(conn, site, day)
        tick()
        given = _doses(conn, site, day)
        first_dose_persons = _first_dose_persons(conn, site, day)
        adverse, adverse_open = _adverse(conn, site, day)
        standby_counts = _standby(conn, site, day)
        rules = engine.record.current_rules(conn, day)
        villages = village_day(conn, site, day)
        desk_hours, station_hours = _per_hour_at_desks(conn, site, day, engine.tz)
        tick()
    c = status.counts
    waits = _waits(rows, station_calls)
    hours = _hours(rows, engine)
    registration_wait = next(w for w in waits if w.stage == STAGES[0])
    deferrals = Counter(r.reason_code or UNCODED for r in rows if r.state == State.DEFERRED.value)
    summary: dict[str, Number] = {
        "issued": c.issued,
        "priority_issued": sum(1 for r in rows if r.priority),
        "vaccinated": c.vaccinated,
        "deferred": c.deferred,
        "cancelled": c.cancelled,
        "missed": c.missed,
        "missed_calls": event_counts.get("missed", 0),
        "reinstated": event_counts.get("reinstated", 0),
        "unserved": c.unserved,
        "in_progress": c.in_progress,
        "left_early": c.left_early,
        "first_dose_persons": first_dose_persons,
        "capacity": status.capacity,
        "stock": status.stock,
        "doses_given": recon.given,
        "doses_used": status.doses_used,
        "doses_wasted": status.doses_wasted,
        "doses_returned": recon.returned,
        "doses_left": status.doses_left,
        "open_vial_doses_left": status.open_vial_doses_left,
        "adverse_events": sum(adverse.values()),
        "adverse_events_open": adverse_open,
        "median_wait_minutes": registration_wait.median_minutes,
        "p90_wait_minutes": registration_wait.p90_minutes,
    }
    overrides = Counter({k: v for k, v in given["override"].items() if k})
    codes = {*deferrals, *recon.wasted_by_reason, *overrides}
    stored = (*rules.override_reasons, *rules.deferral_reasons, *rules.waste_reasons)
    report = DayReport(
        site=site,
        day=day,
        status=status.status,
        made_at=engine.now().astimezone(engine.tz),
        summary=summary,
        doses_by_product=sorted_counts(given["product"]),
        doses_by_lot=sorted_counts(given["lot"]),
        doses_by_dose_number=dict(sorted(given["dose_number"].items(), key=lambda kv: int(kv[0]))),
        deferrals_by_reason=sorted_counts(dict(deferrals)),
        waste_by_reason=sorted_counts(dict(recon.wasted_by_reason)),
        overrides_by_reason=sorted_counts(dict(overrides)),
        adverse_by_severity=sorted_counts(adverse),
        waits=waits,
        hours=hours,
        registered_by_desk=dict(sorted(by_desk.items())),
        vaccinated_by_station=dict(sorted(given["station"].items())),
        clearing=ClearingOutcome(
            cleared_to_zero=None if cleared is None else bool(cleared),
            balanced=recon.balanced,
            doses_in=recon.doses_in,
            given=recon.given,
            wasted=recon.wasted,
            returned=recon.returned,
            left_in_open_vials=recon.left_in_open_vials,
            standby=standby_counts,
        ),
        fridge=Fridge(recon.fridge_open_c, recon.fridge_close_c, recon.cold_chain_flags),
        reasons=reason_wording(stored, sorted(codes)),
        villages=villages,
        registered_by_desk_hour=desk_hours,
        vaccinated_by_station_hour=station_hours,
    )
    tick()
    return report


def _tickets(conn: Connection, site: str, day: date) -> list[Any]:
    t = tickets.c
    return list(
        conn.execute(
            sa.select(
                t.id, t.state, t.priority, t.issued_at, t.first_called_at, t.registered_at,
                t.vaccinated_at, t.reason_code,
            ).where(t.site == site, t.day == day)
        )
    )  # fmt: skip


def _day_events(*columns: Any) -> Any:
    return sa.select(*columns).select_from(events.join(tickets, tickets.c.id == events.c.ticket_id))


def _first_station_calls(conn: Connection, site: str, day: date) -> dict[int, Any]:
    """Each ticket's first call at a vaccination station (from the event log)."""
    q = (
        _day_events(events.c.ticket_id, sa.type_coerce(sa.func.min(events.c.at), UTCDateTime()))
        .where(
            tickets.c.site == site,
            tickets.c.day == day,
            events.c.kind == "called",
            events.c.payload["queue"].as_string() == "vaccination",
        )
        .group_by(events.c.ticket_id)
    )
    return {ticket_id: at for ticket_id, at in conn.execute(q)}


def _desk_and_event_counts(
    conn: Connection, site: str, day: date
) -> tuple[dict[str, int], dict[str, int]]:
    desk = events.c.payload["desk"].as_string()
    by_desk = {
        str(name or ""): int(n)
        for name, n in conn.execute(
            _day_events(desk, sa.func.count())
            .where(tickets.c.site == site, tickets.c.day == day, events.c.kind == "registered")
            .group_by(desk)
        )
    }
    counts = {
        kind: int(n)
        for kind, n in conn.execute(
            _day_events(events.c.kind, sa.func.count())
            .where(
                tickets.c.site == site,
                tickets.c.day == day,
                events.c.kind.in_(("missed", "reinstated", "recalled")),
            )
            .group_by(events.c.kind)
        )
    }
    return by_desk, counts


def _per_hour_at_desks(
    conn: Connection, site: str, day: date, tz: ZoneInfo
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """Registrations per desk and doses per station, each by the local hour it happened in."""
    desk: dict[str, Counter[str]] = defaultdict(Counter)
    registered = _day_events(events.c.payload["desk"].as_string(), events.c.at).where(
        tickets.c.site == site, tickets.c.day == day, events.c.kind == "registered"
    )
    for name, at in conn.execute(registered):
        desk[str(name or "")][local_hour(at, tz)] += 1
    station: dict[str, Counter[str]] = defaultdict(Counter)
    given = sa.select(doses.c.station, doses.c.vaccinated_at).where(
        given_here(site), doses.c.given_on == day, doses.c.vaccinated_at.is_not(None)
    )
    for name, at in conn.execute(given):
        station[str(name or "")][local_hour(at, tz)] += 1

    def plain(counts: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
        return {k: dict(sorted(v.items())) for k, v in sorted(counts.items())}

    return plain(desk), plain(station)


def _doses(conn: Connection, site: str, day: date) -> dict[str, dict[str, int]]:
    d = doses.c
    out: dict[str, dict[str, int]] = defaultdict(dict)
    q = (
        sa.select(d.product, d.lot, d.dose_number, d.station, d.override_reason, sa.func.count())
        .where(given_here(site), d.given_on == day)
        .group_by(d.product, d.lot, d.dose_number, d.station, d.override_reason)
    )
    for product, lot, number, station, override, n in conn.execute(q):
        for key, value in (
            ("product", product),
            ("lot", f"{product} {lot}"),
            ("dose_number", str(number)),
            ("station", station or ""),
            ("override", override or ""),
        ):
            out[key][value] = out[key].get(value, 0) + int(n)
    for key in ("product", "lot", "dose_number", "station", "override"):
        out.setdefault(key, {})
    return out


def _first_dose_persons(conn: Connection, site: str, day: date) -> int:
    q = sa.select(sa.func.count(sa.distinct(doses.c.person_id))).where(
        given_here(site), doses.c.given_on == day, doses.c.dose_number == 1
    )
    return int(conn.execute(q).scalar_one())


def _adverse(conn: Connection, site: str, day: date) -> tuple[dict[str, int], int]:
    a = adverse_events.c
    by_severity: dict[str, int] = {}
    still_open = 0
    q = (
        sa.select(a.severity, sa.func.count(), sa.func.count(a.closed_at))
        .where(a.site == site, a.day == day)
        .group_by(a.severity)
    )
    for severity, n, closed in conn.execute(q):
        by_severity[severity] = int(n)
        still_open += int(n) - int(closed)
    return by_severity, still_open


def _standby(conn: Connection, site: str, day: date) -> dict[str, int]:
    s = standby.c
    q = sa.select(s.status, sa.func.count()).where(s.site == site, s.day == day).group_by(s.status)
    return {status: int(n) for status, n in conn.execute(q)}


def _waits(rows: list[Any], station_calls: dict[int, Any]) -> tuple[StageWait, ...]:
    spans: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for r in rows:
        station_call = station_calls.get(r.id)
        vaccinated_at = r.vaccinated_at if State(r.state) in VACCINATED else None
        for stage, start, end in (
            (STAGES[0], r.issued_at, r.first_called_at),
            (STAGES[1], r.first_called_at, r.registered_at),
            (STAGES[2], r.registered_at, station_call),
            (STAGES[3], station_call, vaccinated_at),
            (STAGES[4], r.issued_at, vaccinated_at),
        ):
            minutes = minutes_between(start, end)
            if minutes is not None and minutes >= 0:
                spans[stage].append(minutes)
    return tuple(StageWait(stage, len(v), *median_p90(v)) for stage, v in spans.items())


def _hours(rows: list[Any], engine: Engine) -> tuple[HourFigures, ...]:
    tz = engine.tz
    issued: Counter[str] = Counter()
    registered: Counter[str] = Counter()
    vaccinated: Counter[str] = Counter()
    waits: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        hour = local_hour(r.issued_at, tz)
        issued[hour] += 1
        wait = minutes_between(r.issued_at, r.first_called_at)
        if wait is not None:
            waits[hour].append(wait)
        if r.registered_at is not None:
            registered[local_hour(r.registered_at, tz)] += 1
        if r.vaccinated_at is not None and State(r.state) in VACCINATED:
            vaccinated[local_hour(r.vaccinated_at, tz)] += 1
    seen = sorted({*issued, *registered, *vaccinated})
    if not seen:
        return ()
    span = [f"{h:02d}" for h in range(int(seen[0]), int(seen[-1]) + 1)]
    return tuple(
        HourFigures(h, issued[h], registered[h], vaccinated[h], *median_p90(waits.get(h, [])))
        for h in span
    )
