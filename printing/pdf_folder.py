"""The default backend: the ticket or record slip PDF written into a folder (no printer needed).

Files are created owner-only (0600, ``mkstemp``'s mode, kept by the rename): a slip names the
resident. A slip's file name holds no personal data: its time and the start of its opaque token.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from printing.model import TicketPrint
from printing.pdf import render_pdf
from printing.result import ERROR, PrintResult
from printing.slip import SlipPrint
from printing.slip_pdf import render_slip_pdf

_SLIP_TOKEN_CHARS = 8  # enough to tell the day's slips apart, far from the whole token


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)


def ticket_file_name(ticket: TicketPrint) -> str:
    """``2024-05-01_A012.pdf`` (``_reprint`` appended for a reprint): sortable by day."""
    suffix = "_reprint" if ticket.reprint else ""
    return f"{ticket.issued_at:%Y-%m-%d}_{_safe(ticket.label)}{suffix}.pdf"


def slip_file_name(slip: SlipPrint) -> str:
    """``slip-2024-05-01_093012-Ab3dE_9x.pdf`` (``_reprint`` appended): the site-local time of the
    vaccination and the token's first characters, sortable and free of personal data."""
    suffix = "_reprint" if slip.reprint else ""
    token = _safe(slip.token[:_SLIP_TOKEN_CHARS])
    return f"slip-{slip.vaccinated_at:%Y-%m-%d_%H%M%S}-{token}{suffix}.pdf"


class PdfFolderBackend:
    """Writes each job atomically (temp file, fsync, rename); confirmed once fully written."""

    def __init__(self, folder: Path, paper_mm: int = 80) -> None:
        self.folder = folder
        self.paper_mm = paper_mm

    def _free_path(self, name: str) -> Path:
        path = self.folder / name
        n = 2
        while path.exists():  # a second reprint of the same ticket keeps the earlier file
            path = self.folder / f"{Path(name).stem}-{n}.pdf"
            n += 1
        return path

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        return self._write(lambda: render_pdf(ticket, self.paper_mm), ticket_file_name(ticket))

    def print_slip(self, slip: SlipPrint) -> PrintResult:
        return self._write(
            lambda: render_slip_pdf(slip, self.paper_mm), slip_file_name(slip), "slip"
        )

    def _write(self, render: Callable[[], bytes], name: str, what: str = "ticket") -> PrintResult:
        try:
            data = render()
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self._free_path(name)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{what}-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            written = target.stat().st_size
        except OSError as exc:
            return PrintResult.failed(
                ERROR, f"cannot write {what} PDF: {exc}", backend="pdf", what=what
            )
        if written != len(data):
            return PrintResult.failed(
                ERROR, f"{target} has {written} of {len(data)} bytes", backend="pdf", what=what
            )
        return PrintResult.printed(str(target))
