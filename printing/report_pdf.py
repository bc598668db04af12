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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.reports.formats import value_text
from kiosk.reports.model import (
    CumulativeReport,
    DayReport,
    Progress,
    Report,
    VillageCoverage,
    VillageDay,
)
from printing import report_wording as w
from printing.fonts import register_ticket_font
from printing.report_charts import doses_per_day_chart, throughput_chart, waits_chart

_MARGIN = 16 * mm
_WIDTH = A4[0] - 2 * _MARGIN
_HEAD_BG = colors.HexColor("#e8eef6")
_RULE = colors.HexColor("#b9c3cf")


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
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN + 4 * mm,
        title=f"{site} {title_zh} {_when(report)}",
        author=site,
        subject=title_en,
    )
    footer = _footer(report, site)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
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


def _style(size: float, leading: float | None = None, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}",
        fontName=register_ticket_font(),
        fontSize=size,
        leading=leading or size * 1.3,
        wordWrap="CJK",
        **kw,
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bi(words: w.Words, size: float = 8.5) -> Paragraph:
    """Chinese, then the English smaller and grey, in one cell."""
    zh, en = words
    small = size * 0.8
    return Paragraph(
        f'{_esc(zh)}<br/><font size="{small}" color="#5b6570">{_esc(en)}</font>',
        _style(size, size * 1.25),
    )


def _heading(key: str) -> list[Flowable]:
    zh, en = w.HEADINGS[key]
    return [
        Spacer(1, 3 * mm),
        Paragraph(
            f'{_esc(zh)} <font size="9" color="#5b6570">{_esc(en)}</font>',
            _style(12.5, 16, spaceAfter=2),
        ),
    ]


def _table(
    header: list[w.Words], body: list[list[Any]], widths: list[float] | None = None
) -> Table:
    data = [[_bi(h, 8) for h in header], *body]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_ticket_font()),
                ("FONTSIZE", (0, 1), (-1, -1), 9),
                ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _figures(items: Iterable[tuple[w.Words, object]], width: float = _WIDTH) -> Table:
    body = [[_bi(words), _value(value)] for words, value in items]
    return _table([w.COLUMNS["item"], w.COLUMNS["value"]], body, [width * 0.68, width * 0.32])


def _value(value: object) -> str:
    if isinstance(value, bool) or value is None:
        zh, en = w.YES_NO[value if isinstance(value, bool) else None]
        return f"{zh} {en}" if value is not None else zh
    return value_text(value)


def _breakdown(
    key: str, counts: dict[str, int], label: Callable[[str], w.Words], width: float = _WIDTH
) -> list[Flowable]:
    body = [[_bi(label(k)), str(n)] for k, n in counts.items()] or [[_bi(w.NOTHING), ""]]
    table = _table([w.HEADINGS[key], w.COLUMNS["count"]], body, [width * 0.75, width * 0.25])
    return [Spacer(1, 2 * mm), table]


def _side_by_side(left: list[Flowable], right: list[Flowable]) -> Table:
    half = (_WIDTH - 6 * mm) / 2
    t = Table([[left, right]], colWidths=[half + 6 * mm, half], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    return t


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
        Paragraph(f"{_esc(site)}　{_esc(zh)}", _style(18, 23)),
        Paragraph(f'<font color="#5b6570">{_esc(en)}</font>', _style(10.5, 14)),
        Paragraph(f"{_when(report)}{status}", _style(11, 16, spaceBefore=2)),
    ]


def _footer(report: Report, site: str) -> Callable[[Canvas, Any], None]:
    made = report.made_at.strftime("%Y-%m-%d %H:%M")
    zh, en = w.TITLES[report.kind]

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(register_ticket_font(), 7.5)
        canvas.setFillColor(colors.HexColor("#5b6570"))
        page = doc.page
        text = f"{site} {zh} {en} {_when(report)} · {w.MADE_AT[0]} {w.MADE_AT[1]} {made}"
        canvas.drawString(_MARGIN, _MARGIN - 2 * mm, text)
        number = f"{w.PAGE[0].format(page=page)} / {w.PAGE[1].format(page=page)}"
        canvas.drawRightString(A4[0] - _MARGIN, _MARGIN - 2 * mm, number)
        canvas.restoreState()

    return draw


Section = Callable[[], list[Flowable]]


# --- the day report -------------------------------------------------------------------------------


def _day(r: DayReport, site: str) -> list[Section]:
    half = (_WIDTH - 6 * mm) / 2
    reason = _reason(r)

    def summary() -> list[Flowable]:
        items = [(w.figure(k), v) for k, v in r.summary.items()]
        split = (len(items) + 1) // 2
        return [
            *_title(r, site),
            *_heading("summary"),
            _side_by_side([_figures(items[:split], half)], [_figures(items[split:], half)]),
        ]

    def doses() -> list[Flowable]:
        return [
            _side_by_side(
                [
                    *_breakdown("doses_by_product", r.doses_by_product, _plain, half),
                    *_breakdown(
                        "doses_by_dose_number",
                        r.doses_by_dose_number,
                        lambda n: (f"第{n}剂", f"dose {n}"),
                        half,
                    ),
                ],
                _breakdown("doses_by_lot", r.doses_by_lot, _plain, half),
            ),
        ]

    def reasons() -> list[Flowable]:
        return [
            _side_by_side(
                [
                    *_breakdown("deferrals_by_reason", r.deferrals_by_reason, reason, half),
                    *_breakdown("overrides_by_reason", r.overrides_by_reason, reason, half),
                ],
                [
                    *_breakdown("waste_by_reason", r.waste_by_reason, reason, half),
                    *_breakdown(
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
            Paragraph(f'<font color="#b3261e">⚠ {_esc(f)}</font>', _style(8.5))
            for f in r.fridge.flags
        ]
        return [
            CondPageBreak(50 * mm),
            _side_by_side(
                [*_heading("clearing"), _figures(items, half)],
                [*_heading("fridge"), _figures(fridge, half), *flags],
            ),
        ]

    def waits() -> list[Flowable]:
        body = [
            [
                _bi(w.STAGES.get(s.stage, (s.stage, s.stage))),
                str(s.count),
                value_text(s.median_minutes) or "—",
                value_text(s.p90_minutes) or "—",
            ]
            for s in r.waits
        ]
        cols = [w.COLUMNS[k] for k in ("item", "measured", "median", "p90")]
        widths = [_WIDTH * 0.52, _WIDTH * 0.16, _WIDTH * 0.16, _WIDTH * 0.16]
        return [KeepTogether([*_heading("waits"), _table(cols, body, widths)])]

    def charts() -> list[Flowable]:
        return [
            KeepTogether([*_heading("throughput"), throughput_chart(r.hours, _WIDTH)]),
            KeepTogether([*_heading("waits_chart"), waits_chart(r.hours, _WIDTH)]),
        ]

    def desks() -> list[Flowable]:
        hours = [
            [f"{h.hour}:00", str(h.issued), str(h.registered), str(h.vaccinated)] for h in r.hours
        ]
        cols = [w.COLUMNS[k] for k in ("item", "issued", "registered", "vaccinated")]
        per_hour = _table(cols, hours or [["", "", "", ""]], [_WIDTH * 0.25] * 4)
        return [
            KeepTogether([*_heading("per_hour"), per_hour]),
            _side_by_side(
                _breakdown("desks", r.registered_by_desk, _plain, half),
                _breakdown("stations", r.vaccinated_by_station, _plain, half),
            ),
        ]

    def villages() -> list[Flowable]:
        return _village_day(r.villages)

    return [summary, doses, reasons, clearing, waits, charts, desks, villages]


# --- the cumulative report ------------------------------------------------------------------------


def _cumulative(r: CumulativeReport, site: str) -> list[Section]:
    half = (_WIDTH - 6 * mm) / 2
    reason = _reason(r)

    def summary() -> list[Flowable]:
        items = [(w.figure(k), v) for k, v in r.summary.items()]
        split = (len(items) + 1) // 2
        return [
            *_title(r, site),
            *_heading("cumulative_summary"),
            _side_by_side([_figures(items[:split], half)], [_figures(items[split:], half)]),
            *_heading("doses_per_day"),
            doses_per_day_chart(r.days, _WIDTH),
        ]

    def breakdowns() -> list[Flowable]:
        return [
            _side_by_side(
                [
                    *_breakdown("doses_by_product", r.doses_by_product, _plain, half),
                    *_breakdown(
                        "doses_by_dose_number",
                        r.doses_by_dose_number,
                        lambda n: (f"第{n}剂", f"dose {n}"),
                        half,
                    ),
                    *_breakdown("deferrals_by_reason", r.deferrals_by_reason, reason, half),
                ],
                [
                    *_breakdown("waste_by_reason", r.waste_by_reason, reason, half),
                    *_breakdown("overrides_by_reason", r.overrides_by_reason, reason, half),
                    *_breakdown(
                        "adverse_by_severity",
                        r.adverse_by_severity,
                        lambda s: w.SEVERITY.get(s, (s, s)),
                        half,
                    ),
                ],
            ),
            *_breakdown("doses_by_lot", r.doses_by_lot, _plain),
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
        widths = [_WIDTH * 0.2] + [_WIDTH * 0.8 / 7] * 7
        return [*_heading("per_day"), _table([w.COLUMNS[k] for k in keys], body, widths)]

    def villages() -> list[Flowable]:
        return _village_coverage(r.villages)

    return [summary, villages, breakdowns, per_day]


# --- the village lists (issue 17) -----------------------------------------------------------------


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _village_coverage(villages: tuple[VillageCoverage, ...]) -> list[Flowable]:
    """Per village: registered, first dose, completed, next dose due, first-dose coverage; a
    total row. Nothing when the site has no village lists."""
    if not villages:
        return []
    keys = ("village", "listed", "first_dose", "completed", "due", "coverage")
    body: list[list[Any]] = []
    totals = [0, 0, 0, 0]
    for v in villages:
        counts = [v.registered, v.first_dose, v.completed, v.due]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        body.append([v.village, *map(str, counts), _percent(v.first_dose, v.registered)])
    body.append([_bi(w.TOTAL, 9), *map(str, totals), _percent(totals[1], totals[0])])
    widths = [_WIDTH * 0.3] + [_WIDTH * 0.14] * 5
    table = _table([w.COLUMNS[k] for k in keys], body, widths)
    table.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.8, _RULE)]))
    zh, en = w.VILLAGES_NOTE
    note = Paragraph(
        f'{_esc(zh)}<br/><font color="#5b6570">{_esc(en)}</font>',
        _style(7.5, 10, spaceBefore=2),
    )
    return [CondPageBreak(45 * mm), *_heading("villages"), table, note]


def _village_day(villages: tuple[VillageDay, ...]) -> list[Flowable]:
    if not villages:
        return []
    keys = ("village", "booked", "booked_vaccinated")
    body: list[list[Any]] = [[v.village, str(v.booked), str(v.vaccinated)] for v in villages]
    booked = sum(v.booked for v in villages)
    done = sum(v.vaccinated for v in villages)
    body.append([_bi(w.TOTAL, 9), str(booked), str(done)])
    table = _table([w.COLUMNS[k] for k in keys], body, [_WIDTH * 0.5, _WIDTH * 0.25, _WIDTH * 0.25])
    table.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.8, _RULE)]))
    return [KeepTogether([*_heading("villages_day"), table])]
