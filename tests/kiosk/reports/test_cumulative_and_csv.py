"""The cumulative report equals the engine's day by day; the long-form CSV has one header on every
day, whatever the day's categories."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from kiosk.db.schema import doses
from kiosk.engine import Engine
from kiosk.reports import HEADER, build_cumulative_report, build_day_report, rows, to_csv

from .conftest import DAYS, LAST


def test_cumulative_equals_the_days(sim_engine: Engine) -> None:
    e = sim_engine
    report = build_cumulative_report(e, LAST)
    assert [line.day for line in report.days] == [
        LAST - timedelta(days=b) for b in range(DAYS - 1, -1, -1)
    ]
    for line in report.days:
        status, recon = e.day.status(line.day), e.closing.reconciliation(line.day)
        day_report = build_day_report(e, line.day)
        assert line.doses == recon.given
        assert line.issued == status.counts.issued
        assert line.deferred == status.counts.deferred
        assert line.missed == status.counts.missed
        assert line.wasted == status.doses_wasted
        assert line.first_doses == day_report.summary["first_dose_persons"]
        assert line.cleared_to_zero == day_report.clearing.cleared_to_zero
    s = report.summary
    assert s["days"] == DAYS
    assert s["cumulative_doses"] == sum(e.closing.reconciliation(x.day).given for x in report.days)
    with e.db.read() as conn:
        persons = conn.execute(
            sa.select(sa.func.count(sa.distinct(doses.c.person_id))).where(
                doses.c.site == e.site, doses.c.dose_number == 1, doses.c.voided_at.is_(None),
                doses.c.ticket_id.is_not(None), doses.c.given_on <= LAST,
            )
        ).scalar_one()  # fmt: skip
    assert s["cumulative_first_dose_persons"] == persons
    assert sum(report.doses_by_product.values()) == s["cumulative_doses"]
    assert sum(report.doses_by_dose_number.values()) == s["cumulative_doses"]
    assert sum(report.waste_by_reason.values()) == s["cumulative_wasted"]
    assert sum(report.deferrals_by_reason.values()) == s["cumulative_deferred"]
    totals = [build_day_report(e, x.day).waste_by_reason for x in report.days]
    for code, n in report.waste_by_reason.items():
        assert n == sum(t.get(code, 0) for t in totals)


def test_up_to_an_earlier_day(sim_engine: Engine) -> None:
    report = build_cumulative_report(sim_engine, LAST - timedelta(days=1))
    assert report.summary["days"] == DAYS - 1 and report.upto == LAST - timedelta(days=1)


def _parse(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # UTF-8 with a byte-order mark, for spreadsheets
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_header_is_the_same_on_every_day(sim_engine: Engine) -> None:
    texts = [to_csv(build_day_report(sim_engine, LAST - timedelta(days=b))) for b in range(DAYS)]
    parsed = [_parse(t) for t in texts]
    assert all(p[0] == list(HEADER) for p in parsed)
    # the days differ in their categories (reasons, severities, desks' hours): rows, not columns
    dimensions = [
        {(r[1], r[2]) for r in p[1:] if r[1].endswith("_by_reason") or r[1].endswith("hour")}
        for p in parsed
    ]
    assert len({frozenset(d) for d in dimensions}) > 1
    assert all(len(r) == 4 for p in parsed for r in p)
    cumulative = _parse(to_csv(build_cumulative_report(sim_engine, LAST)))
    assert cumulative[0] == list(HEADER)


def test_csv_rows_carry_the_figures(sim_engine: Engine) -> None:
    report = build_day_report(sim_engine, LAST)
    table = {(r[1], r[2]): r[3] for r in _parse(to_csv(report))[1:]}
    assert table["issued", ""] == str(report.summary["issued"])
    for code, n in report.deferrals_by_reason.items():
        assert table["deferrals_by_reason", code] == str(n)
    for w in report.waits:
        assert table["wait_median_minutes", w.stage] == f"{w.median_minutes:.1f}"
    assert table["cleared_to_zero", ""] in ("0", "1")
    assert all(r[0] == LAST.isoformat() for r in rows(report))
    cumulative = build_cumulative_report(sim_engine, LAST)
    c_table = {(r[0], r[1], r[2]): r[3] for r in rows(cumulative)}
    assert c_table[LAST.isoformat(), "cumulative_doses", ""] == str(
        cumulative.summary["cumulative_doses"]
    )
    for line in cumulative.days:
        assert c_table[line.day.isoformat(), "doses_given", ""] == str(line.doses)
