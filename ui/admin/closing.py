"""Closing the day with its reconciliation (and why it does not balance), and reopening a day.

The reconciliation is read when the manager opens this tab, after each change while it shows,
and before a close; a close that does not balance is refused by the engine and the panel lists
what stands in the way, in the manager's language, from the figures themselves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.engine.closing import FRIDGE_RANGE, Reconciliation
from kiosk.errors import KioskError
from kiosk.model import Actor
from ui.admin.data import AdminRead, read_reconciliation
from ui.admin.stock import fridge_box, fridge_value
from ui.widgets import theme
from ui.widgets.console import ConsoleContext, button

SHOWN_LABELS = 8


def shortened(labels: tuple[str, ...]) -> str:
    """Ticket labels, the first few and how many more: a late afternoon may list dozens."""
    shown = ", ".join(labels[:SHOWN_LABELS])
    return shown if len(labels) <= SHOWN_LABELS else f"{shown} … (+{len(labels) - SHOWN_LABELS})"


class ClosingPanel(QWidget):
    def __init__(self, console: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("closingPanel")
        self.day: date | None = None
        self.reconciliation: Reconciliation | None = None
        box = QGroupBox(self.tr("Close the day"))
        self.figures = QLabel()
        self.figures.setObjectName("reconciliation")
        self.figures.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setObjectName("closeProblems")
        self.problems.setWordWrap(True)
        theme.set_level(self.problems, "alert")
        self.fridge = fridge_box("closeFridge")
        self.acknowledge = QCheckBox(
            self.tr("Release whoever is still in observation and close open adverse events")
        )
        self.acknowledge.setObjectName("acknowledge")
        self.close_button = button(self.tr("Close the day"), None, "closeDay")
        self.close_button.clicked.connect(self.close_day)
        form = QFormLayout()
        form.addRow(self.tr("Fridge at closing"), self.fridge)
        layout = QVBoxLayout(box)
        layout.addWidget(self.figures)
        layout.addWidget(self.problems)
        layout.addLayout(form)
        layout.addWidget(self.acknowledge)
        layout.addWidget(self.close_button)
        reopen = QGroupBox(self.tr("Reopen a closed day"))
        self.reopen_day = QDateEdit()
        self.reopen_day.setObjectName("reopenDay")
        self.reopen_day.setCalendarPopup(True)
        self.reopen_day.setDisplayFormat("yyyy-MM-dd")
        self.reopen_reason = QLineEdit()
        self.reopen_reason.setObjectName("reopenReason")
        self.reopen_reason.setMaxLength(200)
        self.reopen_reason.setPlaceholderText(self.tr("Why (a late entry, a wrong close…)"))
        self.reopen_button = button(self.tr("Reopen"), None, "reopenDay")
        self.reopen_button.clicked.connect(self.reopen)
        row = QHBoxLayout(reopen)
        row.addWidget(self.reopen_day)
        row.addWidget(self.reopen_reason, 1)
        row.addWidget(self.reopen_button)
        outer = QVBoxLayout(self)
        outer.addWidget(box)
        outer.addWidget(reopen)
        outer.addStretch(1)

    # --- reading and drawing -----------------------------------------------------------------------

    def draw(self, read: AdminRead) -> None:
        if self.day != read.day:
            self.reopen_day.setDate(QDate(read.day.year, read.day.month, read.day.day))
        self.day = read.day
        self.close_button.setEnabled(read.is_open)
        if self.isVisible():
            self.reread()

    def reread(self, then: Callable[[Reconciliation | None], object] | None = None) -> None:
        day = self.day
        if day is None:
            return

        def done(got: Reconciliation | None) -> None:
            self.show_reconciliation(got)
            if then is not None:
                then(got)

        engine = self.console.engine
        self.console.runner.read(self, "reconciliation", lambda: read_reconciliation(engine, day),
                                 done, lambda exc: self.console.say(
                                     self.console.messages.error(exc), "error"))  # fmt: skip

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)  # type: ignore[arg-type]
        self.reread()

    def show_reconciliation(self, r: Reconciliation | None) -> None:
        self.reconciliation = r
        if r is None:
            self.figures.setText(self.tr("The day has not been opened."))
            self.problems.clear()
            return
        wasted = ", ".join(
            f"{self.reason_text(code)} {n}" for code, n in sorted(r.wasted_by_reason.items())
        )
        lines = [
            self.tr("Doses in: %1").replace("%1", str(r.doses_in)),
            self.tr("Given: %1").replace("%1", str(r.given)),
            self.tr("Wasted: %1").replace("%1", str(r.wasted)) + (f" ({wasted})" if wasted else ""),
            self.tr("Back to the inventory (unopened): %1").replace("%1", str(r.returned)),
            self.tr("Left in opened vials: %1").replace("%1", str(r.left_in_open_vials)),
            self.tr("Still waiting (become unserved): %1").replace("%1", str(r.waiting)),
        ]
        if r.fridge_open_c is not None:
            lines.append(self.tr("Fridge at opening: %1 °C").replace("%1", f"{r.fridge_open_c:g}"))
        self.figures.setText("\n".join(lines))
        self.problems.setText("\n".join(self.why_not(r)))

    def reason_text(self, code: str) -> str:
        """A waste reason's code in the site's language (the config's list; else the code)."""
        english = self.console.config.site.language == "en"
        for reason in self.console.config.waste_reasons:
            if reason.code == code:
                return reason.text_en if english and reason.text_en else reason.text
        return code

    def why_not(self, r: Reconciliation) -> list[str]:
        """What stands in the way of closing, in words (empty: it balances)."""
        out = []
        if r.left_in_open_vials:
            out.append(
                self.tr("%1 doses are left in opened vials: give them or record them as waste.")
                .replace("%1", str(r.left_in_open_vials))
            )  # fmt: skip
        accounted = r.given + r.wasted + r.returned + r.left_in_open_vials
        if r.doses_in != accounted:
            out.append(
                self.tr("The doses do not add up: %1 in, %2 accounted for.")
                .replace("%1", str(r.doses_in))
                .replace("%2", str(accounted))
            )
        if r.observing:
            out.append(self.tr("Still in observation: %1").replace("%1", shortened(r.observing)))
        if r.open_adverse_events:
            out.append(
                self.tr("Open adverse events: %1").replace("%1", shortened(r.open_adverse_events))
            )
        return out

    # --- acting --------------------------------------------------------------------------------------

    def close_day(self) -> None:
        c, day = self.console, self.day
        if day is None:
            return
        fridge, acknowledge = fridge_value(self.fridge), self.acknowledge.isChecked()
        low, high = FRIDGE_RANGE
        if fridge is not None and not low <= fridge <= high:
            c.say(
                self.tr("The fridge is outside %1–%2 °C: it is recorded and flagged.")
                .replace("%1", f"{low:g}")
                .replace("%2", f"{high:g}"),
                "warn",
            )

        def refused(exc: KioskError) -> None:
            def explain(r: Reconciliation | None) -> None:
                reasons = self.why_not(r) if r is not None else []
                if exc.code == "day_unbalanced" and reasons:
                    c.say(self.tr("Not closed: ") + " ".join(reasons), "error")
                else:
                    c.say(c.messages.error(exc), "error")

            self.reread(explain)

        def closed(_s: object) -> None:
            self.acknowledge.setChecked(False)
            c.say(self.tr("The day %1 is closed.").replace("%1", day.isoformat()))
            self.reread()

        def close(a: Actor) -> object:
            status = c.engine.day.close(actor=a, day=day, acknowledge=acknowledge, fridge_c=fridge)
            # Village lists kept no longer than they serve, as `kiosk day close` does.
            c.engine.appointments.purge(c.config.appointments.keep_days, actor=a)
            return status

        c.act(close, closed, refused)

    def reopen(self) -> None:
        c = self.console
        why = self.reopen_reason.text().strip()
        if not why:
            c.say(self.tr("Say why the day is reopened."), "warn")
            self.reopen_reason.setFocus()
            return
        day: date = self.reopen_day.date().toPython()  # type: ignore[assignment]

        def reopened(_none: None) -> None:
            self.reopen_reason.clear()
            c.say(self.tr("The day %1 is open again.").replace("%1", day.isoformat()))

        c.act(lambda a: c.engine.closing.reopen(why, actor=a, day=day), reopened)
