"""Reports and the staffing planner on the admin screen: built off the UI thread with a progress
bar, the day report saved as PDF and CSV, the cumulative one opened to print, and a plan shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from kiosk.config import Config
from kiosk.engine import Engine
from kiosk.reports import HEADER
from tests.ui.admin.conftest import MakeAdmin
from tests.ui.admin.scenario import afternoon
from tests.ui.desk.helpers import settle
from ui.admin.planner import PlannerPanel
from ui.admin.reports import ReportsPanel


def panel_of(screen: Any, kind: type) -> Any:
    return next(p for p in screen.panels if isinstance(p, kind))


def test_the_day_report_is_saved_as_pdf_and_csv(
    qtbot: Any, engine: Engine, clock: Any, config: Config, make_admin: MakeAdmin, tmp_path: Path
) -> None:
    afternoon(engine, clock, config, residents=40)
    screen = make_admin()
    reports: ReportsPanel = panel_of(screen, ReportsPanel)
    screen.tabs.setCurrentWidget(reports)
    asked: list[str] = []

    def answer(_parent: Any, suggested: str, _filters: str) -> str:
        asked.append(suggested)
        return str(tmp_path / suggested)

    reports.ask_path = answer
    qtbot.mouseClick(reports.save_pdf, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    qtbot.waitUntil(lambda: reports.bar.value() == 100)
    pdf = tmp_path / f"report-day-{engine.today().isoformat()}.pdf"
    assert asked == [pdf.name]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "saved" in screen.status.text()
    qtbot.mouseClick(reports.save_csv, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    csv = pdf.with_suffix(".csv").read_text("utf-8-sig").splitlines()
    assert csv[0] == ",".join(HEADER)
    assert any(",vaccinated," in line or line.split(",")[1] == "vaccinated" for line in csv[1:])


def test_the_cumulative_report_opens_to_print_and_a_cancelled_save_writes_nothing(
    qtbot: Any, engine: Engine, clock: Any, config: Config, make_admin: MakeAdmin, tmp_path: Path
) -> None:
    afternoon(engine, clock, config, residents=20)
    screen = make_admin()
    reports: ReportsPanel = panel_of(screen, ReportsPanel)
    reports.ask_path = lambda *_a: None
    qtbot.mouseClick(reports.save_pdf, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert reports.last is None
    opened: list[Path] = []
    reports.open_file = lambda path: opened.append(path) or True
    reports.kind.setCurrentIndex(reports.kind.findData("cumulative"))
    qtbot.mouseClick(reports.print_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert len(opened) == 1 and opened[0].name.startswith("report-cumulative-")
    assert opened[0].read_bytes().startswith(b"%PDF")
    assert "print" in screen.status.text()


def test_a_day_never_opened_is_refused_in_words(
    qtbot: Any, make_admin: MakeAdmin, tmp_path: Path
) -> None:
    screen = make_admin()
    reports: ReportsPanel = panel_of(screen, ReportsPanel)
    reports.ask_path = lambda _p, name, _f: str(tmp_path / name)
    qtbot.mouseClick(reports.save_pdf, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.status.property("level") == "error"
    assert list(tmp_path.glob("report-*")) == []
    assert reports.save_pdf.isEnabled()


def test_the_planner_shows_its_answer(qtbot: Any, make_admin: MakeAdmin) -> None:
    screen = make_admin()
    planner: PlannerPanel = panel_of(screen, PlannerPanel)
    planner.residents.setValue(60)
    planner.target.setValue(30)
    qtbot.mouseClick(planner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: planner.plan is not None, timeout=60_000)  # seconds on a busy PC
    settle(qtbot, screen)
    assert planner.plan is not None
    assert planner.answer["registration_desks"].text() == str(planner.plan.registration_desks)
    assert planner.answer["day_ends"].text() == f"{planner.plan.day_ends:%H:%M}"
    assert planner.plan.p90_wait_minutes <= 30
    assert planner.bar.value() == 100
    assert planner.button.isEnabled()
