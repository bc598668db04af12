"""The engine: every operation of a service day, each one transaction that appends its events.

:class:`Engine` holds one object per concept, as Anki's collection holds its parts, all sharing one
:class:`~kiosk.engine.core.EngineCore` (database, clock, site, the write path):

- ``engine.stock``: lots and vials (:mod:`kiosk.engine.stock`);
- ``engine.record``: persons across days, their doses, the dose rules (:mod:`kiosk.engine.record`);
- ``engine.inventory``: lots on hand that carry over from day to day
  (:mod:`kiosk.engine.inventory`);
- ``engine.closing``: the day's reconciliation, a close that balances, reopening
  (:mod:`kiosk.engine.closing`);
- ``engine.day``: open, change and close the day; its status and the cap (:mod:`kiosk.engine.day`);
- ``engine.tickets``: issue, call, recall, missed, reinstate, cancel (:mod:`kiosk.engine.tickets`);
- ``engine.care``: registration and vaccination (:mod:`kiosk.engine.care`);
- ``engine.observation``: release, early leave, adverse events (:mod:`kiosk.engine.observation`);
- ``engine.corrections``: undoing a wrong outcome (:mod:`kiosk.engine.corrections`);
- ``engine.queries``: what the screens read (:mod:`kiosk.engine.queries`);
- ``engine.clearing``: clearing to zero and the standby list (:mod:`kiosk.engine.clearing`);
- ``engine.appointments``: the village lists: import, the kiosk's lookup, the due list
  (:mod:`kiosk.engine.appointments`).

A part that builds on another receives it in its constructor (the day reads the stock, issuing
checks the day's cap); none inherits from another. A screen or panel takes the parts it uses.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.clock import Clock
from kiosk.db.database import Database
from kiosk.engine.appointments import AppointmentOps
from kiosk.engine.care import CareOps
from kiosk.engine.clearing import ClearingOps
from kiosk.engine.closing import ClosingOps
from kiosk.engine.core import EngineCore
from kiosk.engine.corrections import CorrectionOps
from kiosk.engine.day import DayOps
from kiosk.engine.inventory import InventoryOps
from kiosk.engine.observation import ObservationOps
from kiosk.engine.queries import Queries
from kiosk.engine.record import RecordOps
from kiosk.engine.stock import StockOps
from kiosk.engine.tickets import TicketOps

__all__ = ["Engine"]


class Engine:
    """One site's engine over one database, with an injected clock."""

    def __init__(self, db: Database, clock: Clock, site: str, timezone: str) -> None:
        self.core = EngineCore(db, clock, site, timezone)
        self.db = db
        self.clock = clock
        self.site = site
        self.tz: ZoneInfo = self.core.tz
        self.record = RecordOps(self.core)
        self.stock = StockOps(self.core, self.record)
        self.inventory = InventoryOps(self.core)
        self.closing = ClosingOps(self.core, self.inventory)
        self.day = DayOps(self.core, self.stock, self.record, self.closing, self.inventory)
        self.tickets = TicketOps(self.core, self.day)
        self.care = CareOps(self.core, self.stock, self.record)
        self.observation = ObservationOps(self.core)
        self.corrections = CorrectionOps(self.core, self.day, self.stock)
        self.queries = Queries(self.core)
        self.clearing = ClearingOps(self.core, self.day, self.tickets)
        self.appointments = AppointmentOps(self.core, self.record, self.tickets)

    def now(self) -> datetime:
        return self.core.now()

    def today(self) -> date:
        """The service day: the site's local date."""
        return self.core.today()

    def local(self, moment: datetime) -> datetime:
        return self.core.local(moment)
