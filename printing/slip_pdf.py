"""The record slip as a PDF, on the same roll page as the ticket: 80 or 58 mm wide, as long as
its content. Labels sit in a left column (Chinese over English), values wrap in the right one."""

from __future__ import annotations

from printing.model import REPRINT_MARK
from printing.pdf_layout import Layout, Line, RenderedPage
from printing.slip import SlipPrint, SlipRow, slip_wording

_LABEL, _LABEL_EN, _VALUE, _VALUE_EN = 9.0, 6.5, 10.0, 7.5  # font sizes at 80 mm
_MAX_LABEL_SHARE = 0.36  # of the printable width; longer labels wrap


def render_slip_pdf(slip: SlipPrint, paper_mm: int = 80) -> bytes:
    """The slip as a one-page PDF, ``paper_mm`` (80 or 58) wide, with the font embedded."""
    return render_slip(slip, paper_mm).pdf


def render_slip(slip: SlipPrint, paper_mm: int = 80) -> RenderedPage:
    """Like :func:`render_slip_pdf`, also telling the page size (for the spooler's media option).

    The PDF's title names the site only: the file may sit in a folder or a spooler's job list.
    """
    s, words = slip, slip_wording(slip)
    lay = Layout(paper_mm, title=f"{s.site_name} 接种凭证", author=s.site_name)
    every = (*words.rows, words.next_dose)
    label_w = min(
        max(
            max(lay.text_width(r.label_zh, _LABEL), lay.text_width(r.label_en, _LABEL_EN))
            for r in every
        ),
        _MAX_LABEL_SHARE * lay.usable,
    )

    def row(r: SlipRow, strong: bool = False) -> None:
        value = [Line(r.value, _VALUE * (1.1 if strong else 1), bold=strong)]
        if r.value_en:
            value.append(Line(r.value_en, _VALUE_EN))
        lay.columns([Line(r.label_zh, _LABEL), Line(r.label_en, _LABEL_EN)], value, label_w)

    lay.gap(4)
    if s.reprint:
        lay.banner(REPRINT_MARK, 12)
        lay.gap(2)
    lay.text(words.title_zh, 16, bold=True)
    lay.text(words.title_en, 9)
    lay.rule()
    lay.gap(1)
    for r in words.rows:
        row(r, strong=r.label_zh == "疫苗")
        lay.gap(1.5)
    lay.rule()
    lay.gap(1)
    row(words.next_dose, strong=True)
    lay.gap(3)
    lay.qr(s.token, 30 if paper_mm == 80 else 26)
    lay.gap(2)
    lay.text(words.keep_zh, 9)
    lay.text(words.keep_en, 7)
    return lay.render()
