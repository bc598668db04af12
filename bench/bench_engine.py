"""Engine operations per second on SQLite, one process (issue 2's target: 1,000/s or more each).

    .venv/bin/python bench/bench_engine.py [--n 2000]

SQLite runs as the program runs it: WAL journal, synchronous=NORMAL, each operation one
BEGIN IMMEDIATE transaction that appends its event. Measures issue, call next, and vaccinate
(vaccinate includes drawing the dose from a 10-dose vial, opening vials as they empty).
"""

from __future__ import annotations

import argparse
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


def rate(label: str, n: int, op: Callable[[int], object]) -> float:
    start = time.perf_counter()
    for i in range(n):
        op(i)
    elapsed = time.perf_counter() - start
    per_s = n / elapsed
    print(f"{label:<34} {per_s:8.0f} /s   ({elapsed * 1000 / n:.2f} ms each, n={n})")
    return per_s


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    n = parser.parse_args().n
    tz = ZoneInfo("Asia/Shanghai")
    clock = FakeClock(datetime(2026, 11, 30, 8, 0, tzinfo=tz))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(sqlite_url(Path(tmp) / "bench.sqlite"), "main", TRAINING, clock.now())
        engine = Engine(db, clock, "main", "Asia/Shanghai")
        engine.open_day(
            capacity=n * 2,
            observation_minutes=30,
            missed_grace_minutes=30,
            lots_in=[LotIn("bench vaccine", "B1", date(2027, 6, 1), 10, n)],
            actor=NURSE,
        )
        lot_id = engine.day_status().lots[0].id
        rate("issue", n, lambda i: engine.issue("A"))
        called: list[int] = []

        def call_and_register(i: int) -> None:
            t = engine.call_next(Queue.REGISTRATION, "登记1", actor=NURSE)
            assert t is not None
            engine.register(t.id, PersonIn(f"p{i}"), dose_number=1, screening={}, actor=NURSE)

        start = time.perf_counter()
        for i in range(n):
            t = engine.call_next(Queue.REGISTRATION, "登记1", actor=NURSE)
            assert t is not None
            called.append(t.id)
            engine.defer(t.id, "bench", actor=NURSE) if False else None
            clock.advance(timedelta(milliseconds=1))
            engine.register(t.id, PersonIn(f"p{i}"), dose_number=1, screening={}, actor=NURSE)
        del call_and_register
        elapsed = time.perf_counter() - start
        print(f"{'call next + register (pair)':<34} {n / elapsed:8.0f} /s")
        rate(
            "call next (vaccination)",
            n,
            lambda i: engine.call_next(Queue.VACCINATION, f"接种{i}", actor=NURSE),
        )
        ids = [t.id for t in engine.called()]
        rate("vaccinate", len(ids), lambda i: engine.vaccinate(ids[i], lot_id=lot_id, actor=NURSE))
        db.dispose()


if __name__ == "__main__":
    main()
