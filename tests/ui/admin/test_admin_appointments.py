"""The village lists on the admin screen (issue 17): appointment holders of later days who agreed to
be called offered for the standby list, a village list checked then imported, and the next-dose
list shown and saved."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt

from kiosk.appointments.model import DUE_COLUMNS
from kiosk.config import Config
from kiosk.engine import Engine
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.ui.admin.conftest import MakeAdmin, changed, open_with_rules
from tests.ui.admin.scenario import afternoon
from tests.ui.conftest import MANAGER
from tests.ui.desk.helpers import settle
from ui.admin.appointments import ImportPanel
from ui.admin.due import DuePanel
from ui.admin.offer import ADD


def panel_of(screen: Any, kind: type) -> Any:
    return next(p for p in screen.panels if isinstance(p, kind))


def click(qtbot: Any, screen: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    changed(qtbot, screen)


def tap_add(qtbot: Any, screen: Any, row: int) -> None:
    """One tap on a candidate's "add" cell."""
    table = screen.offer.table
    item = table.item(row, ADD)
    assert item is not None and item.text()
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(item).center()
    )
    settle(qtbot, screen)
    changed(qtbot, screen)


def test_an_appointment_holder_is_offered_added_to_standby_then_not_offered_again(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin, tmp_path: Path
) -> None:
    open_with_rules(engine, config)
    later = engine.today() + timedelta(days=3)
    rows = [resident(n, later) for n in (1, 2, 3)]  # odd n agreed to be called: 1 and 3
    rows.append(resident(5, engine.today()))  # today's own appointment: not a candidate
    engine.appointments.import_file(write_csv(tmp_path / "list.csv", ZH, rows), actor=MANAGER)
    screen = make_admin()
    offer = screen.offer
    assert offer.isVisibleTo(screen)
    candidates = engine.appointments.standby_candidates()
    assert [c.name for c in offer.shown] == [c.name for c in candidates] and len(candidates) == 2
    first = candidates[0]
    cells = [offer.table.item(0, col).text() for col in range(4)]
    assert cells == [first.name, first.phone, first.village, later.isoformat()]
    assert not offer.empty.isVisibleTo(screen)
    tap_add(qtbot, screen, offer.row_of(first.appointment_id))
    entries = engine.clearing.standby_list()
    assert [(e.name, e.note) for e in entries] == [
        (first.name, f"预约 {later.isoformat()} {first.village}")
    ]
    assert screen.standby.table.item(0, 0).text() == first.name
    # On today's list now: no longer offered; the other candidate still is.
    assert [c.appointment_id for c in offer.shown] == [candidates[1].appointment_id]
    assert offer.table.rowCount() == 1
    # A candidate entered by hand with the same name and phone is not offered either.
    engine.clearing.add_standby(candidates[1].name, candidates[1].phone, actor=MANAGER)
    changed(qtbot, screen)
    assert offer.shown == () and offer.empty.isVisibleTo(screen)


def test_a_bad_file_shows_its_rows_and_cannot_be_imported(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin, tmp_path: Path
) -> None:
    open_with_rules(engine, config)
    day = engine.today() + timedelta(days=2)
    bad_phone = resident(2, day)
    bad_phone[3] = "12345"
    bad_date = resident(3, day)
    bad_date[5] = "2026-02-30"
    path = write_csv(tmp_path / "bad.csv", ZH, [resident(1, day), bad_phone, bad_date])
    screen = make_admin()
    panel: ImportPanel = panel_of(screen, ImportPanel)
    screen.tabs.setCurrentWidget(panel)
    panel.ask_open = lambda _parent, _filters: str(path)
    click(qtbot, screen, panel.choose)
    assert panel.checked is not None and panel.checked.refused
    cells = [
        tuple(panel.table.item(r, c).text() for c in range(3))
        for r in range(panel.table.rowCount())
    ]
    assert [(row, column) for row, column, _ in cells] == [("3", "手机号"), ("4", "预约日期")]
    assert all(reason for _, _, reason in cells)
    assert panel.counts["errors"].text() == "2"
    assert not panel.import_button.isEnabled()
    assert screen.status.property("level") == "error"
    assert "bad.csv" in panel.verdict.text()
    assert engine.appointments.on_day(day) == []  # the dry run wrote nothing


def test_a_clean_file_is_checked_then_imported_with_its_counts(
    qtbot: Any, engine: Engine, config: Config, make_admin: MakeAdmin, tmp_path: Path
) -> None:
    open_with_rules(engine, config)
    day = engine.today() + timedelta(days=2)
    engine.appointments.import_file(
        write_csv(tmp_path / "old.csv", ZH, [resident(1, day), resident(2, day)]), actor=MANAGER
    )
    changed_row = resident(2, day)
    changed_row[3] = "13900000999"
    rows = [resident(1, day), changed_row, *(resident(n, day) for n in range(3, 8))]
    path = write_csv(tmp_path / "new.csv", ZH, rows, encoding="gb18030")
    screen = make_admin()
    panel: ImportPanel = panel_of(screen, ImportPanel)
    screen.tabs.setCurrentWidget(panel)
    panel.ask_open = lambda _parent, _filters: str(path)
    click(qtbot, screen, panel.choose)
    counts = {k: v.text() for k, v in panel.counts.items()}
    assert counts == {"added": "5", "updated": "1", "unchanged": "1", "errors": "0"}
    assert panel.table.rowCount() == 0
    assert panel.import_button.isEnabled()
    assert len(engine.appointments.on_day(day)) == 2  # a dry run so far
    click(qtbot, screen, panel.import_button)
    assert panel.imported is not None and not panel.imported.dry_run
    assert (panel.imported.added, panel.imported.updated, panel.imported.unchanged) == (5, 1, 1)
    assert len(engine.appointments.on_day(day)) == 7
    assert panel.bar.value() == 100
    assert not panel.import_button.isEnabled()  # imported once: choose a file again
    assert "new.csv" in screen.status.text()
    # The same file again changes nothing.
    click(qtbot, screen, panel.choose)
    assert panel.counts["unchanged"].text() == "7" and panel.counts["added"].text() == "0"


def test_the_due_list_is_shown_filtered_and_saved(
    qtbot: Any, engine: Engine, clock: Any, config: Config, make_admin: MakeAdmin, tmp_path: Path
) -> None:
    afternoon(engine, clock, config, residents=20)
    first, last = engine.today() + timedelta(days=1), engine.today() + timedelta(days=120)
    expected = engine.appointments.due(first, last)
    assert expected, "the afternoon's residents are due for a next dose"
    screen = make_admin()
    panel: DuePanel = panel_of(screen, DuePanel)
    screen.tabs.setCurrentWidget(panel)
    assert not panel.save_csv.isEnabled()  # nothing shown yet
    panel.first.setDate(QDate(first.year, first.month, first.day))
    panel.last.setDate(QDate(last.year, last.month, last.day))
    click(qtbot, screen, panel.show_button)
    assert panel.table.rowCount() == len(expected)
    assert [panel.table.item(r, 1).text() for r in range(len(expected))] == [
        r.name for r in expected
    ]
    assert str(len(expected)) in panel.count.text()
    panel.ask_path = lambda _parent, name, _filters: str(tmp_path / name)
    click(qtbot, screen, panel.save_csv)
    saved = tmp_path / f"due-{first.isoformat()}-{last.isoformat()}.csv"
    with saved.open(encoding="utf-8-sig", newline="") as f:
        got = list(csv.DictReader(f))
    assert tuple(got[0]) == DUE_COLUMNS
    assert got == [r.as_csv() for r in expected]
    assert saved.stat().st_mode & 0o077 == 0  # personal data: the owner's only
    click(qtbot, screen, panel.save_pdf)
    assert saved.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert "saved" in screen.status.text()
    # Filtered by a village: only its rows are shown (here, residents with no village list).
    assert panel.village.count() == 2
    panel.village.setCurrentIndex(1)
    assert panel.table.rowCount() == len([r for r in expected if r.village == ""])
