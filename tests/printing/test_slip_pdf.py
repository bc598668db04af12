"""The record slip PDF read back: size, every line's text, embedded font, pixels, a QR that decodes."""

from __future__ import annotations

import dataclasses
import io
import itertools
from pathlib import Path

import pytest
from pypdf import PdfReader

from printing.model import TicketPrint
from printing.pdf import render_pdf
from printing.slip import SlipPrint, slip_wording
from printing.slip_pdf import render_slip, render_slip_pdf
from tests.printing.pdfcheck import (
    MM,
    chars_of,
    dark_fraction,
    font_files,
    page_size_pt,
    qr_payloads,
    text_of,
    to_png,
)

PRINTABLE_MM = {80: 72.0, 58: 48.0}


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_page_is_exactly_the_paper_width(slip: SlipPrint, paper_mm: int) -> None:
    width, height = page_size_pt(render_slip_pdf(slip, paper_mm))
    assert width == pytest.approx(paper_mm * MM, abs=0.01)
    assert 100 * MM < height < 260 * MM  # fitted to the content, not a whole page


def test_every_line_is_there_in_chinese_and_english(slip: SlipPrint) -> None:
    text = text_of(render_slip_pdf(slip))
    flat = text.replace("\n", "").replace(" ", "")
    words = slip_wording(slip)
    expected = [words.title_zh, words.title_en, words.keep_zh, words.keep_en]
    for row in (*words.rows, words.next_dose):
        expected += [row.label_zh, row.label_en, row.value, row.value_en]
    for line in filter(None, expected):
        assert line.replace(" ", "") in flat, line
    for literal in ("第2剂（基础）", "Dose 2 (primary)", "2026-12-19 至 2027-01-23", "男", "Male"):
        assert literal in text
    assert "from 2026-12-19 to 2027-01-23" in text
    assert "补打" not in text


def test_series_complete_and_reprint(slip: SlipPrint) -> None:
    text = text_of(render_slip_pdf(dataclasses.replace(slip, next_window=None, reprint=True)))
    assert "按程序已完成" in text and "series complete" in text
    assert "补打 REPRINT" in text


def test_every_font_is_the_embedded_truetype_cjk_font(slip: SlipPrint) -> None:
    found = font_files(render_slip_pdf(slip, 58))
    assert found, "no fonts at all"
    for name, files in found.items():
        assert files == ["/FontFile2"], f"{name} is not an embedded TrueType font"
        assert "WenQuanYi" in name and "STSong" not in name


def test_the_pdf_metadata_names_no_one(slip: SlipPrint) -> None:
    meta = PdfReader(io.BytesIO(render_slip_pdf(slip))).metadata
    assert meta is not None
    assert str(meta.title) == f"{slip.site_name} 接种凭证" and slip.name not in str(meta.author)


def _boxes_overlap(a: dict[str, float], b: dict[str, float], slack: float = 0.3) -> bool:
    return (
        a["x0"] < b["x1"] - slack
        and b["x0"] < a["x1"] - slack
        and a["top"] < b["bottom"] - slack
        and b["top"] < a["bottom"] - slack
    )


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_long_values_wrap_inside_the_printable_width_without_overlapping(
    slip: SlipPrint, paper_mm: int
) -> None:
    long = dataclasses.replace(
        slip,
        name="买买提·艾力·阿不都热合曼·库尔班江",
        product="新型冠状病毒mRNA疫苗（二价：原型株/奥密克戎BA.4/5）COVID-19 mRNA Bivalent Vaccine",
        manufacturer="Sinopharm Beijing Institute of Biological Products Company Limited",
        lot="LOT2024051700000123456789ABCDEF",
        station="第二中学体育馆临时接种点 3 号接种台",
        reprint=True,
    )
    pdf = render_slip_pdf(long, paper_mm)
    width, _ = page_size_pt(pdf)
    margin = (paper_mm - PRINTABLE_MM[paper_mm]) / 2 * MM
    chars = [c for c in chars_of(pdf) if str(c["text"]).strip()]
    assert min(c["x0"] for c in chars) >= margin - 0.5
    assert max(c["x1"] for c in chars) <= width - margin + 0.5
    for a, b in itertools.combinations(chars, 2):
        assert not _boxes_overlap(a, b), (a["text"], b["text"], a, b)
    # the value column read on its own, top to bottom: each long value is there, wrapped
    value_x = min(c["x0"] for c in chars if c["text"] == long.name[0])
    column = sorted(
        (c for c in chars if c["x0"] >= value_x - 0.5), key=lambda c: (c["top"], c["x0"])
    )
    flat = "".join(str(c["text"]) for c in column)
    for value in (long.name, long.lot, long.product, long.manufacturer, long.station):
        assert value.replace(" ", "") in flat


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_renders_to_an_image_whose_qr_decodes_to_the_token(
    slip: SlipPrint, paper_mm: int, tmp_path: Path
) -> None:
    img = to_png(render_slip_pdf(slip, paper_mm), tmp_path)
    assert img.width == pytest.approx(paper_mm / 25.4 * 150, abs=2)
    assert 0.03 < dark_fraction(img) < 0.5
    assert qr_payloads(img) == [slip.token]


def test_unknown_paper_width_is_rejected(slip: SlipPrint) -> None:
    with pytest.raises(ValueError, match="paper_mm"):
        render_slip_pdf(slip, 100)


def test_cups_media_names_the_page_size(slip: SlipPrint) -> None:
    rendered = render_slip(slip, 58)
    _, h = page_size_pt(rendered.pdf)
    assert rendered.cups_media == f"Custom.58x{int(-(-h // MM))}mm"


def test_a_slip_is_longer_than_a_ticket(slip: SlipPrint, ticket: TicketPrint) -> None:
    assert page_size_pt(render_slip_pdf(slip))[1] > page_size_pt(render_pdf(ticket))[1]
