"""A refused village list: every bad row named by row (as the spreadsheet shows it) and column
(its header text), and nothing of the file stored."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from kiosk.db.schema import appointments
from kiosk.engine import Engine
from tests.kiosk.appointments.lists import ZH, resident, write_csv, write_xlsx
from tests.kiosk.conftest import DAY, MANAGER

LATER = DAY + timedelta(days=3)


def _stored(engine: Engine) -> int:
    with engine.db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(appointments)).scalar_one())


def test_every_kind_of_bad_row_is_reported_with_its_row_and_column(
    engine: Engine, tmp_path: Path
) -> None:
    good = [resident(n, LATER) for n in range(1, 4)]

    def bad(n: int, column: int, value: object) -> list[object]:
        row = resident(n, LATER)
        row[column] = value
        return row

    wrong_check = resident(10, LATER)
    wrong_check[2] = str(wrong_check[2])[:-1] + ("0" if str(wrong_check[2])[-1] != "0" else "1")
    rows = [
        *good,  # rows 2-4
        bad(11, 1, "驾驶证"),  # 5: unknown document type
        wrong_check,  # 6: resident ID check character
        bad(12, 2, "33010619"),  # 7: too short
        bad(13, 1, "护照")[:2] + ["E12345678"] + resident(13, LATER)[3:],  # 8: no country
        bad(14, 3, "12345"),  # 9: not a phone
        bad(15, 3, ""),  # 10: no phone
        bad(16, 5, "12/03/2026"),  # 11: not a date we read
        bad(17, 5, (DAY + timedelta(days=400)).isoformat()),  # 12: more than a year ahead
        bad(18, 6, "第十一剂"),  # 13: dose number out of range
        bad(19, 0, ""),  # 14: no name
        bad(20, 4, ""),  # 15: no village
        list(good[1]),  # 16: the same document and dose as row 3
        bad(21, 7, "也许"),  # 17: standby neither yes nor no
        bad(22, 2, "3301061960O1010014"),  # 18: a letter O in the number
    ]
    path = write_csv(tmp_path / "bad.csv", ZH, rows)
    report = engine.appointments.import_file(path, actor=MANAGER)
    got = [(p.row, p.column, p.code) for p in report.problems]
    assert got == [
        (5, "证件类型", "document_type"),
        (6, "证件号码", "document_checksum"),
        (7, "证件号码", "document_length"),
        (8, "证件类型", "document_country"),
        (9, "手机号", "phone"),
        (10, "手机号", "phone_missing"),
        (11, "预约日期", "date"),
        (12, "预约日期", "date_ahead"),
        (13, "剂次", "dose"),
        (14, "姓名", "name_missing"),
        (15, "村（社区）", "village_missing"),
        (16, "证件号码", "duplicate_key"),
        (17, "同意候补", "standby"),
        (18, "证件号码", "document_characters"),
    ]
    assert "row 3" in report.problems[11].reason
    assert all(str(r[2]) not in p.reason for p in report.problems for r in rows)
    assert report.refused and (report.added, report.updated, report.unchanged) == (0, 0, 0)
    assert _stored(engine) == 0  # the good rows wait for a clean file


def test_unknown_and_missing_headers_are_named(engine: Engine, tmp_path: Path) -> None:
    header = ("姓名", "证件号码", "手机", "村", "预约日期", "剂次", "备注")
    path = write_xlsx(tmp_path / "headers.xlsx", header, [["王伟", "x", "1", "村", "d", "1", ""]])
    report = engine.appointments.import_file(path, actor=MANAGER)
    assert [(p.row, p.column, p.code) for p in report.problems] == [
        (1, "手机", "unknown_header"),
        (1, "备注", "unknown_header"),
        (1, "手机号", "missing_header"),
    ]


def test_a_refused_update_leaves_the_stored_appointments_as_they_were(
    engine: Engine, tmp_path: Path
) -> None:
    rows = [resident(n, LATER) for n in range(1, 4)]
    engine.appointments.import_file(write_csv(tmp_path / "a.csv", ZH, rows), actor=MANAGER)
    before = engine.appointments.on_day(LATER)
    rows[0][0] = "新名字"
    rows[1][3] = "999"
    report = engine.appointments.import_file(write_csv(tmp_path / "b.csv", ZH, rows), actor=MANAGER)
    assert [(p.row, p.code) for p in report.problems] == [(3, "phone")]
    assert engine.appointments.on_day(LATER) == before


def test_files_that_are_not_lists_are_refused_as_a_whole(engine: Engine, tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("姓名\n".encode("utf-16"))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = write_csv(tmp_path / "header.csv", ZH, [])
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    for path, code in ((latin1, "encoding"), (empty, "empty"), (header_only, "no_rows"),
                       (xls, "xls")):  # fmt: skip
        report = engine.appointments.import_file(path, actor=MANAGER)
        assert [(p.row, p.code) for p in report.problems] == [(0, code)], path


def test_a_rows_problems_come_in_the_order_of_its_columns(engine: Engine, tmp_path: Path) -> None:
    row = resident(20, LATER)
    row[2], row[3], row[5] = "12345", "1380013", "明天"  # document, phone, date: columns 3, 4, 6
    path = write_csv(tmp_path / "order.csv", ZH, [row])
    report = engine.appointments.import_file(path, actor=MANAGER, dry_run=True)
    assert [p.column for p in report.problems] == ["证件号码", "手机号", "预约日期"]
    assert "landline" in report.problems[1].reason  # what else the column may hold


def test_a_list_without_its_header_row_is_said_once_without_its_cells(
    engine: Engine, tmp_path: Path
) -> None:
    row = resident(30, LATER)
    path = tmp_path / "headless.csv"
    path.write_text(",".join(str(c) for c in row) + "\n", encoding="utf-8")
    report = engine.appointments.import_file(path, actor=MANAGER, dry_run=True)
    (problem,) = report.problems
    assert problem.code == "no_header" and "header row" in problem.reason
    for cell in (row[0], row[2], row[3]):  # the name, the document, the phone
        assert str(cell) not in repr(problem)
