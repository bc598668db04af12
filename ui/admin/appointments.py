"""Importing a village list (预约登记名单, issue 17) on the admin screen: a CSV or XLSX file chosen
with a file dialog is first checked in a dry run, which shows how many appointments it would add,
update and leave unchanged, and every bad row (row as the spreadsheet shows it, column by its
header, reason) in a table. "Import" is offered only for a clean file, and writes it as the dry run
said; a large file moves the progress bar (the import's progress callback, through
:mod:`ui.admin.progress`). Both run off the UI thread through the runner, as a manager."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.appointments.model import ImportReport, Progress
from kiosk.errors import KioskError
from ui.admin.import_reasons import reason_text
from ui.admin.progress import ProgressRelay
from ui.widgets.console import ConsoleContext, button

AskOpen = Callable[[QWidget, str], str | None]
"""(parent, filter) -> the chosen file, or None (cancelled)."""


def ask_open(parent: QWidget, filters: str) -> str | None:
    path, _chosen = QFileDialog.getOpenFileName(parent, "", "", filters)
    return path or None


class ImportPanel(QWidget):
    def title(self) -> str:
        return self.tr("Village lists")

    def __init__(self, console: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.setObjectName("importPanel")
        self.ask_open: AskOpen = ask_open  # a seam: tests answer without a dialog
        self.path: Path | None = None
        self.checked: ImportReport | None = None  # the dry run of ``path``
        self.imported: ImportReport | None = None
        box = QGroupBox(self.tr("Import a village list"))
        self.choose = button(self.tr("Choose a file…"), None, "importChoose")
        self.choose.clicked.connect(self.choose_file)
        self.file = QLabel(self.tr("CSV or Excel (.xlsx), with a header row."))
        self.file.setObjectName("importFile")
        self.file.setWordWrap(True)
        self.import_button = button(self.tr("Import"), None, "importRun")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.file, 1)
        top.addWidget(self.import_button)
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.progress = ProgressRelay(self.bar)
        counts = QGridLayout()
        self.counts: dict[str, QLabel] = {}
        for col, (key, text) in enumerate(
            (
                ("added", self.tr("New")),
                ("updated", self.tr("Updated")),
                ("unchanged", self.tr("Unchanged")),
                ("errors", self.tr("Bad rows")),
            )
        ):
            value = QLabel("—")
            value.setObjectName(f"import_{key}")
            counts.addWidget(QLabel(text), 0, 2 * col)
            counts.addWidget(value, 0, 2 * col + 1)
            self.counts[key] = value
        self.verdict = QLabel()
        self.verdict.setObjectName("importVerdict")
        self.verdict.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("importProblems")
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Reason")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addLayout(counts)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(box)

    # --- the steps -----------------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = self.ask_open(self, self.tr("Village lists (*.csv *.xlsx);;All files (*)"))
        if not chosen:
            return
        self.path = Path(chosen)
        self.checked = self.imported = None
        self.file.setText(self.path.name)
        self.file.setToolTip(str(self.path))
        self._start(dry_run=True)

    def run_import(self) -> None:
        if self.path is None or self.checked is None or self.checked.refused:
            return
        self._start(dry_run=False)

    def _start(self, *, dry_run: bool) -> None:
        c, path = self.console, self.path
        assert path is not None
        engine, relay = c.engine, self._relay()
        self.progress.reset()
        self._busy(True)

        def done(report: ImportReport) -> None:
            self._busy(False)
            self.show_report(report)

        def failed(exc: KioskError) -> None:
            self._busy(False)
            self.bar.setValue(0)
            c.say(c.messages.error(exc), "error")

        if dry_run:
            actor = c.actor()
            started = c.runner.run(
                self,
                "import",
                lambda: engine.appointments.import_file(
                    path, actor=actor, dry_run=True, progress=relay
                ),
                done,
                failed,
            )
            if not started:
                c.say(self.tr("A list is still being read: one moment."), "warn")
        else:
            started = c.act(
                lambda a: engine.appointments.import_file(path, actor=a, progress=relay),
                done,
                failed,
            )
        if not started:
            self._busy(False)

    def _relay(self) -> Callable[[Progress], None]:
        """Checking moves the bar to half way, writing (or, dry, planning) the rest."""
        check, write = self.progress.part(0, 50), self.progress.part(50, 100)

        def moved(p: Progress) -> None:
            total = p.total if p.total is not None else p.done * 2  # not known yet: under half
            (check if p.phase == "checking" else write)(p.done, max(1, total))

        return moved

    def _busy(self, busy: bool) -> None:
        self.choose.setEnabled(not busy)
        clean = self.checked is not None and not self.checked.refused and self.imported is None
        self.import_button.setEnabled(not busy and clean)

    # --- the report ----------------------------------------------------------------------------------

    def show_report(self, report: ImportReport) -> None:
        c = self.console
        self.bar.setValue(100)
        if report.dry_run:
            self.checked = report
        else:
            self.imported = report
        for key, value in (("added", report.added), ("updated", report.updated),
                           ("unchanged", report.unchanged),
                           ("errors", len({p.row for p in report.problems}))):  # fmt: skip
            self.counts[key].setText(str(value))
        self.table.setRowCount(len(report.problems))
        for row, p in enumerate(report.problems):
            cells = (str(p.row) if p.row else "—", p.column or "—", reason_text(p))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        name = self.path.name if self.path is not None else ""
        if report.refused:
            text = self.tr("%1 was not imported: correct the rows below and choose it again.")
            level = "error"
        elif report.dry_run:
            text = self.tr("%1 is clean: %2 rows. Import it to add and update the appointments.")
            level = "info"
        else:
            text = self.tr("%1 imported: %2 rows.")
            level = "info"
        text = text.replace("%1", name).replace("%2", str(report.rows))
        self.verdict.setText(text)
        c.say(text, level)
        self._busy(False)
