"""Appointment slips read back (issue 17): A4, eight a page, the text of every slip (site, day,
masked name; never the document or phone), and every QR decoding to its own appointment's token,
which finds that appointment. Also ``kiosk appointments slips`` and ``due --format pdf`` through
the console script."""

from __future__ import annotations

import io
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from kiosk.engine import Engine
from printing.appointment_slips import render_slips
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.kiosk.conftest import DAY, MANAGER
from tests.printing.pdfcheck import MM, font_files, qr_payloads

SITE = "城关镇卫生院疫苗接种点"
LATER = DAY + timedelta(days=4)


def pages_as_png(pdf: bytes, tmp: Path, dpi: int = 150) -> list[Image.Image]:
    src = tmp / "slips.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(src), str(tmp / "page")],
                   check=True, timeout=60)  # fmt: skip
    out = []
    for png in sorted(tmp.glob("page-*.png")):
        with Image.open(png) as img:
            out.append(img.convert("L"))
    return out


@pytest.fixture
def booked(engine: Engine, tmp_path: Path) -> Engine:
    rows = [resident(n, LATER) for n in range(1, 12)]  # eleven: a full page and three
    engine.appointments.import_file(write_csv(tmp_path / "l.csv", ZH, rows), actor=MANAGER)
    return engine


def test_slips_read_back_eight_a_page_masked(booked: Engine, tmp_path: Path) -> None:
    chosen = booked.appointments.on_day(LATER)
    pdf = render_slips(chosen, SITE)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((210 * MM, 297 * MM), abs=0.5)
    assert all(files for files in font_files(pdf).values())  # the CJK font is embedded
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
    assert [t.count("预约凭条") for t in texts] == [8, 3]
    whole = "".join(texts)
    assert whole.count(SITE) == 11 and whole.count("2026年12月2日 星期三") == 11
    for a in chosen:
        masked = a.name[0] + "*" + a.name[-1]
        assert masked in whole
        assert a.name not in whole and a.id_number not in whole and a.phone not in whole


def test_every_qr_decodes_to_its_own_appointment(booked: Engine, tmp_path: Path) -> None:
    chosen = booked.appointments.on_day(LATER)
    pages = pages_as_png(render_slips(chosen, SITE), tmp_path)
    decoded = [payload for page in pages for payload in qr_payloads(page)]
    assert sorted(decoded) == sorted(a.token for a in chosen)
    for token in decoded:
        found = booked.appointments.kiosk_lookup("token", token, LATER)
        assert len(found.today) == 1
        assert booked.appointments.get(found.today[0].appointment_id).token == token


def test_the_commands_write_slips_and_the_due_list_as_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.cli import main

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    soon = date.today() + timedelta(days=10)
    rows = [resident(n, soon) for n in range(1, 6)]
    rows[0][4] = rows[1][4] = "西山村"
    path = write_csv(tmp_path / "l.csv", ZH, rows, "gb18030")
    assert main(["import-appointments", str(path)]) == 0
    out = tmp_path / "slips.pdf"
    assert main(["appointments", "slips", "--village", "西山村", "--out", str(out)]) == 0
    assert "wrote 2 slip(s) on 1 page(s)" in capsys.readouterr().out
    assert len(qr_payloads(pages_as_png(out.read_bytes(), tmp_path)[0])) == 2
    due = tmp_path / "due.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    assert main(["staff", "add", "李站长", "--role", "manager", "--pin-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    code = main(["appointments", "due", "--from", "2026-12-01", "--to", "2026-12-31",
                 "--format", "pdf", "--out", str(due), "--staff", "李站长"])  # fmt: skip
    assert code == 0 and due.read_bytes().startswith(b"%PDF")
    assert due.stat().st_mode & 0o077 == 0  # personal data: the owner's only
