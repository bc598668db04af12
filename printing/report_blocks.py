"""The building blocks of the report PDF (:mod:`printing.report_pdf`): styles, bilingual cells,
headings, figure and breakdown tables, two columns side by side, and the village tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.reports.formats import value_text
from kiosk.reports.model import (
    VillageCoverage,
    VillageDay,
)
from printing import report_wording as w
from printing.fonts import register_ticket_font

MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN
HEAD_BG = colors.HexColor("#e8eef6")
RULE = colors.HexColor("#b9c3cf")


def style(size: float, leading: float | None = None, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}",
        fontName=register_ticket_font(),
        fontSize=size,
        leading=leading or size * 1.3,
        wordWrap="CJK",
        **kw,
    )


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def bilingual(words: w.Words, size: float = 8.5) -> Paragraph:
    """Chinese, then the English smaller and grey, in one cell."""
    zh, en = words
    small = size * 0.8
    return Paragraph(
        f'{esc(zh)}<br/><font size="{small}" color="#5b6570">{esc(en)}</font>',
        style(size, size * 1.25),
    )


def heading(key: str) -> list[Flowable]:
    zh, en = w.HEADINGS[key]
    return [
        Spacer(1, 3 * mm),
        Paragraph(
            f'{esc(zh)} <font size="9" color="#5b6570">{esc(en)}</font>',
            style(12.5, 16, spaceAfter=2),
        ),
    ]


def boxed(header: list[w.Words], body: list[list[Any]], widths: list[float] | None = None) -> Table:
    data = [[bilingual(h, 8) for h in header], *body]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_ticket_font()),
                ("FONTSIZE", (0, 1), (-1, -1), 9),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def figures(items: Iterable[tuple[w.Words, object]], width: float = WIDTH) -> Table:
    body = [[bilingual(words), shown(value)] for words, value in items]
    return boxed([w.COLUMNS["item"], w.COLUMNS["value"]], body, [width * 0.68, width * 0.32])


def shown(value: object) -> str:
    if isinstance(value, bool) or value is None:
        zh, en = w.YES_NO[value if isinstance(value, bool) else None]
        return f"{zh} {en}" if value is not None else zh
    return value_text(value)


def breakdown(
    key: str, counts: dict[str, int], label: Callable[[str], w.Words], width: float = WIDTH
) -> list[Flowable]:
    body = [[bilingual(label(k)), str(n)] for k, n in counts.items()] or [
        [bilingual(w.NOTHING), ""]
    ]
    table = boxed([w.HEADINGS[key], w.COLUMNS["count"]], body, [width * 0.75, width * 0.25])
    return [Spacer(1, 2 * mm), table]


def side_by_side(left: list[Flowable], right: list[Flowable]) -> Table:
    half = (WIDTH - 6 * mm) / 2
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


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def village_coverage(villages: tuple[VillageCoverage, ...]) -> list[Flowable]:
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
        body.append([v.village, *map(str, counts), percent(v.first_dose, v.registered)])
    body.append([bilingual(w.TOTAL, 9), *map(str, totals), percent(totals[1], totals[0])])
    widths = [WIDTH * 0.3] + [WIDTH * 0.14] * 5
    table = boxed([w.COLUMNS[k] for k in keys], body, widths)
    table.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE)]))
    zh, en = w.VILLAGES_NOTE
    note = Paragraph(
        f'{esc(zh)}<br/><font color="#5b6570">{esc(en)}</font>',
        style(7.5, 10, spaceBefore=2),
    )
    return [CondPageBreak(45 * mm), *heading("villages"), table, note]


def village_day(villages: tuple[VillageDay, ...]) -> list[Flowable]:
    if not villages:
        return []
    keys = ("village", "booked", "booked_vaccinated")
    body: list[list[Any]] = [[v.village, str(v.booked), str(v.vaccinated)] for v in villages]
    booked = sum(v.booked for v in villages)
    done = sum(v.vaccinated for v in villages)
    body.append([bilingual(w.TOTAL, 9), str(booked), str(done)])
    table = boxed([w.COLUMNS[k] for k in keys], body, [WIDTH * 0.5, WIDTH * 0.25, WIDTH * 0.25])
    table.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE)]))
    return [KeepTogether([*heading("villages_day"), table])]
