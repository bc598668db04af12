"""The next-dose list PDF read back: A4 landscape, a section per village (residents without an
appointment last), every resident's row with their document and phone (a staff list)."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from kiosk.appointments import DueRow
from printing.appointment_due import NO_VILLAGE, render_due
from tests.printing.pdfcheck import MM


def _row(i: int, village: str) -> DueRow:
    return DueRow(village, f"居民{i:03d}", f"139{i:08d}", "resident_id", f"33010619600101{i:04d}",
                  "", "新冠疫苗(Vero细胞)", 2, date(2026, 12, 3), date(2027, 1, 7),
                  date(2026, 11, 12))  # fmt: skip


def test_the_due_list_reads_back_by_village_over_several_pages() -> None:
    rows = [_row(i, "东风村") for i in range(50)] + [_row(i, "红星社区") for i in range(50, 60)]
    rows += [_row(60, "")]
    pdf = render_due(rows, "城关镇卫生院疫苗接种点", date(2026, 12, 1), date(2026, 12, 14))
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((297 * MM, 210 * MM), abs=0.5)
    assert len(reader.pages) >= 2
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [page.extract_text() or "" for page in doc.pages]
    text = "".join(pages)
    assert "下一剂接种名单" in text and "共 61 人" in text
    assert text.index("东风村（50 人）") < text.index("红星社区（10 人）") < text.index(NO_VILLAGE)
    for r in rows:
        assert r.document_number in text and r.phone in text and r.name in text
    assert all("姓名" in page and "证件号码" in page for page in pages)  # the header on every page


def test_an_empty_window_says_so() -> None:
    pdf = render_due([], "城关镇卫生院疫苗接种点", date(2026, 12, 1), date(2026, 12, 14))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert "Nobody is due in this window" in (doc.pages[0].extract_text() or "")
