"""The default backend: the ticket PDF written into a folder (no printer needed)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from printing.model import TicketPrint
from printing.pdf import render_pdf
from printing.result import ERROR, PrintResult


def ticket_file_name(ticket: TicketPrint) -> str:
    """``2024-05-01_A012.pdf`` (``_reprint`` appended for a reprint): sortable by day."""
    suffix = "_reprint" if ticket.reprint else ""
    safe_label = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in ticket.label)
    return f"{ticket.issued_at:%Y-%m-%d}_{safe_label}{suffix}.pdf"


class PdfFolderBackend:
    """Writes each ticket atomically (temp file, fsync, rename); confirmed once fully written."""

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
        try:
            data = render_pdf(ticket, self.paper_mm)
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self._free_path(ticket_file_name(ticket))
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".ticket-", suffix=".tmp")
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
            return PrintResult.failed(ERROR, f"cannot write ticket PDF: {exc}", backend="pdf")
        if written != len(data):
            return PrintResult.failed(
                ERROR, f"{target} has {written} of {len(data)} bytes", backend="pdf"
            )
        return PrintResult.printed(str(target))
