"""The PDF ticket read back: size, text, embedded font, pixels, and a QR that decodes."""

from __future__ import annotations

import dataclasses
import statistics
import time
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from printing import fonts
from printing.model import TicketPrint
from printing.pdf import render_pdf, render_ticket, wrap_text
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


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_page_is_exactly_the_paper_width(ticket: TicketPrint, paper_mm: int) -> None:
    width, height = page_size_pt(render_pdf(ticket, paper_mm))
    assert width == pytest.approx(paper_mm * MM, abs=0.01)
    assert 80 * MM < height < 180 * MM  # fitted to the content, not a whole page


def test_text_is_extractable_chinese_and_english(ticket: TicketPrint) -> None:
    text = text_of(render_pdf(ticket))
    for expected in (
        "A012",
        ticket.site_name,
        "第一剂",
        "前面还有 7 人 / 7 ahead",
        "2024-05-01 08:32",
        "请留意叫号",
        "Please wait for your number to be called",
        "接种后请留观 30 分钟",
        "Stay 30 minutes for observation after vaccination",
    ):
        assert expected in text
    assert "补打" not in text


def test_the_number_is_the_largest_text(ticket: TicketPrint) -> None:
    chars = chars_of(render_pdf(ticket))
    biggest = max(chars, key=lambda c: c["size"])
    number = [c for c in chars if c["size"] == biggest["size"]]
    assert "".join(str(c["text"]) for c in number) == "A012"
    others = [c["size"] for c in chars if c["size"] != biggest["size"]]
    assert biggest["size"] > 2.5 * max(others)


def test_reprint_is_marked(ticket: TicketPrint) -> None:
    text = text_of(render_pdf(dataclasses.replace(ticket, reprint=True)))
    assert "补打 REPRINT" in text


def test_observation_minutes_are_the_tickets(ticket: TicketPrint) -> None:
    text = text_of(render_pdf(dataclasses.replace(ticket, observation_minutes=60)))
    assert "接种后请留观 60 分钟" in text and "Stay 60 minutes" in text


def test_every_font_is_embedded_truetype(ticket: TicketPrint) -> None:
    found = font_files(render_pdf(ticket))
    assert found, "no fonts at all"
    for name, files in found.items():
        assert files == ["/FontFile2"], f"{name} is not an embedded TrueType font"
        assert "WenQuanYi" in name
        assert "STSong" not in name


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_long_texts_wrap_inside_the_page(ticket: TicketPrint, paper_mm: int) -> None:
    long = dataclasses.replace(
        ticket,
        site_name="散兵镇卫生院新冠疫苗临时接种点（第二中学体育馆）Sanbing Township Vaccination Site",
        label="AB123",
        category="第二剂及加强针 Later dose",
        ahead=1234,
    )
    pdf = render_pdf(long, paper_mm)
    width, _ = page_size_pt(pdf)
    chars = chars_of(pdf)
    assert min(c["x0"] for c in chars) >= 0
    assert max(c["x1"] for c in chars) <= width
    text = text_of(pdf).replace("\n", "")
    assert "AB123" in text and "前面还有 1234 人" in text and "体育馆" in text


def test_lines_do_not_overlap(ticket: TicketPrint) -> None:
    chars = chars_of(render_pdf(dataclasses.replace(ticket, reprint=True), 58))
    lines: dict[float, tuple[float, float]] = {}
    for c in chars:
        top, bottom = lines.get(round(c["top"], 1), (c["top"], c["bottom"]))
        lines[round(c["top"], 1)] = (min(top, c["top"]), max(bottom, c["bottom"]))
    spans = sorted(lines.values())
    for (_, bottom), (next_top, _) in zip(spans, spans[1:], strict=False):
        assert next_top >= bottom - 0.5, spans


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_renders_to_a_non_blank_image_whose_qr_decodes_to_the_token(
    ticket: TicketPrint, paper_mm: int, tmp_path: Path
) -> None:
    img = to_png(render_pdf(ticket, paper_mm), tmp_path)
    assert img.width == pytest.approx(paper_mm / 25.4 * 150, abs=2)
    assert 0.05 < dark_fraction(img) < 0.5
    assert qr_payloads(img) == [ticket.token]


def test_wrap_text_breaks_chinese_anywhere_and_english_at_spaces() -> None:
    font = fonts.register_ticket_font()
    lines = wrap_text("请留意叫号 Please wait for your number", font, 10, 60)
    assert len(lines) > 1
    assert "".join(lines).replace(" ", "") == "请留意叫号Pleasewaitforyournumber"
    assert all(not line.startswith(" ") for line in lines)
    assert "Plea" not in [w for line in lines for w in line.split()]


def test_unknown_paper_width_is_rejected(ticket: TicketPrint) -> None:
    with pytest.raises(ValueError, match="paper_mm"):
        render_pdf(ticket, 100)


def test_cups_media_names_the_page_size(ticket: TicketPrint) -> None:
    rendered = render_ticket(ticket, 58)
    w, h = page_size_pt(rendered.pdf)
    assert rendered.cups_media == f"Custom.58x{int(-(-h // MM))}mm"
    assert w == pytest.approx(58 * MM, abs=0.01)


def test_rendering_is_fast_after_the_first_call(ticket: TicketPrint) -> None:
    render_pdf(ticket)  # font registration happens once
    times = []
    for _ in range(20):
        started = time.perf_counter()
        render_pdf(ticket)
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.1


def test_missing_font_is_a_clear_error() -> None:
    with pytest.raises(fonts.FontMissingError, match="nope.ttc"):
        fonts._font_bytes("assets", ("fonts", "nope.ttc"))
    with pytest.raises(fonts.FontMissingError, match="no_such_package"):
        fonts._font_bytes("no_such_package", ("fonts", "x.ttc"))


def test_wrap_text_breaks_a_word_wider_than_the_line_between_its_characters() -> None:
    font = fonts.register_ticket_font()
    lot = "LOT2024051700000123456789ABCDEF"
    lines = wrap_text(f"批号 {lot}", font, 10, 60)
    assert "".join(lines).replace(" ", "") == f"批号{lot}"
    assert all(stringWidth(line, font, 10) <= 60 for line in lines)


def test_wrap_text_keeps_chinese_punctuation_with_its_neighbour() -> None:
    font = fonts.register_ticket_font()
    text = "重组带状疱疹疫苗（CHO细胞），请妥善保管"
    for width in range(40, 200, 3):
        lines = wrap_text(text, font, 10, width)
        assert "".join(lines) == text
        assert not any(line[0] in "）。，" for line in lines), lines
        assert not any(line[-1] == "（" for line in lines), lines
