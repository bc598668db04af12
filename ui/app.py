"""The one wiring function: builds the program from the options and the config, then runs it.

Everything below receives what it needs in ``__init__``; nothing reaches for globals. The screens
are thin views over the engine; they learn of every change, time-driven ones included, from the
:class:`~ui.feed.Feed`, and their timers come from one :class:`~ui.scheduler.Scheduler`.
"""

from __future__ import annotations

import logging
import signal
import sys
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.bootstrap import LIVE, TRAINING, default_url, open_database, purpose_of, shared_clock
from kiosk.clock import Clock, real_now
from kiosk.config import Config, Desk
from kiosk.engine import Engine
from kiosk.errors import TrainingOnly
from kiosk.staff import StaffDirectory
from printing.backend import OneJobAtATime, PrinterBackend, build_printer
from ui.feed import Feed
from ui.fonts import register_fonts
from ui.i18n import install_translator
from ui.logs import route_qt_messages
from ui.runner import Runner
from ui.scheduler import QtScheduler, Scheduler

log = logging.getLogger(__name__)

SCREENS = ("kiosk", "desk", "observation", "display", "admin")
DEFAULT_SCREENS = SCREENS[:4]
"""What ``kiosk run`` shows without ``--screen``: the day's screens; the manager's admin screen is
started on its own (``--screen admin``), on the manager's PC."""
TRAINING_STAFF = ("培训护士", "1234")  # training databases only: a demo sign-in


@dataclass
class RunOptions:
    config: Config
    screens: tuple[str, ...] = DEFAULT_SCREENS
    desk: str | None = None
    at: datetime | None = None
    db_url: str | None = None
    training: bool = False  # the training database (at its shared clock) without --at
    data_dir_path: str | None = None


@dataclass
class Program:
    """What the wiring built; kept alive for the application's lifetime."""

    engine: Engine
    clock: Clock
    staff: StaffDirectory
    feed: Feed
    scheduler: Scheduler
    runner: Runner
    printer: PrinterBackend
    windows: list[QWidget] = field(default_factory=list)
    extras: list[object] = field(default_factory=list)

    def shutdown(self) -> None:
        self.feed.stop()
        for extra in [*self.windows, *self.extras]:
            stop = getattr(extra, "shutdown", None)
            if callable(stop):
                stop()
        self.runner.shutdown()
        self.engine.db.dispose()


def build(options: RunOptions, data_dir: str) -> Program:
    """Clock, database, engine, feed, printer and the requested screens (not yet shown)."""
    from pathlib import Path

    check_options(options)
    config = options.config
    training = options.at is not None or options.training
    if options.db_url:
        url = options.db_url
    elif training:
        url = default_url(Path(data_dir), TRAINING)
    else:
        url = config.database.url or default_url(Path(data_dir), LIVE)
    try:
        db = open_database(url, config.site.code, TRAINING if training else LIVE, real_now())
    except TrainingOnly as exc:
        flag = "--at" if options.at is not None else "--training"
        where = exc.details.get("url", url)
        raise TrainingOnly(
            f"kiosk run {flag}: {where} holds real service days; the training clock runs only on"
            " a training database (leave out --db, or name one made by simulate)",
            url=where,
        ) from exc
    # One clock for every process on a training database: --at stores it, the others follow.
    clock: Clock = shared_clock(db, config.site.code, options.at)
    purpose = purpose_of(db, config.site.code)
    engine = Engine(db, clock, config.site.code, config.site.timezone)
    staff = StaffDirectory(db, clock, config.site.code)
    if purpose == TRAINING and not staff.members():
        staff.add(TRAINING_STAFF[0], TRAINING_STAFF[1], "manager")
    scheduler = QtScheduler()
    runner = Runner()
    feed = Feed(engine, clock, scheduler, runner)
    printer = OneJobAtATime(build_printer(config.printer, Path(data_dir)))
    program = Program(engine, clock, staff, feed, scheduler, runner, printer)
    for name in options.screens:
        program.windows.extend(_screens(name, options, program))
    if purpose == TRAINING:  # never mistaken for the real day
        for window in program.windows:
            window.setWindowTitle(f"{window.windowTitle()} [培训 training]".strip())
    return program


def check_options(options: RunOptions) -> None:
    """Refuse, before anything starts, a run that would show no window (and so never end)."""
    if options.desk is None:
        return
    desk = _desks(options.config, None, options.desk)[0]
    if desk.kind == "observation" and "desk" in options.screens:
        raise SystemExit(
            f"kiosk run: {desk.name!r} is the observation desk: run it with --screen observation"
        )


def _desks(config: Config, kind: str | None, name: str | None) -> list[Desk]:
    desks = [d for d in config.desks if (kind is None or d.kind == kind)]
    if name is not None:
        desks = [d for d in config.desks if d.name == name]
        if not desks:
            known = ", ".join(d.name for d in config.desks)
            raise SystemExit(f"kiosk run: no desk named {name!r} in the config (known: {known})")
    return desks


def _screens(name: str, options: RunOptions, p: Program) -> list[QWidget]:
    config = options.config
    if name == "kiosk":
        from ui.kiosk.screen import KioskScreen
        from ui.voice.build import kiosk_announcer

        voice = kiosk_announcer(config.voice, config.kiosk.speak)  # [kiosk] speak
        p.extras.append(voice)
        kiosk = KioskScreen(
            p.engine, p.clock, config, p.printer, p.staff, p.feed, p.scheduler, p.runner
        )
        kiosk.announcer = voice
        return [kiosk]
    if name == "desk":
        from ui.desk.screen import DeskScreen

        desks = (
            _desks(config, None, options.desk)
            if options.desk
            else [d for d in config.desks if d.kind in ("registration", "vaccination")]
        )
        return [
            DeskScreen(
                p.engine,
                p.clock,
                config,
                desk,
                p.staff,
                p.feed,
                p.scheduler,
                p.runner,
                printer=p.printer,
            )
            for desk in desks
            if desk.kind in ("registration", "vaccination")
        ]
    if name == "observation":
        from ui.observation.screen import ObservationScreen

        return [
            ObservationScreen(
                p.engine,
                p.clock,
                config,
                p.staff,
                p.feed,
                p.scheduler,
                p.runner,
                printer=p.printer,
            )
        ]
    if name == "display":
        from ui.display.screen import DisplayScreen
        from ui.voice.build import build_announcer

        announcer = build_announcer(config.voice)
        p.extras.append(announcer)
        return [DisplayScreen(p.engine, p.clock, config, p.feed, p.scheduler, p.runner, announcer)]
    if name == "admin":
        from ui.admin.build import admin_screen

        return [admin_screen(p.engine, p.clock, config, p.staff, p.feed, p.scheduler, p.runner,
                             p.printer)]  # fmt: skip
    raise SystemExit(f"kiosk run: unknown screen {name!r} (one of {', '.join(SCREENS)})")


def place(windows: list[QWidget], displays_alone: bool) -> None:
    """One PC, two monitors: the waiting-room display full screen on the second monitor, the
    other screens on the first. A screen run alone fills the monitor it is on."""
    monitors = QGuiApplication.screens()
    for i, window in enumerate(windows):
        name = window.objectName()
        if name == "display" and len(monitors) > 1 and not displays_alone:
            _fill(window, monitors[1])
        elif name in ("display", "kiosk") and len(windows) == 1:
            _fill(window, monitors[0])
        elif name in CONSOLES:
            _console(window, monitors[0], i, alone=len(windows) == 1)
        else:
            window.setScreen(monitors[0])
            free = monitors[0].availableGeometry()
            window.show()  # its frame (a window manager's title bar) is known once it is shown
            frame = window.frameGeometry().size() - window.size()
            size = WINDOWED_SIZES.get(name)
            if size is not None:  # a screen sharing the monitor gets a usable window
                window.resize(
                    min(size[0], free.width() - frame.width()),
                    min(size[1], free.height() - frame.height()),
                )
            # Cascaded (even with no window manager), but never pushed off the monitor.
            outer = window.size() + frame
            x = free.x() + max(0, min(40 * i, free.width() - outer.width()))
            y = free.y() + max(0, min(40 * i, free.height() - outer.height()))
            window.move(x, y)  # move() places the frame


WINDOWED_SIZES = {"display": (1280, 720), "kiosk": (720, 1000)}
CONSOLES = ("desk", "observation", "admin")


def _console(window: QWidget, monitor: QScreen, i: int, alone: bool) -> None:
    """A nurse's console: maximised on its own PC; in the one-PC layout, as large as the
    monitor's free area allows with the windows cascaded (each fits: issue 16's fit tests)."""
    free = monitor.availableGeometry()
    window.setScreen(monitor)
    if alone:
        window.setGeometry(free)  # a bare X server with no window manager too
        window.showMaximized()
        return
    step = 24 * min(i, 3)
    window.show()  # its frame (a window manager's title bar) is known once it is shown
    frame = window.frameGeometry().size() - window.size()
    window.resize(free.width() - step - frame.width(), free.height() - step - frame.height())
    window.move(free.x() + step, free.y() + step)  # move() places the frame


def _fill(window: QWidget, monitor: QScreen) -> None:
    """Full screen on ``monitor``; the geometry is set too, so it also fills a bare X server
    with no window manager (a kiosk PC or a TV box often runs without one)."""
    window.setScreen(monitor)
    window.setGeometry(monitor.geometry())
    window.showFullScreen()


def run(options: RunOptions, data_dir: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("vaccination-kiosk")
    route_qt_messages()  # into the log file (kiosk.logs, started by the command line)
    register_fonts(app)
    install_translator(app, options.config.site.language)
    program = build(options, data_dir)
    program.feed.start()
    place(program.windows, displays_alone=options.screens == ("display",))

    def quit_now(*_args: object) -> None:
        # Ctrl+C / SIGTERM from the operator: the kiosk's PIN guard does not apply.
        for window in program.windows:
            guard = getattr(window, "guard", None)
            if guard is not None:
                guard.is_unlocked = True
        app.quit()

    signal.signal(signal.SIGINT, quit_now)
    signal.signal(signal.SIGTERM, quit_now)
    heartbeat = program.scheduler.timer(lambda: None, 500, repeat=True)  # Python sees Ctrl+C
    heartbeat.start()
    app.aboutToQuit.connect(program.shutdown)
    return app.exec()
