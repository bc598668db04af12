"""What every nurse console shares: sign-in and sign-out, the actor, the status line, the scanner.

A console is a stack of two pages: the sign-in panel, and the work page the subclass builds. Every
engine operation goes through :meth:`Console.act`, which signs it with the nurse and the terminal,
runs it off the UI thread (:mod:`ui.runner`), says "working…" if it takes a moment, shows a refusal
in words (``ui.widgets.messages``), and polls the feed when it is done so the screen redraws from
the log, never from a private copy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.errors import KioskError
from kiosk.model import Actor
from kiosk.staff import StaffDirectory
from printing.backend import PrinterBackend
from ui.feed import EVERYTHING, Changes, Feed
from ui.i18n import fill
from ui.runner import Runner
from ui.scheduler import Scheduler
from ui.widgets import theme
from ui.widgets.messages import DeskMessages
from ui.widgets.prompts import Prompts
from ui.widgets.scanner import ScannerFilter
from ui.widgets.signin import SignInPanel
from ui.widgets.slips import SlipPrinter

log = logging.getLogger(__name__)
T = TypeVar("T")

WORKING_AFTER_MS = 300
"""An operation still running after this long says "Working…" in the status line."""


def button(text: str, shortcut: str | None, name: str) -> QPushButton:
    """A push button whose label shows its shortcut, e.g. "Call next [F1]" (one height for all:
    :mod:`ui.widgets.theme`)."""
    if shortcut:
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        text = f"{text}  [{keys}]"
    b = QPushButton(text)
    b.setObjectName(name)
    b.setMinimumHeight(theme.BUTTON_HEIGHT)
    return b


def elides(combo: QComboBox) -> QComboBox:
    """A combo box whose long current text may be elided when closed (the list shows it whole):
    its tool tip carries the full text (the fit check asks for that)."""
    combo.setProperty("elides", True)

    def tip(_index: int = 0) -> None:
        combo.setToolTip(combo.currentText())

    combo.currentIndexChanged.connect(tip)
    combo.model().rowsInserted.connect(lambda *_a: tip())
    combo.model().dataChanged.connect(lambda *_a: tip())
    tip()
    return combo


def scrolling(content: QWidget, name: str) -> QScrollArea:
    """``content`` in a frameless scroll area: on a small screen the panel scrolls and the
    status line under it stays on screen; on a large one nothing scrolls."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class ConsoleContext(Protocol):
    """What a panel uses of the console it sits in: the engine, the signed-in nurse, the status
    line, prompts and shortcuts. Panels take this, never the screen that holds them, so a panel
    imports no screen and a test can hand it a stand-in. :class:`Console` provides it."""

    engine: Engine
    clock: Clock
    config: Config
    feed: Feed
    scheduler: Scheduler
    runner: Runner
    prompts: Prompts
    messages: DeskMessages
    status: QLabel
    user: str | None
    slips: SlipPrinter | None  # None: this console has no printer

    def shortcut(self, keys: str, slot: Callable[[], object]) -> QShortcut: ...

    def actor(self) -> Actor: ...

    def act(
        self,
        operation: Callable[[Actor], T],
        then: Callable[[T], object] | None = None,
        refused: Callable[[KioskError], object] | None = None,
    ) -> bool: ...

    def look_up(self, read: Callable[[], T], then: Callable[[T], object]) -> None: ...

    def say(self, text: str, level: str = "info") -> None: ...


class Console(QWidget):
    """The base of the desk and observation consoles (a :class:`ConsoleContext` for panels)."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        config: Config,
        staff: StaffDirectory,
        feed: Feed,
        scheduler: Scheduler,
        runner: Runner,
        terminal: str,
        title: str,
        printer: PrinterBackend | None = None,
    ) -> None:
        super().__init__()
        self.engine, self.clock, self.config = engine, clock, config
        self.staff, self.feed, self.scheduler, self.runner = staff, feed, scheduler, runner
        self._working = scheduler.timer(self._say_working, WORKING_AFTER_MS, parent=self)
        self.terminal = terminal
        self.user: str | None = None
        self.role = "nurse"  # the signed-in member's (kiosk.staff ROLES)
        self.prompts = Prompts(self)
        self.messages = DeskMessages(self)
        self.slips = SlipPrinter(self, printer, self) if printer is not None else None
        self.setWindowTitle(title)
        self.signin = SignInPanel(staff, title, runner=runner)
        self.signin.signedIn.connect(self.sign_in)
        self.work = QWidget()
        self.work.setObjectName("work")
        self.who = QLabel()
        self.who.setObjectName("signedInAs")
        self.sign_out_button = button(self.tr("Sign out"), "Ctrl+L", "signOut")
        self.sign_out_button.clicked.connect(self.sign_out)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        theme.set_level(self.status, "empty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.signin)
        self.stack.addWidget(self.work)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.scanner = ScannerFilter(scheduler, self, gs_standin=config.record.gs_standin)
        self.scanner.enabled = False
        self.scanner.scanned.connect(self._scanned)
        self.scanner.install()
        self._closed = False
        feed.subscribe(self, self._changed)
        self._out_of_date = ""  # the status text that says so, while it does
        theme.apply(self)

    def top_bar(self, title: str) -> QHBoxLayout:
        """The console's name (who is signed in and the sign-out button are in the bottom bar,
        beside the status line: one row fewer on a 720-pixel screen)."""
        bar = QHBoxLayout()
        heading = QLabel(title)
        heading.setObjectName("consoleTitle")
        bar.addWidget(heading)
        bar.addStretch(1)
        return bar

    def bottom_bar(self) -> QHBoxLayout:
        """The status line (every refusal and confirmation), who is signed in, sign out."""
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.who)
        bar.addWidget(self.sign_out_button)
        return bar

    def shortcut(self, keys: str, slot: Callable[[], object]) -> QShortcut:
        """A keyboard shortcut of the work page (inactive while the sign-in page shows)."""
        sc = QShortcut(QKeySequence(keys), self.work)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)
        sc.activated.connect(slot)
        return sc

    # --- signing in and out --------------------------------------------------------------------

    def sign_in(self, name: str, role: str = "nurse") -> None:
        log.info("%s: %s signed in", self.terminal, name)
        self.user = name
        self.role = role
        self.who.setText(fill(self.tr("Signed in: %1"), name))
        self.stack.setCurrentWidget(self.work)
        self.scanner.enabled = True
        self.say("")
        self.focus_next()
        self.refresh(EVERYTHING)

    def sign_out(self) -> None:
        if self.user is not None:
            log.info("%s: %s signed out", self.terminal, self.user)
        self.user = None
        self.scanner.enabled = False
        self.signin.reload()
        self.stack.setCurrentWidget(self.signin)

    def actor(self) -> Actor:
        if self.user is None:
            raise KioskError("nobody is signed in", code="signed_out")
        return Actor(staff=self.user, terminal=self.terminal, role=self.role)

    # --- acting and telling -----------------------------------------------------------------------

    def act(
        self,
        operation: Callable[[Actor], T],
        then: Callable[[T], object] | None = None,
        refused: Callable[[KioskError], object] | None = None,
    ) -> bool:
        """Run one engine operation as the signed-in nurse, off the UI thread; ``then`` gets its
        result back on the UI thread, and a refusal is said in the status line (or handed to
        ``refused``). False when it was not started: nobody is signed in, or this console's last
        operation still runs (a second key press does not act twice)."""
        if self.user is None:
            return False
        actor = self.actor()

        def done(result: T) -> None:
            self._working.stop()
            self.feed.request_poll()
            if then is not None:
                then(result)

        def failed(exc: KioskError) -> None:
            self._working.stop()
            if refused is not None:
                refused(exc)
            else:
                self.say(self.messages.error(exc), "error")

        if not self.runner.run(self, "operation", lambda: operation(actor), done, failed):
            self.say(self.tr("Still saving the last step: one moment."), "warn")
            return False
        self._working.start()
        return True

    def look_up(self, read: Callable[[], T], then: Callable[[T], object]) -> None:
        """A read a person waits for (a number typed, a ticket scanned), off the UI thread;
        ``then`` gets what was found, and "not found" or a lost database is said."""
        self.runner.run(
            self, "look up", read, then, lambda exc: self.say(self.messages.error(exc), "error")
        )

    def _say_working(self) -> None:
        self.say(self.tr("Working…"))

    def say(self, text: str, level: str = "info") -> None:
        self.status.setText(text)
        theme.set_level(self.status, level if text else "empty")

    # --- what subclasses fill in ------------------------------------------------------------------

    def focus_next(self) -> None:
        """Put the focus where the nurse types next (ARCHITECTURE.md, "Focus")."""

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """Redraw from the engine: after events, a deadline, or a sign-in (``EVERYTHING``)."""

    def scanned(self, token: str) -> None:
        """A ticket's QR token was scanned."""

    def stop_timers(self) -> None:
        """Stop any ticker (on close)."""

    def _changed(self, changes: Changes) -> None:
        if changes.storage_failed is not None:
            self._out_of_date = fill(
                self.tr("The database cannot be reached: this screen is not up to date (%1)"),
                changes.storage_failed,
            )
            self.say(self._out_of_date, "error")
            return
        if changes.storage_restored:
            if self._out_of_date and self.status.text() == self._out_of_date:
                self.say(self.tr("The database can be reached again."))  # not over a newer one
            self._out_of_date = ""
        if self.user is not None and not self._closed:
            self.refresh(changes)

    def _scanned(self, token: str) -> None:
        if self.user is not None:
            self.scanned(token)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self._closed = True
        self._working.stop()
        self.scanner.uninstall()
        self.stop_timers()
        if self.slips is not None:
            self.slips.wait()
        super().closeEvent(event)
