"""CUPS (Linux, macOS) through its command line tools: ``lp`` to submit, ``lpstat`` to follow.

The command line tools are always there where CUPS is, need no compiled binding (pycups), and
talk to whatever server the machine is set up for (``CUPS_SERVER``/client.conf). The job gets
the ticket's (or slip's) own page size as a custom media size, so the driver neither scales it
onto A4 nor feeds a whole page. A job counts as printed only once CUPS lists it as completed.
A slip's job title and file name carry no personal data: anyone can list a queue's jobs.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from printing.model import TicketPrint
from printing.pdf import render_ticket
from printing.pdf_layout import RenderedPage
from printing.result import ERROR, NO_CONFIRMATION, OFFLINE, REFUSED, PrintResult
from printing.slip import SlipPrint
from printing.slip_pdf import render_slip

_REQUEST_ID = re.compile(r"request id is (\S+)")
_POLL_SECONDS = 0.2
# IPP job-state-reasons that lpstat -l shows for a job CUPS gave up on but keeps listed
_FAILED_JOB_ALERTS = ("job-stopped", "job-completed-with-errors", "aborted-by-system")


class _CupsCommandError(Exception):
    pass


class CupsBackend:
    def __init__(
        self,
        queue: str,
        *,
        paper_mm: int = 80,
        timeout_seconds: float = 10.0,
        server: str | None = None,  # CUPS_SERVER for the commands; None: the machine's default
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.queue = queue
        self.paper_mm = paper_mm
        self.timeout_seconds = timeout_seconds
        self.server = server
        self._sleep = sleep
        self._monotonic = monotonic

    # -- commands -------------------------------------------------------------------------
    def _run(self, args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, LC_ALL="C", LANG="C")  # parse English, whatever the locale
        if self.server:
            env["CUPS_SERVER"] = self.server
        try:
            return subprocess.run(
                args, env=env, capture_output=True, text=True, timeout=max(timeout, 0.5)
            )
        except FileNotFoundError as exc:
            raise _CupsCommandError(f"CUPS command line tools missing: {exc}") from exc

    def _fail(self, code: str, detail: str, what: str = "ticket") -> PrintResult:
        return PrintResult.failed(
            code, f"queue {self.queue!r}: {detail}", backend="cups", what=what
        )

    def queue_problem(self, timeout: float, what: str = "ticket") -> PrintResult | None:
        """A failed result when the queue is unknown, stopped or rejecting jobs, else None."""
        state = self._run(["lpstat", "-p", self.queue], timeout)
        text = (state.stdout + state.stderr).strip()
        if state.returncode != 0 or "Invalid destination" in text or not state.stdout:
            return self._fail(OFFLINE, f"unknown or unreachable queue: {text or 'no answer'}", what)
        if " disabled " in state.stdout.splitlines()[0] + " ":
            return self._fail(REFUSED, f"queue stopped: {_reason(state.stdout)}", what)
        accepting = self._run(["lpstat", "-a", self.queue], timeout)
        if "not accepting" in accepting.stdout or accepting.returncode != 0:
            why = _reason(accepting.stdout) or accepting.stderr.strip()
            return self._fail(REFUSED, f"queue rejecting jobs: {why}", what)
        return None

    def _jobs(self, which: str, timeout: float) -> dict[str, str]:
        """Job id -> its ``lpstat -l`` detail lines (status, alerts), for this queue."""
        out = self._run(["lpstat", "-W", which, "-l", "-o", self.queue], timeout).stdout
        jobs: dict[str, str] = {}
        current = None
        for line in out.splitlines():
            if line and not line[0].isspace():
                current = line.split(maxsplit=1)[0]
                jobs[current] = ""
            elif current is not None:
                jobs[current] += line.strip() + "\n"
        return jobs

    def _cancel(self, job_id: str) -> None:
        # A job left queued would print by surprise once someone restarts the queue; the
        # design wants failed tickets reprinted only by a logged staff action.
        self._run(["cancel", job_id], 5.0)

    # -- the backend --------------------------------------------------------------------
    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        return self._guarded(
            lambda: render_ticket(ticket, self.paper_mm), ticket.label, f"{ticket.label} ticket"
        )

    def print_slip(self, slip: SlipPrint) -> PrintResult:
        return self._guarded(
            lambda: render_slip(slip, self.paper_mm), "slip", "vaccination record", "slip"
        )

    def _guarded(
        self, render: Callable[[], RenderedPage], stem: str, title: str, what: str = "ticket"
    ) -> PrintResult:
        try:
            return self._print(render, stem, title, what)
        except subprocess.TimeoutExpired as exc:
            return self._fail(NO_CONFIRMATION, f"CUPS command timed out: {exc.cmd[0]}", what)
        except (_CupsCommandError, OSError) as exc:
            return self._fail(ERROR, str(exc), what)

    def _print(
        self, render: Callable[[], RenderedPage], stem: str, title: str, what: str
    ) -> PrintResult:
        deadline = self._monotonic() + self.timeout_seconds

        def left() -> float:
            return deadline - self._monotonic()

        def fail(code: str, detail: str) -> PrintResult:
            return self._fail(code, detail, what)

        problem = self.queue_problem(left(), what)
        if problem:
            return problem
        rendered = render()
        with tempfile.TemporaryDirectory(prefix=f"{what}-") as tmp:
            pdf = Path(tmp) / f"{stem}.pdf"
            pdf.write_bytes(rendered.pdf)
            submit = self._run(
                [
                    "lp", "-d", self.queue,
                    "-o", f"media={rendered.cups_media}",
                    "-o", "fit-to-page",
                    "-o", "page-top=0", "-o", "page-bottom=0",
                    "-o", "page-left=0", "-o", "page-right=0",
                    "-t", title,
                    str(pdf),
                ],
                left(),
            )  # fmt: skip
        match = _REQUEST_ID.search(submit.stdout)
        if submit.returncode != 0 or not match:
            detail = (submit.stderr or submit.stdout).strip()
            code = REFUSED if "not accepting" in detail else ERROR
            return fail(code, f"lp failed: {detail}")
        job_id = match.group(1)
        while True:
            pending = self._jobs("not-completed", left())
            if job_id not in pending:
                if job_id in self._jobs("completed", left()):
                    return PrintResult.printed(f"CUPS job {job_id} completed")
                return fail(
                    NO_CONFIRMATION, f"job {job_id} left the queue without a completion record"
                )
            info = pending[job_id]
            if any(alert in info for alert in _FAILED_JOB_ALERTS):
                self._cancel(job_id)
                status = " ".join(info.split()) or "no status"
                return fail(ERROR, f"job {job_id} stopped: {status} (cancelled)")
            problem = self.queue_problem(left(), what)
            if problem:  # e.g. someone stopped the queue while our job waited
                self._cancel(job_id)
                return PrintResult(
                    False, problem.code, f"{problem.detail} (job {job_id} cancelled)"
                )
            if left() <= 0:
                break
            self._sleep(min(_POLL_SECONDS, left()))
        self._cancel(job_id)
        return fail(
            NO_CONFIRMATION,
            f"job {job_id} not completed within {self.timeout_seconds:g} s (cancelled)",
        )


def _reason(lpstat_output: str) -> str:
    """The reason text lpstat prints on the lines after the state line."""
    lines = [line.strip() for line in lpstat_output.splitlines()[1:] if line.strip()]
    return "; ".join(lines) or "no reason given"
