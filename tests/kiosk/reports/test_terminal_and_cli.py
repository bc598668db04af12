"""The terminal's progress bar, and ``kiosk report`` from the domain half of the command (no
printing package: a PDF is refused with why)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.engine import Engine
from kiosk.reports.terminal import progress_bar

from .conftest import LAST


def test_the_bar_redraws_one_line_and_ends_it() -> None:
    out = io.StringIO()
    draw = progress_bar(out, "report", force=True)
    assert draw is not None
    for done in range(1, 5):
        draw(done, 4)
    text = out.getvalue()
    assert text.count("\r") == 4 and text.endswith("4/4\n") and text.count("\n") == 1
    assert "[" + "#" * 30 + "]" in text


def test_no_bar_on_a_pipe() -> None:
    assert progress_bar(io.StringIO(), "report") is None


def test_kiosk_report_csv_and_a_refused_pdf(
    sim_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(sim_engine.db.url)
    assert main(["--db", db, "report", "--day", LAST.isoformat(), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffday,figure,dimension,value\r\n")
    code = main(["--db", db, "report", "--day", LAST.isoformat(), "--format", "pdf",
                 "--out", str(tmp_path / "r.pdf")])  # fmt: skip
    assert code == 1 and not (tmp_path / "r.pdf").exists()
    assert "needs the printing package" in capsys.readouterr().err


def test_a_pdf_is_not_written_to_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.cli import main as console_main

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert console_main(["report", "--format", "pdf"]) == 1
    assert "--out FILE.pdf" in capsys.readouterr().err
