"""The ticket as a PDF: one page exactly as wide as the paper roll, as tall as its content.

Used by the PDF-folder backend, CUPS and the Windows spooler. The page is built from the blocks
in :mod:`printing.pdf_layout`, which the record slip (:mod:`printing.slip_pdf`) shares.
"""

from __future__ import annotations

from printing.model import REPRINT_MARK, TicketPrint, ticket_wording
from printing.pdf_layout import PAPER_WIDTHS_MM, Layout, RenderedPage, wrap_text

__all__ = ["PAPER_WIDTHS_MM", "RenderedTicket", "render_pdf", "render_ticket", "wrap_text"]

RenderedTicket = RenderedPage  # the name the backends knew it by


def render_pdf(ticket: TicketPrint, paper_mm: int = 80) -> bytes:
    """The ticket as a one-page PDF, ``paper_mm`` (80 or 58) wide, with the font embedded."""
    return render_ticket(ticket, paper_mm).pdf


def render_ticket(ticket: TicketPrint, paper_mm: int = 80) -> RenderedPage:
    """Like :func:`render_pdf`, also telling the page size (for the spooler's media option)."""
    t, words = ticket, ticket_wording(ticket)
    lay = Layout(paper_mm, title=f"{t.site_name} {t.label}", author=t.site_name)
    lay.gap(4)
    if t.reprint:
        lay.banner(REPRINT_MARK, 12)
        lay.gap(2)
    lay.text(t.site_name, 12, bold=True)
    lay.rule()
    lay.gap(1)
    lay.big_number(t.label)
    lay.gap(1)
    lay.text(t.category, 16, bold=True)
    if t.category_en:
        lay.text(t.category_en, 10)
    lay.gap(1)
    lay.text(words.ahead, 13)
    if words.estimate_zh:
        lay.text(words.estimate_zh, 13, bold=True)
        lay.text(words.estimate_en, 9)
    lay.text(words.issued, 10)
    lay.gap(3)
    lay.qr(t.token, 40 if paper_mm == 80 else 32)
    lay.gap(2)
    lay.text(words.wait_zh, 11)
    lay.text(words.wait_en, 8)
    lay.gap(1.5)
    lay.text(words.observation_zh, 11)
    lay.text(words.observation_en, 8)
    return lay.render()
