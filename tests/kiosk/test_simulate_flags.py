"""`kiosk simulate --registration-desks R --stations S`: the config's desk names first, invented
ones only past them; the day it simulated is the site's date, and it says so."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.simulate import desk_names, site_day
from tests.kiosk.conftest import run

CONFIG = """schema = 1

[[desk]]
name = "东登记台"
kind = "registration"

[[desk]]
name = "一号接种台"
kind = "vaccination"

[[desk]]
name = "接种1"
kind = "vaccination"

[[desk]]
name = "留观"
kind = "observation"
"""


pytestmark = pytest.mark.usefixtures("data_dir")


def called_desks(path: Path) -> dict[str, set[str]]:
    """The desks that called someone in the simulated day, by queue, read from its events."""
    clock = FakeClock(datetime(2026, 12, 1, tzinfo=UTC))
    db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
    try:
        engine = Engine(db, clock, "main", "Asia/Shanghai")
        desks: dict[str, set[str]] = {"registration": set(), "vaccination": set()}
        for event in engine.queries.events_since(0, limit=1_000_000):
            if event.kind == "called":
                desks[event.payload["queue"]].add(event.payload["desk"])
        return desks
    finally:
        db.dispose()


def test_the_configs_desk_names_first_then_invented_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "site.toml"
    config.write_text(CONFIG, encoding="utf-8")
    code, out, _ = run(
        capsys, "--config", str(config), "simulate", "--residents", "120", "--seed", "3",
        "--day", "2026-12-01", "--registration-desks", "3", "--stations", "2",
    )  # fmt: skip
    assert code == 0
    assert "registration desks: 3 (东登记台, 登记1, 登记2)\n" in out
    assert "vaccination stations: 2 (一号接种台, 接种1)\n" in out  # both configured: none invented
    assert called_desks(tmp_path / "training.sqlite") == {
        "registration": {"东登记台", "登记1", "登记2"},
        "vaccination": {"一号接种台", "接种1"},
    }


def test_the_counts_given_are_the_counts_simulated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "simulate", "--residents", "80", "--seed", "2", "--day", "2026-12-01",
        "--registration-desks", "1", "--stations", "1", "--json",
    )  # fmt: skip
    assert code == 0
    day = json.loads(out)
    assert (day["registration_desks"], day["vaccination_stations"]) == (1, 1)
    assert day["day"] == "2026-12-01"
    assert day["observation_peak"] > 0 and len(day["day_ends"]) == 5  # HH:MM


def test_without_the_flags_the_config_and_the_residents_decide(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The default config names two desks of each kind; 30 residents need no more."""
    code, out, _ = run(capsys, "simulate", "--residents", "30", "--day", "2026-12-01")
    assert code == 0
    assert "registration desks: 2 (登记1, 登记2)\n" in out
    assert "vaccination stations: 2 (接种1, 接种2)\n" in out


@pytest.mark.parametrize(
    ("flag", "value"), [("--registration-desks", "0"), ("--stations", "-2"), ("--stations", "501")]
)
def test_a_bad_count_is_refused_before_anything_is_touched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, flag: str, value: str
) -> None:
    code, out, err = run(capsys, "simulate", "--residents", "10", flag, value)
    assert code != 0 and not out
    assert f"{flag} must be between 1 and 500, not {value}" in err
    assert not (tmp_path / "training.sqlite").exists()


def test_it_says_the_day_it_simulated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", "--residents", "10", "--day", "2026-12-02")
    assert code == 0
    assert out.startswith("simulated: 2026-12-02, the site's date (Asia/Shanghai)\n")


def test_the_default_day_is_the_sites_date_not_the_machines() -> None:
    """At 20:00 UTC on 1 December it is already 2 December in Asia/Shanghai; at 15:59 UTC it is
    still 1 December there, and at 01:00 UTC the dates agree."""
    assert site_day(datetime(2026, 12, 1, 20, 0, tzinfo=UTC), "Asia/Shanghai") == date(2026, 12, 2)
    assert site_day(datetime(2026, 12, 1, 15, 59, tzinfo=UTC), "Asia/Shanghai") == date(2026, 12, 1)
    assert site_day(datetime(2026, 12, 1, 1, 0, tzinfo=UTC), "Asia/Shanghai") == date(2026, 12, 1)
    assert site_day(datetime(2026, 12, 1, 20, 0, tzinfo=UTC), "Europe/London") == date(2026, 12, 1)


def test_invented_names_never_clash_with_configured_ones() -> None:
    assert desk_names(("登记2",), 3, "登记") == ("登记2", "登记1", "登记3")
    assert desk_names((), 2, "接种", avoid=("接种1",)) == ("接种2", "接种3")
    assert desk_names(("A", "B", "C"), 2, "登记") == ("A", "B")
