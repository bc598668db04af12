"""How long a backup of a season's database takes (issue 14's target: under 2 s).

    .venv/bin/python bench/bench_backup.py [--days 60] [--per-day 2000] [--runs 5] [--keep DIR]

The database is built the quick way: one day of ``--per-day`` tickets through the engine (issued,
called, registered, vaccinated, released: their events, persons, doses and vials as the program
writes them), then copied in bulk, SQL to SQL, to the other days (ids, sequence numbers, tokens
and document numbers shifted so every unique index holds). ``kiosk simulate --days 60
--residents 2000`` builds the same amount but takes many minutes.

Then ``kiosk.backup.backup()`` is timed ``--runs`` times (each a new file: the online backup API,
``PRAGMA journal_mode=DELETE`` on the copy, ``PRAGMA integrity_check``, fsync and rename), and
``kiosk db backup`` as a command too once the command line has it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk import backup
from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.model import Actor, LotIn, PersonIn
from kiosk.states import Queue

NURSE = Actor("bench", "bench")
TZ = ZoneInfo("Asia/Shanghai")
FIRST_DAY = date(2026, 9, 1)
ROOT = Path(__file__).resolve().parents[1]


def one_day(path: Path, n: int) -> None:
    """``n`` tickets through the whole visit, by the engine, on FIRST_DAY."""
    clock = FakeClock(datetime.combine(FIRST_DAY, datetime.min.time(), TZ) + timedelta(hours=8))
    db = open_database(sqlite_url(path), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    engine.day.open(
        capacity=n,
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[LotIn("bench vaccine", "B1", FIRST_DAY + timedelta(days=365), 10, n // 10 + 1)],
        actor=NURSE,
    )
    lot_id = engine.day.status().lots[0].id
    screening = {"fever": False, "allergy": False, "pregnant": False}
    for i in range(n):
        engine.tickets.issue("A" if i % 5 else "B")
        clock.advance(timedelta(seconds=2))
    for i in range(n):
        t = engine.tickets.call_next(Queue.REGISTRATION, f"登记{i % 4}", actor=NURSE)
        assert t is not None
        engine.care.register(
            t.id, PersonIn(f"居民{i}"), dose_number=1, consent=True, screening=screening,
            actor=NURSE,
        )  # fmt: skip
        v = engine.tickets.call_next(Queue.VACCINATION, f"接种{i % 6}", actor=NURSE)
        assert v is not None
        engine.care.vaccinate(v.id, lot_id=lot_id, actor=NURSE)
        clock.advance(timedelta(seconds=10))
    clock.advance(timedelta(minutes=31))
    for t in engine.queries.tickets_of_day(FIRST_DAY):
        engine.observation.release(t.id, actor=NURSE)
    db.dispose()


# Per table: the columns to change in each copy (k = 1, 2, ...), as SQL over the original row.
SHIFT = {
    "days": {"day": "date(day, '+{k} days')"},
    "lots": {"id": "id + {k} * {lots}", "day": "date(day, '+{k} days')"},
    "vials": {
        "id": "id + {k} * {vials}",
        "lot_id": "lot_id + {k} * {lots}",
        "day": "date(day, '+{k} days')",
    },
    "persons": {"id": "id + {k} * {persons}", "name": "name || '-{k}'"},
    "tickets": {
        "id": "id + {k} * {tickets}",
        "day": "date(day, '+{k} days')",
        "token": "token || '-{k}'",
        "person_id": "person_id + {k} * {persons}",
        "lot_id": "lot_id + {k} * {lots}",
        "vial_id": "vial_id + {k} * {vials}",
        "reinstated_seq": "reinstated_seq + {k} * {seq}",
    },
    "events": {
        "id": "id + {k} * {events}",
        "seq": "seq + {k} * {seq}",
        "day": "date(day, '+{k} days')",
        "ticket_id": "ticket_id + {k} * {tickets}",
        "idempotency_key": "idempotency_key || '-{k}'",
    },
    "doses": {
        "id": "id + {k} * {doses}",
        "person_id": "person_id + {k} * {persons}",
        "ticket_id": "ticket_id + {k} * {tickets}",
        "given_on": "date(given_on, '+{k} days')",
        "lot_id": "lot_id + {k} * {lots}",
        "token": "token || '-{k}'",
    },
}


# Which rows are the first day's (persons have no day: all of them are).
ORIGINAL = {"persons": "id <= {persons}", "doses": "given_on = '{day}'"}


def copy_days(path: Path, days: int) -> None:
    """The first day's rows copied to the next ``days - 1`` days."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        sizes = {
            t: conn.execute(f"SELECT max(id) FROM {t}").fetchone()[0] for t in SHIFT if t != "days"
        }
        sizes["seq"] = conn.execute("SELECT max(seq) FROM events").fetchone()[0]
        conn.execute("BEGIN")
        for k in range(1, days):
            for table, changes in SHIFT.items():
                columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
                exprs = [changes.get(c, c).format(k=k, **sizes) for c in columns]
                where = ORIGINAL.get(table, "day = '{day}'").format(day=FIRST_DAY, **sizes)
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(columns)})"
                    f" SELECT {', '.join(exprs)} FROM {table} WHERE {where}"
                )
        conn.execute("UPDATE sites SET last_seq = (SELECT max(seq) FROM events)")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("tickets", "events", "doses", "persons")
        }


def cli_has_backup() -> bool:
    from kiosk.cli import build_parser

    parser, _ = build_parser()
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            parser.parse_args(["db", "backup", "--out", "x.sqlite"])
    except SystemExit:
        return False
    return True


def timed(runs: int, job: object) -> list[float]:
    out = []
    for i in range(runs):
        start = time.perf_counter()
        job(i)  # type: ignore[operator]
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--per-day", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the database in DIR and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "season.sqlite"
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        start = time.perf_counter()
        one_day(path, args.per_day)
        built_one = time.perf_counter() - start
        copy_days(path, args.days)
        built = time.perf_counter() - start
        size = path.stat().st_size
        print(f"database: {args.days} days, {counts(path)}")
        print(
            f"  {size / 1e6:.1f} MB, built in {built:.1f} s (the engine's day: {built_one:.1f} s)"
        )
        url = sqlite_url(path)
        now = datetime(2026, 11, 1, 18, 0, tzinfo=TZ)
        out = folder / "backups"

        out.mkdir(exist_ok=True)
        for verify in ("integrity_check", "quick_check"):

            def run_function(i: int, verify: str = verify) -> None:
                copy = out / f"{verify}-{i}.sqlite"
                backup.backup(url, copy, data_dir=folder, now=now, verify=verify)
                copy.unlink()  # the disk holds one copy at a time

            report(f"backup(verify={verify})", timed(args.runs, run_function))
        if cli_has_backup():
            env = {**os.environ, "KIOSK_DATA_DIR": str(folder)}

            def run_command(i: int) -> None:
                subprocess.run(
                    [sys.executable, "-c", "import sys; from ui.cli import main; sys.exit(main())",
                     "db", "backup", "--db", str(path), "--out", str(out / f"cli-{i}.sqlite")],
                    cwd=ROOT, env=env, check=True, capture_output=True,
                )  # fmt: skip
                (out / f"cli-{i}.sqlite").unlink()

            report("kiosk db backup (a process)", timed(args.runs, run_command))
        else:
            print("kiosk db backup: not wired into the command line yet (timed the function only)")


def report(what: str, times: list[float]) -> None:
    shown = ", ".join(f"{t:.2f}" for t in times)
    verdict = "under" if max(times) < 2.0 else "OVER"
    print(
        f"{what}: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s"
        f" ({verdict} the 2 s target); runs: {shown}"
    )


if __name__ == "__main__":
    main()
