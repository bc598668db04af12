"""Importing village lists (issue 17): good files in every encoding and as XLSX, Chinese and
English headers, idempotent re-import, an update, and a refused file that leaves nothing."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.appointments import Progress
from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.db.schema import appointments, events
from kiosk.engine import Engine
from kiosk.errors import NotAllowed
from tests.kiosk.appointments.lists import EN, ZH, resident, write_csv, write_xlsx
from tests.kiosk.conftest import DAY, MANAGER, NURSE

LATER = DAY + timedelta(days=3)


def _count(engine: Engine) -> int:
    with engine.db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(appointments)).scalar_one())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("header", [ZH, EN], ids=["zh", "en"])
def test_a_csv_list_imports_in_each_encoding_with_either_headers(
    engine: Engine, tmp_path: Path, encoding: str, header: tuple[str, ...]
) -> None:
    rows = [resident(n, LATER) for n in range(1, 21)]
    path = write_csv(tmp_path / "list.csv", header, rows, encoding)
    report = engine.appointments.import_file(path, actor=MANAGER)
    assert (report.added, report.updated, report.unchanged, report.problems) == (20, 0, 0, ())
    first = engine.appointments.on_day(LATER, "东风村")
    assert {a.name for a in first} == {r[0] for r in rows if r[4] == "东风村"}
    assert all(len(a.token) >= 22 for a in first)  # 128 random bits
    assert sum(a.standby for a in engine.appointments.on_day(LATER)) == 10


def test_an_xlsx_list_with_date_cells_in_any_column_order_imports(
    engine: Engine, tmp_path: Path
) -> None:
    header = ("剂次", "身份证号", "姓名", "联系电话", "村", "预约日期")
    rows = []
    for n in range(1, 11):
        name, _, number, phone, village, _, dose, _ = resident(n, LATER)
        cell: object = datetime(LATER.year, LATER.month, LATER.day) if n % 2 else "2026/12/5"
        rows.append([int(dose), number, name, phone, village, cell])
    path = write_xlsx(tmp_path / "list.xlsx", header, rows)
    report = engine.appointments.import_file(path, actor=MANAGER)
    assert (report.added, report.problems) == (10, ())
    days = {a.day for a in engine.appointments.on_day(LATER)}
    assert len(days and engine.appointments.on_day(LATER)) == 5
    assert len(engine.appointments.on_day(date(2026, 12, 5))) == 5


def test_the_same_list_twice_changes_nothing_and_a_changed_row_updates(
    engine: Engine, tmp_path: Path
) -> None:
    rows = [resident(n, LATER) for n in range(1, 6)]
    path = write_csv(tmp_path / "list.csv", ZH, rows)
    engine.appointments.import_file(path, actor=MANAGER)
    tokens = {a.id: a.token for a in engine.appointments.on_day(LATER)}
    again = engine.appointments.import_file(path, actor=MANAGER)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    rows[2][3] = "0571-88886666"  # a new phone (a landline)
    rows[4][5] = "2026/12/2"  # another day
    changed = write_csv(tmp_path / "changed.csv", ZH, rows, "gb18030")
    dry = engine.appointments.import_file(changed, actor=MANAGER, dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged, dry.dry_run) == (0, 2, 3, True)
    assert engine.appointments.on_day(date(2026, 12, 2)) == []  # a dry run writes nothing
    report = engine.appointments.import_file(changed, actor=MANAGER)
    assert (report.added, report.updated, report.unchanged) == (0, 2, 3)
    moved = engine.appointments.on_day(date(2026, 12, 2))
    assert [a.name for a in moved] == [rows[4][0]] and moved[0].token == tokens[moved[0].id]
    phones = {a.phone for a in engine.appointments.on_day(LATER)}
    assert "0571-88886666" in phones  # one stored form (kiosk.phones)
    assert _count(engine) == 5


def test_the_import_is_audited_without_personal_data(engine: Engine, tmp_path: Path) -> None:
    rows = [resident(n, LATER) for n in range(1, 4)]
    path = write_csv(tmp_path / "东风村.csv", ZH, rows)
    engine.appointments.import_file(path, actor=MANAGER)
    with engine.db.read() as conn:
        row = conn.execute(
            sa.select(events.c.payload).where(events.c.kind == "appointments_imported")
        ).scalar_one()
    payload = row if isinstance(row, dict) else json.loads(row)
    assert payload["added"] == 3 and payload["file"] == "东风村.csv"
    text = json.dumps(payload, ensure_ascii=False)
    assert not any(str(r[0]) in text or str(r[2]) in text or str(r[3]) in text for r in rows)


def test_only_a_manager_imports(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", ZH, [resident(1, LATER)])
    with pytest.raises(NotAllowed):
        engine.appointments.import_file(path, actor=NURSE)
    assert _count(engine) == 0


def test_progress_is_told_while_checking_and_writing(engine: Engine, tmp_path: Path) -> None:
    rows = [resident(n, LATER) for n in range(1, 4001)]
    path = write_csv(tmp_path / "big.csv", EN, rows)
    seen: list[Progress] = []
    report = engine.appointments.import_file(path, actor=MANAGER, progress=seen.append)
    assert report.added == 4000
    assert {p.phase for p in seen} == {"checking", "writing"}
    assert seen[-1] == Progress("writing", 4000, 4000)


def test_a_title_row_and_blank_rows_are_passed_over_and_rows_keep_their_numbers(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "titled.csv"
    lines = ["东风村新冠疫苗预约登记表,,,,,,,", ",".join(ZH), ",,,,,,,"]
    lines += [",".join(map(str, resident(n, LATER))) for n in (1, 2)]
    lines.append(",".join(map(str, resident(3, LATER)[:5])) + ",2026-13-01,1,是")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = engine.appointments.import_file(path, actor=MANAGER)
    assert [(p.row, p.column, p.code) for p in report.problems] == [(6, "预约日期", "date")]


def test_import_lookup_and_purge_on_postgresql(
    pg_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    """The same on PostgreSQL: batched inserts and updates, the lookup, the delete."""
    db = open_database(pg_url, "main", TRAINING, clock.now())
    engine = Engine(db, clock, "main", "Asia/Shanghai")
    try:
        rows = [resident(n, LATER) for n in range(1, 1501)]
        path = write_csv(tmp_path / "pg.csv", ZH, rows, "gb18030")
        assert engine.appointments.import_file(path, actor=MANAGER).added == 1500
        rows[7][0] = "改名字"
        changed = write_csv(tmp_path / "pg2.csv", ZH, rows)
        report = engine.appointments.import_file(changed, actor=MANAGER)
        assert (report.added, report.updated, report.unchanged) == (0, 1, 1499)
        found = engine.appointments.kiosk_lookup("suffix", str(rows[7][2])[-6:], LATER)
        assert [m.masked_name for m in found.today] == ["改*字"]
        assert len(engine.appointments.standby_candidates()) == 750
        clock.advance(timedelta(days=100))
        assert engine.appointments.purge(90, actor=MANAGER) == 1500
    finally:
        db.dispose()
