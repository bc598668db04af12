"""What a print attempt came to. Kept apart from backend.py so backends need not import it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger("printing")

# ok: printed. The rest are failures: the ticket (or slip) stays valid and is never resent automatically.
PRINTED = "printed"
OFFLINE = "offline"  # device or queue unreachable / unknown / not accepting
PAPER_OUT = "paper_out"
REFUSED = "refused"  # the device or spooler refused the job (queue stopped, rejecting, ...)
TIMEOUT = "timeout"
NO_CONFIRMATION = "no_confirmation"  # sent, but the device never confirmed it printed
ERROR = "error"
CODES = (PRINTED, OFFLINE, PAPER_OUT, REFUSED, TIMEOUT, NO_CONFIRMATION, ERROR)


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    code: str
    detail: str = ""

    @classmethod
    def printed(cls, detail: str = "") -> PrintResult:
        return cls(True, PRINTED, detail)

    @classmethod
    def failed(
        cls, code: str, detail: str, *, backend: str = "", what: str = "ticket"
    ) -> PrintResult:
        """A failed result, logged once here so every backend reports failures the same way.
        ``what`` names the job in the log ("ticket", "slip"); ``detail`` must hold no personal
        data (backends name devices, queues and files, never the resident)."""
        if code not in CODES or code == PRINTED:
            raise ValueError(f"not a failure code: {code!r}")
        log.warning(
            "%s not printed%s: %s (%s)", what, f" on {backend}" if backend else "", code, detail
        )
        return cls(False, code, detail)
