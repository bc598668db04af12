"""Engine operations per second on SQLite, one process (issue 2's target: 1,000/s or more each).

    .venv/bin/python bench/bench_engine.py [--n 2000] [--rounds 3]

SQLite runs as the program runs it: WAL journal, synchronous=NORMAL, each operation one
BEGIN IMMEDIATE transaction that appends its event. Measures issue, call next, and vaccinate
(vaccinate includes drawing the dose from a 10-dose vial, opening vials as they empty).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.model import Actor, LotIn, PersonIn
from kiosk.states import Queue

NURSE = Actor("bench", "bench")


def rate(n: int, op: Callable[[int], object]) -> float:
    start = time.perf_counter()
    for i in range(n):
        op(i)
    return n / (time.perf_counter() - start)


def one_round(n: int) -> dict[str, float]:
    """Issue, call next and vaccinate ``n`` tickets on a fresh database; operations per second."""
    tz = ZoneInfo("Asia/Shanghai")
    clock = FakeClock(datetime(2026, 11, 30, 8, 0, tzinfo=tz))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(sqlite_url(Path(tmp) / "bench.sqlite"), "main", TRAINING, clock.now())
        engine = Engine(db, clock, "main", "Asia/Shanghai")
        engine.day.open(
            capacity=n * 2,
            observation_minutes=30,
            missed_grace_minutes=30,
            lots_in=[LotIn("bench vaccine", "B1", date(2027, 6, 1), 10, n)],
            actor=NURSE,
        )
        lot_id = engine.day.status().lots[0].id
        figures = {"issue": rate(n, lambda i: engine.tickets.issue("A"))}

        def call_and_register(i: int) -> None:
            t = engine.tickets.call_next(Queue.REGISTRATION, "登记1", actor=NURSE)
            assert t is not None
            clock.advance(timedelta(milliseconds=1))
            engine.care.register(
                t.id, PersonIn(f"p{i}"), dose_number=1, consent=True, screening={}, actor=NURSE
            )

        figures["call next + register (pair)"] = rate(n, call_and_register)
        figures["call next (vaccination)"] = rate(
            n, lambda i: engine.tickets.call_next(Queue.VACCINATION, f"接种{i}", actor=NURSE)
        )
        ids = [t.id for t in engine.queries.called()]
        assert len(ids) == n
        figures["vaccinate"] = rate(
            n, lambda i: engine.care.vaccinate(ids[i], lot_id=lot_id, actor=NURSE)
        )
        db.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rounds = [one_round(args.n) for _ in range(args.rounds)]
    print(f"{args.rounds} rounds of n={args.n}, each on a fresh database (median, slowest round)")
    for op in rounds[0]:
        values = sorted(r[op] for r in rounds)
        median = statistics.median(values)
        print(
            f"{op:<30} {median:7.0f} /s  ({1000 / median:.2f} ms each; slowest {values[0]:.0f} /s)"
        )


if __name__ == "__main__":
    main()
