"""The resident's kiosk: choose a category, get a number at once, take the printed ticket.

A thin view over the engine. The start page shows a huge button per configured category; a tap
issues a ticket through the engine with this tap session's idempotency key (one key from the moment
the start page shows until the number shows, so a double tap or a retried tap issues one ticket)
while the buttons are disabled. The number, the people ahead and the estimated wait show at once;
the ticket prints in the background (:mod:`ui.print_worker`) and a failed or unconfirmed print tells
the resident to ask at the registration desk (the number stays valid; nothing is resent). After
``config.kiosk.idle_seconds`` the start page returns by itself.

When the engine says no number can be issued (capacity, stock, paused, day not open or closed), or
the database cannot be reached (the change feed says so, and says when it is back), the closed page
says so; it is redrawn from the change feed and the deadline watcher (a missed ticket's
grace period ending frees a dose without any event), so the kiosk reopens by itself. Kiosk mode
(:mod:`ui.kiosk.guard`): no leaving without a staff PIN.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk.config import Category, Config
from kiosk.engine import Engine
from kiosk.errors import CapReached, DayNotOpen, KioskError, StorageError, Unreachable
from kiosk.model import Ticket
from kiosk.staff import StaffDirectory
from kiosk.wait_estimate import WaitEstimate
from printing.backend import PrinterBackend
from printing.model import TicketPrint
from printing.result import PrintResult
from ui.feed import EVERYTHING, Changes, Feed
from ui.kiosk import text
from ui.kiosk.appointment import AppointmentFlow
from ui.kiosk.guard import KioskGuard
from ui.kiosk.pages import CategoryButton, ClosedPage, IssuedPage, StartPage, set_limits
from ui.kiosk.sizing import widget_min_touch_px
from ui.print_worker import PrintWorker, ticket_print
from ui.runner import Runner
from ui.scheduler import Scheduler
from ui.voice.announcer import Announcement, Announcer
from ui.widgets.pin_pad import PinPad

log = logging.getLogger(__name__)

OFFLINE_RETRY_MS = 5000
BUSY_AFTER_MS = 300  # a tap not answered by then says "one moment, please"


@dataclass(frozen=True)
class Read:
    """What the kiosk reads off the UI thread on every change."""

    reason: str | None  # why no number may be taken now, or None
    ahead: int | None = None  # people ahead of the number shown
    waiting: int | None = None  # people waiting for registration (the start page)
    estimate: WaitEstimate | None = None  # the wait of a number taken now
    appointments: bool = False  # today has appointments: "我有预约" is offered


class KioskScreen(QWidget):
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        config: Config,
        printer: PrinterBackend,
        staff: StaffDirectory,
        feed: Feed,
        scheduler: Scheduler,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        announcer: Announcer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.announcer = announcer  # says the number and the people ahead ([kiosk] speak)
        self.setWindowTitle(config.site.name)
        self.setStyleSheet("QWidget#kiosk { background: #fafafa; } QLabel { color: #111; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.engine = engine
        self.clock = clock
        self.config = config
        self.feed = feed
        self.words = text.Words(config.site.language)
        self.printer = PrintWorker(printer, self)
        self.printer.printed.connect(self._on_printed)
        self.guard = KioskGuard(
            self,
            staff.any_pin,
            lambda: int(widget_min_touch_px(self) * 1.4),
            factory=partial(PinPad, runner=runner),  # the PIN checked off the UI thread
        )
        self.guard.unlocked.connect(lambda _member: self.close())
        self.guard.padOpened.connect(self._watch_pad)

        self.tap_key: str | None = None
        self.issuing = False
        self.shown_ticket: Ticket | None = None
        self.print_results: dict[int, PrintResult] = {}
        self.closed_reason: str | None = None

        self.start = StartPage()
        self.issued = IssuedPage()
        self.closed = ClosedPage()
        self.stack = QStackedWidget()
        # The pages' text follows the window's size (_scale), never the other way round: their
        # minimum sizes must not hold the window at the height of the last orientation.
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        for page in (self.start, self.issued, self.closed):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._fill_static()

        self.scheduler = scheduler
        self.runner = runner
        self.appointment = AppointmentFlow(self, self)  # "我有预约" (issue 17): its pages and steps
        for booking_page in self.appointment.pages:
            self.stack.addWidget(booking_page)
        self._busy = scheduler.timer(self._say_busy, BUSY_AFTER_MS, parent=self)
        self.idle = scheduler.timer(self.show_start, config.kiosk.idle_seconds * 1000, parent=self)
        # Offline because of the kiosk's own read or tap (the feed may not have noticed, or may
        # never: its reads can work while ours failed): look again by itself.
        self.offline_retry = scheduler.timer(self.refresh, OFFLINE_RETRY_MS, parent=self)
        self.issued.done.connect(self.show_start)
        self.start.site.tapped.connect(self.guard.tap)
        self.closed.site.tapped.connect(self.guard.tap)
        feed.subscribe(self, self.refresh)
        self.show_start()

    # --- pages ---------------------------------------------------------------------------------

    def _fill_static(self) -> None:
        name = self.config.site.name
        self.start.site.setText(name)
        self.closed.site.setText(name)
        main, sub = self.words.both(text.CHOOSE)
        self.start.prompt.setText(main)
        self.start.prompt_sub.setText(sub)
        self.start.prompt_sub.setVisible(bool(sub))
        main, sub = self.words.both(text.PRIORITY)
        badge = main + (f" {sub}" if sub else "")
        buttons = []
        for category in self.config.categories:
            main, sub = self.category_texts(category)
            buttons.append(CategoryButton(category, main, sub, badge if category.priority else ""))
        for button in buttons:
            button.clicked.connect(lambda _=False, c=button.category: self.tap(c))
        self.start.set_buttons(buttons)
        main, sub = self.words.both(text.YOUR_NUMBER)
        self.issued.caption.setText(main + (f"  {sub}" if sub else ""))
        main, sub = self.words.both(text.DONE)
        self.issued.done_button.setText(main + (f"  {sub}" if sub else ""))

    def category_texts(self, category: Category) -> tuple[str, str]:
        """The button's label: Chinese with English below in Chinese; English alone in English."""
        return category.lines(self.config.site.language)

    def page(self) -> str:
        current = self.stack.currentWidget()
        return current.objectName() if current is not None else ""

    def show_start(self) -> None:
        """Back to the start (or closed) page: a new tap session, nothing of the last resident."""
        self.idle.stop()
        self.guard.close_pad()
        self.shown_ticket = None
        self.tap_key = uuid.uuid4().hex
        self.start.error.hide()
        self.start.set_enabled(True)
        self.appointment.reset()
        self.stack.setCurrentWidget(self.start)
        self.refresh()

    def refresh(self, _changes: Changes = EVERYTHING) -> None:
        """Redraw from the engine (every change: events, deadlines, the database lost or back;
        our own writes), read off the UI thread."""
        shown = self.shown_ticket
        self.runner.read(self, "refresh", lambda: self._read(shown), self._draw)

    def _read(self, shown: Ticket | None) -> Read:
        """Why no number may be taken now (or None); the people ahead of the number shown; on the
        start page, how many wait and the wait of a number taken now."""
        try:
            status = self.engine.day.status()
        except DayNotOpen:
            return Read("day_not_open")
        except StorageError as exc:
            log.error("kiosk: cannot read the day: %s", exc)
            return Read("offline")  # no taps into failures
        if shown is not None:
            try:
                ahead = self.engine.queries.people_ahead(self.engine.queries.ticket(shown.id))
            except KioskError as exc:
                log.error("kiosk: cannot read the queue: %s", exc)
                ahead = None
            return Read(status.closed_reason, ahead=ahead)
        waiting = status.counts.waiting_registration
        estimate = self._wait_estimate(waiting)
        try:
            booked = self.engine.appointments.any_on(status.day)
        except KioskError:
            booked = False
        return Read(status.closed_reason, waiting=waiting, estimate=estimate, appointments=booked)

    def _draw(self, read: Read) -> None:
        self.closed_reason = read.reason
        if self.closed_reason == "offline":
            self.offline_retry.start()
        if self.stack.currentWidget() is self.issued:
            if read.ahead is not None:
                self._show_ahead(read.ahead)
            return
        if read.waiting is not None:
            self._show_queue(read.waiting, read.estimate)
            self.start.appointment.setVisible(read.appointments)
        if self.closed_reason is not None:
            self._show_closed(self.closed_reason)
        elif self.stack.currentWidget() is self.closed:
            self.show_start()

    def _show_queue(self, waiting: int, estimate: WaitEstimate | None) -> None:
        """Before the tap: how many wait now and the wait of a number taken now."""
        if estimate is None:
            main, sub = self.words.counted(text.waiting(waiting), text.waiting_en(waiting))
        else:
            main, sub = self.words.counted(
                text.waiting_for(waiting, estimate.minutes),
                text.waiting_for_en(waiting, estimate.minutes),
            )
        self.start.queue.setText(main)
        self.start.queue_sub.setText(sub)
        self.start.queue_sub.setVisible(bool(sub))

    def _show_closed(self, reason: str) -> None:
        main, sub = self.words.headline(reason)
        self.closed.headline.setText(main)
        self.closed.headline_sub.setText(sub)
        main, sub = self.words.reason(reason)
        self.closed.reason.setText(main)
        self.closed.reason_sub.setText(sub)
        # "Opens again when a number becomes free" is true of the cap, not of a lost database.
        main, sub = self.words.both(text.STAFF_HELP if reason == "offline" else text.CLOSED_HELP)
        self.closed.help.setText(main)
        self.closed.help_sub.setText(sub)
        self.stack.setCurrentWidget(self.closed)

    # --- a tap -----------------------------------------------------------------------------------

    def tap(self, category: Category) -> bool:
        """Take a number of ``category`` (once per tap session): issued off the UI thread, shown
        when it comes (the buttons wait meanwhile, and say so if it takes a moment)."""
        if self.issuing or self.stack.currentWidget() is not self.start:
            return False
        self.issuing = True
        self.start.set_enabled(False)
        self.start.error.hide()
        key = self.tap_key

        def issue() -> tuple[Ticket, int]:
            ticket = self.engine.tickets.issue(category.prefix, priority=category.priority, key=key)
            return ticket, self.engine.queries.people_ahead(ticket)

        self._busy.start()
        return self.runner.run(
            self, "issue", issue, lambda got: self.number_taken(*got, category), self.number_refused
        )

    def _say_busy(self) -> None:
        main, sub = self.words.both(text.ISSUING)
        self.start.error.setStyleSheet("color: #555;")
        self.start.error.setText(main + (f"\n{sub}" if sub else ""))
        self.start.error.show()

    def number_refused(self, exc: KioskError) -> None:
        self._busy.stop()
        self.start.error.hide()
        self.issuing = False
        self.start.set_enabled(True)
        if isinstance(exc, CapReached | DayNotOpen):
            log.info("kiosk: no number issued: %s", exc)
            self.refresh()
        elif isinstance(exc, Unreachable):  # offline; a refused value is a failure, below
            log.error("kiosk: issuing failed: %s", exc)
            self.closed_reason = "offline"
            self._show_closed("offline")
            self.offline_retry.start()
        else:
            log.error("kiosk: issuing failed: %s", exc)
            main, sub = self.words.both(text.ISSUE_FAILED)
            self.start.error.setStyleSheet("color: #b00020;")
            self.start.error.setText(main + (f"\n{sub}" if sub else ""))
            self.start.error.show()

    def number_taken(self, ticket: Ticket, ahead: int, category: Category) -> None:
        self._busy.stop()
        self.start.error.hide()
        self.show_issued(ticket, category, ahead)
        if self.announcer is not None:  # for residents who cannot read: said once, at once
            self.announcer.enqueue(Announcement.ticket(ticket.label, ahead))
        self.issuing = False
        self.scheduler.soon(self.feed.request_poll)  # redraw after the number has painted

    def show_issued(self, ticket: Ticket, category: Category, ahead: int) -> None:
        self.tap_key = None
        self.shown_ticket = ticket
        page = self.issued
        page.number.setText(ticket.label)
        main, sub = self.category_texts(category)
        page.category.setText(main + (f"  {sub}" if sub else ""))
        main, sub = self.words.both(text.TAKE_TICKET)
        page.take.setText(main + (f"\n{sub}" if sub else ""))
        page.take.show()
        page.problem.hide()
        main, sub = self.words.both(text.PRINTING)
        page.print_state.setText(main + (f"  {sub}" if sub else ""))
        self.stack.setCurrentWidget(page)
        self.issued.wait.setText("")
        self.issued.wait_sub.setText("")
        self._show_ahead(ahead)
        self.idle.start()
        # After the number has painted, off the UI thread: the print job's reads, the wait.
        self.runner.run(
            self,
            "after_issue",
            lambda: (
                ticket_print(self.engine, self.config, ticket, ahead),
                self._wait_estimate(ahead),
            ),
            lambda got: self._after_issue(ticket, *got),
        )

    def _wait_estimate(self, ahead: int) -> WaitEstimate | None:
        try:
            return self.engine.queries.wait_estimate(ahead)
        except KioskError:
            return None

    def _after_issue(
        self, ticket: Ticket, printable: TicketPrint, estimate: WaitEstimate | None
    ) -> None:
        printable = replace(  # its category lines come as on the screen (ui.print_worker)
            printable, wait_minutes=estimate.minutes if estimate is not None else None
        )
        self.printer.submit(ticket.id, printable)
        if self.shown_ticket is not None and self.shown_ticket.id == ticket.id:
            self._show_wait(estimate)

    def _show_ahead(self, ahead: int) -> None:
        if ahead == 0:
            main, sub = self.words.both(text.NEXT)
        else:
            main, sub = self.words.counted(text.people_ahead(ahead), text.people_ahead_en(ahead))
        self.issued.ahead.setText(main)
        self.issued.ahead_sub.setText(sub)

    def _show_wait(self, estimate: WaitEstimate | None) -> None:
        if estimate is None:
            main, sub = self.words.both(text.WAIT_UNKNOWN)
        else:
            main, sub = self.words.counted(
                text.wait_minutes(estimate.minutes), text.wait_minutes_en(estimate.minutes)
            )
        self.issued.wait.setText(main)
        self.issued.wait_sub.setText(sub)

    def _on_printed(self, ticket_id: int, _ticket: TicketPrint, result: PrintResult) -> None:
        self.print_results[ticket_id] = result
        if self.shown_ticket is None or self.shown_ticket.id != ticket_id:
            return
        page = self.issued
        page.print_state.setText("")
        if result.ok:
            return
        page.take.hide()
        main, sub = self.words.both(text.PRINT_FAILED)
        valid = text.say(text.STILL_VALID)
        page.problem_text.setText(main + ("" if main.endswith("。") else " ") + valid)
        page.problem_sub.setText(f"{sub} {text.STILL_VALID}" if sub else "")
        page.problem.show()
        self.idle.start()  # the whole idle time to read the message

    def _watch_pad(self, pad: QWidget) -> None:
        """The PIN pad closes with the idle reset too; each tap on it restarts the idle time."""
        self.idle.start()
        for button in pad.findChildren(QPushButton):
            button.clicked.connect(self._pad_tapped)

    def _pad_tapped(self) -> None:
        if self.guard.pad is not None and self.isVisible():  # not the tap that closed the kiosk
            self.idle.start()

    # --- sizing and lifetime --------------------------------------------------------------------

    def rescale(self) -> None:
        """Size the pages again (a page got new buttons)."""
        self._scale()

    def touch_px(self) -> int:
        return widget_min_touch_px(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._scale()

    def _scale(self) -> None:
        w, h = max(self.width(), 320), max(self.height(), 320)
        landscape = w > h
        # upright, the text grows with the height too (a 1080x1920 kiosk: 60 px, not 49)
        unit = int(max(16, min(h / 30, w / 22) if landscape else min(h / 26, w / 18)))
        touch = self.touch_px()
        text_width = w - 2 * 48 - 8  # the pages' margins
        for page in (self.start, self.issued, self.closed):
            set_limits(page, text_width)
        buttons = max(1, len(self.start.buttons))
        per_button = (text_width - 32 * (buttons - 1)) // buttons if landscape else text_width
        for button in self.start.buttons:
            set_limits(button, per_button - 40)  # the button's own margins
        set_limits(self.issued.problem, text_width - 48)
        self.start.scale(unit, touch, landscape, h)
        self.appointment.scale(unit, touch, landscape, h, text_width)
        self.issued.scale(unit, touch, int(min(h * 0.24, w * 0.28)))
        self.closed.scale(unit)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        # Only reached when the guard let the close through (a staff PIN, or the program ending).
        self.idle.stop()
        self.offline_retry.stop()
        self._busy.stop()
        self.appointment.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Let queued print jobs finish (results are logged) before the program ends."""
        self.idle.stop()
        self.printer.wait()
