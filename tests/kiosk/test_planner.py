"""The staffing planner (`kiosk plan`, kiosk.planner) and the fast model it searches, checked
against the engine-driven simulation."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config_model import DEFAULT, DayDefaults
from kiosk.db.database import sqlite_url
from kiosk.dose_rules import rules_from_config
from kiosk.engine import Engine
from kiosk.errors import InvalidInput
from kiosk.planner import SEEDS, plan
from kiosk.simulate import DaySimulation, SimParams, draw_day, model_day
from tests.kiosk.conftest import run

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 1)


pytestmark = pytest.mark.usefixtures("data_dir")


@pytest.mark.parametrize(
    ("residents", "seed", "desks", "stations", "observation"),
    [(150, 2, 2, 1, 30), (300, 4, 4, 2, 45), (120, 5, 1, 1, 30)],
)
def test_the_model_and_the_engine_play_the_same_day(
    tmp_path: Path, residents: int, seed: int, desks: int, stations: int, observation: int
) -> None:
    """One script, two players: the engine-driven day (with the default dose rules) and the fast
    model give the same waits, counts, observation peak and end of the day. The model is built to
    match to the microsecond; the tolerances allow only for rounding."""
    params = SimParams(
        residents=residents, seed=seed, day=DAY, registration_desks=desks,
        vaccination_stations=stations, observation_minutes=observation,
        rules=rules_from_config(DEFAULT),
    )  # fmt: skip
    clock = FakeClock(datetime.combine(DAY, time(7), tzinfo=TZ))
    db = open_database(sqlite_url(tmp_path / "sim.sqlite"), "main", TRAINING, clock.now())
    try:
        engine_day = DaySimulation(Engine(db, clock, "main", "Asia/Shanghai"), clock, params).run()
    finally:
        db.dispose()
    model = model_day(params)
    figures = engine_day.figures
    assert model.issued == figures["issued"] == residents
    assert model.vaccinated == figures["vaccinated"]
    assert model.unserved == figures["unserved"]
    assert model.p90_wait_minutes == pytest.approx(figures["p90_wait_minutes"], abs=0.1)
    assert abs(model.observation_peak - engine_day.observation_peak) <= 1
    assert engine_day.day_ends is not None and model.day_ends is not None
    engine_end = engine_day.day_ends.replace(tzinfo=None)
    model_end = datetime.combine(DAY, model.day_ends)
    assert abs((engine_end - model_end).total_seconds()) < 60


def test_the_plan_checked_through_the_engine_meets_the_target(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Must hold: `kiosk simulate` with the plan's counts, seeds 1-5 through the real engine,
    keeps the p90 wait under the target; nobody is left unserved; the observation seats and the
    day's end are what the plan said."""
    target = 20.0
    code, out, _ = run(capsys, "plan", "--residents", "200", "--target-wait", "20", "--json")
    assert code == 0
    answer = json.loads(out)
    assert set(answer) == {
        "registration_desks", "stations", "observation_seats", "p90_wait_minutes", "day_ends",
    }  # fmt: skip
    ends, seats, worst = [], [], 0.0
    for seed in SEEDS:
        code, out, _ = run(
            capsys, "simulate", "--residents", "200", "--seed", str(seed), "--day", "2026-12-01",
            "--registration-desks", str(answer["registration_desks"]),
            "--stations", str(answer["stations"]), "--json",
        )  # fmt: skip
        assert code == 0
        day = json.loads(out)
        assert day["registration_desks"] == answer["registration_desks"]
        assert day["vaccination_stations"] == answer["stations"]
        assert day["p90_wait_minutes"] < target, seed
        assert day["unserved"] == 0
        worst = max(worst, day["p90_wait_minutes"])
        seats.append(day["observation_peak"])
        ends.append(day["day_ends"])
    assert worst == pytest.approx(answer["p90_wait_minutes"], abs=0.1)
    assert max(seats) <= answer["observation_seats"] <= max(seats) + 1
    assert max(ends) == answer["day_ends"]


def test_the_plan_is_the_fewest() -> None:
    """One desk fewer, or one station fewer, and some seed misses the target (or leaves people
    unserved): the plan cannot be cut."""
    target = 15.0
    result = plan(400, target)
    assert result.p90_wait_minutes < target
    assert result.p90_station_wait_minutes < target
    base = SimParams(residents=400, seed=0, day=DAY)
    scripts = {seed: draw_day(replace(base, seed=seed), 400) for seed in SEEDS}

    def days(desks: int, stations: int) -> list[float | None]:
        params = replace(base, registration_desks=desks, vaccination_stations=stations)
        out = [model_day(replace(params, seed=s), scripts[s]) for s in SEEDS]
        return [d.p90_wait_minutes for d in out] + [
            d.p90_station_wait_minutes if d.unserved == 0 else None for d in out
        ]

    fewer_desks = days(result.registration_desks - 1, result.stations)[: len(SEEDS)]
    assert max(w or 0.0 for w in fewer_desks) >= target
    fewer_stations = days(result.registration_desks, result.stations - 1)[len(SEEDS) :]
    assert any(w is None or w >= target for w in fewer_stations)


def test_more_desks_never_make_the_wait_longer() -> None:
    """What the planner's search relies on: the same residents (one script per seed) wait no
    longer for the first call with more desks, nor longer for a station with more stations."""
    for seed in (1, 2, 3):
        params = SimParams(residents=300, seed=seed, day=DAY)
        script = draw_day(params, 300)
        waits = [
            model_day(replace(params, registration_desks=n, vaccination_stations=3), script)
            for n in range(1, 9)
        ]
        p90s = [w.p90_wait_minutes or 0.0 for w in waits]
        assert p90s == sorted(p90s, reverse=True), (seed, p90s)
        stations = [
            model_day(replace(params, registration_desks=4, vaccination_stations=n), script)
            for n in range(1, 7)
        ]
        station_p90s = [s.p90_station_wait_minutes or 0.0 for s in stations]
        assert station_p90s == sorted(station_p90s, reverse=True), (seed, station_p90s)


def test_the_day_settings_reach_the_model() -> None:
    """A longer observation (the config's [day]) needs more seats and ends the day later."""
    short = plan(300, 20, defaults=DayDefaults(observation_minutes=30))
    long = plan(300, 20, defaults=DayDefaults(observation_minutes=60))
    assert (long.registration_desks, long.stations) == (short.registration_desks, short.stations)
    assert long.observation_seats > short.observation_seats
    assert long.day_ends > short.day_ends


def test_progress_counts_up_to_the_end() -> None:
    calls: list[tuple[int, int]] = []
    result = plan(300, 20, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (result.tried, result.tried)
    assert [done for done, _ in calls[:-1]] == list(range(1, result.tried + 1))
    assert all(done <= total for done, total in calls)


def test_bad_input_is_named() -> None:
    with pytest.raises(InvalidInput, match="residents must be 1 or more, not 0"):
        plan(0, 20)
    with pytest.raises(InvalidInput, match="target wait must be more than 0 minutes"):
        plan(100, 0)


def test_the_command_refuses_bad_input_and_says_what(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", "--residents", "100", "--target-wait", "-5")
    assert code != 0 and not out
    assert "the target wait must be more than 0 minutes, not -5" in err


def test_the_command_prints_the_plan_in_english_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "--residents", "150", "--target-wait", "25")
    assert code == 0
    result = plan(150, 25)
    assert f"registration desks:   {result.registration_desks}\n" in out
    assert f"vaccination stations: {result.stations}\n" in out
    assert f"observation seats:    {result.observation_seats} " in out
    assert f"day ends:             {result.day_ends:%H:%M} " in out
    assert (
        f"kiosk simulate --residents 150 --registration-desks {result.registration_desks}"
        f" --stations {result.stations}" in out
    )
