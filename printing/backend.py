"""The printer seam the kiosk uses, and the one place that picks a backend from the config.

``print_ticket`` and ``print_slip`` block (the UI calls them off the UI thread) and never raise for
a device problem: they return a failed :class:`PrintResult` and log it. The ticket (or the
recorded dose) stays valid either way, and nothing is resent automatically.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Protocol

from kiosk.config import PrinterConfig
from printing.model import TicketPrint
from printing.result import PrintResult
from printing.slip import SlipPrint

__all__ = ["PrintResult", "PrinterBackend", "build_printer"]


class PrinterBackend(Protocol):
    def print_ticket(self, ticket: TicketPrint) -> PrintResult: ...

    def print_slip(self, slip: SlipPrint) -> PrintResult: ...


class OneJobAtATime:
    """One printer shared by several screens of one program (the kiosk's tickets, the desks'
    reprints, the stations' slips), each printing from its own worker thread: jobs go to the device one at a time."""

    def __init__(self, printer: PrinterBackend) -> None:
        self.printer = printer
        self._lock = threading.Lock()

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        with self._lock:
            return self.printer.print_ticket(ticket)

    def print_slip(self, slip: SlipPrint) -> PrintResult:
        with self._lock:
            return self.printer.print_slip(slip)


def build_printer(cfg: PrinterConfig, data_dir: Path) -> PrinterBackend:
    """The backend ``cfg`` asks for. Raises ValueError for a config that names no usable printer
    (config checking rejects those earlier); never touches the device here."""
    if cfg.kind == "pdf":
        from printing.pdf_folder import PdfFolderBackend

        folder = Path(cfg.dir).expanduser()
        return PdfFolderBackend(folder if folder.is_absolute() else data_dir / folder, cfg.paper_mm)
    if cfg.kind == "system":
        if not cfg.name:
            raise ValueError("printer.name is required for a system printer")
        if sys.platform == "win32":
            from printing.qt_spooler import QtSpoolerBackend

            return QtSpoolerBackend(cfg.name, paper_mm=cfg.paper_mm)
        from printing.cups import CupsBackend

        return CupsBackend(cfg.name, paper_mm=cfg.paper_mm, timeout_seconds=cfg.timeout_seconds)
    if cfg.kind == "escpos":
        from printing.escpos import escpos_backend

        return escpos_backend(
            host=cfg.host,
            port=cfg.port,
            usb=cfg.usb,
            serial=cfg.serial,
            baudrate=cfg.baudrate,
            paper_mm=cfg.paper_mm,
            timeout_seconds=cfg.timeout_seconds,
        )
    raise ValueError(f"unknown printer kind {cfg.kind!r} (pdf, system or escpos)")
