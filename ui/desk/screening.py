"""The registration desk's screening questionnaire (the config's questions, each answered yes or
no) and the advice it gives: a deferral suggested, a longer observation for an allergy."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QGroupBox, QLabel, QRadioButton, QWidget

from kiosk.config import Config
from ui.i18n import fill
from ui.widgets import theme


class Screening(QGroupBox):
    """Every question with its Yes and No; ``changed`` when one is answered. The advice label is
    the panel's to place (under the questions)."""

    changed = Signal()

    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Screening (answer every question)"))
        self.config = config
        self.answers: dict[str, QButtonGroup] = {}
        grid = QGridLayout(self)
        for row, q in enumerate(config.screening):
            label = QLabel(self._text(q.text, q.text_en))
            label.setWordWrap(True)
            yes, no = QRadioButton(self.tr("Yes")), QRadioButton(self.tr("No"))
            yes.setObjectName(f"yes_{q.key}")
            no.setObjectName(f"no_{q.key}")
            group = QButtonGroup(self)
            group.addButton(yes, 1)
            group.addButton(no, 0)
            group.idClicked.connect(lambda _id: self.changed.emit())
            self.answers[q.key] = group
            grid.addWidget(label, row, 0)
            grid.addWidget(yes, row, 1)
            grid.addWidget(no, row, 2)
        grid.setColumnStretch(0, 1)
        self.advice = QLabel()
        self.advice.setObjectName("screeningAdvice")
        self.advice.setWordWrap(True)

    def _text(self, text: str, text_en: str | None) -> str:
        return text_en if self.config.site.language == "en" and text_en else text

    def buttons(self) -> list[QWidget]:
        return [b for g in self.answers.values() for b in g.buttons()]

    def clear(self) -> None:
        for group in self.answers.values():
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)

    def result(self) -> dict[str, bool] | None:
        """Every answer (yes = True), or None while any question is unanswered."""
        out = {}
        for key, group in self.answers.items():
            if group.checkedId() < 0:
                return None
            out[key] = group.checkedId() == 1
        return out

    def defers(self, answers: dict[str, bool]) -> list[str]:
        """The questions answered yes that suggest a deferral, as the nurse reads them."""
        return [
            self._text(q.text, q.text_en)
            for q in self.config.screening
            if q.defers and answers.get(q.key)
        ]

    def allergy(self, answers: dict[str, bool]) -> bool:
        return any(q.allergy and answers.get(q.key) for q in self.config.screening)

    def advise(self, answers: dict[str, bool] | None, allergy_minutes: int) -> None:
        """Say what the answers suggest (``allergy_minutes``: the observation with an allergy)."""
        if answers is None:
            self.advice.setText(self.tr("Answer every screening question."))
            theme.set_level(self.advice, "")
            return
        defers = self.defers(answers)
        notes = []
        if defers:
            notes.append(fill(self.tr("Deferral suggested: %1"), " ".join(defers)))
        if self.allergy(answers):
            notes.append(fill(self.tr("Allergy history: observation %1 min."), allergy_minutes))
        self.advice.setText("\n".join(notes) or self.tr("Screening passed."))
        theme.set_level(self.advice, "error" if defers else "ok")
