"""A resident listed by several villages belongs to the village of their latest appointment (by
date, then the latest row), in the reports' coverage as in the due list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kiosk.db.schema import appointments
from kiosk.engine import Engine
from kiosk.reports.villages import _villages
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.kiosk.conftest import DAY, MANAGER


def test_the_latest_appointment_names_the_village_everywhere(
    engine: Engine, tmp_path: Path
) -> None:
    later, sooner = DAY + timedelta(days=7), DAY + timedelta(days=5)
    rows = [resident(76, later, dose=1), resident(76, later, dose=2), resident(76, sooner, dose=3)]
    rows[0][4], rows[1][4], rows[2][4] = "东风村", "向阳村", "东风村"  # rows 1-3, in that order
    engine.appointments.import_file(write_csv(tmp_path / "l.csv", ZH, rows), actor=MANAGER)
    key = ("resident_id", str(rows[0][2]), "")
    with engine.db.read() as conn:
        in_reports = _villages(conn, appointments.c.site == engine.site)
        in_due_list = engine.appointments._villages(conn)
    assert in_reports[key] == in_due_list[key][0] == "向阳村"
