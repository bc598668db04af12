"""The kiosk's "我有预约 / I have an appointment" (issue 17).

From the start page's button (or a slip scanned on the start page): the resident scans the slip's
QR with the kiosk's scanner, or types the phone number or the document's last six characters on a
big keypad (digits and X). What was found shows as masked names only (a phone shared by several
residents lists each: the resident taps theirs); the resident confirms the masked name; one tap
takes the number, issued and linked to the appointment in one transaction
(``engine.appointments.take_number``, with the tap session's key), then printed and said as any
number. The category comes from the appointment's dose number as the site's categories name it
(:func:`category_for_dose`, the config's ``doses`` of each category); when they do not say,
the resident chooses it on the same page.

No appointment: a kind word and back to taking a number as usual; an appointment of another day
says that day. Every engine call goes through the runner; every tap restarts the idle time, and
the idle reset returns to the start page and forgets what was typed and found.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from kiosk.appointments.model import KioskLookup, KioskMatch
from kiosk.config import Category, Config
from kiosk.engine import Engine
from kiosk.errors import CapReached, DayNotOpen, InvalidTransition, KioskError, Unreachable
from kiosk.model import Ticket
from ui.kiosk import text
from ui.kiosk.appointment_pages import MAX_TYPED, ChoosePage, ConfirmPage, LookupPage, NoticePage
from ui.kiosk.pages import IssuedPage, LabelButton, StartPage, set_limits
from ui.runner import Runner
from ui.scheduler import Scheduler, Timer
from ui.widgets.scanner import ScannerFilter

log = logging.getLogger(__name__)


def category_for_dose(categories: tuple[Category, ...], dose_number: int) -> Category | None:
    """The one category the config gives the dose (``doses = "first"`` or ``"later"``; the
    default config: "A" first dose, "B" later doses), or None when none or several do: the
    resident then picks as at the start page."""
    wanted = "first" if dose_number <= 1 else "later"
    found = [c for c in categories if c.doses == wanted]
    return found[0] if len(found) == 1 else None


class KioskHost(Protocol):
    """What the flow uses of the kiosk screen that holds it (ui/kiosk/screen.py), so this module
    does not import the screen's (which imports it)."""

    engine: Engine
    config: Config
    runner: Runner
    scheduler: Scheduler
    words: text.Words
    issuing: bool
    tap_key: str | None
    start: StartPage
    issued: IssuedPage
    stack: QStackedWidget
    idle: Timer

    def rescale(self) -> None: ...

    def show_start(self) -> None: ...

    def category_texts(self, category: Category) -> tuple[str, str]: ...

    def number_taken(self, ticket: Ticket, ahead: int, category: Category) -> None: ...

    def number_refused(self, exc: KioskError) -> None: ...


class AppointmentFlow(QObject):
    """The pages and the steps of "我有预约" on one kiosk screen."""

    def __init__(self, screen: KioskHost, window: QWidget) -> None:
        super().__init__(window)
        self.screen = screen
        self.words = screen.words
        self.lookup = LookupPage()
        self.choose = ChoosePage()
        self.confirm = ConfirmPage()
        self.notice = NoticePage()
        self.pages: tuple[QWidget, ...] = (self.lookup, self.choose, self.confirm, self.notice)
        self.typed = ""
        self.matches: tuple[KioskMatch, ...] = ()
        self.match: KioskMatch | None = None
        self.generation = 0
        """Which resident's session a lookup's answer belongs to: moved on by every reset, so
        an answer that comes back after the resident left is never shown to the next one."""
        self._fill_static()
        screen.start.appointment.clicked.connect(self.open)
        self.lookup.keypad.pressed.connect(self.key)
        self.lookup.keypad.deleted.connect(self.delete)
        self.lookup.find_button.clicked.connect(self.find)
        self.lookup.back.clicked.connect(screen.show_start)
        self.choose.chosen.connect(lambda i: self.show_confirm(self.matches[i]))
        self.choose.back.clicked.connect(screen.show_start)
        self.confirm.take.clicked.connect(self._take_for_dose)
        self.confirm.not_me.clicked.connect(self._not_me)
        self.notice.back.clicked.connect(screen.show_start)
        self.scanner = ScannerFilter(screen.scheduler, window)
        self.scanner.scanned.connect(self.scanned)
        self.scanner.install()

    def _both(self, button: LabelButton, source: str) -> None:
        button.set_texts(*self.words.both(source))

    def _fill_static(self) -> None:
        self._both(self.screen.start.appointment, text.APPOINTMENT)
        for main, sub, source in (
            (self.lookup.title, self.lookup.title_sub, text.APPOINTMENT),
            (self.lookup.how, self.lookup.how_sub, text.APPOINTMENT_HOW),
        ):
            first, second = self.words.both(source)
            main.setText(first)
            sub.setText(second)
            sub.setVisible(bool(second))
        self._both(self.lookup.find_button, text.FIND)
        self._both(self.lookup.back, text.BACK)
        self._both(self.choose.back, text.BACK)
        self._both(self.confirm.take, text.YES_TAKE)
        self._both(self.confirm.not_me, text.NOT_ME)
        self._both(self.notice.back, text.AS_USUAL)
        self.lookup.keypad.delete.setAccessibleName(text.say(text.DELETE))
        self._show_typed()

    def _say(self, main_label: QLabel, sub_label: QLabel, main: str, sub: str) -> None:
        main_label.setText(main)
        sub_label.setText(sub)
        sub_label.setVisible(bool(sub))

    # --- the pages -------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget what was typed and found (the start page is back)."""
        self.generation += 1
        self.typed = ""
        self.matches = ()
        self.match = None
        self._show_typed()
        self.lookup.show_message("")
        self.lookup.find_button.setEnabled(True)
        self.choose.set_names([])
        self.confirm.set_choices([])
        self.confirm.show_message("")
        self.confirm.set_enabled(True)

    def open(self) -> None:
        """The start page's "我有预约": the lookup page, empty."""
        if self.screen.issuing or self.screen.stack.currentWidget() is not self.screen.start:
            return
        self.reset()
        self._show(self.lookup)

    def _show(self, page: QWidget) -> None:
        self.screen.stack.setCurrentWidget(page)
        self.screen.idle.start()

    def key(self, key: str) -> None:
        if len(self.typed) < MAX_TYPED:
            self.typed += key
        self.lookup.show_message("")
        self._show_typed()
        self.screen.idle.start()

    def delete(self) -> None:
        self.typed = self.typed[:-1]
        self.lookup.show_message("")
        self._show_typed()
        self.screen.idle.start()

    def _show_typed(self) -> None:
        self.lookup.typed.setText(self.typed or " ")

    def find(self) -> None:
        """Six characters are the document's end; a phone number is longer."""
        self.screen.idle.start()
        typed = self.typed
        if len(typed) == 6:
            self._lookup("suffix", typed)
        elif len(typed) >= 7 and typed.isdigit():
            self._lookup("phone", typed)
        else:
            self.lookup.show_message(self._joined(text.TYPE_MORE))

    def scanned(self, token: str) -> None:
        """A slip's QR read by the kiosk's scanner, on the start page or the lookup page."""
        current = self.screen.stack.currentWidget()
        if self.screen.issuing or current not in (self.screen.start, self.lookup):
            return
        if current is self.screen.start:
            self.reset()
            self._show(self.lookup)
        self._lookup("token", token)

    def _lookup(self, kind: str, typed: str) -> None:
        self.lookup.find_button.setEnabled(False)
        self.lookup.show_message(self._joined(text.LOOKING), error=False)
        engine, generation = self.screen.engine, self.generation
        # A read: one still running for the resident before is looked up again after it, and
        # only the newest answer is drawn (ui/runner.py).
        self.screen.runner.read(
            self,
            "lookup",
            lambda: engine.appointments.kiosk_lookup(kind, typed),  # type: ignore[arg-type]
            lambda found: self._found(found, generation),
            lambda exc: self._lookup_failed(exc, generation),
        )

    def _found(self, found: KioskLookup, generation: int) -> None:
        if generation != self.generation or self.screen.stack.currentWidget() is not self.lookup:
            return  # another resident's session now, or the idle reset came first
        self.lookup.find_button.setEnabled(True)
        self.lookup.show_message("")
        self.screen.idle.start()
        self.matches = found.today
        if len(found.today) == 1:
            self.show_confirm(found.today[0])
        elif found.today:
            self._show_names()
        elif found.other_days:
            today = self.screen.engine.today()
            later = [d for d in found.other_days if d >= today]
            day = later[0] if later else found.other_days[-1]
            main, sub = self.words.counted(
                text.other_day(day, today), text.other_day_en(day, today)
            )
            self._notice(text.OTHER_DAY, main, sub)
        else:
            self._notice(text.NOT_FOUND, *self.words.both(text.NOT_FOUND_HELP))

    def _lookup_failed(self, exc: KioskError, generation: int) -> None:
        log.error("kiosk: appointment lookup failed: %s", exc)
        if generation != self.generation:
            return
        self.lookup.find_button.setEnabled(True)
        self.lookup.show_message(self._joined(text.ISSUE_FAILED))

    def _show_names(self) -> None:
        names = [(m.masked_name, self._detail(m)) for m in self.matches]
        main, sub = self.words.both(text.TAP_YOUR_NAME)
        self._say(self.choose.headline, self.choose.headline_sub, main, sub)
        self.choose.set_names(names)
        self.screen.rescale()
        self._show(self.choose)

    def _detail(self, match: KioskMatch) -> str:
        n = match.dose_number
        parts = [match.village, " ".join(self.words.counted(text.dose(n), f"Dose {n}")).strip()]
        if match.linked:
            parts.append(" ".join(self.words.both(text.ALREADY_TAKEN)).strip())
        return " · ".join(p for p in parts if p)

    def show_confirm(self, match: KioskMatch) -> None:
        if match.linked:
            self._notice(text.ALREADY_TAKEN, *self.words.both(text.ALREADY_HELP))
            return
        self.match = match
        self._say(
            self.confirm.headline, self.confirm.headline_sub, *self.words.both(text.IS_THIS_YOU)
        )
        self.confirm.name.setText(match.masked_name)
        self.confirm.detail.setText(self._detail(match))
        category = category_for_dose(self.screen.config.categories, match.dose_number)
        choices: list[LabelButton] = []
        if category is None:  # the site's categories do not say: the resident chooses
            for c in self.screen.config.categories:
                button = LabelButton(f"choose_{c.prefix}", "appointment")
                button.set_texts(*self.screen.category_texts(c))
                button.clicked.connect(lambda _=False, chosen=c: self.take(chosen))
                choices.append(button)
            prompt = self.words.both(text.YES_CHOOSE)
        else:
            self.confirm.take.setProperty("prefix", category.prefix)
            prompt = ("", "")
        self._say(self.confirm.prompt, self.confirm.prompt_sub, *prompt)
        self.confirm.prompt.setVisible(bool(prompt[0]))
        self.confirm.set_choices(choices)
        self.confirm.show_message("")
        self.confirm.set_enabled(True)
        self.screen.rescale()
        self._show(self.confirm)

    def _not_me(self) -> None:
        if len(self.matches) > 1:
            self._show(self.choose)
        else:
            self.screen.show_start()

    def _notice(self, headline: str, main: str, sub: str) -> None:
        self._say(self.notice.headline, self.notice.headline_sub, *self.words.both(headline))
        self._say(self.notice.text, self.notice.text_sub, main, sub)
        self._show(self.notice)

    def _joined(self, source: str) -> str:
        main, sub = self.words.both(source)
        return main + (f"\n{sub}" if sub else "")

    # --- taking the number -----------------------------------------------------------------------

    def _take_for_dose(self) -> None:
        prefix = self.confirm.take.property("prefix")
        category = next((c for c in self.screen.config.categories if c.prefix == prefix), None)
        if category is not None:
            self.take(category)

    def take(self, category: Category) -> bool:
        """The confirmed appointment's number: issued and linked at once, then shown, printed and
        said as any number."""
        screen, match = self.screen, self.match
        if match is None or screen.issuing or screen.stack.currentWidget() is not self.confirm:
            return False
        screen.issuing = True
        screen.idle.stop()  # not back to the start while the number is being taken
        self.confirm.set_enabled(False)
        self.confirm.show_message(self._joined(text.ISSUING), error=False)
        engine, key = screen.engine, screen.tap_key

        def work() -> tuple[Ticket, int]:
            ticket = engine.appointments.take_number(
                match.appointment_id, category.prefix, priority=category.priority, key=key
            )
            return ticket, engine.queries.people_ahead(ticket)

        return screen.runner.run(
            self, "take", work, lambda got: self._taken(*got, category), self._not_taken
        )

    def _taken(self, ticket: Ticket, ahead: int, category: Category) -> None:
        """Shown, printed and said as any number; the page says it is the appointment's."""
        self.screen.number_taken(ticket, ahead, category)
        label = self.screen.issued.category
        main, sub = self.words.both(text.APPOINTMENT_NOTED)
        label.setText(label.text() + f"\n{main}" + (f"  {sub}" if sub else ""))

    def _not_taken(self, exc: KioskError) -> None:
        self.screen.issuing = False
        self.screen.idle.start()  # the resident may read the answer, then the kiosk resets
        self.confirm.set_enabled(True)
        self.confirm.show_message("")
        if isinstance(exc, CapReached | DayNotOpen | Unreachable):
            self.screen.number_refused(exc)  # the closed page, as for any number
        elif isinstance(exc, InvalidTransition):  # another kiosk took it a moment ago
            log.info("kiosk: appointment already used: %s", exc)
            self._notice(text.ALREADY_TAKEN, *self.words.both(text.ALREADY_HELP))
        else:
            log.error("kiosk: no number for the appointment: %s", exc)
            self.confirm.show_message(self._joined(text.ISSUE_FAILED))

    # --- sizing ----------------------------------------------------------------------------------

    def scale(self, unit: int, touch: int, landscape: bool, height: int, width: int) -> None:
        """``width``: what the pages' text may use; ``height``: the page's."""
        for page in self.pages:
            set_limits(page, width)
        set_limits(self.screen.start.appointment, width - 32)
        self.screen.start.appointment.scale(unit * 1.2, touch, unit * 12)
        columns = 2 if landscape else 1
        for button in self.choose.names:
            set_limits(button, (width - 24 * (columns - 1)) // columns - 32)
        choices = max(1, len(self.confirm.choices)) if landscape else 1
        for button in self.confirm.choices:
            set_limits(button, (width - 24 * (choices - 1)) // choices - 32)
        if landscape:  # the words beside the keypad: three fifths of the width
            words = (width - 48) * 3 // 5
            set_limits(self.lookup, words)
            set_limits(self.lookup.back, (words - 24) // 3 - 32)
            set_limits(self.lookup.find_button, (words - 24) * 2 // 3 - 32)
        else:
            set_limits(self.lookup.back, (width - 24) // 3 - 32)
            set_limits(self.lookup.find_button, (width - 24) * 2 // 3 - 32)
        self.lookup.scale(unit, touch, landscape, height)
        self.choose.scale(unit, touch, landscape)
        self.confirm.scale(unit, touch, landscape)
        self.notice.scale(unit, touch)

    def shutdown(self) -> None:
        self.scanner.uninstall()
