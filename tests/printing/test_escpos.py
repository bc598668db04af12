"""ESC/POS: the bytes (python-escpos Dummy), a TCP printer on 127.0.0.1, a serial one on a pty."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator

import pytest
from escpos.printer import Dummy

from printing.escpos import (
    PAPER_STATUS_QUERY,
    SIZE_NUMBER,
    escpos_backend,
    interpret_paper_status,
    write_slip,
    write_ticket,
)
from printing.model import TicketPrint
from printing.slip import SlipPrint, slip_wording
from tests.printing.fakeprinter import FakeNetworkPrinter, FakeSerialPrinter

GS_QR = b"\x1d(k"
GS_CUT = b"\x1dV"
PAPER_OK, NEAR_END, PAPER_END = 0x12, 0x12 | 0x0C, 0x12 | 0x60


def _bytes(ticket: TicketPrint, paper_mm: int = 80) -> bytes:
    dummy = Dummy()
    write_ticket(dummy, ticket, paper_mm)
    return bytes(dummy.output)


def test_text_is_gb18030_and_the_number_is_enlarged(ticket: TicketPrint) -> None:
    out = _bytes(ticket)
    assert ticket.site_name.encode("gb18030") in out
    assert "前面还有 7 人 / 7 ahead".encode("gb18030") in out
    assert "接种后请留观 30 分钟".encode("gb18030") in out
    assert b"\x1c&" in out  # Chinese character mode
    assert SIZE_NUMBER + b"\x1bE\x01A012\n" in out  # GS ! n right before the number
    assert ticket.site_name.encode("utf-8") not in out


def test_qr_is_the_printers_own_command_carrying_the_token(ticket: TicketPrint) -> None:
    out = _bytes(ticket)
    assert out.count(GS_QR) >= 4  # model, size, error correction, data, print
    assert GS_QR + bytes([len(ticket.token) + 3, 0]) + b"1P0" + ticket.token.encode() in out
    assert GS_QR + b"\x03\x001E1" in out  # error correction M


def test_the_cut_comes_last(ticket: TicketPrint) -> None:
    out = _bytes(ticket, 58)
    cut = out.rindex(GS_CUT)
    assert cut > out.rindex(GS_QR)
    assert out[cut:] in (b"\x1dV\x01", b"\x1dV\x00")


def test_reprint_marker(ticket: TicketPrint) -> None:
    assert "补打 REPRINT".encode("gb18030") in _bytes(dataclasses.replace(ticket, reprint=True))
    assert "补打".encode("gb18030") not in _bytes(ticket)


def _slip_bytes(slip: SlipPrint, paper_mm: int = 80) -> bytes:
    dummy = Dummy()
    write_slip(dummy, slip, paper_mm)
    return bytes(dummy.output)


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_slip_text_is_gb18030_every_line(slip: SlipPrint, paper_mm: int) -> None:
    out = _slip_bytes(slip, paper_mm)
    words = slip_wording(slip)
    assert b"\x1c&" in out  # Chinese character mode
    assert "接种凭证".encode("gb18030") in out and b"Vaccination record" in out
    for row in (*words.rows, words.next_dose):
        assert f"{row.label_zh} {row.label_en}：".encode("gb18030") in out
        assert row.value.encode("gb18030") in out
        assert row.value_en.encode("gb18030") in out
    assert "第2剂（基础）".encode("gb18030") in out and b"Dose 2 (primary)" in out
    assert "2026-12-19 至 2027-01-23".encode("gb18030") in out
    assert b"from 2026-12-19 to 2027-01-23" in out
    assert "请妥善保管本凭证".encode("gb18030") in out
    assert slip.name.encode("utf-8") not in out
    assert b"-" * (48 if paper_mm == 80 else 32) + b"\n" in out


def test_slip_qr_carries_the_token_and_the_cut_comes_last(slip: SlipPrint) -> None:
    out = _slip_bytes(slip, 58)
    assert GS_QR + bytes([len(slip.token) + 3, 0]) + b"1P0" + slip.token.encode() in out
    assert GS_QR + b"\x03\x001E1" in out  # error correction M
    cut = out.rindex(GS_CUT)
    assert cut > out.rindex(GS_QR) and out[cut:] in (b"\x1dV\x01", b"\x1dV\x00")


def test_slip_reprint_marker_and_unknown_paper(slip: SlipPrint) -> None:
    assert "补打 REPRINT".encode("gb18030") in _slip_bytes(dataclasses.replace(slip, reprint=True))
    assert "补打".encode("gb18030") not in _slip_bytes(slip)
    with pytest.raises(ValueError, match="paper_mm"):
        _slip_bytes(slip, 76)


@pytest.mark.parametrize(
    ("answer", "ok", "code"),
    [
        (bytes([PAPER_OK]), True, "printed"),
        (bytes([NEAR_END]), True, "printed"),
        (bytes([PAPER_END]), False, "paper_out"),
        (bytes([0x12 | 0x20]), False, "paper_out"),
        (b"", False, "no_confirmation"),
        (b"\xff", False, "no_confirmation"),
    ],
)
def test_paper_status_answers(answer: bytes, ok: bool, code: str) -> None:
    result = interpret_paper_status(answer)
    assert (result.ok, result.code) == (ok, code)


@pytest.fixture
def network_printer(request: pytest.FixtureRequest) -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter(status=request.param)
    yield fake
    fake.close()


@pytest.mark.parametrize("network_printer", [PAPER_OK], indirect=True)
def test_network_printer_prints_and_confirms(
    network_printer: FakeNetworkPrinter, ticket: TicketPrint
) -> None:
    backend = escpos_backend(host="127.0.0.1", port=network_printer.port, timeout_seconds=5)
    result = backend.print_ticket(ticket)
    assert network_printer.done.wait(5)
    assert (result.ok, result.code) == (True, "printed")
    got = bytes(network_printer.received)
    assert ticket.site_name.encode("gb18030") in got
    assert b"A012" in got and GS_QR in got and GS_CUT in got
    assert got.endswith(PAPER_STATUS_QUERY)  # asked only after the cut
    assert got.index(GS_CUT) < got.index(PAPER_STATUS_QUERY)


@pytest.mark.parametrize("network_printer", [NEAR_END], indirect=True)
def test_near_end_still_prints_but_says_so(
    network_printer: FakeNetworkPrinter, ticket: TicketPrint
) -> None:
    backend = escpos_backend(host="127.0.0.1", port=network_printer.port, timeout_seconds=5)
    result = backend.print_ticket(ticket)
    assert result.ok and "near end" in result.detail


@pytest.mark.parametrize("network_printer", [PAPER_END], indirect=True)
def test_paper_out_is_a_failure(network_printer: FakeNetworkPrinter, ticket: TicketPrint) -> None:
    backend = escpos_backend(host="127.0.0.1", port=network_printer.port, timeout_seconds=5)
    result = backend.print_ticket(ticket)
    assert (result.ok, result.code) == (False, "paper_out")


@pytest.mark.parametrize("network_printer", [None], indirect=True)
def test_silent_printer_is_no_confirmation(
    network_printer: FakeNetworkPrinter, ticket: TicketPrint
) -> None:
    backend = escpos_backend(host="127.0.0.1", port=network_printer.port, timeout_seconds=0.3)
    result = backend.print_ticket(ticket)
    assert (result.ok, result.code) == (False, "no_confirmation")
    assert network_printer.done.wait(5)  # the backend closed the connection
    assert bytes(network_printer.received).endswith(PAPER_STATUS_QUERY)


def test_nothing_listening_is_offline(ticket: TicketPrint) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    # the port was just free and nothing listens on it now: connection refused
    result = escpos_backend(host="127.0.0.1", port=port, timeout_seconds=2).print_ticket(ticket)
    assert (result.ok, result.code) == (False, "offline")
    assert f"127.0.0.1:{port}" in result.detail


@pytest.mark.parametrize(("status", "code"), [(PAPER_OK, "printed"), (PAPER_END, "paper_out")])
def test_serial_printer_through_a_pty(ticket: TicketPrint, status: int, code: str) -> None:
    pytest.importorskip("serial", reason="python-escpos serial extra (pyserial) not installed")
    fake = FakeSerialPrinter(status=status)
    try:
        result = escpos_backend(serial=fake.device, baudrate=9600, timeout_seconds=3).print_ticket(
            ticket
        )
        assert result.code == code
        got = bytes(fake.received)
        assert ticket.site_name.encode("gb18030") in got and GS_CUT in got
        assert got.endswith(PAPER_STATUS_QUERY)
    finally:
        fake.close()


def test_missing_serial_device_is_offline(ticket: TicketPrint) -> None:
    pytest.importorskip("serial", reason="python-escpos serial extra (pyserial) not installed")
    result = escpos_backend(serial="/dev/nonexistent-tty", timeout_seconds=1).print_ticket(ticket)
    assert (result.ok, result.code) == (False, "offline")


def test_exactly_one_transport_is_required() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        escpos_backend(host="10.0.0.5", serial="/dev/ttyUSB0")
    with pytest.raises(ValueError, match="exactly one"):
        escpos_backend()


@pytest.mark.parametrize("network_printer", [PAPER_OK], indirect=True)
def test_slip_on_a_network_printer(network_printer: FakeNetworkPrinter, slip: SlipPrint) -> None:
    backend = escpos_backend(host="127.0.0.1", port=network_printer.port, timeout_seconds=5)
    result = backend.print_slip(slip)
    assert (result.ok, result.code) == (True, "printed")
    assert network_printer.done.wait(5)
    got = bytes(network_printer.received)
    assert slip.name.encode("gb18030") in got and slip.token.encode() in got
    assert got.index(GS_CUT) < got.index(PAPER_STATUS_QUERY)


@pytest.mark.parametrize("network_printer", [PAPER_END], indirect=True)
def test_slip_paper_out_is_a_failure(
    network_printer: FakeNetworkPrinter, slip: SlipPrint, caplog: pytest.LogCaptureFixture
) -> None:
    backend = escpos_backend(host="127.0.0.1", port=network_printer.port, timeout_seconds=5)
    result = backend.print_slip(slip)
    assert (result.ok, result.code) == (False, "paper_out")
    assert "slip not printed on escpos: paper_out" in caplog.text
    assert slip.name not in caplog.text


def test_slip_with_nothing_listening_is_offline(slip: SlipPrint) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    result = escpos_backend(host="127.0.0.1", port=port, timeout_seconds=2).print_slip(slip)
    assert (result.ok, result.code) == (False, "offline")
