"""The reports (issue 15): the day report as a PDF for a 2,000-resident day (target under 1 s) and
the cumulative report over 60 such days (target under 2 s), each built from the database and drawn.

    .venv/bin/python bench/bench_report.py [--residents 2000] [--days 60] [--runs 5]

How the history is made: simulating 60 days through the engine takes about 13 s a day, so one day
is simulated (``kiosk simulate``'s engine run, with the desks it needs, closed at the end) and its
rows are copied onto the 59 days before it in bulk SQL (``INSERT ... SELECT`` per table and day,
SQLite): ids, sequence numbers and foreign keys shifted by a fixed offset per copy, dates and
timestamps moved back by whole days, tokens and document numbers suffixed so the unique indexes
hold. Every copied day is the simulated day again, so every day balances as that one did. The
timed reports then run on the last day of the 60 (the day report) and over all 60 (cumulative),
on the database holding them all.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.bootstrap import TRAINING, open_database  # noqa: E402
from kiosk.clock import FakeClock  # noqa: E402
from kiosk.config_model import DEFAULT  # noqa: E402
from kiosk.db.database import sqlite_url  # noqa: E402
from kiosk.db.schema import (  # noqa: E402
    UTCDateTime,
    adverse_events,
    days,
    doses,
    events,
    lots,
    persons,
    tickets,
    vials,
)
from kiosk.dose_rules import rules_from_config  # noqa: E402
from kiosk.engine import Engine  # noqa: E402
from kiosk.reports import build_cumulative_report, build_day_report  # noqa: E402
from kiosk.simulate import DaySimulation, SimParams, desks_needed  # noqa: E402
from printing.report_pdf import render_report  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 1)
# Copied in this order (each table's foreign keys point at tables copied before it).
TABLES = (persons, days, lots, vials, tickets, events, doses, adverse_events)
SHIFTED_KEYS = {"lot_id": lots, "vial_id": vials, "person_id": persons, "ticket_id": tickets}


def simulate(path: Path, residents: int) -> None:
    clock = FakeClock(datetime.combine(DAY, clock_time(7), tzinfo=TZ))
    db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    registration, vaccination = desks_needed(residents)
    params = SimParams(
        residents=residents, seed=1, day=DAY, rules=rules_from_config(DEFAULT),
        registration_desks=registration, vaccination_stations=vaccination,
    )  # fmt: skip
    DaySimulation(engine, clock, params).run()
    db.dispose()


def _column(table: sa.Table, col: sa.Column[object], back: int, offsets: dict[str, int]) -> str:
    name = col.name
    if name == "id":
        return f"id + {back * offsets[table.name]}"
    if name in SHIFTED_KEYS:
        return f"{name} + {back * offsets[SHIFTED_KEYS[name].name]}"
    if name == "seq":
        return f"seq + {back * offsets['seq']}"
    if isinstance(col.type, sa.Date):
        return f"date({name}, '-{back} days')"
    if isinstance(col.type, UTCDateTime):
        return f"strftime('%Y-%m-%d %H:%M:%f', {name}, '-{back} days')"
    if name == "token":
        return f"{name} || '.{back}'"
    if name == "id_number":
        return f"{name} || '#{back}'"
    if name == "idempotency_key":
        return "NULL"
    return name


def copy_history(path: Path, count: int) -> None:
    """The simulated day copied onto the ``count - 1`` days before it, in bulk SQL."""
    engine = sa.create_engine(sqlite_url(path))
    with engine.begin() as conn:
        offsets = {
            t.name: int(
                conn.execute(sa.text(f"SELECT coalesce(max(id), 0) + 1 FROM {t.name}")).scalar_one()
            )  # fmt: skip
            for t in TABLES
            if "id" in t.c
        }
        offsets["seq"] = int(
            conn.execute(sa.text("SELECT coalesce(max(seq), 0) + 1 FROM events")).scalar_one()
        )
        for back in range(1, count):
            for table in TABLES:
                names = [c.name for c in table.columns]
                exprs = [_column(table, c, back, offsets) for c in table.columns]
                conn.execute(
                    sa.text(
                        f"INSERT INTO {table.name} ({', '.join(names)}) "
                        f"SELECT {', '.join(exprs)} FROM {table.name} WHERE "
                        + (
                            "seq < :top"
                            if table is events
                            else "id < :top"
                            if "id" in table.c
                            else "day = :day"
                        )  # fmt: skip
                    ),
                    {
                        "top": offsets["seq"] if table is events else offsets.get(table.name),
                        "day": DAY.isoformat(),
                    },  # fmt: skip
                )
        conn.execute(sa.text("UPDATE sites SET last_seq = (SELECT max(seq) FROM events)"))
    engine.dispose()


def timed(fn: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - start)
    return out


def describe(label: str, times: list[float], target: float) -> None:
    median, worst = statistics.median(times), max(times)
    verdict = "ok" if worst < target else "OVER"
    print(f"{label:<44} median {median * 1000:7.1f} ms  max {worst * 1000:7.1f} ms"
          f"  (target < {target:g} s: {verdict})")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--residents", type=int, default=2000)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.sqlite"
        start = time.perf_counter()
        simulate(path, a.residents)
        simulated = time.perf_counter() - start
        start = time.perf_counter()
        copy_history(path, a.days)
        copied = time.perf_counter() - start
        clock = FakeClock(datetime.combine(DAY, clock_time(19), tzinfo=TZ))
        db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
        engine = Engine(db, clock, "main", "Asia/Shanghai")
        with db.read() as conn:
            n_events = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
            n_doses = conn.execute(sa.select(sa.func.count()).select_from(doses)).scalar_one()
        day = build_day_report(engine, DAY)
        cumulative = build_cumulative_report(engine, DAY)
        assert cumulative.summary["days"] == a.days
        assert cumulative.summary["cumulative_doses"] == a.days * day.summary["doses_given"]
        pdf_day, pdf_cum = render_report(day), render_report(cumulative)
        print(f"history: 1 day of {a.residents} residents simulated in {simulated:.1f} s, copied "
              f"to {a.days} days in {copied:.1f} s ({n_doses} doses, {n_events} events)")  # fmt: skip
        print(
            f"day report: {day.summary['issued']} tickets, {day.summary['doses_given']} doses;"
            f" PDF {len(pdf_day) // 1024} KiB; cumulative PDF {len(pdf_cum) // 1024} KiB"
        )
        describe("day report: figures", timed(lambda: build_day_report(engine, DAY), a.runs), 1)
        describe("day report: figures + PDF", timed(
            lambda: render_report(build_day_report(engine, DAY)), a.runs), 1)  # fmt: skip
        describe(f"cumulative ({a.days} days): figures", timed(
            lambda: build_cumulative_report(engine, DAY), a.runs), 2)  # fmt: skip
        describe(f"cumulative ({a.days} days): figures + PDF", timed(
            lambda: render_report(build_cumulative_report(engine, DAY)), a.runs), 2)  # fmt: skip
        db.dispose()


if __name__ == "__main__":
    main()
