"""The ticket model, the PDF-folder backend, build_printer and the printer test."""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config import PrinterConfig
from printing.backend import build_printer
from printing.cups import CupsBackend
from printing.escpos import EscposBackend
from printing.model import TicketPrint, new_token, sample_ticket
from printing.pdf_folder import PdfFolderBackend
from printing.testprint import print_sample
from tests.printing.pdfcheck import MM, page_size_pt, text_of

NOW = datetime(2024, 5, 1, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_tokens_are_random_and_at_least_128_bits() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) * 6 >= 128 for t in tokens)  # url-safe base64: 6 bits a character


def test_naive_time_is_rejected(ticket: TicketPrint) -> None:
    with pytest.raises(ValueError, match="aware"):
        dataclasses.replace(ticket, issued_at=datetime(2024, 5, 1, 8, 0))


def test_sample_ticket_is_marked_as_a_test() -> None:
    t = sample_ticket(NOW, "测试站点")
    assert t.site_name == "测试站点" and t.issued_at == NOW and "TEST" in t.category


def test_folder_backend_writes_the_pdf_atomically(ticket: TicketPrint, tmp_path: Path) -> None:
    folder = tmp_path / "tickets"
    result = PdfFolderBackend(folder, 58).print_ticket(ticket)
    assert (result.ok, result.code) == (True, "printed")
    path = folder / "2024-05-01_A012.pdf"
    assert result.detail == str(path)
    assert sorted(os.listdir(folder)) == ["2024-05-01_A012.pdf"]  # no temp file left behind
    data = path.read_bytes()
    assert page_size_pt(data)[0] == pytest.approx(58 * MM, abs=0.01)
    assert "A012" in text_of(data)


def test_a_reprint_keeps_the_first_file(ticket: TicketPrint, tmp_path: Path) -> None:
    backend = PdfFolderBackend(tmp_path)
    backend.print_ticket(ticket)
    backend.print_ticket(dataclasses.replace(ticket, reprint=True))
    backend.print_ticket(dataclasses.replace(ticket, reprint=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2024-05-01_A012.pdf",
        "2024-05-01_A012_reprint-2.pdf",
        "2024-05-01_A012_reprint.pdf",
    ]


def test_unwritable_folder_is_a_failed_result_not_an_exception(
    ticket: TicketPrint, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = PdfFolderBackend(blocker / "tickets").print_ticket(ticket)
    assert (result.ok, result.code) == (False, "error")


def test_build_printer_picks_the_backend(tmp_path: Path) -> None:
    pdf = build_printer(PrinterConfig(), tmp_path)
    assert isinstance(pdf, PdfFolderBackend) and pdf.folder == tmp_path / "tickets"
    absolute = build_printer(PrinterConfig(dir=str(tmp_path / "abs")), Path("/elsewhere"))
    assert isinstance(absolute, PdfFolderBackend) and absolute.folder == tmp_path / "abs"
    cups = build_printer(PrinterConfig(kind="system", name="kiosk", paper_mm=58), tmp_path)
    assert isinstance(cups, CupsBackend) and (cups.queue, cups.paper_mm) == ("kiosk", 58)
    escpos = build_printer(
        PrinterConfig(kind="escpos", host="192.0.2.7", timeout_seconds=3), tmp_path
    )
    assert isinstance(escpos, EscposBackend) and escpos.describe == "192.0.2.7:9100"
    with pytest.raises(ValueError, match="name"):
        build_printer(PrinterConfig(kind="system"), tmp_path)
    with pytest.raises(ValueError, match="kind"):
        build_printer(PrinterConfig(kind="fax"), tmp_path)


def test_print_sample_on_the_default_pdf_printer(tmp_path: Path) -> None:
    result = print_sample(PrinterConfig(), tmp_path, "城关镇卫生院", NOW)
    assert result.ok
    files = list((tmp_path / "tickets").glob("*.pdf"))
    assert [f.name for f in files] == ["2024-05-01_A000.pdf"]
    text = text_of(files[0].read_bytes())
    assert "城关镇卫生院" in text and "TEST" in text
