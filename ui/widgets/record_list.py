"""A person's vaccination record as a list, read-only: doses here and from paper records (those
shaded), deferrals since the last dose, adverse events (in red). The registration desk shows it
with the dose it proposes; the observation desk shows it for the person selected."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from kiosk.model import Dose, PersonRecord
from ui.i18n import fill
from ui.widgets import theme
from ui.widgets.messages import DeskMessages

EXTERNAL_BACKGROUND = theme.WARN_BACK
ADVERSE_FOREGROUND = theme.ERROR


class RecordList(QListWidget):
    def __init__(
        self,
        messages: DeskMessages,
        local: Callable[[datetime], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordList")
        self.setWordWrap(True)
        self.messages = messages
        self.local = local

    def show_record(self, record: PersonRecord | None) -> None:
        self.clear()
        if record is None:
            return
        m = self.messages
        for dose in record.doses:
            item = QListWidgetItem(self.dose_line(dose))
            if dose.kind == "external":
                item.setBackground(QBrush(QColor(EXTERNAL_BACKGROUND)))
            self.addItem(item)
        for deferral in record.deferrals:
            self.addItem(
                fill(
                    self.tr("%1 · deferred (%2): %3"),
                    deferral.day.isoformat(),
                    deferral.label,
                    deferral.reason,
                )
            )
        for event in record.adverse_events:
            item = QListWidgetItem(
                fill(
                    self.tr("%1 · adverse event (%2): %3"),
                    f"{self.local(event.onset_at):%Y-%m-%d}",
                    m.severity(event.severity),
                    event.symptoms,
                )
            )
            item.setForeground(QBrush(QColor(ADVERSE_FOREGROUND)))
            self.addItem(item)

    def dose_line(self, dose: Dose) -> str:
        m = self.messages
        head = f"{dose.given_on.isoformat()} · {m.dose(dose.dose_number, dose.kind)}"
        parts = [dose.product]
        if dose.lot:
            parts.append(fill(self.tr("lot %1"), dose.lot))
        if dose.trace_code:
            box = fill(self.tr("box %1"), dose.trace_code)
            if dose.trace_listed is False:
                box += " " + self.tr("(not on the lot's list)")
            parts.append(box)
        if dose.kind == "external":  # who entered it is in the event log
            parts.append(dose.place or self.tr("given elsewhere"))
        else:
            parts.append(m.who(dose.nurse, dose.station) if dose.nurse else dose.station)
        if dose.override_reason:
            parts.append(fill(self.tr("override: %1"), dose.override_reason))
        if dose.corrected:
            parts.append(self.tr("(corrected)"))
        return head + "\n" + " · ".join(parts)

    def texts(self) -> list[str]:
        """What the nurse reads, line by line (tests and tools)."""
        return [self.item(i).text() for i in range(self.count())]
