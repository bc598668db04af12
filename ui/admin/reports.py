"""Reports on the admin screen: the day report and the cumulative one (all days so far), saved as
PDF or CSV, or opened in the system's PDF viewer to print, with a progress bar. Built by
:mod:`kiosk.reports` and drawn by :mod:`printing.report_pdf`, off the UI thread."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk import reports
from kiosk.errors import KioskError
from printing.report_pdf import render_report
from ui.admin.data import AdminRead
from ui.admin.progress import ProgressRelay
from ui.widgets.console import ConsoleContext, button

AskPath = Callable[[QWidget, str, str], str | None]
"""(parent, suggested file name, filter) -> the chosen path, or None (cancelled)."""


def ask_path(parent: QWidget, suggested: str, filters: str) -> str | None:
    path, _chosen = QFileDialog.getSaveFileName(parent, "", suggested, filters)
    return path or None


def open_file(path: Path) -> bool:
    """Open ``path`` in the system's viewer (a PDF viewer prints it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportsPanel(QWidget):
    def title(self) -> str:
        return self.tr("Reports")

    def __init__(self, console: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("reportsPanel")
        self.ask_path: AskPath = ask_path  # seams: tests answer without a dialog
        self.open_file: Callable[[Path], bool] = open_file
        self.last: Path | None = None  # the last file written
        box = QGroupBox(self.tr("Reports"))
        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        self.kind.addItem(self.tr("Day report"), "day")
        self.kind.addItem(self.tr("Cumulative report (all days so far)"), "cumulative")
        self.day = QDateEdit()
        self.day.setObjectName("reportDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.save_pdf = button(self.tr("Save PDF…"), None, "savePdf")
        self.save_csv = button(self.tr("Save CSV…"), None, "saveCsv")
        self.print_button = button(self.tr("Print…"), None, "printReport")
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        self.save_csv.clicked.connect(lambda: self.save("csv"))
        self.print_button.clicked.connect(self.print_report)
        self.bar = QProgressBar()
        self.bar.setObjectName("reportProgress")
        self.progress = ProgressRelay(self.bar)
        self.result = QLabel()
        self.result.setObjectName("reportResult")
        self.result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Report"), self.kind)
        form.addRow(self.tr("Day (up to)"), self.day)
        buttons = QHBoxLayout()
        for b in (self.save_pdf, self.save_csv, self.print_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.bar)
        layout.addWidget(self.result)
        outer = QVBoxLayout(self)
        outer.addWidget(box)
        outer.addStretch(1)
        self._day_set = False

    def draw(self, read: AdminRead) -> None:
        if not self._day_set:
            self._day_set = True
            self.day.setDate(QDate(read.day.year, read.day.month, read.day.day))

    def chosen_day(self) -> date:
        got: date = self.day.date().toPython()  # type: ignore[assignment]
        return got

    def _build(self, fmt: str) -> Callable[[], bytes]:
        engine, config = self.console.engine, self.console.config
        kind, day, progress = self.kind.currentData(), self.chosen_day(), self.progress

        def work() -> bytes:
            built: reports.Report
            if kind == "cumulative":
                built = reports.build_cumulative_report(engine, day, progress.part(0, 50))
            else:
                built = reports.build_day_report(engine, day, progress.part(0, 50))
            if fmt == "csv":
                data = reports.to_csv(built).encode("utf-8")
                progress.relay(1, 1)
                return data
            return render_report(built, site_name=config.site.name, progress=progress.part(50, 100))

        return work

    def _file_name(self, fmt: str) -> str:
        kind = "cumulative" if self.kind.currentData() == "cumulative" else "day"
        return f"report-{kind}-{self.chosen_day().isoformat()}.{fmt}"

    def _run(self, fmt: str, target: Path, then: Callable[[Path], object]) -> None:
        c = self.console
        self.progress.reset()
        for b in (self.save_pdf, self.save_csv, self.print_button):
            b.setEnabled(False)

        def written(data: bytes) -> None:
            self._enable()
            try:
                target.write_bytes(data)
            except OSError as exc:
                c.say(self.tr("Cannot write %1: %2").replace("%1", str(target))
                      .replace("%2", exc.strerror or str(exc)), "error")  # fmt: skip
                return
            self.last = target
            self.result.setText(self.tr("Written: %1").replace("%1", str(target)))
            then(target)

        def refused(exc: KioskError) -> None:
            self._enable()
            self.bar.setValue(0)
            c.say(c.messages.error(exc), "error")

        if not c.runner.run(self, "report", self._build(fmt), written, refused):
            self._enable()
            c.say(self.tr("A report is still being made: one moment."), "warn")

    def _enable(self) -> None:
        for b in (self.save_pdf, self.save_csv, self.print_button):
            b.setEnabled(True)

    def save(self, fmt: str) -> None:
        filters = self.tr("PDF (*.pdf)") if fmt == "pdf" else self.tr("CSV (*.csv)")
        path = self.ask_path(self, self._file_name(fmt), filters)
        if not path:
            return
        self._run(
            fmt,
            Path(path),
            lambda p: self.console.say(self.tr("Report saved: %1").replace("%1", p.name)),
        )

    def print_report(self) -> None:
        folder = Path(tempfile.gettempdir()) / "kiosk-reports"
        folder.mkdir(parents=True, exist_ok=True)

        def opened(path: Path) -> None:
            if self.open_file(path):
                self.console.say(self.tr("The report is open in the PDF viewer: print it there."))
            else:
                self.console.say(
                    self.tr("No PDF viewer opened %1: print the saved file.").replace(
                        "%1", str(path)
                    ),
                    "warn",
                )

        self._run("pdf", folder / self._file_name("pdf"), opened)
