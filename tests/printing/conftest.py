"""Fixtures for the printing tests: a sample ticket and record slip, and a private CUPS server with
a PDF queue.

The CUPS fixture runs its own cupsd (as root, config, spool, logs and socket in a temp dir), so
the machine's CUPS is never touched, apart from one per-queue cups-pdf config file
(/etc/cups/cups-pdf-<queue>.conf: cups-pdf reads its config only from there) that tells it to
write into the temp dir; the file is removed at teardown. Where cupsd cannot run, the tests skip
with the reason, except in CI (CI=true), where they fail: CI must run them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

import pytest

from printing.model import TicketPrint, new_token
from printing.slip import SlipPrint
from tests.ci import unavailable

SITE = "城关镇卫生院疫苗接种点"


@pytest.fixture
def ticket() -> TicketPrint:
    return TicketPrint(
        site_name=SITE,
        label="A012",
        category="第一剂",
        issued_at=datetime(2024, 5, 1, 8, 32, tzinfo=ZoneInfo("Asia/Shanghai")),
        ahead=7,
        token=new_token(),
        observation_minutes=30,
    )


@pytest.fixture
def slip() -> SlipPrint:
    return SlipPrint(
        site_name=SITE,
        name="张伟",
        sex="male",
        birth_date=date(1985, 3, 2),
        document_label="居民身份证",
        document_masked="110105********002X",
        product="重组带状疱疹疫苗（CHO细胞）",
        manufacturer="北京生物制品研究所有限责任公司",
        lot="202405A017",
        dose_number=2,
        dose_kind="primary",
        vaccinated_at=datetime(2026, 11, 28, 9, 42, 5, tzinfo=ZoneInfo("Asia/Shanghai")),
        vaccinator="李红",
        station="接种台 3",
        next_window=(date(2026, 12, 19), date(2027, 1, 23)),
        token=new_token(),
    )


def _unavailable(reason: str) -> NoReturn:
    unavailable("CUPS test server", reason)


@dataclass
class CupsServer:
    root: Path
    socket: str
    queue: str
    out_dir: Path

    def env(self) -> dict[str, str]:
        return dict(os.environ, CUPS_SERVER=self.socket, LC_ALL="C", LANG="C")

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), env=self.env(), capture_output=True, text=True, timeout=10, check=True
        )

    def add_queue(self, name: str, uri: str) -> None:
        self.run("lpadmin", "-p", name, "-E", "-v", uri, "-P", str(_cups_pdf_ppd()))

    def log_tail(self) -> str:
        log = self.root / "log" / "error_log"
        return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"


def _cups_pdf_ppd() -> Path:
    for candidate in (
        Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"),
        Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"),
    ):
        if candidate.exists():
            return candidate
    _unavailable("CUPS-PDF_opt.ppd not found (package printer-driver-cups-pdf)")
    raise AssertionError("unreachable")


_CUPSD_CONF = """\
Listen {socket}
LogLevel info
Browsing No
WebInterface No
DefaultAuthType None
MaxJobs 0
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

_CUPS_FILES_CONF = """\
ServerRoot {root}
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
Printcap {root}/printcap
SystemGroup root
"""


@pytest.fixture(scope="session")
def cups_server() -> Iterator[CupsServer]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        _unavailable("cupsd and the cups-pdf backend need root")
    for tool in ("cupsd", "lpadmin", "lp", "lpstat", "cupsdisable", "cupsreject"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            _unavailable(f"{tool} not installed (package cups)")
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        _unavailable("cups-pdf backend missing (package printer-driver-cups-pdf)")
    _cups_pdf_ppd()

    # Not under pytest's tmp dir: that is 0700, and CUPS filters run as user lp and must read
    # the queue's PPD under ServerRoot.
    root = Path(tempfile.mkdtemp(prefix="cups-test-"))
    root.chmod(0o755)
    for sub in ("spool/tmp", "cache", "state", "log", "out", "anon", "ppd"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "out").chmod(0o777)
    # Unix socket paths are limited to ~107 bytes: keep it short.
    sock = str(root / "cups.sock")
    (root / "cupsd.conf").write_text(_CUPSD_CONF.format(socket=sock))
    (root / "cups-files.conf").write_text(_CUPS_FILES_CONF.format(root=root))
    queue = f"ticketpdf{os.getpid()}"
    pdf_conf = Path(f"/etc/cups/cups-pdf-{queue}.conf")
    pdf_conf.write_text(
        f"Out {root}/out\nAnonDirName {root}/anon\nLabel 0\nTitlePref 1\nLog {root}/log\n"
    )
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    stderr = open(root / "log" / "cupsd.stderr", "wb")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    server = CupsServer(root, sock, queue, root / "out")
    try:
        deadline = time.monotonic() + 10
        while True:
            probe = subprocess.run(
                ["lpstat", "-r"], env=server.env(), capture_output=True, text=True, timeout=5
            )
            if "scheduler is running" in probe.stdout:
                break
            if time.monotonic() > deadline:
                err = (root / "log" / "cupsd.stderr").read_text(errors="replace")
                _unavailable(f"cupsd did not start in 10 s: {err}{server.log_tail()}")
            try:  # between probes, wait on the daemon itself: a crash ends the wait at once
                proc.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            err = (root / "log" / "cupsd.stderr").read_text(errors="replace")
            _unavailable(f"cupsd exited ({proc.returncode}): {err}{server.log_tail()}")
        server.add_queue(queue, f"cups-pdf:/{queue}")  # the URI path picks cups-pdf-<queue>.conf
        yield server
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        stderr.close()
        pdf_conf.unlink(missing_ok=True)
        Path(f"/var/log/cups/cups-pdf-{queue}_log").unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def cups(cups_server: CupsServer) -> CupsServer:
    """The server with its PDF queue enabled and accepting, whatever the last test did to it."""
    cups_server.run("cupsenable", cups_server.queue)
    cups_server.run("cupsaccept", cups_server.queue)
    return cups_server
