"""Two processes on one training database share its clock (issue 16): one started as
``kiosk run --at 10:30`` and one as ``kiosk run --training``, each built by the real wiring
(``ui.app.build``, no screens) in its own Python process, read their clocks at the same moment and
agree within one second. Each waits on its stdin for "now?", so nothing here sleeps."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from kiosk.bootstrap import LIVE, open_database
from kiosk.clock import parse_at, real_now
from kiosk.db.database import sqlite_url
from kiosk.db.schema import sites

ROOT = Path(__file__).resolve().parents[2]

PROCESS = r"""
import sys
from PySide6.QtCore import QCoreApplication
from kiosk.config import Config
from kiosk.clock import parse_at
from ui.app import RunOptions, build

app = QCoreApplication([])
config = Config()
at = parse_at(sys.argv[1], config.site.timezone) if sys.argv[1] else None
program = build(RunOptions(config, screens=(), at=at, training=True), sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()
print(program.clock.now().isoformat(), flush=True)
program.shutdown()
"""


def start(at: str, data_dir: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "KIOSK_DATA_DIR": str(data_dir),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", PROCESS, at, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def read_clock(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("now?\n")
    process.stdin.flush()


def test_a_desk_and_a_display_on_one_training_database_agree(tmp_path: Path) -> None:
    first = start("10:30", tmp_path)  # kiosk run --at 10:30 (stores the offset first)
    second = start("", tmp_path)  # kiosk run --training, later, without --at
    try:
        read_clock(first)
        read_clock(second)
        out_first, _ = first.communicate(timeout=60)
        out_second, _ = second.communicate(timeout=60)
    finally:
        for process in (first, second):
            if process.poll() is None:
                process.kill()
    assert first.returncode == 0 and second.returncode == 0
    a = datetime.fromisoformat(out_first.strip())
    b = datetime.fromisoformat(out_second.strip())
    assert abs((a - b).total_seconds()) < 1.0, (a, b)
    # and it is the training day's 10:30 (plus the seconds the processes took to start)
    elapsed = (a - parse_at("10:30", "Asia/Shanghai")).total_seconds()
    assert 0 <= elapsed < 60, a


def test_at_against_a_live_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    live = tmp_path / "kiosk.sqlite"
    open_database(sqlite_url(live), "main", LIVE, real_now()).dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "run", "--at", "10:30", "--db", str(live)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert done.returncode != 0
    assert "kiosk run --at" in done.stderr and "holds real service days" in done.stderr
    assert "training database" in done.stderr
    db = open_database(sqlite_url(live), "main", LIVE, real_now())
    with db.read() as conn:
        assert conn.execute(sa.select(sites.c.clock_offset_seconds)).scalar() is None
    db.dispose()
