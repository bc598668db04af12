"""`kiosk record export` and `kiosk record show` over simulated weeks, as a manager uses them."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.cli import main
from kiosk.config_model import DEFAULT
from kiosk.db.schema import adverse_events, doses, events
from kiosk.export import AEFI_COLUMNS, COLUMNS

LAST_DAY = "2026-12-01"


@pytest.fixture(scope="module")
def weeks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty simulated days of 25 new residents each (those due come back), and a manager."""
    folder = tmp_path_factory.mktemp("weeks")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KIOSK_DATA_DIR", str(folder))
        args = ["simulate", "--residents", "25", "--days", "40", "--day", LAST_DAY, "--json"]
        assert main(args) == 0
        db = str(folder / "training.sqlite")
        mp.setattr("sys.stdin", io.StringIO("1357\n"))
        assert main(["staff", "add", "王经理", "--role", "manager", "--db", db]) == 0
        mp.setattr("sys.stdin", io.StringIO("2468\n"))
        assert main(["staff", "add", "李护士", "--db", db]) == 0
    return folder


@pytest.fixture
def db(weeks: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(weeks))
    return str(weeks / "training.sqlite")


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str,
    *argv: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_simulated_weeks_bring_people_back_for_their_next_dose(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, weeks: Path
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(weeks / "again"))
    (weeks / "again").mkdir()
    code, out, _ = run(capsys, monkeypatch, "", "simulate", "--residents", "25", "--days", "40",
                       "--day", LAST_DAY, "--json")  # fmt: skip
    assert code == 0
    figures = json.loads(out)
    assert (figures["days"], figures["first_day"]) == (40, "2026-10-23")
    assert figures["vaccinated_all_days"] > 40 * 25  # new residents and those back for dose 2
    assert figures["caught_too_early"] >= 1


def test_export_has_the_columns_in_order_one_row_per_dose(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str, tmp_path: Path
) -> None:
    out = tmp_path / "doses.csv"
    code, _, err = run(capsys, monkeypatch, "1357\n", "record", "export", "--format", "csv",
                       "--staff", "王经理", "--db", db, "--out", str(out))  # fmt: skip
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0].keys()) == COLUMNS
    assert f"wrote {len(rows)} dose(s)" in err
    assert {r["dose_kind"] for r in rows} <= {"primary", "booster", "external"}
    assert {r["corrected"] for r in rows} == {"false"}
    seconds = [r for r in rows if r["dose_number"] == "2"]
    assert seconds, "people came back for their second dose"
    assert all(r["vaccinated_at"].endswith("+08:00") for r in rows)
    per_person: dict[str, list[str]] = {}
    for r in rows:
        per_person.setdefault(r["document_number"], []).append(r["dose_number"])
    assert all(len(numbers) == len(set(numbers)) for numbers in per_person.values())
    overridden = {r["override_reason"] for r in rows} - {""}
    assert overridden and overridden <= {r.code for r in DEFAULT.override_reasons}


def test_export_json_and_date_range_are_the_sites_local_dates(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    code, out, _ = run(capsys, monkeypatch, "1357\n", "record", "export", "--format", "json",
                       "--staff", "王经理", "--db", db, "--from", "2026-11-20", "--to",
                       "2026-11-21")  # fmt: skip
    assert code == 0
    rows = json.loads(out)
    assert rows and all(tuple(r) == COLUMNS for r in rows)
    days = {r["vaccinated_at"][:10] for r in rows}
    assert days == {"2026-11-20", "2026-11-21"}
    assert all(isinstance(r["corrected"], bool) and isinstance(r["dose_number"], int) for r in rows)


def test_show_finds_a_person_by_document_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    code, out, _ = run(capsys, monkeypatch, "1357\n", "record", "export", "--format", "json",
                       "--staff", "王经理", "--db", db)  # fmt: skip
    twice = [r for r in json.loads(out) if r["dose_number"] == 2]
    number = twice[0]["document_number"]
    code, out, err = run(capsys, monkeypatch, f"{number}\n1357\n", "record", "show", "-",
                         "--json", "--staff", "王经理", "--db", db)  # fmt: skip
    assert code == 0, err
    shown = json.loads(out)
    assert shown["person"]["document_number"] == number
    assert [d["dose_number"] for d in shown["doses"]] == [1, 2]
    assert all(tuple(d) == COLUMNS for d in shown["doses"])
    code, out, _ = run(capsys, monkeypatch, "1357\n", "record", "show", number.lower(),
                       "--staff", "王经理", "--db", db)  # fmt: skip
    assert code == 0 and "dose 2 (primary)" in out
    code, _, err = run(capsys, monkeypatch, "1357\n", "record", "show", "110105194912310021",
                       "--staff", "王经理", "--db", db)  # fmt: skip
    assert code == 1 and "ID number is not valid" in err


@pytest.mark.parametrize(
    ("stdin", "staff", "message"),
    [
        ("2468\n", "李护士", "is not a manager"),
        ("9999\n", "王经理", "wrong PIN"),
        ("", "王经理", "give the PIN on standard input"),
    ],
)
def test_records_are_a_managers_to_read(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db: str,
    tmp_path: Path,
    stdin: str,
    staff: str,
    message: str,
) -> None:
    out = tmp_path / "no.csv"
    code, printed, err = run(capsys, monkeypatch, stdin, "record", "export", "--format", "csv",
                             "--staff", staff, "--db", db, "--out", str(out))  # fmt: skip
    assert code == 1 and message in err and printed == ""
    assert not out.exists()


def test_every_read_is_audited_without_personal_data(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    run(capsys, monkeypatch, "1357\n", "record", "export", "--format", "csv", "--staff",
        "王经理", "--db", db, "--from", "2026-11-30")  # fmt: skip
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        last = conn.execute(
            sa.select(events.c.kind, events.c.staff, events.c.payload)
            .where(events.c.kind == "record_exported")
            .order_by(events.c.seq.desc())
        ).first()
    engine.dispose()
    assert last is not None and last.staff == "王经理"
    assert last.payload["first"] == "2026-11-30" and last.payload["rows"] > 0
    assert set(last.payload) == {"first", "last", "rows", "format"}


def test_the_aefi_line_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str, tmp_path: Path
) -> None:
    out = tmp_path / "aefi.csv"
    code, _, err = run(capsys, monkeypatch, "1357\n", "record", "aefi", "--format", "csv",
                       "--staff", "王经理", "--db", db, "--out", str(out))  # fmt: skip
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0].keys()) == AEFI_COLUMNS
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(adverse_events)).scalar()
    engine.dispose()
    assert len(rows) == count and count > 0
    assert all(r["product"] and r["dose_number"] and r["onset_at"] for r in rows)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_slip_token_shows_its_record(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        token, number = conn.execute(
            sa.select(doses.c.token, doses.c.dose_number).where(doses.c.token.is_not(None))
        ).first()  # type: ignore[misc]
    engine.dispose()
    code, out, err = run(capsys, monkeypatch, "1357\n", "record", "show", "--token", token,
                         "--json", "--staff", "王经理", "--db", db)  # fmt: skip
    assert code == 0, err
    assert number in [d["dose_number"] for d in json.loads(out)["doses"]]
    code, _, err = run(capsys, monkeypatch, "1357\n", "record", "show", "--token", "nope",
                       "--staff", "王经理", "--db", db)  # fmt: skip
    assert code == 1 and "no person" in err
    code, _, err = run(capsys, monkeypatch, "1357\n", "record", "show", "--staff", "王经理",
                       "--db", db)  # fmt: skip
    assert code == 1 and "give a document number or --token" in err


def test_add_lot_lists_box_codes_from_a_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    lot = "新冠疫苗(Vero细胞),L1,2099-01-01,1,10"
    assert run(capsys, monkeypatch, "", "day", "open", "--lot", lot)[0] == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("# boxes of L2\n81234567890123456789\n12345\n81234567890123456789\n")
    code, _, err = run(capsys, monkeypatch, "", "day", "add-lot",
                       "新冠疫苗(Vero细胞),L2,2099-01-01,1,3", "--box-codes", str(bad))  # fmt: skip
    assert code == 1 and f"{bad}:3:" in err and f"{bad}:4:" in err
    assert "L2" not in run(capsys, monkeypatch, "", "day", "status")[1]  # nothing was added
    good = tmp_path / "good.txt"
    good.write_text("81234567890123456789\n]d201069012345678921727123110L2\x1d21A1\n")
    code, out, err = run(capsys, monkeypatch, "", "day", "add-lot",
                         "新冠疫苗(Vero细胞),L2,2099-01-01,1,3", "--box-codes", str(good))  # fmt: skip
    assert code == 0, err
    assert "2 box code(s) listed for lot L2" in out
