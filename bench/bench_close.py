"""Closing a day of 2,000 tickets (target under 1 s): the reconciliation, the waiting made
unserved, whoever is still observed released (acknowledged), unopened vials returned to the
inventory, the day locked.

    .venv/bin/python bench/bench_close.py [--residents 2000] [--runs 5]

One simulated day (`kiosk simulate`'s engine run, stopped at 15:45 with people still waiting and
in observation) is copied for every run; each run wastes what is left in opened vials (not timed)
and times `engine.day.close(acknowledge=True)` on its own copy.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.bootstrap import TRAINING, open_database  # noqa: E402
from kiosk.clock import FakeClock  # noqa: E402
from kiosk.config_model import DEFAULT  # noqa: E402
from kiosk.db.database import sqlite_url  # noqa: E402
from kiosk.dose_rules import rules_from_config  # noqa: E402
from kiosk.engine import Engine  # noqa: E402
from kiosk.model import Actor  # noqa: E402
from kiosk.simulate import DaySimulation, SimParams, desks_needed  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 1)
MANAGER = Actor("manager", "admin", "manager")


def build(path: Path, residents: int) -> tuple[int, datetime]:
    clock = FakeClock(datetime.combine(DAY, clock_time(7), tzinfo=TZ))
    db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    registration, vaccination = desks_needed(residents)
    params = SimParams(
        residents=residents, seed=1, day=DAY, until=clock_time(15, 45), rules=rules_from_config(DEFAULT),
        registration_desks=registration, vaccination_stations=vaccination,
    )  # fmt: skip
    DaySimulation(engine, clock, params).run()
    issued = engine.day.status(DAY).counts.issued
    db.dispose()
    return issued, clock.now()


def close_once(path: Path, at: datetime) -> tuple[float, int, int]:
    clock = FakeClock(at)
    db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    for vial in engine.day.status(DAY).open_vials:
        engine.stock.waste(vial.id, vial.doses_left, "day_end", actor=MANAGER)
    before = engine.closing.reconciliation(DAY)
    start = time.perf_counter()
    engine.day.close(actor=MANAGER, day=DAY, acknowledge=True)
    seconds = time.perf_counter() - start
    db.dispose()
    return seconds, before.waiting, len(before.observing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    a = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-close-") as tmp:
        source = Path(tmp) / "day.sqlite"
        issued, at = build(source, a.residents)
        times = []
        for run in range(a.runs):
            copy = Path(tmp) / f"run{run}.sqlite"
            shutil.copyfile(source, copy)
            seconds, waiting, observing = close_once(copy, at)
            times.append(seconds)
        print(
            f"day of {issued:,} tickets, closed at {at:%H:%M} with {waiting} waiting and"
            f" {observing} in observation"
        )
        runs = ", ".join(f"{t * 1000:.0f}" for t in times)
        print(
            f"day close: median {statistics.median(times) * 1000:.0f} ms,"
            f" slowest {max(times) * 1000:.0f} ms (runs: {runs} ms); target < 1 s"
        )


if __name__ == "__main__":
    main()
