"""The CUPS backend against a real cupsd with a cups-pdf queue (see conftest.py)."""

from __future__ import annotations

import dataclasses
import math
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from printing.cups import CupsBackend
from printing.model import TicketPrint
from printing.pdf import render_ticket
from printing.slip import SlipPrint
from printing.slip_pdf import render_slip
from tests.printing.conftest import CupsServer
from tests.printing.pdfcheck import MM, page_size_pt, qr_payloads, to_png

pytestmark = pytest.mark.slow


def _backend(cups: CupsServer, queue: str | None = None, timeout: float = 20.0) -> CupsBackend:
    return CupsBackend(
        queue or cups.queue, paper_mm=80, timeout_seconds=timeout, server=cups.socket
    )


def _output_pdfs(cups: CupsServer) -> set[Path]:
    return set(cups.out_dir.rglob("*.pdf"))


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_job_completes_and_arrives_with_the_ticket_page_size(
    cups: CupsServer, ticket: TicketPrint, paper_mm: int, tmp_path: Path
) -> None:
    before = _output_pdfs(cups)
    backend = CupsBackend(cups.queue, paper_mm=paper_mm, timeout_seconds=20, server=cups.socket)
    result = backend.print_ticket(ticket)
    assert result.ok, (result, cups.log_tail())
    assert result.code == "printed"
    assert "completed" in result.detail
    new = _output_pdfs(cups) - before
    assert len(new) == 1, (new, cups.log_tail())
    out = new.pop().read_bytes()
    width, height = page_size_pt(out)
    expected = render_ticket(ticket, paper_mm)
    assert width == pytest.approx(paper_mm * MM, abs=1.5)
    assert height == pytest.approx(math.ceil(expected.height_mm) * MM, abs=1.5)
    # fit-to-page kept the QR intact and scannable through the whole filter chain
    assert qr_payloads(to_png(out, tmp_path)) == [ticket.token]


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_slip_job_completes_with_its_own_page_size_and_no_name_in_the_queue(
    cups: CupsServer, slip: SlipPrint, paper_mm: int, tmp_path: Path
) -> None:
    before = _output_pdfs(cups)
    backend = CupsBackend(cups.queue, paper_mm=paper_mm, timeout_seconds=20, server=cups.socket)
    result = backend.print_slip(slip)
    assert result.ok, (result, cups.log_tail())
    assert "completed" in result.detail
    new = _output_pdfs(cups) - before
    assert len(new) == 1, (new, cups.log_tail())
    path = new.pop()
    out = path.read_bytes()
    width, height = page_size_pt(out)
    expected = render_slip(slip, paper_mm)
    assert width == pytest.approx(paper_mm * MM, abs=1.5)
    assert height == pytest.approx(math.ceil(expected.height_mm) * MM, abs=1.5)
    assert qr_payloads(to_png(out, tmp_path)) == [slip.token]
    # the job's title (cups-pdf names the file after it) and the job list name no one
    assert slip.name not in path.name
    jobs = cups.run("lpstat", "-W", "completed", "-l", "-o", cups.queue).stdout
    assert slip.name not in jobs and slip.document_masked not in jobs


def test_slip_on_a_stopped_queue_is_refused_and_logged_as_a_slip(
    cups: CupsServer, slip: SlipPrint, caplog: pytest.LogCaptureFixture
) -> None:
    cups.run("cupsdisable", "-r", "paper jam at the station", cups.queue)
    result = _backend(cups).print_slip(slip)
    assert (result.ok, result.code) == (False, "refused")
    assert "paper jam at the station" in result.detail
    assert "slip not printed on cups: refused" in caplog.text
    jobs = cups.run("lpstat", "-W", "not-completed", "-o", cups.queue).stdout
    assert jobs.strip() == ""


def test_slip_on_an_unknown_queue_is_offline(cups: CupsServer, slip: SlipPrint) -> None:
    result = _backend(cups, queue="no_such_queue").print_slip(slip)
    assert (result.ok, result.code) == (False, "offline")


def test_stopped_queue_is_refused_with_its_reason(cups: CupsServer, ticket: TicketPrint) -> None:
    cups.run("cupsdisable", "-r", "paper jam at the kiosk", cups.queue)
    result = _backend(cups).print_ticket(ticket)
    assert not result.ok
    assert result.code == "refused"
    assert "stopped" in result.detail and "paper jam at the kiosk" in result.detail
    jobs = cups.run("lpstat", "-W", "not-completed", "-o", cups.queue).stdout
    assert jobs.strip() == "", "no job may wait in a stopped queue to print by surprise later"


def test_rejecting_queue_is_refused_with_its_reason(cups: CupsServer, ticket: TicketPrint) -> None:
    cups.run("cupsreject", "-r", "closed for the day", cups.queue)
    result = _backend(cups).print_ticket(ticket)
    assert (result.ok, result.code) == (False, "refused")
    assert "closed for the day" in result.detail


def test_unknown_queue_is_offline(cups: CupsServer, ticket: TicketPrint) -> None:
    result = _backend(cups, queue="no_such_queue").print_ticket(ticket)
    assert (result.ok, result.code) == (False, "offline")
    assert "no_such_queue" in result.detail


@pytest.fixture
def stuck_queue(cups: CupsServer) -> Iterator[str]:
    """A queue whose device accepts the connection and then never finishes the job."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # never accepted: the kernel completes the handshake, no one reads
    name = f"stuck{cups.queue}"
    cups.add_queue(name, f"socket://127.0.0.1:{listener.getsockname()[1]}")
    try:
        yield name
    finally:
        cups.run("lpadmin", "-x", name)
        listener.close()


def test_job_that_never_completes_is_no_confirmation_and_cancelled(
    cups: CupsServer, ticket: TicketPrint, stuck_queue: str
) -> None:
    backend = _backend(cups, queue=stuck_queue, timeout=2.0)
    started = time.monotonic()
    result = backend.print_ticket(dataclasses.replace(ticket, label="A013"))
    elapsed = time.monotonic() - started
    assert (result.ok, result.code) == (False, "no_confirmation")
    assert "cancelled" in result.detail
    assert elapsed < 6
    pending = cups.run("lpstat", "-W", "not-completed", "-o", stuck_queue).stdout
    assert pending.strip() == ""
