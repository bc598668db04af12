"""The day report's figures equal the engine's (the day's status, the reconciliation) and counts
read straight from the database; every breakdown adds up to its headline figure."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from kiosk.db.schema import adverse_events, days, doses, events, tickets
from kiosk.engine import Engine
from kiosk.errors import DayNotOpen
from kiosk.reports import STAGES, as_dict, build_day_report, to_json
from kiosk.reports.flat import day_figures

from .conftest import DAYS, LAST

ALL_DAYS = [LAST - timedelta(days=back) for back in range(DAYS)]


def _count(engine: Engine, query: sa.Select[Any]) -> int:
    with engine.db.read() as conn:
        return int(conn.execute(query).scalar_one())


@pytest.mark.parametrize("day", ALL_DAYS)
def test_the_figures_are_the_engines(sim_engine: Engine, day: date) -> None:
    e = sim_engine
    report = build_day_report(e, day)
    status, recon = e.day.status(day), e.closing.reconciliation(day)
    s, c = report.summary, status.counts
    for key in ("issued", "vaccinated", "deferred", "cancelled", "missed", "unserved",
                "in_progress", "left_early"):  # fmt: skip
        assert s[key] == getattr(c, key), key
    assert (s["stock"], s["doses_used"], s["doses_wasted"], s["doses_left"]) == (
        status.stock, status.doses_used, status.doses_wasted, status.doses_left,
    )  # fmt: skip
    assert s["doses_given"] == recon.given == s["vaccinated"]
    assert s["doses_returned"] == recon.returned
    assert report.status == status.status == "closed"
    # every breakdown adds up
    for breakdown in (report.doses_by_product, report.doses_by_lot,
                      report.doses_by_dose_number, report.vaccinated_by_station):  # fmt: skip
        assert sum(breakdown.values()) == recon.given
    assert sum(report.deferrals_by_reason.values()) == c.deferred
    assert report.waste_by_reason == dict(sorted(recon.wasted_by_reason.items(),
                                                 key=lambda kv: (-kv[1], kv[0])))  # fmt: skip
    assert sum(report.waste_by_reason.values()) == recon.wasted == status.doses_wasted
    assert sum(h.vaccinated for h in report.hours) == c.vaccinated
    assert sum(h.issued for h in report.hours) == c.issued
    # the clear-to-zero outcome as the close stored it
    with e.db.read() as conn:
        stored = conn.execute(
            sa.select(days.c.cleared_to_zero).where(days.c.site == e.site, days.c.day == day)
        ).scalar_one()
    assert report.clearing.cleared_to_zero == bool(stored) == recon.cleared_to_zero
    assert report.clearing.balanced and report.clearing.left_in_open_vials == 0
    assert (report.clearing.doses_in, report.clearing.returned) == (recon.doses_in, recon.returned)
    # the flat figures the simulator prints agree
    flat = day_figures(e, day)
    assert s["median_wait_minutes"] == flat["median_wait_minutes"]
    assert s["p90_wait_minutes"] == flat["p90_wait_minutes"]
    assert s["first_dose_persons"] == flat["first_dose_persons"]


@pytest.mark.parametrize("day", ALL_DAYS)
def test_counts_straight_from_the_database(sim_engine: Engine, day: date) -> None:
    e = sim_engine
    report = build_day_report(e, day)
    s = report.summary
    in_day = sa.and_(tickets.c.site == e.site, tickets.c.day == day)
    day_events = events.join(tickets, tickets.c.id == events.c.ticket_id)
    assert s["adverse_events"] == _count(e, sa.select(sa.func.count()).where(
        adverse_events.c.site == e.site, adverse_events.c.day == day))  # fmt: skip
    assert s["missed_calls"] == _count(e, sa.select(sa.func.count()).select_from(day_events)
                                       .where(in_day, events.c.kind == "missed"))  # fmt: skip
    assert s["priority_issued"] == _count(
        e, sa.select(sa.func.count()).where(in_day, tickets.c.priority.is_(True))
    )
    assert s["first_dose_persons"] == _count(e, sa.select(sa.func.count()).where(
        doses.c.site == e.site, doses.c.given_on == day, doses.c.dose_number == 1,
        doses.c.voided_at.is_(None), doses.c.ticket_id.is_not(None)))  # fmt: skip
    registered = _count(e, sa.select(sa.func.count()).select_from(day_events)
                        .where(in_day, events.c.kind == "registered"))  # fmt: skip
    assert sum(report.registered_by_desk.values()) == registered


@pytest.mark.parametrize("day", ALL_DAYS)
def test_throughput_per_hour_and_desk_adds_up_both_ways(sim_engine: Engine, day: date) -> None:
    """Each desk's hours add up to its day; each hour's desks add up to the hour's
    registrations (the same for stations and the doses they gave)."""
    r = build_day_report(sim_engine, day)
    assert {d: sum(h.values()) for d, h in r.registered_by_desk_hour.items()} == (
        r.registered_by_desk
    )
    assert {s: sum(h.values()) for s, h in r.vaccinated_by_station_hour.items()} == (
        r.vaccinated_by_station
    )
    for hour in r.hours:
        at_desks = sum(h.get(hour.hour, 0) for h in r.registered_by_desk_hour.values())
        assert at_desks == hour.registered
    assert len(r.registered_by_desk_hour["登记1"]) > 1  # the day spans hours at each desk


def test_the_days_have_what_the_report_is_for(sim_engine: Engine) -> None:
    """The simulated days really have deferrals, waste, missed calls, adverse events and a
    second dose: otherwise the tests above prove little."""
    reports = [build_day_report(sim_engine, d) for d in ALL_DAYS]
    assert all(r.deferrals_by_reason for r in reports)
    assert any(r.waste_by_reason for r in reports)
    assert any(r.summary["missed_calls"] for r in reports)
    assert any(r.adverse_by_severity for r in reports)
    for r in reports:
        waits = {w.stage: w for w in r.waits}
        assert tuple(waits) == STAGES
        assert all(w.count > 0 and w.median_minutes is not None for w in r.waits)
        assert all(w.median_minutes <= w.p90_minutes for w in r.waits)  # type: ignore[operator]
        # the whole visit is at least as long as its first wait
        assert waits["issue_to_vaccinated"].median_minutes >= (  # type: ignore[operator]
            waits["issue_to_registration_call"].median_minutes
        )
        assert set(r.registered_by_desk) == {"登记1", "登记2"}
        assert set(r.vaccinated_by_station) == {"接种1", "接种2"}
        assert {code for code in r.reasons} >= set(r.deferrals_by_reason)


def test_an_open_day_mid_way(midday_engine: Engine) -> None:
    e = midday_engine
    report = build_day_report(e, LAST)
    status = e.day.status(LAST)
    assert report.status == "open" and report.clearing.cleared_to_zero is None
    assert report.summary["in_progress"] == status.counts.in_progress > 0
    assert report.summary["open_vial_doses_left"] == status.open_vial_doses_left
    assert report.hours[-1].hour <= "10"


def test_progress_is_reported_step_by_step(sim_engine: Engine) -> None:
    seen: list[tuple[int, int]] = []
    build_day_report(sim_engine, LAST, progress=lambda done, total: seen.append((done, total)))
    total = seen[0][1]
    assert seen == [(i, total) for i in range(1, total + 1)]


def test_a_day_never_opened_is_refused(sim_engine: Engine) -> None:
    with pytest.raises(DayNotOpen):
        build_day_report(sim_engine, LAST + timedelta(days=5))


def test_json_carries_the_figures_and_not_the_time_it_was_made(sim_engine: Engine) -> None:
    report = build_day_report(sim_engine, LAST)
    data = json.loads(to_json(report))
    assert data["report"] == "day" and data["day"] == LAST.isoformat()
    assert data["summary"] == report.summary
    assert data == as_dict(report) and "made_at" not in data
    sim_engine.clock.advance(timedelta(minutes=5))  # type: ignore[attr-defined]
    assert to_json(build_day_report(sim_engine, LAST)) == to_json(report)
