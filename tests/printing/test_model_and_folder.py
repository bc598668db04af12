"""The ticket model, the PDF-folder backend (tickets and slips), build_printer and the printer
test."""

from __future__ import annotations

import dataclasses
import os
import stat
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
from printing.slip import SlipPrint
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


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folder_backend_writes_the_slip_owner_only_under_a_name_without_personal_data(
    slip: SlipPrint, tmp_path: Path
) -> None:
    folder = tmp_path / "tickets"
    result = PdfFolderBackend(folder, 58).print_slip(slip)
    assert (result.ok, result.code) == (True, "printed")
    name = f"slip-2026-11-28_094205-{slip.token[:8]}.pdf"
    assert sorted(os.listdir(folder)) == [name]  # no temp file left behind
    assert result.detail == str(folder / name)
    for personal in (slip.name, "110105", "002X", "1985", slip.product, slip.vaccinator):
        assert personal not in name
    assert _mode(folder / name) == 0o600
    data = (folder / name).read_bytes()
    assert page_size_pt(data)[0] == pytest.approx(58 * MM, abs=0.01)
    assert slip.name in text_of(data)


def test_ticket_files_are_owner_only_too(ticket: TicketPrint, tmp_path: Path) -> None:
    PdfFolderBackend(tmp_path).print_ticket(ticket)
    assert _mode(tmp_path / "2024-05-01_A012.pdf") == 0o600


def test_a_slip_reprint_keeps_the_first_file(slip: SlipPrint, tmp_path: Path) -> None:
    backend = PdfFolderBackend(tmp_path)
    for s in (
        slip,
        dataclasses.replace(slip, reprint=True),
        dataclasses.replace(slip, reprint=True),
    ):
        assert backend.print_slip(s).ok
    stem = f"slip-2026-11-28_094205-{slip.token[:8]}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{stem}.pdf",
        f"{stem}_reprint-2.pdf",
        f"{stem}_reprint.pdf",
    ]


def test_unwritable_folder_is_a_failed_slip_not_an_exception(
    slip: SlipPrint, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = PdfFolderBackend(blocker / "tickets").print_slip(slip)
    assert (result.ok, result.code) == (False, "error")
    assert "slip not printed on pdf: error" in caplog.text
    assert slip.name not in caplog.text


def test_print_sample_slip_on_the_default_pdf_printer(tmp_path: Path) -> None:
    result = print_sample(PrinterConfig(), tmp_path, "城关镇卫生院", NOW, slip=True)
    assert result.ok
    files = list((tmp_path / "tickets").glob("*.pdf"))
    assert len(files) == 1 and files[0].name.startswith("slip-2024-05-01_080000-")
    text = text_of(files[0].read_bytes())
    assert "城关镇卫生院" in text and "测试 TEST" in text and "接种凭证" in text
