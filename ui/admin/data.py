"""What the admin screen's redraw reads, off the UI thread, in one value.

One refresh reads the day's status (tickets by state, doses, the cap, opened vials), the lots on
hand in the inventory, and the clear-to-zero figures with the standby list and the appointment
holders of later days who agreed to be called (issue 17). Each is a read of
today's rows only (indexed by site and day), so the refresh costs the same on the first day and
after months of history (bench/bench_admin.py). The reconciliation, which also reads the day's
waste events, is read only while the closing panel shows it (:func:`read_reconciliation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.appointments.model import StandbyCandidate
from kiosk.engine import Engine
from kiosk.engine.clearing import ClearingStatus
from kiosk.engine.closing import Reconciliation
from kiosk.engine.inventory import InventoryLot
from kiosk.errors import DayNotOpen
from kiosk.model import DayStatus


@dataclass(frozen=True)
class AdminRead:
    """The admin screen's figures at ``now``; ``status`` is None before the day is opened."""

    day: date
    now: datetime
    status: DayStatus | None
    inventory: tuple[InventoryLot, ...]
    clearing: ClearingStatus | None
    candidates: tuple[StandbyCandidate, ...] = ()
    """Holders of later days' appointments who agreed to be called (read while the day is open)."""

    @property
    def is_open(self) -> bool:
        return self.status is not None and self.status.status == "open"

    def lot_number(self, lot_id: int) -> str:
        if self.status is not None:
            for lot in self.status.lots:
                if lot.id == lot_id:
                    return lot.lot
        return str(lot_id)

    def lot_name(self, lot_id: int) -> str:
        """A lot of the day as the manager names it: "LOT (product)"."""
        if self.status is not None:
            for lot in self.status.lots:
                if lot.id == lot_id:
                    return f"{lot.lot} ({lot.product})"
        return str(lot_id)


def read_admin(engine: Engine, warn_minutes: int) -> AdminRead:
    """Everything the admin screen draws, read now (on a worker thread)."""
    day = engine.today()
    now = engine.now()
    try:
        status: DayStatus | None = engine.day.status(day)
    except DayNotOpen:
        status = None
    inventory = tuple(engine.inventory.on_hand())
    clearing = None
    candidates: tuple[StandbyCandidate, ...] = ()
    if status is not None and status.status == "open":
        clearing = engine.clearing.status(day, warn_minutes=warn_minutes, day_status=status)
        candidates = tuple(engine.appointments.standby_candidates(day))
    return AdminRead(day, now, status, inventory, clearing, candidates)


def read_reconciliation(engine: Engine, day: date) -> Reconciliation | None:
    """The day's reconciliation, or None when the day was never opened."""
    try:
        return engine.closing.reconciliation(day)
    except DayNotOpen:
        return None
