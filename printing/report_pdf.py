"""The day report and the cumulative report as an A4 PDF (issue 15): tables and charts, Chinese
first and English second, in the embedded CJK TrueType font (:mod:`printing.fonts`).

API (the admin screen's print and save, and ``kiosk report --format pdf``)::

    from kiosk.reports import build_day_report, build_cumulative_report
    from printing.report_pdf import render_report, write_report

    report = build_day_report(engine, day)            # or build_cumulative_report(engine, upto)
    pdf: bytes = render_report(report, site_name="城关镇卫生院", progress=None)
    write_report(report, path, site_name="...", progress=None)  # the same, written to ``path``

``progress(done, total)`` is called once per section drawn, then once more when the file is
written; it runs on the calling thread. The text is real text (searchable, copyable): the figures
can be read back from the PDF. Charts: :mod:`printing.report_charts`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
)

from kiosk.reports.formats import value_text
from kiosk.reports.model import (
    CumulativeReport,
    DayReport,
    Progress,
    Report,
)
from printing import report_wording as w
from printing.fonts import register_ticket_font
from printing.report_blocks import (
    MARGIN,
    WIDTH,
    bilingual,
    boxed,
    breakdown,
    esc,
    figures,
    heading,
    side_by_side,
    style,
    village_coverage,
    village_day,
)
from printing.report_charts import doses_per_day_chart, throughput_chart, waits_chart


def render_report(
    report: Report, *, site_name: str | None = None, progress: Progress | None = None
) -> bytes:
    """The report as A4 PDF bytes."""
    site = site_name or report.site
    sections = _day(report, site) if isinstance(report, DayReport) else _cumulative(report, site)
    total = len(sections) + 1
    story: list[Flowable] = []
    for i, section in enumerate(sections, 1):
        story.extend(section())
        if progress is not None:
            progress(i, total)
    out = io.BytesIO()
    title_zh, title_en = w.TITLES[report.kind]
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"{site} {title_zh} {_when(report)}",
        author=site,
        subject=title_en,
    )
    footer = _footer(report, site)
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=_NumberedCanvas)
    if progress is not None:
        progress(total, total)
    return out.getvalue()


def write_report(
    report: Report,
    path: str | Path,
    *,
    site_name: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Render the report and write it to ``path`` (its folder must exist); return the path."""
    target = Path(path)
    target.write_bytes(render_report(report, site_name=site_name, progress=progress))
    return target


# --- building blocks ------------------------------------------------------------------------------


def _reason(report: Report) -> Callable[[str], w.Words]:
    def label(code: str) -> w.Words:
        if code == "uncoded":
            return w.UNCODED
        zh, en = report.reasons.get(code, (code, code))
        return zh, f"{en} ({code})" if en != code else code

    return label


def _plain(key: str) -> w.Words:
    return key, ""


def _when(report: Report) -> str:
    if isinstance(report, DayReport):
        return report.day.isoformat()
    first = report.first_day.isoformat() if report.first_day else "—"
    return f"{first} — {report.upto.isoformat()}"


def _title(report: Report, site: str) -> list[Flowable]:
    zh, en = w.TITLES[report.kind]
    status = ""
    if isinstance(report, DayReport):
        s_zh, s_en = w.STATUS.get(report.status, (report.status, report.status))
        status = f"　{s_zh} {s_en}"
    return [
        Paragraph(f"{esc(site)}　{esc(zh)}", style(18, 23)),
        Paragraph(f'<font color="#5b6570">{esc(en)}</font>', style(10.5, 14)),
        Paragraph(f"{_when(report)}{status}", style(11, 16, spaceBefore=2)),
    ]


def _footer(report: Report, site: str) -> Callable[[Canvas, Any], None]:
    made = report.made_at.strftime("%Y-%m-%d %H:%M")
    zh, en = w.TITLES[report.kind]

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(register_ticket_font(), 7.5)
        canvas.setFillColor(colors.HexColor("#5b6570"))
        text = f"{site} {zh} {en} {_when(report)} · {w.MADE_AT[0]} {w.MADE_AT[1]} {made}"
        canvas.drawString(MARGIN, MARGIN - 2 * mm, text)
        canvas.restoreState()

    return draw


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no types
    """A canvas that writes "page N of M" on each page once the last one is known: the pages are
    kept until :meth:`save`, then each gets its number (reportlab's usual two-step)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.saveState()
            self.setFont(register_ticket_font(), 7.5)
            self.setFillColor(colors.HexColor("#5b6570"))
            zh, en = (words.format(page=number, pages=total) for words in w.PAGE)
            # on its own line, under the footer: a long cumulative footer reaches the right edge
            self.drawRightString(A4[0] - MARGIN, MARGIN - 6 * mm, f"{zh} / {en}")
            self.restoreState()
            super().showPage()
        super().save()


Section = Callable[[], list[Flowable]]


def _summary(r: Report, half: float) -> Flowable:
    """The report's headline figures, in two columns side by side."""
    items = [(w.figure(k), v) for k, v in r.summary.items()]
    split = (len(items) + 1) // 2
    return side_by_side([figures(items[:split], half)], [figures(items[split:], half)])


# --- the day report -------------------------------------------------------------------------------


def _day(r: DayReport, site: str) -> list[Section]:
    half = (WIDTH - 6 * mm) / 2
    reason = _reason(r)

    def summary() -> list[Flowable]:
        return [*_title(r, site), *heading("summary"), _summary(r, half)]

    def doses() -> list[Flowable]:
        return [
            side_by_side(
                [
                    *breakdown("doses_by_product", r.doses_by_product, _plain, half),
                    *breakdown(
                        "doses_by_dose_number",
                        r.doses_by_dose_number,
                        lambda n: (f"第{n}剂", f"dose {n}"),
                        half,
                    ),
                ],
                breakdown("doses_by_lot", r.doses_by_lot, _plain, half),
            ),
        ]

    def reasons() -> list[Flowable]:
        return [
            side_by_side(
                [
                    *breakdown("deferrals_by_reason", r.deferrals_by_reason, reason, half),
                    *breakdown("overrides_by_reason", r.overrides_by_reason, reason, half),
                ],
                [
                    *breakdown("waste_by_reason", r.waste_by_reason, reason, half),
                    *breakdown(
                        "adverse_by_severity",
                        r.adverse_by_severity,
                        lambda s: w.SEVERITY.get(s, (s, s)),
                        half,
                    ),
                ],
            )
        ]

    def clearing() -> list[Flowable]:
        c = r.clearing
        items: list[tuple[w.Words, object]] = [
            (w.figure("cleared_to_zero"), c.cleared_to_zero),
            (w.figure("balanced"), c.balanced),
            (w.figure("doses_in"), c.doses_in),
            (w.figure("given"), c.given),
            (w.figure("wasted"), c.wasted),
            (w.figure("returned"), c.returned),
            (w.figure("left_in_open_vials"), c.left_in_open_vials),
        ]
        for status, n in c.standby.items():
            zh, en = w.STANDBY.get(status, (status, status))
            items.append(((f"候补名单：{zh}", f"Standby list: {en}"), n))
        fridge: list[tuple[w.Words, object]] = [
            (w.figure("fridge_open_c"), r.fridge.open_c),
            (w.figure("fridge_close_c"), r.fridge.close_c),
        ]
        flags: list[Flowable] = [
            Paragraph(f'<font color="#b3261e">⚠ {esc(f)}</font>', style(8.5))
            for f in r.fridge.flags
        ]
        return [
            CondPageBreak(50 * mm),
            side_by_side(
                [*heading("clearing"), figures(items, half)],
                [*heading("fridge"), figures(fridge, half), *flags],
            ),
        ]

    def waits() -> list[Flowable]:
        body = [
            [
                bilingual(w.STAGES.get(s.stage, (s.stage, s.stage))),
                str(s.count),
                value_text(s.median_minutes) or "—",
                value_text(s.p90_minutes) or "—",
            ]
            for s in r.waits
        ]
        cols = [w.COLUMNS[k] for k in ("item", "measured", "median", "p90")]
        widths = [WIDTH * 0.52, WIDTH * 0.16, WIDTH * 0.16, WIDTH * 0.16]
        return [KeepTogether([*heading("waits"), boxed(cols, body, widths)])]

    def charts() -> list[Flowable]:
        return [
            KeepTogether([*heading("throughput"), throughput_chart(r.hours, WIDTH)]),
            KeepTogether([*heading("waits_chart"), waits_chart(r.hours, WIDTH)]),
        ]

    def desks() -> list[Flowable]:
        hours = [
            [f"{h.hour}:00", str(h.issued), str(h.registered), str(h.vaccinated)] for h in r.hours
        ]
        cols = [w.COLUMNS[k] for k in ("item", "issued", "registered", "vaccinated")]
        empty = [[bilingual(w.NOTHING), "", "", ""]]  # "无 / none", as the other tables say it
        per_hour = boxed(cols, hours or empty, [WIDTH * 0.25] * 4)
        return [
            KeepTogether([*heading("per_hour"), per_hour]),
            side_by_side(
                breakdown("desks", r.registered_by_desk, _plain, half),
                breakdown("stations", r.vaccinated_by_station, _plain, half),
            ),
        ]

    def desk_hours() -> list[Flowable]:
        """Throughput per hour at each desk (registered) and station (vaccinated)."""
        places = [
            *((f"{name} · 登记 registered", by) for name, by in r.registered_by_desk_hour.items()),
            *(
                (f"{name} · 接种 vaccinated", by)
                for name, by in r.vaccinated_by_station_hour.items()
            ),
        ]
        hours = sorted({h for _name, by in places for h in by})
        if not hours:
            return []
        header = [w.COLUMNS["place"], *((f"{h}:00", "") for h in hours), w.COLUMNS["total"]]
        body = [
            [name, *(str(by.get(h, "")) for h in hours), str(sum(by.values()))]
            for name, by in places
        ]
        first = WIDTH * 0.3
        rest = (WIDTH - first) / (len(hours) + 1)
        grid = boxed(header, body, [first, *[rest] * (len(hours) + 1)])
        return [KeepTogether([*heading("desk_hours"), grid])]

    def villages() -> list[Flowable]:
        return village_day(r.villages)

    return [summary, doses, reasons, clearing, waits, charts, desks, desk_hours, villages]


# --- the cumulative report ------------------------------------------------------------------------


def _cumulative(r: CumulativeReport, site: str) -> list[Section]:
    half = (WIDTH - 6 * mm) / 2
    reason = _reason(r)

    def summary() -> list[Flowable]:
        return [
            *_title(r, site),
            *heading("cumulative_summary"),
            _summary(r, half),
            *heading("doses_per_day"),
            doses_per_day_chart(r.days, WIDTH),
        ]

    def breakdowns() -> list[Flowable]:
        return [
            side_by_side(
                [
                    *breakdown("doses_by_product", r.doses_by_product, _plain, half),
                    *breakdown(
                        "doses_by_dose_number",
                        r.doses_by_dose_number,
                        lambda n: (f"第{n}剂", f"dose {n}"),
                        half,
                    ),
                    *breakdown("deferrals_by_reason", r.deferrals_by_reason, reason, half),
                ],
                [
                    *breakdown("waste_by_reason", r.waste_by_reason, reason, half),
                    *breakdown("overrides_by_reason", r.overrides_by_reason, reason, half),
                    *breakdown(
                        "adverse_by_severity",
                        r.adverse_by_severity,
                        lambda s: w.SEVERITY.get(s, (s, s)),
                        half,
                    ),
                ],
            ),
            *breakdown("doses_by_lot", r.doses_by_lot, _plain),
        ]

    def per_day() -> list[Flowable]:
        keys = ("day", "issued", "doses", "first", "deferred", "missed", "wasted", "cleared")
        body = [
            [
                line.day.isoformat(),
                str(line.issued),
                str(line.doses),
                str(line.first_doses),
                str(line.deferred),
                str(line.missed),
                str(line.wasted),
                w.YES_NO[line.cleared_to_zero][0],
            ]
            for line in r.days
        ]
        widths = [WIDTH * 0.2] + [WIDTH * 0.8 / 7] * 7
        return [*heading("per_day"), boxed([w.COLUMNS[k] for k in keys], body, widths)]

    def villages() -> list[Flowable]:
        return village_coverage(r.villages)

    return [summary, villages, breakdowns, per_day]


# --- the village lists (issue 17) -----------------------------------------------------------------
