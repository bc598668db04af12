"""Several screens share one printer: their jobs, tickets and slips, reach the device one at a
time."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from printing.backend import OneJobAtATime
from printing.model import sample_ticket
from printing.result import PrintResult
from printing.slip import sample_slip


class _Device:
    def __init__(self) -> None:
        self.inside = 0
        self.most = 0
        self.jobs = 0
        self.entered = threading.Event()
        self.overlapped = threading.Event()
        self.go_on = threading.Event()
        self._lock = threading.Lock()

    def print_slip(self, slip: object) -> PrintResult:
        return self.print_ticket(slip)

    def print_ticket(self, ticket: object) -> PrintResult:
        with self._lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
            if self.inside > 1:
                self.overlapped.set()
        self.entered.set()
        self.go_on.wait(5)
        with self._lock:
            self.inside -= 1
            self.jobs += 1
        return PrintResult(True, "printed", "")


def test_a_ticket_and_a_slip_from_two_threads_never_overlap() -> None:
    device = _Device()
    shared = OneJobAtATime(device)
    now = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    threads = [
        threading.Thread(target=shared.print_ticket, args=(sample_ticket(now, "站点"),)),
        threading.Thread(target=shared.print_slip, args=(sample_slip(now, "站点"),)),
    ]
    threads[0].start()
    assert device.entered.wait(5)  # the first job is at the device and holds it
    threads[1].start()
    # Without the lock the second job reaches the device at once; with it, it waits its turn.
    assert not device.overlapped.wait(0.5)
    device.go_on.set()
    for t in threads:
        t.join(5)
    assert device.jobs == 2 and device.most == 1
