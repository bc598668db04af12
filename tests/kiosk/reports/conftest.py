"""Three simulated days (the last stopped mid-day) shared by the report tests: deferrals, waste,
missed tickets, adverse events and the rules' overrides come from the simulator."""

from __future__ import annotations

from collections.abc import Iterator
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

TZ = ZoneInfo("Asia/Shanghai")
LAST = date(2026, 11, 30)
DAYS = 3


def simulated_engine(path: Path, *, until: time | None = None) -> Engine:
    clock = FakeClock(datetime.combine(LAST - timedelta(days=DAYS), time(7), tzinfo=TZ))
    db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    params = SimParams(
        residents=90, seed=4, day=LAST, registration_desks=2, vaccination_stations=2,
        rules=rules_from_config(DEFAULT), doses_per_vial=5, defer_share=0.08,
        adverse_share=0.03, no_show_share=0.06, until=until,
    )  # fmt: skip
    simulate_days(engine, clock, params, DAYS)
    return engine


@pytest.fixture(scope="package")
def sim_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Three closed days."""
    engine = simulated_engine(tmp_path_factory.mktemp("reports") / "sim.sqlite")
    yield engine
    engine.db.dispose()


@pytest.fixture(scope="package")
def midday_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Two closed days and the third stopped at 10:30, still open."""
    engine = simulated_engine(
        tmp_path_factory.mktemp("reports") / "midday.sqlite", until=time(10, 30)
    )
    yield engine
    engine.db.dispose()
