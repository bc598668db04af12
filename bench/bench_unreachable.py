"""The longest main-thread stall of each screen while the PostgreSQL server cannot be reached.

A private PostgreSQL server (as the tests start one) is reached through a TCP link in this
process. Cutting the link makes every connection through it, old and new, go silent: nothing is
answered until the driver gives up, as a pulled cable or a crashed switch does (here the link
resets each silent connection after ``--hold`` seconds, 5 by default: the connect timeout of
kiosk/db/database.py). Each screen runs alone, as ``kiosk run --screen X`` does, with the
program's own scheduler, feed (polling every second on PostgreSQL) and runner; a 5 ms timer on the
UI thread records the longest gap between its ticks (the stall). Actions a person takes go on
meanwhile: a tap at the kiosk, F1 at the desk, a release at the observation desk, every 1.5 s.

The same run measures the limit it is compared with: every screen again with the work done on the
UI thread (an inline runner), which is how the screens worked before.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_unreachable.py [--seconds 8]
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kiosk.bootstrap import TRAINING, open_database  # noqa: E402
from kiosk.clock import ShiftedClock  # noqa: E402
from kiosk.config import Config  # noqa: E402
from kiosk.engine import Engine  # noqa: E402
from kiosk.model import Actor, LotIn, PersonIn  # noqa: E402
from kiosk.staff import StaffDirectory  # noqa: E402
from printing.result import PrintResult  # noqa: E402
from tests.pg_server import PgServer  # noqa: E402
from ui.feed import Feed  # noqa: E402
from ui.fonts import register_fonts  # noqa: E402
from ui.runner import Runner, _Job  # noqa: E402
from ui.scheduler import QtScheduler  # noqa: E402

NURSE = Actor("bench", "bench")
SCREENS = ("kiosk", "desk", "observation", "display")
KEEP: list[object] = []


class Link:
    """A TCP link to the server's socket that can be cut: then every connection through it goes
    silent, and is reset after ``hold`` seconds."""

    def __init__(self, unix_path: str, hold: float) -> None:
        self.unix_path, self.hold = unix_path, hold
        self.cut = threading.Event()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.listener.accept()
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        if self.cut.is_set():
            self._silence(client)
            return
        upstream = socket.socket(socket.AF_UNIX)
        upstream.connect(self.unix_path)
        threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()
        self._pump(client, upstream)

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.cut.is_set():
                    self._silence(source)
                    return
                sink.sendall(data)
        except OSError:
            pass

    def _silence(self, sock: socket.socket) -> None:
        time.sleep(self.hold)  # nothing answered: the driver waits
        try:
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            sock.close()  # a reset, as when the driver's timeout or TCP gives up
        except OSError:
            pass


class InlineRunner(Runner):
    """The work on the UI thread itself: how the screens worked before the runner."""

    def _start(self, job: _Job[Any]) -> None:
        self._running[(id(job.owner), job.name)] = job
        future: Future[Any] = Future()
        try:
            future.set_result(job.work())
        except BaseException as exc:  # noqa: BLE001 - delivered as the runner would
            future.set_exception(exc)
        job.future = future
        self._deliver(job)


class StallMeter:
    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.longest = 0.0
        self.last = 0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.longest = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, float(now - self.last - 5))
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return max(0.0, self.longest)


def run_for(app: QApplication, seconds: float, every: float, act: Callable[[], object]) -> None:
    end = time.monotonic() + seconds
    next_act = time.monotonic() + every
    while time.monotonic() < end:
        app.processEvents()
        if time.monotonic() >= next_act:
            act()
            next_act += every
        time.sleep(0.001)  # the bench's loop, not a test: lets the worker threads run


def build(
    name: str, engine: Engine, clock: ShiftedClock, staff: StaffDirectory, runner: Runner
) -> tuple[QWidget, Feed, Callable[[], object]]:
    config = Config()
    scheduler = QtScheduler()
    feed = Feed(engine, clock, scheduler, runner)
    if name == "kiosk":
        from ui.kiosk.screen import KioskScreen

        class Printer:
            def print_ticket(self, _ticket: object) -> PrintResult:
                return PrintResult.printed("bench")

        kiosk = KioskScreen(engine, clock, config, Printer(), staff, feed, scheduler, runner)

        def tap() -> None:
            kiosk.show_start()
            kiosk.tap(config.categories[0])

        return kiosk, feed, tap
    if name in ("desk", "observation"):
        if name == "desk":
            from ui.desk.screen import DeskScreen

            console: Any = DeskScreen(
                engine, clock, config, config.desks[0], staff, feed, scheduler, runner
            )
            key = Qt.Key.Key_F1
        else:
            from ui.observation.screen import ObservationScreen

            console = ObservationScreen(engine, clock, config, staff, feed, scheduler, runner)
            key = Qt.Key.Key_F5
        console.sign_in("bench")

        def press() -> None:
            if name == "observation" and console.rows:
                console.select(console.rows[0].ticket.id)
            QTest.keyClick(console, key)

        return console, feed, press
    from ui.display.screen import DisplayScreen
    from ui.voice.announcer import Announcer
    from ui.voice.audio import FakeAudioOutput
    from ui.voice.engines import NullEngine

    announcer = Announcer(NullEngine("bench"), FakeAudioOutput("instant"))
    display = DisplayScreen(engine, clock, config, feed, scheduler, runner, announcer)
    return display, feed, lambda: None


def measure(
    app: QApplication, server: PgServer, name: str, inline: bool, seconds: float, hold: float
) -> float:
    unix_path = str(server.dir / f".s.PGSQL.{server.port}")
    link = Link(unix_path, hold)
    url = (
        server.new_database()
        .replace(f"host={server.dir}", "host=127.0.0.1")
        .replace(f"port={server.port}", f"port={link.port}")
    )
    clock = ShiftedClock(__import__("datetime").datetime.now().astimezone())
    db = open_database(url, "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    expiry = clock.now().date() + timedelta(days=90)
    engine.day.open(
        capacity=1000, observation_minutes=1, missed_grace_minutes=30,
        lots_in=[LotIn("bench", "B1", expiry, 1, 1000)], actor=NURSE,
    )  # fmt: skip
    for _ in range(40):  # people waiting at the desk and people observing
        t = engine.tickets.issue("A")
        engine.tickets.call(t.id, "登记9", actor=NURSE)
        engine.care.register(
            t.id, PersonIn("张三"), dose_number=1, consent=True, screening={}, actor=NURSE
        )
        engine.tickets.call(t.id, "接种9", actor=NURSE)
        engine.care.vaccinate(t.id, lot_id=engine.day.status().lots[0].id, actor=NURSE)
        engine.tickets.issue("A")
    staff = StaffDirectory(db, clock, "main")
    staff.add("bench", "2468", "nurse")
    runner = InlineRunner() if inline else Runner()
    screen, feed, act = build(name, engine, clock, staff, runner)
    screen.resize(1366, 768)
    screen.show()
    feed.start()
    run_for(app, 1.0, 10, lambda: None)  # settled, the link up
    meter = StallMeter()
    link.cut.set()
    meter.start()
    run_for(app, seconds, 1.5, act)
    stall = meter.stop()
    feed.stop()
    guard = getattr(screen, "guard", None)
    if guard is not None:
        guard.is_unlocked = True
    screen.close()  # its timers stop, the console's scanner filter comes off the application
    runner._closed = True  # nothing new; what waits on the cut link is left to time out
    KEEP.append((screen, feed, runner, db))  # alive until the process ends
    return stall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--hold", type=float, default=5.0)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    register_fonts(app)
    server = PgServer(port=54333)
    server.start()
    results: dict[tuple[str, bool], float] = {}
    try:
        for inline in (False, True):
            for name in SCREENS:
                results[(name, inline)] = measure(
                    app, server, name, inline, args.seconds, args.hold
                )
                print(
                    f"{name:12s} {'on the UI thread (before)' if inline else 'runner (now)':26s}"
                    f" longest main-thread stall {results[(name, inline)]:8.0f} ms",
                    flush=True,
                )
    finally:
        server.stop()
    worst = max(results[(n, False)] for n in SCREENS)
    print(f"worst with the runner: {worst:.0f} ms  [target < 50 ms]", flush=True)
    os._exit(0)  # connections silenced by the cut link may still be waiting in worker threads


if __name__ == "__main__":
    sys.exit(main())
