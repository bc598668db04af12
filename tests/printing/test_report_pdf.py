"""The report PDF read back: A4, the CJK font embedded, each figure printed beside its label, the
charts drawn, every page rendered by pdftoppm; ``kiosk report --format pdf`` writes one."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from kiosk.engine import Engine
from kiosk.reports import (
    CumulativeReport,
    DayReport,
    VillageCoverage,
    VillageDay,
    build_cumulative_report,
    build_day_report,
)
from printing import report_wording as w
from printing.report_pdf import render_report, write_report
from tests.kiosk.reports.conftest import LAST, simulated_engine
from tests.printing.pdfcheck import dark_fraction, font_files, page_size_pt, text_of

A4 = (595.3, 841.9)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    e = simulated_engine(tmp_path_factory.mktemp("pdf") / "sim.sqlite")
    yield e
    e.db.dispose()


@pytest.fixture(scope="module")
def day_report(engine: Engine) -> DayReport:
    return build_day_report(engine, LAST)


@pytest.fixture(scope="module")
def cumulative(engine: Engine) -> CumulativeReport:
    return build_cumulative_report(engine, LAST)


def _words(pdf: bytes) -> list[list[dict[str, float | str]]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [p.extract_words(keep_blank_chars=False) for p in doc.pages]


def rows_beside(pdf: bytes, label: str, span: float = 0.5) -> list[list[str]]:
    """For each place the label is printed: the words on its row, right of it, within ``span``
    of the page's width from it (half: a table of the two side by side)."""
    found = []
    for words in _words(pdf):
        for lab in (x for x in words if x["text"] == label):
            top, x0 = float(lab["top"]), float(lab["x0"])
            found.append(
                [
                    str(x["text"])
                    for x in words
                    if abs(float(x["top"]) - top) < 8
                    and float(x["x0"]) > float(lab["x1"])
                    and float(x["x1"]) < x0 + A4[0] * span
                ]
            )
    return found


def beside(pdf: bytes, label: str, span: float = 0.5) -> list[str]:
    return [word for row in rows_beside(pdf, label, span) for word in row]


def test_a4_with_the_font_embedded(day_report: DayReport) -> None:
    pdf = render_report(day_report, site_name="城关镇卫生院")
    width, height = page_size_pt(pdf)
    assert (round(width, 1), round(height, 1)) == A4
    fonts = font_files(pdf)  # reportlab lists its base font too; no text is set in it
    assert any("WenQuanYi" in name and files == ["/FontFile2"] for name, files in fonts.items())
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        used = {c["fontname"] for page in doc.pages for c in page.chars}
    assert used and all("WenQuanYiMicroHei" in name for name in used), used
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info is not None and "城关镇卫生院" in str(info.title)


def test_every_headline_figure_is_printed_beside_its_label(day_report: DayReport) -> None:
    pdf = render_report(day_report)
    for key, value in day_report.summary.items():
        zh, _ = w.figure(key)
        expected = (
            "—" if value is None else (f"{value:.1f}" if isinstance(value, float) else str(value))
        )
        assert expected in beside(pdf, zh), (key, zh, expected)
    text = text_of(pdf)
    for code, n in day_report.deferrals_by_reason.items():
        zh = day_report.reasons[code][0]
        assert str(n) in beside(pdf, zh), code
    for stage in day_report.waits:
        row = beside(pdf, w.STAGES[stage.stage][0], span=1)
        assert str(stage.count) in row and f"{stage.median_minutes:.1f}" in row
    for station, n in day_report.vaccinated_by_station.items():
        assert str(n) in beside(pdf, station)
    for heading in ("waits_chart", "throughput", "clearing", "fridge", "desk_hours"):
        assert w.HEADINGS[heading][0] in text and w.HEADINGS[heading][1] in text
    for desk, by_hour in day_report.registered_by_desk_hour.items():
        row = rows_beside(pdf, desk, span=1)  # its hours, then the day's total, last
        assert any(r and r[-1] == str(sum(by_hour.values())) for r in row), (desk, row)


def test_the_cumulative_report_prints_its_totals_and_every_day(
    cumulative: CumulativeReport,
) -> None:
    pdf = render_report(cumulative, site_name="城关镇卫生院")
    assert str(cumulative.summary["cumulative_doses"]) in beside(pdf, "累计剂次")
    persons = str(cumulative.summary["cumulative_first_dose_persons"])
    assert persons in beside(pdf, "第一针剂人数（累计）")
    for line in cumulative.days:
        rows = rows_beside(pdf, line.day.isoformat(), span=1)
        expected = [str(line.issued), str(line.doses), str(line.first_doses)]
        assert any(row[:3] == expected for row in rows), (rows, expected)
    assert "每日接种剂次" in text_of(pdf)


def test_every_page_renders_with_ink_and_charts(
    day_report: DayReport, cumulative: CumulativeReport, tmp_path: Path
) -> None:
    for name, report in (("day", day_report), ("cumulative", cumulative)):
        path = write_report(report, tmp_path / f"{name}.pdf")
        pages = len(PdfReader(path).pages)
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / name)],
                       check=True, timeout=60)  # fmt: skip
        images = sorted(tmp_path.glob(f"{name}-*.png"))
        assert len(images) == pages >= 1
        for image in images:
            with Image.open(image) as img:
                assert 0.001 < dark_fraction(img.convert("L")) < 0.5, image.name
        colours: set[tuple[int, int, int]] = set()
        for image in images:
            with Image.open(image) as img:
                colours |= {tuple(c) for _, c in img.convert("RGB").getcolors(1 << 16) or []}  # type: ignore[arg-type, misc]
        assert any(b > 150 and r < 80 for r, _, b in colours), name  # the blue of the bars


def test_progress_reaches_its_total(day_report: DayReport) -> None:
    seen: list[tuple[int, int]] = []
    render_report(day_report, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_kiosk_report_writes_a_pdf_csv_and_json(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.cli import main

    db = str(engine.db.url)
    for fmt in ("pdf", "csv", "json"):
        out = tmp_path / f"r.{fmt}"
        args = ["--db", db, "report", "--day", LAST.isoformat(), "--format", fmt, "--out", str(out)]
        assert main(args) == 0
        assert out.stat().st_size > 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbfday,figure,dimension,value")
    assert main(["--db", db, "report", "--day", LAST.isoformat(), "--cumulative", "--format", "pdf",
                 "--out", str(tmp_path / "c.pdf")]) == 0  # fmt: skip
    assert "累计剂次" in text_of((tmp_path / "c.pdf").read_bytes())
    capsys.readouterr()


def test_coverage_by_village_is_a_table_with_a_total(
    cumulative: CumulativeReport, day_report: DayReport
) -> None:
    villages = (
        VillageCoverage("东风村", 120, 96, 40, 31),
        VillageCoverage("红星社区", 80, 20, 4, 9),
    )
    pdf = render_report(replace(cumulative, villages=villages))
    text = text_of(pdf)
    assert w.HEADINGS["villages"][0] in text and w.HEADINGS["villages"][1] in text
    assert rows_beside(pdf, "东风村", span=1) == [["120", "96", "40", "31", "80.0%"]]
    assert rows_beside(pdf, "红星社区", span=1) == [["80", "20", "4", "9", "25.0%"]]
    assert rows_beside(pdf, w.TOTAL[0], span=1) == [["200", "116", "44", "40", "58.0%"]]
    booked = (VillageDay("东风村", 30, 22), VillageDay("向阳村", 5, 0))
    day_pdf = render_report(replace(day_report, villages=booked))
    assert w.HEADINGS["villages_day"][0] in text_of(day_pdf)
    assert rows_beside(day_pdf, "向阳村", span=1) == [["5", "0"]]
    assert rows_beside(day_pdf, w.TOTAL[0], span=1) == [["35", "22"]]


def test_no_village_lists_no_village_table(
    cumulative: CumulativeReport, day_report: DayReport
) -> None:
    for report in (replace(cumulative, villages=()), replace(day_report, villages=())):
        text = text_of(render_report(report))
        assert w.HEADINGS["villages"][0] not in text
        assert w.HEADINGS["villages_day"][0] not in text


def test_every_page_says_its_number_of_all_on_a_line_of_its_own(
    cumulative: CumulativeReport, day_report: DayReport
) -> None:
    """The page number under the footer, not on it: a cumulative footer runs to the right edge."""
    for report in (cumulative, day_report):
        pages = _words(render_report(report))
        for number, words in enumerate(pages, 1):
            made = next(x for x in words if x["text"] == "Made")
            of = [x for x in words if x["text"] == "of"]
            assert of, f"page {number} has no page number"
            assert float(of[-1]["top"]) > float(made["bottom"])  # below the footer's line
        assert any(x["text"] == str(len(pages)) for x in pages[-1])
