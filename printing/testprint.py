"""``kiosk printer test [--slip]``: one sample ticket, or record slip, on the configured printer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.config import PrinterConfig
from printing.backend import build_printer
from printing.model import sample_ticket
from printing.result import PrintResult
from printing.slip import sample_slip


def print_sample(
    cfg: PrinterConfig, data_dir: Path, site_name: str, now: datetime, *, slip: bool = False
) -> PrintResult:
    """Print :func:`sample_ticket` (with ``slip``, :func:`sample_slip`) on the printer ``cfg``
    names; never raises for the device. ``now`` is aware, in the site's time zone."""
    printer = build_printer(cfg, data_dir)
    if slip:
        return printer.print_slip(sample_slip(now, site_name))
    return printer.print_ticket(sample_ticket(now, site_name))
