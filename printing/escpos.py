"""ESC/POS thermal printers: the ticket and the record slip as GB18030 text plus the printer's own
QR and cut.

python-escpos gives the transports (Network, Usb, Serial) and the QR/cut commands; its ``text()``
cannot encode Chinese, so text goes out as GB18030 bytes through ``_raw`` with the printer in
Chinese character mode (FS &). A ticket or slip counts as printed only when, after the cut, the printer
answers the real-time paper status query (DLE EOT 4) and reports paper.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from escpos.constants import QR_ECLEVEL_M
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError

from printing.model import REPRINT_MARK, TicketPrint, ticket_wording
from printing.result import ERROR, NO_CONFIRMATION, OFFLINE, PAPER_OUT, PrintResult
from printing.slip import SlipPrint, SlipRow, slip_wording

ESC, GS, FS, DLE, EOT = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\x04"
INIT = ESC + b"@"
CHINESE_MODE = FS + b"&"  # GB18030/GBK double-byte characters on Chinese firmware
ALIGN_LEFT, ALIGN_CENTER = ESC + b"a\x00", ESC + b"a\x01"
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
REVERSE_ON, REVERSE_OFF = GS + b"B\x01", GS + b"B\x00"
SIZE_NORMAL = GS + b"!\x00"
SIZE_DOUBLE = GS + b"!\x11"  # double width and height
SIZE_NUMBER = GS + b"!\x33"  # four times width and height: the number, printed largest
PAPER_STATUS_QUERY = DLE + EOT + b"\x04"  # real-time roll paper sensor status
PAPER_END_BITS = 0x60  # bits 5 and 6
NEAR_END_BITS = 0x0C  # bits 2 and 3
_FIXED_MASK, _FIXED_VALUE = 0x93, 0x12  # bits 1 and 4 are always 1, bits 0 and 7 always 0

_QR_DOT_SIZE = {80: 8, 58: 6}  # module size in dots: ~33 mm and ~25 mm for a 22-char token
_SLIP_QR_DOT_SIZE = {80: 7, 58: 6}  # ~29 mm and ~25 mm: the record, not the QR, is the point
_RULE_CHARS = {80: 48, 58: 32}  # font A: 12 dots a character on a 576 / 384 dot line


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def _check_paper(paper_mm: int) -> None:
    if paper_mm not in _QR_DOT_SIZE:
        raise ValueError(f"paper_mm must be 80 or 58, not {paper_mm}")


def _line(printer: Escpos, text: str, *style: bytes) -> None:
    printer._raw(b"".join(style) + gb(text) + b"\n" + SIZE_NORMAL + BOLD_OFF)


def _reprint_mark(printer: Escpos) -> None:
    printer._raw(REVERSE_ON + BOLD_ON + gb(f" {REPRINT_MARK} ") + REVERSE_OFF + BOLD_OFF + b"\n")


def write_ticket(printer: Escpos, ticket: TicketPrint, paper_mm: int = 80) -> None:
    """Send the whole ticket, ending with the cut. No status query here."""
    _check_paper(paper_mm)
    t, words = ticket, ticket_wording(ticket)

    def line(text: str, *style: bytes) -> None:
        _line(printer, text, *style)

    printer._raw(INIT + CHINESE_MODE + ALIGN_CENTER)
    if t.reprint:
        _reprint_mark(printer)
    line(t.site_name, BOLD_ON)
    line("-" * _RULE_CHARS[paper_mm])
    line(t.label, SIZE_NUMBER, BOLD_ON)
    line(t.category, SIZE_DOUBLE, BOLD_ON)
    if t.category_en:
        line(t.category_en)
    line(words.ahead)
    if words.estimate_zh:
        line(words.estimate_zh, BOLD_ON)
        line(words.estimate_en)
    line(words.issued)
    printer._raw(b"\n")
    printer.qr(t.token, ec=QR_ECLEVEL_M, size=_QR_DOT_SIZE[paper_mm], native=True)
    printer._raw(b"\n")
    line(words.wait_zh)
    line(words.wait_en)
    line(words.observation_zh)
    line(words.observation_en)
    printer.cut(mode="PART")


def write_slip(printer: Escpos, slip: SlipPrint, paper_mm: int = 80) -> None:
    """Send the whole record slip, ending with the cut. No status query here.

    Rows go out left-aligned as "label_zh label_en：value" and the printer wraps them; a value's
    English version (sex, dose, next dose) follows on its own line.
    """
    _check_paper(paper_mm)
    s, words = slip, slip_wording(slip)

    def line(text: str, *style: bytes) -> None:
        _line(printer, text, *style)

    printer._raw(INIT + CHINESE_MODE + ALIGN_CENTER)
    if s.reprint:
        _reprint_mark(printer)
    line(words.title_zh, SIZE_DOUBLE, BOLD_ON)
    line(words.title_en)
    line("-" * _RULE_CHARS[paper_mm])
    printer._raw(ALIGN_LEFT)

    def row(r: SlipRow, *style: bytes) -> None:
        printer._raw(gb(f"{r.label}："))
        line(r.value, *style)
        if r.value_en:
            line(f"  {r.value_en}")

    for r in words.rows:
        row(r)
    line("-" * _RULE_CHARS[paper_mm])
    row(words.next_dose, BOLD_ON)
    printer._raw(ALIGN_CENTER + b"\n")
    printer.qr(s.token, ec=QR_ECLEVEL_M, size=_SLIP_QR_DOT_SIZE[paper_mm], native=True)
    printer._raw(b"\n")
    line(words.keep_zh)
    line(words.keep_en)
    printer.cut(mode="PART")


def _read_status(printer: Escpos, timeout_seconds: float) -> bytes:
    """One status answer, waiting at most ``timeout_seconds`` (b"" when none came)."""
    dev = printer.device
    try:
        import serial  # optional: only when python-escpos's serial extra is installed

        if isinstance(dev, serial.Serial):
            dev.timeout = timeout_seconds
            return bytes(dev.read(1))  # read(16) would wait the whole timeout
    except ImportError:
        pass
    if isinstance(dev, socket.socket):
        dev.settimeout(timeout_seconds)
        try:
            return dev.recv(16)
        except TimeoutError:
            return b""
    in_ep = getattr(printer, "in_ep", None)
    if in_ep is not None and hasattr(dev, "read"):  # pyusb device: timeout in ms
        try:
            return bytes(dev.read(in_ep, 16, int(timeout_seconds * 1000)))
        except Exception as exc:  # usb.core.USBTimeoutError without importing usb
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                return b""
            raise
    return bytes(printer._read())


def interpret_paper_status(answer: bytes, *, what: str = "ticket") -> PrintResult:
    if not answer:
        return PrintResult.failed(
            NO_CONFIRMATION,
            "printer did not answer the paper status query",
            backend="escpos",
            what=what,
        )
    status = answer[0]
    if status & _FIXED_MASK != _FIXED_VALUE:
        return PrintResult.failed(
            NO_CONFIRMATION,
            f"unexpected paper status byte 0x{status:02x}",
            backend="escpos",
            what=what,
        )
    if status & PAPER_END_BITS:
        return PrintResult.failed(
            PAPER_OUT, "printer reports paper end", backend="escpos", what=what
        )
    if status & NEAR_END_BITS:
        return PrintResult.printed("paper near end: change the roll soon")
    return PrintResult.printed()


class EscposBackend:
    """Prints on an ESC/POS printer reached through ``connect`` (an opened python-escpos device)."""

    def __init__(
        self,
        connect: Callable[[], Escpos],
        *,
        paper_mm: int = 80,
        timeout_seconds: float = 10.0,
        describe: str = "escpos",
    ) -> None:
        self._connect = connect
        self.paper_mm = paper_mm
        self.timeout_seconds = timeout_seconds
        self.describe = describe

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        return self._send(lambda printer: write_ticket(printer, ticket, self.paper_mm), "ticket")

    def print_slip(self, slip: SlipPrint) -> PrintResult:
        return self._send(lambda printer: write_slip(printer, slip, self.paper_mm), "slip")

    def _send(self, write: Callable[[Escpos], None], what: str) -> PrintResult:
        """Connect, ``write`` the job, ask for the paper status; never raises."""

        def failed(code: str, detail: str) -> PrintResult:
            return PrintResult.failed(
                code, f"{self.describe}: {detail}", backend="escpos", what=what
            )

        try:
            printer = self._connect()
        except (DeviceNotFoundError, OSError) as exc:
            return failed(OFFLINE, str(exc))
        except Exception as exc:  # e.g. missing pyusb/pyserial, bad device spec
            return failed(ERROR, repr(exc))
        try:
            try:
                write(printer)
            except (OSError, DeviceNotFoundError) as exc:
                return failed(OFFLINE, f"lost while sending: {exc}")
            try:
                printer._raw(PAPER_STATUS_QUERY)
                answer = _read_status(printer, self.timeout_seconds)
            except OSError as exc:
                return failed(NO_CONFIRMATION, f"no status: {exc}")
            return interpret_paper_status(answer, what=what)
        except Exception as exc:  # transport-specific errors (SerialException, USBError, ...)
            return failed(ERROR, repr(exc))
        finally:
            try:
                printer.close()
            except Exception:  # closing a dead connection must not turn a result into a raise
                pass


def _network(host: str, port: int, timeout: float) -> Callable[[], Escpos]:
    def connect() -> Escpos:
        from escpos.printer import Network

        # Connect ourselves: python-escpos's Network.open() leaks the socket when the connection
        # is refused. create_connection closes it on failure.
        sock = socket.create_connection((host, port), timeout=timeout)
        p = Network(host, port=port, timeout=timeout)
        p.device = sock
        return p

    return connect


def _usb(spec: str, timeout: float) -> Callable[[], Escpos]:
    vendor, _, product = spec.partition(":")
    vid, pid = int(vendor, 16), int(product, 16)

    def connect() -> Escpos:
        from escpos.printer import Usb

        p = Usb(vid, pid, timeout=int(timeout * 1000))
        p.open()
        return p

    return connect


def _serial(device: str, baudrate: int, timeout: float) -> Callable[[], Escpos]:
    def connect() -> Escpos:
        from escpos.printer import Serial

        p = Serial(devfile=device, baudrate=baudrate, timeout=timeout)
        p.open()
        return p

    return connect


def escpos_backend(
    *,
    host: str = "",
    port: int = 9100,
    usb: str = "",
    serial: str = "",
    baudrate: int = 9600,
    paper_mm: int = 80,
    timeout_seconds: float = 10.0,
) -> EscposBackend:
    """The backend for exactly one of a network host, a USB ``vid:pid`` or a serial device."""
    given = [k for k, v in (("host", host), ("usb", usb), ("serial", serial)) if v]
    if len(given) != 1:
        raise ValueError(f"escpos printer needs exactly one of host/usb/serial, got {given}")
    if host:
        connect, describe = _network(host, port, timeout_seconds), f"{host}:{port}"
    elif usb:
        connect, describe = _usb(usb, timeout_seconds), f"usb {usb}"
    else:
        connect, describe = _serial(serial, baudrate, timeout_seconds), serial
    return EscposBackend(
        connect, paper_mm=paper_mm, timeout_seconds=timeout_seconds, describe=describe
    )
