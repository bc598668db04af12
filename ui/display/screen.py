"""The waiting-room display (``kiosk run --screen display``): the newest call, big and flashing;
every desk's current ticket; the last calls; waiting counts; the observation board; notices.

How it stays right without drifting:

- the feed's events re-read a :class:`~ui.display.data.Snapshot` (and the calls in them are
  announced: ``called`` and ``recalled`` each enqueue one :class:`Announcement`; a recall repeats);
- the deadline watcher's ``reached`` re-reads it when an observation ends;
- a one-second ticker redraws the time and the countdowns from the snapshot's stored ends with
  ``clock.now()`` and announces, once per ticket for the session, whoever has become free to leave
  (the engine's may-leave rule: an open adverse event keeps them).

The layout (landscape 1920x1080 / 1366x768, portrait 1080x1920) is chosen from the window's size
in ``resizeEvent``: see :mod:`ui.display.layout`. Only ticket numbers and masked names are shown.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.errors import KioskError
from kiosk.model import Event
from ui.display.boards import (
    LEFT,
    RIGHT,
    CountsBoard,
    DeskBoard,
    HeroPanel,
    NoticeLine,
    RecentBoard,
)
from ui.display.data import (
    OPEN,
    Call,
    ObsStatus,
    Snapshot,
    free_to_leave,
    load_snapshot,
    wait_minutes,
)
from ui.display.fit import BACKGROUND, TEXT, FitLabel
from ui.display.layout import Layout, layout_for
from ui.display.observation import ObservationBoard
from ui.feed import Changes, Feed
from ui.runner import Runner
from ui.scheduler import Scheduler
from ui.voice.announcer import Announcement, Announcer

log = logging.getLogger(__name__)

FLASH_FOR = timedelta(seconds=5)
FLASH_MS = 450
TICK_MS = 1000
PAGE_SECONDS = 8
NOTICE_SECONDS = 6
WAIT_SECONDS = 60
QUIET_AT_START = timedelta(minutes=2)  # at start-up, free longer than this: not announced
CALL_KINDS = ("called", "recalled")


class DisplayScreen(QWidget):
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        config: Config,
        feed: Feed,
        scheduler: Scheduler,
        runner: Runner,
        announcer: Announcer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("display")
        self.setWindowTitle(self.tr("Waiting room"))
        self.setStyleSheet(f"QWidget#display {{ background: {BACKGROUND}; }}")
        self.engine, self.clock, self.config = engine, clock, config
        self.announcer = announcer
        self.runner = runner
        self.site = FitLabel(self, bold=True, align=LEFT, color=TEXT)
        self.site.setText(config.site.name)
        self.time = FitLabel(
            self, bold=True, align=RIGHT, color=TEXT, samples=["0000-00-00  00:00:00"]
        )
        self.hero = HeroPanel(self)
        self.hero.bilingual = config.site.language == "zh_CN"
        self.desks = DeskBoard(self)
        self.recent = RecentBoard(engine.local, self)
        self.counts = CountsBoard(self)
        self.observation = ObservationBoard(self)
        self.out_of_date = self.tr(
            "Connection to the queue lost: this screen may be out of date."
            " Please listen for your number."
        )
        self.notices = NoticeLine(config.display.notices, self.out_of_date, self)
        self.layout_name = ""
        self.snapshot: Snapshot | None = None
        self._undrawn: list[Event] | None = None  # events since the drawn snapshot (None: all)
        self.announced: set[int] = set()  # tickets announced as free to leave, this session
        self.flash_until: datetime | None = None
        self._seconds = 0
        self._minute_due: datetime | None = None  # the wait and the desks are re-read then
        self._flash_phase = False

        self.ticker = scheduler.timer(self.tick, TICK_MS, repeat=True, parent=self)
        self.flasher = scheduler.timer(self._flash_step, FLASH_MS, repeat=True, parent=self)
        feed.subscribe(self, self.on_changes)

        self.apply_layout(layout_for(1920, 1080))
        self.reload()  # then the wait estimate and the announced seed (self._draw, the first time)
        self.ticker.start()

    # --- data ----------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        """The database lost or back (say so), time passed (re-read), or events: announce the
        calls among them (in order), show the newest, then re-read."""
        if changes.storage_failed is not None:
            log.warning("display: out of date: %s", changes.storage_failed)
            self.notices.show_problem(self.out_of_date)
            return
        if changes.storage_restored:
            self.notices.clear_problem()
        if not changes.events:
            self.reload()
            return
        newest: Call | None = None
        for event in changes.events:
            if event.kind not in CALL_KINDS:
                continue
            label, desk = str(event.payload.get("label", "")), str(event.payload.get("desk", ""))
            if not label or not desk:
                log.warning("display: %s event %s without label or desk", event.kind, event.seq)
                continue
            self.announcer.enqueue(Announcement.call(label, desk))
            newest = Call(label, desk, event.at)
        self.reload(list(changes.events))
        if newest is not None:
            self.hero.set_call(newest)
            self.start_flash()

    def reload(self, events: list[Event] | None = None) -> None:
        """Re-read what the display shows (all of it, or what ``events`` may have changed), off
        the UI thread; the screen keeps ticking meanwhile. A reload asked for while one runs is
        read again after it, with the events of both."""
        if events is None or self._undrawn is None:
            self._undrawn = None
        else:
            self._undrawn.extend(events)
        previous, undrawn, cells = self.snapshot, self._undrawn, self._recent_cells()
        self.runner.read(
            self,
            "reload",
            lambda: load_snapshot(
                self.engine,
                self.config,
                cells,
                previous=previous,
                events=None if undrawn is None else list(undrawn),
            ),  # fmt: skip
            self._draw,
            self._read_failed,
        )

    def _read_failed(self, exc: KioskError) -> None:
        log.warning("display: cannot read the queue: %s", exc)

    def _draw(self, snapshot: Snapshot) -> None:
        first = self.snapshot is None
        self.snapshot = snapshot
        self._undrawn = []
        if first:
            self.hero.set_call(snapshot.recent[0] if snapshot.recent else None)
            self._seed_announced()
            self.update_wait()
        if snapshot.day != self.hero.day:
            self.hero.set_day(snapshot.day)
            self._place()
        self.desks.set_desks(snapshot.desks)
        self.recent.set_calls(snapshot.recent)
        self.counts.set_counts(snapshot.counts)
        self.observation.set_people(snapshot.observing)
        self.tick(advance=False)

    def update_wait(self) -> None:
        """The estimated wait (a slow-moving figure: at start-up and once a minute)."""
        counts = self.snapshot.counts if self.snapshot else None
        self.runner.read(
            self,
            "wait",
            lambda: wait_minutes(self.engine, counts),
            self.counts.set_wait,
            lambda exc: log.warning("display: cannot estimate the wait: %s", exc),
        )

    def _seed_announced(self) -> None:
        """At start-up, people free to leave for a while already are not announced again."""
        now = self.clock.now()
        for row in free_to_leave(self.snapshot.observing, now) if self.snapshot else ():
            if row.end and now - row.end > QUIET_AT_START:
                self.announced.add(row.ticket_id)

    def tick(self, advance: bool = True) -> None:
        """Every second: the time, the countdowns, the may-leave announcements, rotation."""
        now = self.clock.now()
        if advance:
            self._seconds += 1
            if self._seconds % PAGE_SECONDS == 0:
                self.observation.next_page()
            if self._seconds % NOTICE_SECONDS == 0:
                self.notices.rotate()
        if self._minute_due is None or now >= self._minute_due:  # by the clock: a jump counts
            if self._minute_due is not None:
                self.update_wait()
                self.reload()  # a quiet minute still drops a desk that stopped calling
            self._minute_due = now + timedelta(seconds=WAIT_SECONDS)
        self.time.setText(self.engine.local(now).strftime("%Y-%m-%d  %H:%M:%S"))
        free = free_to_leave(self.snapshot.observing, now) if self.snapshot else []
        self.observation.redraw(now, len(free))
        for row in free:  # announced once per ticket for the session
            if row.ticket_id not in self.announced:
                self.announced.add(row.ticket_id)
                self.announcer.enqueue(Announcement.may_leave(row.label))

    # --- flashing ------------------------------------------------------------------------
    @property
    def flashing(self) -> bool:
        return self.flash_until is not None

    def start_flash(self) -> None:
        self.flash_until = self.clock.now() + FLASH_FOR
        self._flash_phase = True
        self.hero.set_flash(True, badge=True)
        self.flasher.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.ticker.stop()
        self.flasher.stop()
        super().closeEvent(event)

    def _flash_step(self) -> None:
        if self.flash_until is None or self.clock.now() >= self.flash_until:
            self.flash_until = None
            self.flasher.stop()
            self.hero.set_flash(False, badge=False)
            return
        self._flash_phase = not self._flash_phase
        self.hero.set_flash(self._flash_phase, badge=True)

    # --- layout --------------------------------------------------------------------------
    def _recent_cells(self) -> int:
        return self.recent.rows * self.recent.columns

    def apply_layout(self, layout: Layout) -> None:
        self.layout_name = layout.name
        self.hero.portrait = layout.portrait
        self.desks.columns = layout.desk_columns
        self.recent.set_shape(*layout.recent_shape)
        self.observation.set_shape(*layout.observation_shape)
        if self.snapshot is not None:
            self.desks.set_desks(self.snapshot.desks)
            self.observation.set_people(self.snapshot.observing)
            self.tick(advance=False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Full screen means the whole monitor, even where no window manager applies it (a bare
        X session on a kiosk PC)."""
        super().showEvent(event)
        if self.isFullScreen() and self.geometry() != self.screen().geometry():
            self.setGeometry(self.screen().geometry())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        layout = layout_for(self.width(), self.height())
        if layout.name != self.layout_name:
            self.apply_layout(layout)
            if self.snapshot is not None and len(self.snapshot.recent) < self._recent_cells():
                self.reload()
        self._place()

    def _place(self) -> None:
        """Every region in its rectangle; with no open day, the words "not open yet" (or "ended
        for today") take the call's, the counts' and the desks' place instead of dashes."""
        rects = layout_for(self.width(), self.height()).rects(self.width(), self.height())
        inset = int(self.width() * 0.008)
        rects["site"].adjust(inset, 0, 0, 0)
        rects["time"].adjust(0, 0, -inset, 0)
        is_open = self.hero.day == OPEN
        if not is_open:
            rects["hero"] = rects["hero"].united(rects["counts"]).united(rects["desks"])
        for name, widget in self.regions().items():
            widget.setGeometry(rects[name])
            if name == "notices":
                widget.setVisible(self.notices.wanted())
            elif name in ("counts", "desks"):
                widget.setVisible(is_open)

    def regions(self) -> dict[str, QWidget]:
        return {
            "site": self.site, "time": self.time, "hero": self.hero, "desks": self.desks,
            "recent": self.recent, "counts": self.counts, "observation": self.observation,
            "notices": self.notices,
        }  # fmt: skip

    def visible_text(self) -> str:
        """Every text on screen, one per line (for tests and for the privacy check)."""
        labels = [label for label in self.findChildren(QLabel) if label.isVisibleTo(self)]
        return "\n".join(label.text() for label in labels)

    def status_of(self, ticket_id: int) -> ObsStatus | None:
        """The status shown for ``ticket_id`` on the observation board's current page."""
        return self.observation.shown.get(ticket_id)
