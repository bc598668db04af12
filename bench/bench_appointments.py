"""The village lists (issue 17): importing a 50,000-row list (target under 15 s, peak memory under
300 MB) and the kiosk's lookup with 50,000 appointments on file (target p95 under 30 ms).

    .venv/bin/python bench/bench_appointments.py [--rows 50000] [--lookups 1000] [--xlsx]
        [--screen-lookups 300]

The list is a CSV in GB18030 (as spreadsheets in China save it) with Chinese headers, valid
resident IDs, phones, three villages and dates over two weeks; ``--xlsx`` also times the same
rows as a workbook. Each import runs in a fresh process, timed from the command's start (Python
and its imports included) to its end; the peak is that process's maximum resident set size. A
second import of the same file (nothing changes) is timed too. Lookups go through
``engine.appointments.kiosk_lookup`` on the imported database: a third by the slip's token, a
third by phone, a third by the document's last six characters. Then the same through the kiosk
screen's path (offscreen): the slip scanned on the start page, or 查找 tapped after the phone or
the suffix was typed on the keypad, to the answer's page shown and painted (the lookup through
the runner's worker thread, the page filled and repainted), with a day open.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.bootstrap import TRAINING, open_database  # noqa: E402
from kiosk.clock import FakeClock  # noqa: E402
from kiosk.db.database import sqlite_url  # noqa: E402
from kiosk.engine import Engine  # noqa: E402
from kiosk.idnumber import check_character  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 12, 1)
HEADER = ["姓名", "证件类型", "身份证号", "联系电话", "村（社区）", "预约日期", "剂次", "同意候补"]
VILLAGES = ("东风村", "红星社区", "向阳村")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


def rows(count: int) -> list[list[str]]:
    rng = random.Random(17)
    out = []
    for n in range(count):
        born = date(1940, 1, 1) + timedelta(days=n // 1000 * 7 + n % 7)
        body = f"330106{born:%Y%m%d}{n % 1000:03d}"
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        day = TODAY + timedelta(days=n % 14)
        out.append([name, "居民身份证", body + check_character(body), f"139{n:08d}",
                    VILLAGES[n % 3], f"{day.year}/{day.month}/{day.day}", str(1 + n % 2),
                    "是" if n % 4 == 0 else "否"])  # fmt: skip
    return out


def write_csv(path: Path, data: list[list[str]]) -> None:
    with path.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(data)


def write_xlsx(path: Path, data: list[list[str]]) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("预约")
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    book.save(path)


_CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo
from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.database import sqlite_url
from kiosk.engine import Engine
from kiosk.model import Actor
clock = FakeClock(datetime(2026, 12, 1, 8, tzinfo=ZoneInfo("Asia/Shanghai")))
db = open_database(sqlite_url(Path(sys.argv[1])), "main", "training", clock.now())
engine = Engine(db, clock, "main", "Asia/Shanghai")
report = engine.appointments.import_file(Path(sys.argv[2]), actor=Actor("m", "admin", "manager"))
db.dispose()
print(json.dumps({"seconds": time.perf_counter() - start, "report": report.as_dict(),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def import_in_child(db: Path, path: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(db), str(path)], cwd=ROOT,
                         capture_output=True, text=True, check=True)  # fmt: skip
    result: dict[str, object] = json.loads(out.stdout)
    return result


def lookups(db_path: Path, count: int, data: list[list[str]]) -> list[float]:
    clock = FakeClock(datetime(2026, 12, 1, 8, tzinfo=TZ))
    db = open_database(sqlite_url(db_path), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    with db.read() as conn:
        from kiosk.db.schema import appointments

        tokens = [t for (t,) in conn.execute(appointments.select().with_only_columns(
            appointments.c.token))]  # fmt: skip
    rng = random.Random(3)
    times = []
    for i in range(count):
        row = rng.choice(data)
        kind, text = [("token", rng.choice(tokens)), ("phone", row[3]),
                      ("suffix", row[2][-6:])][i % 3]  # fmt: skip
        start = time.perf_counter()
        engine.appointments.kiosk_lookup(kind, text)  # type: ignore[arg-type]
        times.append((time.perf_counter() - start) * 1000)
    db.dispose()
    return times


class _NoPrinter:
    def print_ticket(self, ticket: object) -> object:
        raise AssertionError("the bench takes no number")

    print_slip = print_ticket


def screen_lookups(db_path: Path, count: int, data: list[list[str]]) -> list[float]:
    """Scan or tap 查找 on a kiosk screen to the answer's page painted, ``count`` times (ms)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from kiosk.config import Config
    from kiosk.model import Actor, LotIn
    from kiosk.staff import StaffDirectory
    from ui.feed import Feed
    from ui.fonts import register_fonts
    from ui.kiosk.screen import KioskScreen
    from ui.runner import Runner
    from ui.scheduler import QtScheduler

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    register_fonts(app)
    clock = FakeClock(datetime(2026, 12, 1, 8, tzinfo=TZ))
    db = open_database(sqlite_url(db_path), "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    engine.day.open(capacity=600, observation_minutes=30, missed_grace_minutes=30,
                    lots_in=[LotIn("bench vaccine", "B1", TODAY + timedelta(days=300), 5, 100)],
                    actor=Actor("m", "admin", "manager"))  # fmt: skip
    with db.read() as conn:
        from kiosk.db.schema import appointments

        tokens = [t for (t,) in conn.execute(appointments.select().with_only_columns(
            appointments.c.token))]  # fmt: skip
    runner = Runner()
    scheduler = QtScheduler()
    feed = Feed(engine, clock, scheduler, runner)
    kiosk = KioskScreen(engine, clock, Config(), _NoPrinter(), StaffDirectory(db, clock, "main"),  # type: ignore[arg-type]
                        feed, scheduler, runner)  # fmt: skip
    kiosk.resize(1920, 1080)
    kiosk.show()
    flow = kiosk.appointment

    def until(done: object) -> None:
        while not done():  # type: ignore[operator]
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    rng = random.Random(5)
    times = []
    for i in range(count):
        kiosk.show_start()
        until(lambda: runner.idle)
        row = rng.choice(data)
        kind = ("token", "phone", "suffix")[i % 3]
        if kind != "token":
            flow.open()
            for ch in row[3] if kind == "phone" else row[2][-6:]:
                flow.key(ch)
            app.processEvents()
        start = time.perf_counter()
        if kind == "token":
            flow.scanned(rng.choice(tokens))
        else:
            flow.find()
        until(lambda: kiosk.stack.currentWidget() is not flow.lookup)
        kiosk.repaint()
        times.append((time.perf_counter() - start) * 1000)
    kiosk.guard.is_unlocked = True
    kiosk.close()
    runner.shutdown()
    db.dispose()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--xlsx", action="store_true")
    parser.add_argument("--screen-lookups", type=int, default=300)
    args = parser.parse_args()
    data = rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        listed = folder / "list.csv"
        write_csv(listed, data)
        db = folder / "bench.sqlite"
        first = import_in_child(db, listed)
        again = import_in_child(db, listed)
        print(f"CSV (GB18030) {args.rows} rows, {listed.stat().st_size / 1e6:.1f} MB:")
        print(f"  first import: {first['seconds']:.2f} s, peak RSS {first['peak_mb']:.0f} MB,"
              f" {first['report']}")  # fmt: skip
        print(f"  same file again: {again['seconds']:.2f} s, peak RSS {again['peak_mb']:.0f} MB,"
              f" {again['report']}")  # fmt: skip
        if args.xlsx:
            book = folder / "list.xlsx"
            write_xlsx(book, data)
            fresh = import_in_child(folder / "xlsx.sqlite", book)
            print(f"XLSX {args.rows} rows, {book.stat().st_size / 1e6:.1f} MB: first import"
                  f" {fresh['seconds']:.2f} s, peak RSS {fresh['peak_mb']:.0f} MB")  # fmt: skip
        times = lookups(db, args.lookups, data)
        q = statistics.quantiles(times, n=100)
        print(f"kiosk lookup with {args.rows} appointments on file ({args.lookups} lookups):"
              f" p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms, max {max(times):.2f} ms")  # fmt: skip
        if args.screen_lookups:
            times = screen_lookups(db, args.screen_lookups, data)
            q = statistics.quantiles(times, n=100)
            print(f"through the kiosk screen (scan or 查找 to the answer painted,"
                  f" {args.screen_lookups} lookups): p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms,"
                  f" max {max(times):.2f} ms")  # fmt: skip
    print(
        f"(this process's peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )


if __name__ == "__main__":
    main()
