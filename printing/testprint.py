"""``kiosk printer test``: one sample ticket on the configured printer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.config import PrinterConfig
from printing.backend import build_printer
from printing.model import sample_ticket
from printing.result import PrintResult


def print_sample(cfg: PrinterConfig, data_dir: Path, site_name: str, now: datetime) -> PrintResult:
    """Print :func:`sample_ticket` on the printer ``cfg`` names; never raises for the device."""
    return build_printer(cfg, data_dir).print_ticket(sample_ticket(now, site_name))
