"""The ticket's issue-16 lines: the estimated wait when it was taken, and the category's English
(PDF and ESC/POS alike, from printing.model's one wording); without an estimate, no such line."""

from __future__ import annotations

from dataclasses import replace

import pytest
from escpos.printer import Dummy

from printing.escpos import gb, write_ticket
from printing.model import TicketPrint, ticket_wording
from printing.pdf import render_pdf
from tests.printing.pdfcheck import text_of


@pytest.fixture
def waited(ticket: TicketPrint) -> TicketPrint:
    return replace(ticket, category_en="First dose", wait_minutes=35)


def test_the_wording_has_the_wait_in_both_languages(waited: TicketPrint) -> None:
    words = ticket_wording(waited)
    assert words.estimate_zh == "预计等候约 35 分钟"
    assert words.estimate_en == "Estimated wait: about 35 minutes"
    one = ticket_wording(replace(waited, wait_minutes=1))
    assert one.estimate_en == "Estimated wait: about 1 minute"
    none = ticket_wording(replace(waited, wait_minutes=None))
    assert none.estimate_zh == none.estimate_en == ""


def test_the_pdf_prints_them(waited: TicketPrint) -> None:
    text = " ".join(text_of(render_pdf(waited)).split())
    assert "预计等候约 35 分钟" in text and "about 35 minutes" in text
    assert "First dose" in text
    plain = " ".join(text_of(render_pdf(replace(waited, wait_minutes=None))).split())
    assert "预计等候" not in plain


def test_the_thermal_printer_prints_them(waited: TicketPrint) -> None:
    dummy = Dummy()
    write_ticket(dummy, waited)
    out = dummy.output
    assert gb("预计等候约 35 分钟") in out and gb("First dose") in out
    assert out.index(gb("第一剂")) < out.index(gb("First dose")) < out.index(gb("预计等候"))


def test_a_negative_wait_is_refused(ticket: TicketPrint) -> None:
    with pytest.raises(ValueError, match="wait_minutes"):
        replace(ticket, wait_minutes=-1)
