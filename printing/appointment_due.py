"""The next-dose list (应种未种/下一剂提醒名单) as a PDF for village staff: A4 landscape, one
section per village with its residents due in the window, the table's header repeated on every
page. Staff paper: names, phones and documents in full (it goes to the village staff who notify
them; the command writes it owner-only)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kiosk.appointments import DueRow
from kiosk.documents import KINDS
from printing.fonts import register_ticket_font

HEADER = ("姓名\nName", "电话\nPhone", "证件\nDocument", "证件号码\nNumber", "疫苗\nVaccine",
          "剂次\nDose", "应种日期\nDue from", "最迟\nDue until", "上次接种\nLast dose")  # fmt: skip
WIDTHS_MM = (24, 28, 26, 44, 50, 13, 24, 24, 24)
NO_VILLAGE = "未登记村（社区） No village on file"


def _rows(rows: Sequence[DueRow]) -> list[list[str]]:
    return [
        [
            r.name,
            r.phone,
            KINDS[r.document_type].label if r.document_type in KINDS else r.document_type,
            r.document_number + (f" ({r.document_country})" if r.document_country else ""),
            r.product,
            str(r.next_dose_number),
            r.due_from.isoformat(),
            r.due_until.isoformat() if r.due_until else "—",
            r.last_dose_at.isoformat(),
        ]
        for r in rows
    ]


def render_due(rows: Sequence[DueRow], site_name: str, first: date, last: date) -> bytes:
    """``rows`` (sorted by village, as :meth:`AppointmentOps.due` returns them) as a PDF."""
    font = register_ticket_font()
    title = ParagraphStyle("title", fontName=font, fontSize=15, leading=20)
    small = ParagraphStyle("small", fontName=font, fontSize=9, leading=12)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
        topMargin=12 * mm, bottomMargin=14 * mm, title=f"{site_name} 下一剂接种名单",
        author=site_name, invariant=True,
    )  # fmt: skip
    story: list[Flowable] = [
        Paragraph(f"{site_name}　下一剂接种名单", title),
        Paragraph(
            f"应种日期 {first.isoformat()} 至 {last.isoformat()}，共 {len(rows)} 人 · "
            f"Residents due for their next dose from {first} to {last}: {len(rows)}",
            small,
        ),
        Spacer(1, 4 * mm),
    ]
    # Two header rows repeated on every page: the village (so a page on its own says whose it
    # is), then the columns.
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), font, 8.5),
            ("FONT", (0, 0), (-1, 0), font, 12),
            ("SPAN", (0, 0), (-1, 0)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ("FONT", (0, 1), (-1, 1), font, 8),
            ("BACKGROUND", (0, 1), (-1, 1), colors.Color(0.88, 0.88, 0.88)),
            ("GRID", (0, 1), (-1, -1), 0.4, colors.Color(0.55, 0.55, 0.55)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ROWBACKGROUNDS", (0, 2), (-1, -1), [colors.white, colors.Color(0.96, 0.96, 0.96)]),
        ]
    )
    for village, group in groupby(rows, key=lambda r: r.village):
        mine = list(group)
        title_row = [f"{village or NO_VILLAGE}（{len(mine)} 人）"] + [""] * (len(HEADER) - 1)
        table = Table([title_row, list(HEADER), *_rows(mine)],
                      colWidths=[w * mm for w in WIDTHS_MM], repeatRows=2, style=style)  # fmt: skip
        story += [table, Spacer(1, 6 * mm)]
    if not rows:
        story.append(
            Paragraph("这一时段没有应种下一剂的居民。 Nobody is due in this window.", small)
        )

    def footer(c: Canvas, d: SimpleDocTemplate) -> None:
        c.setFont(font, 8)
        c.drawRightString(d.pagesize[0] - 12 * mm, 7 * mm, f"{site_name} · 第 {d.page} 页")

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
