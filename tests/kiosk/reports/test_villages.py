"""Coverage by village over five simulated weeks: the report's figures equal counts made
independently, from the exported record and the village lists as written (series of 2, the second
dose from 21 days on; boosters 180 days on, so none is due yet)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config_model import DEFAULT
from kiosk.db.database import sqlite_url
from kiosk.dose_rules import rules_from_config
from kiosk.engine import Engine
from kiosk.reports import build_cumulative_report, build_day_report, rows
from kiosk.simulate import SimParams, simulate_days
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.kiosk.conftest import MANAGER

TZ = ZoneInfo("Asia/Shanghai")
LAST = date(2026, 11, 30)
DAYS = 35
VILLAGES = ("东风村", "红星社区", "向阳村")


@dataclass
class Weeks:
    engine: Engine
    clock: FakeClock
    village: dict[str, str]  # document number -> the village of the latest appointment
    today: list[list[str]]  # the rows booked for LAST
    later: set[str]  # documents first listed the day after LAST


def _row(name: str, number: str, village: str, day: date, dose: int) -> list[str]:
    return [name, "居民身份证", number, f"139{number[-9:-1]}", village,
            day.isoformat(), str(dose), "否"]  # fmt: skip


def _simulated(path: Path, lists: list[list[str]] | None = None) -> tuple[Engine, FakeClock]:
    """Five weeks of 12 new residents a day (and those due back); ``lists`` imported first."""
    clock = FakeClock(datetime.combine(LAST - timedelta(days=DAYS), time(7), tzinfo=TZ))
    db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    if lists is not None:
        csv_path = write_csv(path.with_suffix(".csv"), ZH, lists)
        report = engine.appointments.import_file(csv_path, actor=MANAGER)
        assert not report.refused and report.added == len(lists)
    params = SimParams(residents=12, seed=7, day=LAST, registration_desks=1,
                       vaccination_stations=1, rules=rules_from_config(DEFAULT))  # fmt: skip
    simulate_days(engine, clock, params, DAYS)
    return engine, clock


def _record(engine: Engine) -> list[tuple[str, date, int]]:
    return [(r.id_number, r.given_on, r.dose_number) for r in engine.record.export_rows(None, None)]


@pytest.fixture(scope="module")
def weeks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Weeks]:
    """The village staff list residents before the first day. Whom the simulation will bring is
    learnt from a first run; the second, with the same seed, brings the same residents."""
    tmp = tmp_path_factory.mktemp("villages")
    scout, _ = _simulated(tmp / "scout.sqlite")
    people: dict[str, tuple[str, date]] = {}
    for r in scout.record.export_rows(None, None):
        people.setdefault(r.id_number, (r.name, r.given_on))
    scouted = _record(scout)
    scout.db.dispose()
    listed = sorted(people)[: len(people) * 3 // 4]  # a quarter came without being listed
    village: dict[str, str] = {}
    rows_in: list[list[str]] = []
    today: list[list[str]] = []
    for i, number in enumerate(listed):
        name, first_on = people[number]
        row = _row(name, number, VILLAGES[i % 3], first_on, 1)
        rows_in.append(row)
        village[number] = VILLAGES[i % 3]
        if i % 5 == 0:  # booked again for dose 2 by another village, later: that village counts
            again = _row(name, number, VILLAGES[(i + 1) % 3], first_on + timedelta(days=28), 2)
            rows_in.append(again)
            village[number] = VILLAGES[(i + 1) % 3]
        if first_on == LAST:
            today.append(row)
    for n in range(20):  # registered, never came
        row = [str(x) for x in resident(900 + n, LAST)]
        rows_in.append(row)
        today.append(row)
        village[row[2]] = row[4]
    engine, clock = _simulated(tmp / "sim.sqlite", rows_in)
    assert _record(engine) == scouted
    clock.advance(timedelta(days=1))  # the next morning's list: not on the lists by LAST
    later = [[str(x) for x in resident(950 + n, LAST + timedelta(days=2))] for n in range(6)]
    engine.appointments.import_file(write_csv(tmp / "b.csv", ZH, later), actor=MANAGER)
    yield Weeks(engine, clock, village, today, {r[2] for r in later})
    engine.db.dispose()


def _expected(w: Weeks, upto: date) -> dict[str, tuple[int, int, int, int]]:
    """Per village: (registered, first dose, completed, due), straight from the export."""
    given: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for r in w.engine.record.export_rows(None, upto):
        given[r.id_number].append((r.given_on, r.dose_number))
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for number, village in w.village.items():
        counts = out[village]
        counts[0] += 1
        mine = given.get(number, [])
        if not mine:
            continue
        last_on = max(d for d, _ in mine)
        top = max(n for _, n in mine)
        counts[1] += any(n == 1 for _, n in mine)
        counts[2] += top >= 2
        counts[3] += last_on + timedelta(days=21 if top == 1 else 180) <= upto
    return {v: (a, b, c, d) for v, (a, b, c, d) in out.items()}


def _got(w: Weeks, upto: date) -> dict[str, tuple[int, int, int, int]]:
    report = build_cumulative_report(w.engine, upto)
    return {v.village: (v.registered, v.first_dose, v.completed, v.due) for v in report.villages}


def test_coverage_equals_the_record_and_the_lists(weeks: Weeks) -> None:
    got = _got(weeks, LAST)
    assert got == _expected(weeks, LAST)
    assert set(got) == set(VILLAGES)
    total = [sum(v[i] for v in got.values()) for i in range(4)]
    assert total[0] == len(weeks.village)  # each resident in one village: the latest list's
    assert total[1] > total[2] > 0 and total[3] > 0  # five weeks: seconds given, and still due
    assert total[0] - total[1] >= 20  # the twenty who never came


def test_an_earlier_date_counts_only_what_had_happened(weeks: Weeks) -> None:
    upto = LAST - timedelta(days=14)
    assert _got(weeks, upto) == _expected(weeks, upto)


def test_a_list_imported_later_counts_from_its_own_date(weeks: Weeks) -> None:
    assert not weeks.later & set(weeks.village)
    before = sum(v[0] for v in _got(weeks, LAST).values())
    after = sum(v[0] for v in _got(weeks, LAST + timedelta(days=1)).values())
    assert after == before + len(weeks.later)


def test_the_long_form_rows_carry_each_village(weeks: Weeks) -> None:
    report = build_cumulative_report(weeks.engine, LAST)
    found = {(f, d): v for day, f, d, v in rows(report) if f.startswith("village_")}
    for v in report.villages:
        assert found[("village_registered", v.village)] == str(v.registered)
        assert found[("village_first_dose", v.village)] == str(v.first_dose)
        assert found[("village_completed", v.village)] == str(v.completed)
        assert found[("village_due", v.village)] == str(v.due)
    assert all(day == LAST.isoformat() for day, f, _, _ in rows(report) if f.startswith("vill"))


def test_the_day_report_counts_the_days_appointments(weeks: Weeks) -> None:
    vaccinated_today = {
        r.id_number for r in weeks.engine.record.export_rows(LAST, LAST) if r.ticket_id
    }
    expected: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in weeks.today:
        expected[row[4]][0] += 1
        expected[row[4]][1] += row[2] in vaccinated_today
    report = build_day_report(weeks.engine, LAST)
    assert {v.village: [v.booked, v.vaccinated] for v in report.villages} == dict(expected)
    assert sum(v.vaccinated for v in report.villages) > 0
    found = {(f, d): v for _, f, d, v in rows(report) if f.startswith("village_")}
    for v in report.villages:
        assert found[("village_booked", v.village)] == str(v.booked)
        assert found[("village_vaccinated", v.village)] == str(v.vaccinated)


def test_no_lists_no_villages(tmp_path: Path) -> None:
    clock = FakeClock(datetime.combine(LAST, time(7), tzinfo=TZ))
    db = open_database(sqlite_url(tmp_path / "e.sqlite"), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    try:
        assert build_cumulative_report(engine, LAST).villages == ()
    finally:
        engine.db.dispose()


def test_the_pdf_shows_each_village(weeks: Weeks) -> None:
    from printing.report_pdf import render_report
    from tests.printing.test_report_pdf import rows_beside

    report = build_cumulative_report(weeks.engine, LAST)
    pdf = render_report(report)
    for v in report.villages:
        share = f"{100 * v.first_dose / v.registered:.1f}%"
        expected = [str(v.registered), str(v.first_dose), str(v.completed), str(v.due), share]
        assert expected in rows_beside(pdf, v.village, span=1), v
    day = build_day_report(weeks.engine, LAST)
    pdf = render_report(day)
    for d in day.villages:
        assert [str(d.booked), str(d.vaccinated)] in rows_beside(pdf, d.village, span=1), d
