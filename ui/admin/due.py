"""Next doses (下一剂接种名单, issue 17) on the admin screen: the residents due for their next dose
in a window (from the dose rules and this site's records), by village, for the village staff to
notify; shown in a table and saved as CSV (the columns of ``kiosk appointments due``) or as the
PDF :mod:`printing.appointment_due` draws. Read and written off the UI thread; every export is
logged as the command logs it (who, the window, how many rows; never a resident's details)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.appointments.model import DUE_COLUMNS, DueRow
from kiosk.errors import KioskError
from printing.appointment_due import render_due
from ui.admin.data import AdminRead
from ui.admin.reports import AskPath, ask_path
from ui.widgets.console import ConsoleContext, button

WINDOW_DAYS = 14  # the window first shown: the next two weeks
ALL = None  # the village combo's data for every village


def due_csv(rows: Sequence[DueRow]) -> bytes:
    """The due list as ``kiosk appointments due --format csv`` writes it (UTF-8 with a BOM)."""
    out = io.StringIO(newline="")
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=DUE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(r.as_csv() for r in rows)
    return out.getvalue().encode("utf-8")


def write_private(path: Path, data: bytes) -> None:
    """``data`` to ``path``, readable by its owner only: the list holds names and documents."""
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


class DuePanel(QWidget):
    def title(self) -> str:
        return self.tr("Next doses")

    def __init__(self, console: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("duePanel")
        self.ask_path: AskPath = ask_path  # a seam: tests answer without a dialog
        self.rows: list[DueRow] | None = None  # every village's, for the window last read
        self.span: tuple[date, date] | None = None
        self._dates_set = False
        box = QGroupBox(self.tr("Residents due for their next dose"))
        self.first = self._date_edit("dueFrom")
        self.last = self._date_edit("dueTo")
        self.village = QComboBox()
        self.village.setObjectName("dueVillage")
        self.village.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.village.addItem(self.tr("All villages"), ALL)
        self.village.currentIndexChanged.connect(lambda _i: self._fill())
        self.show_button = button(self.tr("Show"), None, "dueShow")
        self.show_button.clicked.connect(self.load)
        self.save_csv = button(self.tr("Save CSV…"), None, "dueCsv")
        self.save_pdf = button(self.tr("Save PDF…"), None, "duePdf")
        self.save_csv.clicked.connect(lambda: self.save("csv"))
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        filters = QHBoxLayout()
        for text, widget in ((self.tr("From"), self.first), (self.tr("to"), self.last),
                             (self.tr("Village"), self.village)):  # fmt: skip
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.show_button)
        filters.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("dueCount")
        self.count.setWordWrap(True)
        saves = QHBoxLayout()
        saves.addWidget(self.count, 1)
        saves.addWidget(self.save_csv)
        saves.addWidget(self.save_pdf)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("dueTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Village"), self.tr("Name"), self.tr("Phone"), self.tr("Document number"),
             self.tr("Vaccine"), self.tr("Dose"), self.tr("Due from"), self.tr("Due until")]
        )  # fmt: skip
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(box)
        layout.addLayout(filters)
        layout.addLayout(saves)
        layout.addWidget(self.table, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(box)
        self._enable_saves()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def chosen(self) -> tuple[date, date]:
        first: date = self.first.date().toPython()  # type: ignore[assignment]
        last: date = self.last.date().toPython()  # type: ignore[assignment]
        return first, last

    def draw(self, read: AdminRead) -> None:
        if not self._dates_set:
            self._dates_set = True
            end = read.day + timedelta(days=WINDOW_DAYS)
            self.first.setDate(QDate(read.day.year, read.day.month, read.day.day))
            self.last.setDate(QDate(end.year, end.month, end.day))
        elif self.rows is not None and self.isVisible():
            self.load()  # the record changed: the list shown follows it

    # --- reading --------------------------------------------------------------------------------------

    def load(self) -> None:
        c = self.console
        first, last = self.chosen()
        engine = c.engine

        def done(rows: list[DueRow]) -> None:
            self.rows, self.span = rows, (first, last)
            self._villages(rows)
            self._fill()

        c.runner.read(self, "due", lambda: engine.appointments.due(first, last), done,
                      lambda exc: c.say(c.messages.error(exc), "error"))  # fmt: skip

    def _villages(self, rows: Sequence[DueRow]) -> None:
        chosen = self.village.currentData()
        names = sorted({r.village for r in rows})
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("All villages"), ALL)
        for name in names:
            self.village.addItem(name or self.tr("No village on file"), name)
        index = self.village.findData(chosen) if chosen is not ALL else 0
        self.village.setCurrentIndex(max(0, index))
        self.village.blockSignals(False)

    def shown(self) -> list[DueRow]:
        """The rows in the table: the window's, of the chosen village."""
        village = self.village.currentData()
        rows = self.rows or []
        return rows if village is ALL else [r for r in rows if r.village == village]

    def _fill(self) -> None:
        rows = self.shown()
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.village or self.tr("No village on file"), r.name, r.phone,
                     r.document_number, r.product, str(r.next_dose_number), r.due_from.isoformat(),
                     r.due_until.isoformat() if r.due_until else "—")  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
        if self.span is not None:
            first, last = self.span
            self.count.setText(
                self.tr("%1 residents due from %2 to %3.")
                .replace("%1", str(len(rows)))
                .replace("%2", first.isoformat())
                .replace("%3", last.isoformat())
            )
        self._enable_saves()

    def _enable_saves(self) -> None:
        for b in (self.save_csv, self.save_pdf):
            b.setEnabled(self.rows is not None)

    # --- saving ---------------------------------------------------------------------------------------

    def save(self, fmt: str) -> None:
        c = self.console
        if self.rows is None or self.span is None:
            return
        first, last = self.span
        rows, village = self.shown(), self.village.currentData()
        place = f"-{village}" if village else ""
        suggested = f"due-{first.isoformat()}-{last.isoformat()}{place}.{fmt}"
        filters = self.tr("PDF (*.pdf)") if fmt == "pdf" else self.tr("CSV (*.csv)")
        chosen = self.ask_path(self, suggested, filters)
        if not chosen:
            return
        target, engine, actor = Path(chosen), c.engine, c.actor()
        site = c.config.site.name

        def work() -> Path:
            data = render_due(rows, site, first, last) if fmt == "pdf" else due_csv(rows)
            try:
                write_private(target, data)
            except OSError as exc:
                raise KioskError(
                    f"cannot write {target}: {exc.strerror or exc}", code="write_failed"
                ) from exc
            engine.record.log_access("due_list_exported", actor, first=first.isoformat(),
                                     last=last.isoformat(), rows=len(rows),
                                     format=fmt)  # fmt: skip
            return target

        def saved(path: Path) -> None:
            c.say(
                self.tr("%1 residents due saved: %2")
                .replace("%1", str(len(rows)))
                .replace("%2", path.name)
            )

        if not c.runner.run(self, "save", work, saved,
                            lambda exc: c.say(c.messages.error(exc), "error")):  # fmt: skip
            c.say(self.tr("The list is still being saved: one moment."), "warn")
