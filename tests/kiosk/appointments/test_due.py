"""The next-dose list over simulated weeks: exactly the residents whose next dose falls in the
window by the dose rules (series of 2, 21 to 56 days apart; boosters 180 days on), from this
site's record; grouped by the village of their appointment."""

from __future__ import annotations

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
from kiosk.simulate import SimParams, simulate_days
from tests.kiosk.appointments.lists import ZH, write_csv
from tests.kiosk.conftest import MANAGER

TZ = ZoneInfo("Asia/Shanghai")
LAST = date(2026, 11, 30)
DAYS = 35


@pytest.fixture(scope="module")
def weeks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, list[str]]:
    """Five simulated weeks of 12 new residents a day (and those due back)."""
    tmp = tmp_path_factory.mktemp("weeks")
    clock = FakeClock(datetime.combine(LAST - timedelta(days=DAYS), time(7), tzinfo=TZ))
    db = open_database(sqlite_url(tmp / "sim.sqlite"), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    params = SimParams(residents=12, seed=7, day=LAST, registration_desks=1,
                       vaccination_stations=1, rules=rules_from_config(DEFAULT))  # fmt: skip
    _, population = simulate_days(engine, clock, params, DAYS)
    later = sorted(p.id_number or "" for d, people in population.due.items() if d > LAST
                   for p in people)  # fmt: skip
    return engine, later


def _expected(engine: Engine, first: date, last: date) -> set[tuple[str, int, date, date | None]]:
    """Straight from the rules, on the exported record: one dose -> dose 2 from 21 to 56 days
    on; two -> a booster from 180 days on."""
    doses: dict[str, list[date]] = {}
    for row in engine.record.export_rows(None, None):
        doses.setdefault(row.id_number, []).append(row.given_on)
    out = set()
    for number, given in doses.items():
        latest = max(given)
        if len(given) == 1:
            window: tuple[date, date | None] = (latest + timedelta(21), latest + timedelta(56))
        else:
            window = (latest + timedelta(180), None)
        start, until = window
        if start <= last and (until is None or until >= first):
            out.add((number, len(given) + 1, start, until))
    return out


@pytest.mark.parametrize("offset,length", [(-30, 14), (1, 14), (1, 60), (150, 60)])
def test_the_due_list_matches_the_dose_rules(
    weeks: tuple[Engine, list[str]], offset: int, length: int
) -> None:
    engine, _ = weeks
    first = LAST + timedelta(days=offset)
    last = first + timedelta(days=length)
    rows = engine.appointments.due(first, last)
    got = {(r.document_number, r.next_dose_number, r.due_from, r.due_until) for r in rows}
    assert got == _expected(engine, first, last)
    assert len(got) == len(rows)  # one row per person and family
    if offset == 1:
        assert rows, "five weeks leave residents due for their second dose"


def test_everyone_the_simulation_sends_back_later_is_on_the_list(
    weeks: tuple[Engine, list[str]],
) -> None:
    engine, later = weeks
    assert later
    rows = engine.appointments.due(LAST + timedelta(days=1), LAST + timedelta(days=60))
    assert set(later) <= {r.document_number for r in rows}


def test_the_list_is_grouped_by_the_village_of_the_appointment(
    weeks: tuple[Engine, list[str]], tmp_path: Path
) -> None:
    engine, later = weeks
    first, last = LAST + timedelta(days=1), LAST + timedelta(days=60)
    due = engine.appointments.due(first, last)
    booked = due[: len(due) // 2]
    rows = [[r.name, "", r.document_number, f"0571-8888{i:04d}", ("东风村", "向阳村")[i % 2],
             (LAST + timedelta(days=3)).isoformat(), "2", "否"]
            for i, r in enumerate(booked)]  # fmt: skip
    engine.appointments.import_file(write_csv(tmp_path / "v.csv", ZH, rows), actor=MANAGER)
    grouped = engine.appointments.due(first, last)
    assert [r.village for r in grouped] == sorted(
        (r.village for r in grouped), key=lambda v: (not v, v)
    )  # villages in order, residents without an appointment last
    east = engine.appointments.due(first, last, "东风村")
    assert {r.document_number for r in east} == {r.document_number for r in booked[::2]}
    assert all(r.phone.startswith("0571-8888") for r in east)  # the list's phone comes first
    assert len(grouped) == len(due)
