"""The vaccination record at county scale: finding a person by document, and the export.

1. Lookup: a database with ``--persons`` persons (1,000,000) and two doses each (2,000,000) on
   file, loaded in bulk; then ``--lookups`` random people (and 10 % unknown numbers) are looked up
   as a desk does it, ``engine.record.find`` (the person, every dose, deferrals and adverse
   events), on SQLite and on a private PostgreSQL server. Prints p50/p95/max in ms.
2. Export: ``--days`` (60) service days of ``--per-day`` (2,000) doses, then
   ``kiosk record export --format csv`` (and json) run as a command, timed, with its peak memory;
   the same export of a quarter of the days shows whether memory grows with the rows (streamed:
   it must not).

    .venv/bin/python bench/bench_record.py [--persons 1000000] [--lookups 2000] [--skip-pg]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from kiosk.bootstrap import LIVE, open_database  # noqa: E402
from kiosk.clock import FakeClock  # noqa: E402
from kiosk.db.database import Database, sqlite_url  # noqa: E402
from kiosk.db.schema import doses, persons  # noqa: E402
from kiosk.engine import Engine  # noqa: E402
from kiosk.idnumber import check_character  # noqa: E402
from kiosk.staff import StaffDirectory  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SITE = "main"
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
REGIONS = ("110105", "310104", "440305", "510107", "420106", "330106", "320102", "610113")
PRODUCT = "新冠疫苗(Vero细胞)"


def id_number(n: int) -> str:
    """The ``n``-th person's resident ID: valid, unique for n < 8 * 36500 * 1000."""
    region = REGIONS[n % len(REGIONS)]
    born = date(1930, 1, 1) + timedelta(days=(n // len(REGIONS)) % 30000)
    body = f"{region}{born:%Y%m%d}{(n // (len(REGIONS) * 30000)) % 1000:03d}"
    return body + check_character(body)


def person_rows(count: int, batch: int) -> Iterator[list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    for n in range(count):
        number = id_number(n)
        rows.append(
            {
                "id": n + 1,
                "site": SITE,
                "name": f"居民{n}",
                "document_type": "resident_id",
                "id_number": number,
                "document_country": "",
                "birth_date": date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
                "sex": "male" if int(number[16]) % 2 else "female",
                "phone": None,
                "created_at": NOW,
                "updated_at": NOW,
            }
        )
        if len(rows) == batch:
            yield rows
            rows = []
    if rows:
        yield rows


def dose_rows(
    count: int, per_person: int, batch: int, first_day: date, per_day: int | None
) -> Iterator[list[dict[str, Any]]]:
    """Each person's doses 28 days apart over 200 days; or, with ``per_day``, the doses filling
    consecutive days ``per_day`` at a time (the export's shape)."""
    rows: list[dict[str, Any]] = []
    for n in range(count):
        for k in range(per_person):
            if per_day:
                given = first_day + timedelta(days=(n * per_person + k) // per_day)
            else:
                given = first_day + timedelta(days=(n % 200) + 28 * k)
            rows.append(
                {
                    "site": SITE,
                    "person_id": n + 1,
                    "ticket_id": None,
                    "given_on": given,
                    "vaccinated_at": datetime(given.year, given.month, given.day, 2, tzinfo=UTC),
                    "product": PRODUCT,
                    "manufacturer": "北京科兴中维",
                    "family": "covid19",
                    "lot": f"L{given:%m%d}",
                    "lot_id": None,
                    "trace_code": None,
                    "dose_number": k + 1,
                    "dose_kind": "primary",
                    "station": "接种1",
                    "nurse": "护士",
                    "place": None,
                    "override_reason": None,
                    "corrected": False,
                    "recorded_at": NOW,
                }
            )
            if len(rows) == batch:
                yield rows
                rows = []
    if rows:
        yield rows


def load(
    db: Database, people: int, per_person: int, first_day: date, per_day: int | None = None
) -> float:
    """Bulk-load the persons and their doses; the seconds it took."""
    start = time.perf_counter()
    with db.engine.begin() as conn:
        for rows in person_rows(people, 20_000):
            conn.execute(sa.insert(persons), rows)
        for rows in dose_rows(people, per_person, 20_000, first_day, per_day):
            conn.execute(sa.insert(doses), rows)
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT setval('persons_id_seq', :n)"), {"n": people})
    with db.engine.connect() as conn:  # fresh planner statistics, as a running site has
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("ANALYZE"))
    return time.perf_counter() - start


def lookups(engine: Engine, people: int, count: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    times = []
    for i in range(count):
        if i % 10 == 9:
            body = f"{rng.choice(REGIONS)}19990101{rng.randint(900, 999)}"
            number = body + check_character(body)  # valid, not on file
        else:
            number = id_number(rng.randrange(people))
        start = time.perf_counter()
        found = engine.record.find(number)
        times.append((time.perf_counter() - start) * 1000)
        if i % 10 != 9:
            assert found is not None and len(found.doses) >= 1
    return times


def describe(times: list[float]) -> str:
    q = statistics.quantiles(times, n=100)
    return f"p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms, max {max(times):.2f} ms (n={len(times)})"


def lookup_bench(url: str, people: int, count: int, label: str) -> None:
    clock = FakeClock(NOW)
    db = open_database(url, SITE, LIVE, clock.now())
    seconds = load(db, people, 2, date(2025, 1, 1))
    with db.read() as conn:
        n_persons = conn.execute(sa.select(sa.func.count()).select_from(persons)).scalar()
        n_doses = conn.execute(sa.select(sa.func.count()).select_from(doses)).scalar()
    print(f"{label}: loaded {n_persons:,} persons and {n_doses:,} doses in {seconds:.0f} s")
    engine = Engine(db, clock, SITE, "Asia/Shanghai")
    lookups(engine, people, 200, seed=99)  # warm the caches and the prepared statements
    print(f"{label}: find by document: {describe(lookups(engine, people, count, seed=1))}")
    db.dispose()


MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], input='1234\\n', text=True, check=True, capture_output=True)\n"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``cmd`` (the PIN on its standard input); its wall seconds and peak memory in MB."""
    got = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], env=env, capture_output=True, text=True
    )
    if got.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {got.stderr}")
    seconds, kilobytes = got.stdout.split()
    return float(seconds), int(kilobytes) / 1024


def export_bench(days: int, per_day: int, tmp: Path) -> None:
    url = sqlite_url(tmp / "export.sqlite")
    clock = FakeClock(NOW)
    db = open_database(url, SITE, LIVE, clock.now())
    load(db, days * per_day // 2, 2, date(2026, 1, 1), per_day)
    with db.read() as conn:
        first, last, total = conn.execute(
            sa.select(sa.func.min(doses.c.given_on), sa.func.max(doses.c.given_on), sa.func.count())
        ).one()
    StaffDirectory(db, clock, SITE).add("经理", "1234", "manager")
    db.dispose()
    print(f"export: {total:,} doses on file, {first}..{last}")
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp)}
    kiosk = [str(ROOT / ".venv" / "bin" / "kiosk"), "record", "export", "--staff", "经理",
             "--db", url]  # fmt: skip
    quarter = first + (last - first) // 4
    runs = [
        ("csv", "all", []),
        ("json", "all", []),
        ("csv", "a quarter", ["--to", quarter.isoformat()]),
    ]
    for fmt, what, extra in runs:
        out = tmp / f"out.{fmt}"
        seconds, rss = measured([*kiosk, "--format", fmt, "--out", str(out), *extra], env)
        rows = sum(1 for _ in out.open(encoding="utf-8-sig")) - (1 if fmt == "csv" else 2)
        print(
            f"export {fmt} of {what} ({first}..{extra[1] if extra else last}): {rows:,} rows"
            f" in {seconds:.2f} s, {out.stat().st_size / 1e6:.1f} MB, peak memory {rss:.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--per-day", type=int, default=2000)
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-lookup", action="store_true")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-record-") as tmp:
        if not a.skip_lookup:
            lookup_bench(sqlite_url(Path(tmp) / "lookup.sqlite"), a.persons, a.lookups, "SQLite")
            if not a.skip_pg:
                from tests.pg_server import PgServer

                server = PgServer(port=54339)
                server.start()
                try:
                    lookup_bench(server.new_database(), a.persons, a.lookups, "PostgreSQL")
                finally:
                    server.stop()
        export_bench(a.days, a.per_day, Path(tmp))


if __name__ == "__main__":
    main()
