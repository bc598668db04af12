"""``kiosk import-appointments`` and ``kiosk appointments due|purge``, run in-process."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.kiosk.appointments.lists import EN, ZH, resident, write_csv, write_xlsx
from tests.kiosk.conftest import run

SOON = date.today() + timedelta(days=10)  # the site's date may be a day off: far from both ends


pytestmark = pytest.mark.usefixtures("data_dir")


def test_import_says_what_it_did_and_json_has_the_documented_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", EN, [resident(n, SOON) for n in range(1, 8)])
    code, out, _ = run(capsys, "import-appointments", str(path), "--dry-run")
    assert code == 0 and "7 added, 0 updated, 0 unchanged (dry run" in out
    code, out, _ = run(capsys, "import-appointments", str(path), "--json")
    assert code == 0 and json.loads(out) == {"added": 7, "updated": 0, "unchanged": 0,
                                             "errors": []}  # fmt: skip
    code, out, _ = run(capsys, "import-appointments", str(path))
    assert code == 0 and "0 added, 0 updated, 7 unchanged" in out


def test_a_refused_file_exits_1_and_names_each_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [resident(n, SOON) for n in range(1, 5)]
    rows[1][3] = "12345"
    rows[3][5] = "明天"
    path = write_csv(tmp_path / "bad.csv", ZH, rows, "gb18030")
    code, out, err = run(capsys, "import-appointments", str(path), "--json")
    assert code == 1
    assert json.loads(out)["errors"] == [
        {"row": 3, "column": "手机号", "reason": json.loads(out)["errors"][0]["reason"]},
        {"row": 5, "column": "预约日期", "reason": "not a date (write 2026-12-03 or 2026/12/3)"},
    ]
    code, out, err = run(capsys, "import-appointments", str(path))
    assert code == 1 and out == ""
    assert "refused, nothing imported; 2 problem(s)" in err
    assert "row 3, column 手机号" in err and "row 5, column 预约日期" in err
    # nothing was stored: the same rows, corrected, are all new
    rows[1][3], rows[3][5] = "13900000002", SOON.isoformat()
    fixed = write_csv(tmp_path / "fixed.csv", ZH, rows)
    code, out, _ = run(capsys, "import-appointments", str(fixed), "--json")
    assert code == 0 and json.loads(out)["added"] == 4


def test_a_large_import_shows_its_progress_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "big.csv", EN, [resident(n, SOON) for n in range(1, 6001)])
    code, out, err = run(capsys, "import-appointments", str(path))
    assert code == 0 and "6000 added" in out
    assert "checking: 6000/6000 rows" in err and "writing: 6000/6000 rows" in err


def test_due_needs_a_managers_pin_and_without_doses_is_an_empty_list_with_its_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    assert run(capsys, "staff", "add", "李站长", "--role", "manager", "--pin-stdin")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert run(capsys, "staff", "add", "王护士", "--pin-stdin")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "appointments", "due", "--from", "2026-12-01", "--to",
                       "2026-12-31", "--staff", "李站长")  # fmt: skip
    assert code == 1 and "the PIN on standard input" in err  # names, phones, documents
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    code, _, err = run(capsys, "appointments", "due", "--from", "2026-12-01", "--to",
                       "2026-12-31", "--staff", "王护士")  # fmt: skip
    assert code == 1 and "not a manager" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    code, out, _ = run(capsys, "appointments", "due", "--from", "2026-12-01", "--to",
                       "2026-12-31", "--format", "csv", "--staff", "李站长")  # fmt: skip
    assert code == 0
    assert next(csv.reader(io.StringIO(out.lstrip("\ufeff")))) == [
        "village", "name", "phone", "document_type", "document_number", "product",
        "next_dose_number", "due_from", "due_until", "last_dose_at",
    ]  # fmt: skip
    code, _, err = run(capsys, "appointments", "due", "--from", "2026-12-02", "--to",
                       "2026-12-01", "--staff", "李站长")  # fmt: skip
    assert code == 1 and "--from 2026-12-02 is after --to 2026-12-01" in err


def test_pdf_output_needs_the_kiosk_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "l.csv", ZH, [resident(1, SOON)])
    run(capsys, "import-appointments", str(path))
    code, _, err = run(capsys, "appointments", "slips", "--out", str(tmp_path / "s.pdf"))
    assert code == 1 and "needs the kiosk program's printing" in err


def test_purge_keeps_recent_appointments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "l.csv", ZH, [resident(1, SOON)])
    run(capsys, "import-appointments", str(path))
    code, out, _ = run(capsys, "appointments", "purge")
    assert code == 0 and "deleted 0 appointment(s)" in out


def test_closing_the_day_deletes_appointments_past_keep_days_that_led_to_no_dose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_ago = date.today() - timedelta(days=200)
    path = write_csv(tmp_path / "l.csv", ZH, [resident(1, long_ago), resident(2, SOON)])
    assert run(capsys, "import-appointments", str(path))[0] == 0
    assert run(capsys, "day", "open", "--lot", "新冠疫苗(Vero细胞),L1,2099-01-01,1,10")[0] == 0
    code, out, _ = run(capsys, "day", "close")
    assert code == 0 and "deleted 1 appointment(s) dated over 90 days ago" in out
    code, out, _ = run(capsys, "appointments", "purge")
    assert code == 0 and "deleted 0 appointment(s)" in out  # the one of next week stays
