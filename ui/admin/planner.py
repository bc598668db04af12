"""The staffing planner on the admin screen: the fewest registration desks, vaccination stations
and observation seats that keep the p90 wait under a target for a day of N residents
(:func:`kiosk.planner.plan`, run off the UI thread with a progress bar)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.planner import Plan, plan
from ui.admin.progress import ProgressRelay
from ui.widgets import theme
from ui.widgets.console import ConsoleContext, button


class PlannerPanel(QWidget):
    def title(self) -> str:
        return self.tr("Planner")

    def __init__(self, console: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("plannerPanel")
        self.plan: Plan | None = None
        box = QGroupBox(self.tr("Staffing planner"))
        self.residents = QSpinBox()
        self.residents.setObjectName("planResidents")
        self.residents.setRange(1, 20_000)
        self.residents.setValue(console.config.day.capacity)
        self.target = QSpinBox()
        self.target.setObjectName("planTarget")
        self.target.setRange(1, 600)
        self.target.setValue(30)
        self.target.setSuffix(self.tr(" min"))
        self.button = button(self.tr("Plan"), None, "plan")
        self.button.clicked.connect(self.run)
        self.bar = QProgressBar()
        self.bar.setObjectName("planProgress")
        self.progress = ProgressRelay(self.bar)
        self.answer: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(self.tr("Residents"), self.residents)
        form.addRow(self.tr("Target wait (p90, number to first call)"), self.target)
        answers = QFormLayout()
        for key, text in (
            ("registration_desks", self.tr("Registration desks")),
            ("stations", self.tr("Vaccination stations")),
            ("observation_seats", self.tr("Observation seats")),
            ("p90_wait_minutes", self.tr("p90 wait (min)")),
            ("day_ends", self.tr("The day ends")),
        ):
            value = QLabel("—")
            value.setObjectName(f"plan_{key}")
            theme.set_level(value, "strong")
            answers.addRow(text, value)
            self.answer[key] = value
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.button)
        layout.addWidget(self.bar)
        layout.addLayout(answers)
        outer = QVBoxLayout(self)
        outer.addWidget(box)
        outer.addStretch(1)

    def run(self) -> None:
        c = self.console
        residents, target = self.residents.value(), float(self.target.value())
        defaults, progress = c.config.day, self.progress
        self.progress.reset()
        self.button.setEnabled(False)

        def failed(exc: KioskError) -> None:
            self.button.setEnabled(True)
            c.say(c.messages.error(exc), "error")

        c.runner.run(
            self,
            "plan",
            lambda: plan(residents, target, defaults=defaults, progress=progress.relay),
            self.show_plan,
            failed,
        )

    def show_plan(self, got: Plan) -> None:
        self.button.setEnabled(True)
        self.plan = got
        self.bar.setValue(100)
        for key, value in got.as_json().items():
            self.answer[key].setText(str(value))
        self.console.say(
            self.tr("Plan for %1 residents: %2 desks, %3 stations, %4 observation seats.")
            .replace("%1", str(got.residents))
            .replace("%2", str(got.registration_desks))
            .replace("%3", str(got.stations))
            .replace("%4", str(got.observation_seats))
        )
