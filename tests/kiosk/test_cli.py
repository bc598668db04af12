"""The stable command-line interface, run in-process with a private data directory."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.kiosk.conftest import run

SIM_KEYS = {
    "day", "issued", "vaccinated", "deferred", "cancelled", "missed", "unserved", "in_progress",
    "first_dose_persons", "capacity", "stock", "doses_used", "doses_wasted", "doses_left",
    "median_wait_minutes", "p90_wait_minutes", "min_observation_minutes",
}  # fmt: skip


pytestmark = pytest.mark.usefixtures("data_dir")


def test_simulate_json_reconciles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "simulate", "--residents", "120", "--seed", "5", "--day", "2026-12-01", "--json"
    )
    assert code == 0
    figures = json.loads(out)
    assert SIM_KEYS <= figures.keys()
    assert figures["day"] == "2026-12-01"
    assert figures["issued"] == 120
    parts = ("vaccinated", "deferred", "cancelled", "missed", "unserved", "in_progress")
    assert sum(figures[k] for k in parts) == figures["issued"]
    assert (
        figures["doses_used"] + figures["doses_wasted"] + figures["doses_left"] == figures["stock"]
    )
    assert figures["vaccinated"] == figures["doses_used"]
    assert figures["min_observation_minutes"] >= 30
    assert figures["in_progress"] == 0  # the day was closed


def test_simulate_is_repeatable_for_a_seed(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("simulate", "--residents", "60", "--seed", "9", "--day", "2026-12-01", "--json")
    first = json.loads(run(capsys, *args)[1])
    second = json.loads(run(capsys, *args)[1])
    assert first == second


def test_simulate_until_leaves_the_day_mid_way(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "simulate", "--residents", "150", "--seed", "2", "--day", "2026-12-01",
        "--until", "10:00", "--json",
    )  # fmt: skip
    figures = json.loads(out)
    assert code == 0 and figures["status"] == "open"
    assert figures["in_progress"] > 0 and figures["issued"] < 150
    code, out, _ = run(capsys, "report", "--training", "--day", "2026-12-01", "--format", "csv")
    long_form = {
        (r["figure"], r["dimension"]): r["value"]
        for r in csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))
    }
    assert int(long_form["issued", ""]) == figures["issued"]
    assert int(long_form["in_progress", ""]) == figures["in_progress"]


def test_simulate_refuses_a_real_database(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    live = data_dir / "kiosk.sqlite"
    assert run(capsys, "day", "open", "--lot", "新冠疫苗(Vero细胞),L1,2099-01-01,1,10")[0] == 0
    before = run(capsys, "report", "--format", "json")[1]
    code, _, err = run(capsys, "simulate", "--residents", "5", "--db", f"sqlite:///{live}")
    assert code == 1
    assert "holds real service days" in err and "training_only" in err
    assert run(capsys, "report", "--format", "json")[1] == before
    code, out, _ = run(capsys, "day", "status")
    assert "issued 0" in out
    assert "clear to zero: 0 dose(s) in opened vials, 0 expected, 0 more resident(s)" in out


def test_capacity_stock_and_cap_in_simulation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "simulate", "--residents", "100", "--seed", "3", "--day", "2026-12-01",
        "--capacity", "40", "--json",
    )  # fmt: skip
    figures = json.loads(out)
    assert figures["capacity"] == 40
    assert figures["vaccinated"] <= 40
    assert figures["turned_away"] > 0


def test_day_open_refuses_expired_lot_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "day", "open", "--lot", "新冠疫苗(Vero细胞),OLD1,2020-01-01,1,10")
    assert code == 1 and "OLD1 expired" in err
    code, _, err = run(capsys, "day", "status")
    assert code == 1 and "has not been opened" in err


def test_day_open_refuses_a_malformed_lot(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "day", "open", "--lot", "新冠疫苗(Vero细胞),L1,tomorrow,1,10")
    assert code == 1 and "EXPIRY must be a date written YYYY-MM-DD" in err


def test_bad_config_names_the_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "site.toml"
    bad.write_text('schema = 1\n[day]\ncapacity = -5\n[printer]\nkind = "fax"\n', encoding="utf-8")
    code, _, err = run(capsys, "config", "check", str(bad))
    assert code == 2
    assert "day.capacity" in err and "printer.kind" in err
    code, _, err = run(capsys, "--config", str(bad), "day", "status")
    assert code == 2 and "day.capacity" in err


def test_db_upgrade_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0
    head = out.split("->")[-1].strip()
    assert out.split("schema")[1].split("->")[0].strip() == head


def test_staff_add_and_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("4321\n"))
    assert run(capsys, "staff", "add", "李护士", "--pin-stdin")[0] == 0
    code, out, _ = run(capsys, "staff", "list")
    assert "李护士\tnurse" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    code, _, err = run(capsys, "staff", "add", "赵护士", "--pin-stdin")
    assert code == 1 and "PIN" in err


@pytest.mark.parametrize(
    ("lot", "says"),
    [
        (
            "新冠疫苗(Vero细胞),L1,2027/03/01,1,600",
            "EXPIRY must be a date written YYYY-MM-DD, not '2027/03/01'",
        ),
        (
            "新冠疫苗(Vero细胞),L1,2027-03-01,one,600",
            "DOSES_PER_VIAL must be a whole number, not 'one'",
        ),
        ("新冠疫苗(Vero细胞),L1,2027-03-01,1,6OO", "VIALS must be a whole number, not '6OO'"),
        ("新冠疫苗(Vero细胞),L1,2027-03-01", "expected PRODUCT,LOT,EXPIRY,DOSES_PER_VIAL,VIALS"),
    ],
)
def test_a_malformed_lot_names_the_field(
    capsys: pytest.CaptureFixture[str], lot: str, says: str
) -> None:
    code, _, err = run(capsys, "day", "open", "--lot", lot)
    assert code == 1 and says in err
    assert "has not been opened" in run(capsys, "day", "status")[2]  # nothing was written


def test_a_full_width_comma_is_read_as_a_comma(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "day", "open", "--lot", "新冠疫苗(Vero细胞)，L1，2027-03-01，1，50")
    assert code == 0 and "stock 50" in out


def test_a_day_opened_without_lots_gets_one_added(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "day", "open", "--capacity", "100")[0] == 0
    code, out, _ = run(capsys, "day", "add-lot", "新冠疫苗(Vero细胞),L9,2027-03-01,10,5")
    assert code == 0 and "stock 50" in out
    code, _, err = run(capsys, "day", "add-lot", "新冠疫苗(Vero细胞),L9,2027-03-01,10,5")
    assert code == 1 and "L9" in err  # entered twice: refused


def test_not_opened_names_the_site_and_hints_only_for_today(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "day", "status")
    assert code == 1 and "at site 'main'" in err and "open it with" in err
    code, _, err = run(capsys, "report", "--day", "2025-01-01")
    assert code == 1 and "open it with" not in err  # a past day cannot be opened


@pytest.mark.parametrize("bad", ["2026-13-01", "2026/11/29", "2026-02-30"])
def test_a_bad_day_says_the_format(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", "--day", bad])
    assert exc.value.code == 2
    assert "is not a date written YYYY-MM-DD" in capsys.readouterr().err


def test_db_takes_a_plain_file_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "elsewhere" / "site.sqlite"
    path.parent.mkdir()  # its folder must exist: a typo in it creates nothing
    code, out, _ = run(capsys, "--db", str(path), "db", "upgrade")
    assert code == 0 and path.exists() and str(path) in out


def test_db_reads_postgres_urls_as_other_tools_write_them() -> None:
    from kiosk.cli import database_url

    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def _error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    return lines[-1]


def run_any(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Exit status and standard error, argparse's usage errors (SystemExit) included."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--db", "garbage://x", "day", "status"), "'garbage' databases are not supported"),
        (("--db", "mysql://u@h/db", "day", "status"), "'mysql' databases are not supported"),
        (("day", "capacity", "100000000000000000000"), "capacity must be a whole number"),
        (("day", "capacity", "abc"), "invalid int value"),
        (("day", "open", "--observation-minutes", "0"), "observation minutes must be"),
        (("day", "open", "--capacity", "-1"), "capacity must be a whole number from 0"),
        (("day", "open", "--lot", "x,L1,2027-01-01,1,-5"), "vials must be a whole number"),
        (("day", "add-lot", "nonsense"), "expected PRODUCT,LOT,EXPIRY"),
        (("day", "add-lot", "x,L1,2026-02-30,1,10"), "EXPIRY must be a date"),
        (("staff", "add", "x" * 65, "--pin-stdin"), "no PIN on standard input"),
        (("staff", "add", "z", "--role", "boss"), "invalid choice: 'boss'"),
        (("report", "--day", "2026-13-45"), "is not a date written YYYY-MM-DD"),
        (("report", "--format", "xml"), "invalid choice: 'xml'"),
        (("simulate", "--residents", "-1"), "--residents cannot be negative"),
        (("simulate", "--residents", "10", "--until", "25:00"), "is not a time written HH:MM"),
        (("config", "check", "/nonexistent.toml"), "file not found"),
        (("db",), "the following arguments are required"),
    ],
)
def test_bad_arguments_get_one_line_and_a_failing_exit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...],
    said: str,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, err = run_any(capsys, *argv)
    assert code != 0
    assert said in _error_line(err)


def test_a_staff_name_too_long_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    code, _out, err = run(capsys, "staff", "add", "x" * 65)
    assert code == 1 and "staff is longer than 64 characters" in _error_line(err)


def test_a_db_path_is_never_created_by_mistake(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    typo = tmp_path / "nowhere" / "kiosk.sqlite"
    code, _out, err = run(capsys, "--db", str(typo), "day", "status")
    assert code == 2 and "the folder" in _error_line(err) and not typo.parent.exists()
    missing = tmp_path / "kiosk.sqlite"
    code, _out, err = run(capsys, "--db", str(missing), "day", "status")
    assert code == 2 and "no such database" in _error_line(err) and not missing.exists()
    lot = "新冠疫苗(Vero细胞),L1,2099-01-01,1,10"
    code, _out, err = run(
        capsys, "--db", str(missing), "day", "open", "--capacity", "-1", "--lot", lot
    )
    assert code == 1 and not missing.exists()  # refused: nothing left behind
    code, _out, err = run(capsys, "--db", str(missing), "day", "open", "--lot", lot)
    assert code == 0 and missing.exists() and "created the database" in err


def test_a_file_that_is_not_a_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    code, _out, err = run(capsys, "--db", str(text), "day", "status")
    assert code == 1 and "file is not a database" in _error_line(err) and str(text) in err
    assert text.read_text(encoding="utf-8") == "not a database\n"  # untouched


def test_day_close_balances_or_refuses_and_backs_up(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert run(capsys, "day", "open", "--lot", "新冠疫苗(Vero细胞),L1,2099-01-01,5,4")[0] == 0
    assert run(capsys, "db", "check")[0] == 0
    code, out, err = run(capsys, "day", "close", "--json", "--fridge", "9")
    assert code == 0, err
    figures = json.loads(out)
    assert (figures["doses_in"], figures["returned"], figures["balanced"]) == (20, 20, True)
    assert figures["cold_chain_flags"] == ["fridge at closing 9 °C, outside 2-8 °C"]
    backups = list((data_dir / "backups").glob("kiosk-auto-*.sqlite"))
    assert len(backups) == 1 and (backups[0].stat().st_mode & 0o777) == 0o600
    code, out, _ = run(capsys, "day", "reopen", "a late entry")
    assert code == 0 and "(open)" in out
    code, out, _ = run(capsys, "db", "backup", "--out", str(data_dir / "copy.sqlite"))
    assert code == 0 and "copy.sqlite" in out


def test_a_reader_that_stops_early_gets_no_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``kiosk ... | head``: the pipe closes, the command stops without a word on stderr."""
    assert run(capsys, "day", "open", "--lot", "新冠疫苗(Vero细胞),L1,2099-01-01,1,10")[0] == 0

    class ClosedPipe(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return sink.fileno()

    with (tmp_path / "sink").open("w") as sink:
        monkeypatch.setattr("sys.stdout", ClosedPipe())
        code = main(["day", "status"])
    assert code == 1 and capsys.readouterr().err == ""
