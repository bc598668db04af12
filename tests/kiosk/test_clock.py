"""The clocks (kiosk/clock.py) and a training database's shared clock (kiosk.bootstrap)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from kiosk.bootstrap import LIVE, TRAINING, open_database, shared_clock
from kiosk.clock import OffsetClock, SystemClock, offset_to, parse_at, real_now
from kiosk.db.database import sqlite_url
from kiosk.db.schema import sites
from kiosk.errors import InvalidInput, TrainingOnly

TZ = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TZ)


def test_hh_mm_is_today_in_the_sites_zone_not_the_machines() -> None:
    # 20:00 UTC on 30 November is already 1 December in Shanghai: "10:30" is 1 December there.
    now = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)
    at = parse_at("10:30", TZ, now)
    assert at == datetime(2026, 12, 1, 10, 30, tzinfo=SHANGHAI)
    assert parse_at(" 9:05 ", TZ, now) == datetime(2026, 12, 1, 9, 5, tzinfo=SHANGHAI)


def test_a_full_date_still_works() -> None:
    at = parse_at("2026-11-28 08:15", TZ)
    assert at == datetime(2026, 11, 28, 8, 15, tzinfo=SHANGHAI)


@pytest.mark.parametrize("text", ["25:00", "10:61", "1030", "tomorrow", "2026-13-01 10:00", ""])
def test_a_bad_moment_names_the_option_and_the_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_at(text, TZ)
    assert "--at" in str(info.value) and "HH:MM" in str(info.value)
    assert info.value.details["field"] == "at"


def test_an_offset_clock_runs_from_its_moment() -> None:
    target = real_now() + timedelta(days=-3, hours=2)
    clock = OffsetClock(offset_to(target))
    assert abs((clock.now() - target).total_seconds()) < 1
    assert clock.now().tzinfo is not None


def test_at_stores_the_offset_and_a_second_opener_shares_it(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "training.sqlite")
    db = open_database(url, "main", TRAINING, real_now())
    at = parse_at("10:30", TZ)
    first = shared_clock(db, "main", at)
    assert abs((first.now() - at).total_seconds()) < 1
    with db.read() as conn:
        stored = conn.execute(sa.select(sites.c.clock_offset_seconds)).scalar()
    assert stored is not None and abs(stored - offset_to(at)) < 1
    db.dispose()

    again = open_database(url, "main", LIVE, real_now())  # `kiosk run --db training.sqlite`
    second = shared_clock(again, "main")
    assert isinstance(second, OffsetClock)
    assert abs((second.now() - first.now()).total_seconds()) < 1
    again.dispose()


def test_a_training_database_never_set_runs_on_real_time(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "t.sqlite"), "main", TRAINING, real_now())
    assert isinstance(shared_clock(db, "main"), SystemClock)
    db.dispose()


def test_at_on_a_live_database_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "live.sqlite"), "main", LIVE, real_now())
    with pytest.raises(TrainingOnly) as info:
        shared_clock(db, "main", parse_at("10:30", TZ))
    assert "--at" in str(info.value) and "real service days" in str(info.value)
    with db.read() as conn:
        assert conn.execute(sa.select(sites.c.clock_offset_seconds)).scalar() is None
    assert isinstance(shared_clock(db, "main"), SystemClock)
    db.dispose()
