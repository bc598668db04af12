"""The change feed on PostgreSQL: a commit at one terminal until another terminal's feed has it.

Starts a private PostgreSQL server (as the tests do), opens two terminals on it (two engines,
two connection pools), and times ``issue`` returning at one until the other's Feed emits the
event. The Feed's fallback poll is set to an hour, so what is measured is LISTEN/NOTIFY.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_feed_postgres.py [--changes 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from kiosk.bootstrap import LIVE, open_database  # noqa: E402
from kiosk.clock import FakeClock  # noqa: E402
from kiosk.db.database import Database  # noqa: E402
from kiosk.engine import Engine  # noqa: E402
from kiosk.model import Actor, LotIn  # noqa: E402
from tests.pg_server import PgServer  # noqa: E402
from ui.feed import Feed  # noqa: E402
from ui.scheduler import QtScheduler  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=200)
    n = parser.parse_args().changes
    app = QCoreApplication.instance() or QCoreApplication([])
    server = PgServer()
    server.start()
    try:
        url = server.new_database()
        clock = FakeClock(datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
        here_db = open_database(url, "main", LIVE, clock.now())
        there_db = Database(url)
        here = Engine(here_db, clock, "main", "Asia/Shanghai")
        there = Engine(there_db, clock, "main", "Asia/Shanghai")
        there.day.open(
            capacity=n + 10,
            observation_minutes=30,
            missed_grace_minutes=30,
            lots_in=[LotIn("bench vaccine", "B1", date(2027, 6, 1), 1, n + 10)],
            actor=Actor("bench", "bench"),
        )
        feed = Feed(here, clock, QtScheduler(), interval_ms=3_600_000)
        assert feed.listener is not None
        feed.start()
        assert feed.listener.listening.wait(10), "the listener did not start"
        loop = QEventLoop()
        feed.changed.connect(lambda _changes: loop.quit())
        give_up = QTimer()
        give_up.setSingleShot(True)
        give_up.setInterval(5000)
        give_up.timeout.connect(loop.quit)
        latencies = []
        for _ in range(n):
            there.tickets.issue("A")
            start = time.perf_counter()
            give_up.start()
            loop.exec()
            elapsed = (time.perf_counter() - start) * 1000
            give_up.stop()
            if elapsed >= 5000:
                raise SystemExit("a change never reached the other terminal's feed")
            latencies.append(elapsed)
        feed.stop()
        here_db.dispose()
        there_db.dispose()
    finally:
        server.stop()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"commit at one terminal -> other terminal's feed (PostgreSQL NOTIFY, poll off): n={n} "
        f"median={statistics.median(latencies):.1f} ms p95={p95:.1f} ms max={latencies[-1]:.1f} ms"
    )
    del app


if __name__ == "__main__":
    main()
