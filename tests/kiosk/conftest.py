from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import Database, sqlite_url
from kiosk.engine import Engine
from kiosk.model import Actor, LotIn

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 28)
NURSE = Actor(staff="nurse1", terminal="desk-1")
MANAGER = Actor(staff="manager", terminal="admin")


def start_of_day() -> datetime:
    return datetime(2026, 11, 28, 8, 0, tzinfo=TZ)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start_of_day())


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "kiosk.sqlite")


@pytest.fixture
def db(db_url: str, clock: FakeClock) -> Database:
    database = open_database(db_url, "main", TRAINING, clock.now())
    yield database
    database.dispose()


@pytest.fixture
def engine(db: Database, clock: FakeClock) -> Engine:
    return Engine(db, clock, "main", "Asia/Shanghai")


def lot(vials: int = 20, doses_per_vial: int = 1, name: str = "L001", **kw: object) -> LotIn:
    return LotIn(
        product=str(kw.get("product", "新冠疫苗(Vero细胞)")),
        lot=name,
        expiry=DAY + timedelta(days=90),
        doses_per_vial=doses_per_vial,
        vials=vials,
    )


def open_day(
    engine: Engine,
    *,
    capacity: int = 100,
    vials: int = 100,
    doses_per_vial: int = 1,
    observation: int = 30,
    grace: int = 30,
) -> None:
    engine.open_day(
        capacity=capacity,
        observation_minutes=observation,
        missed_grace_minutes=grace,
        lots_in=[lot(vials=vials, doses_per_vial=doses_per_vial)],
        actor=MANAGER,
    )
