"""A site over days for the record's tests: each day a fresh engine on the same database."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from kiosk.bootstrap import TRAINING, open_database
from kiosk.clock import FakeClock
from kiosk.config_model import DEFAULT
from kiosk.dose_rules import RuleSet, rules_from_config
from kiosk.engine import Engine
from kiosk.model import PersonIn, Ticket
from tests.kiosk.conftest import MANAGER, NURSE, STATION, lot

TZ = ZoneInfo("Asia/Shanghai")
FIRST_DAY = date(2026, 3, 2)
EXPIRY = date(2030, 1, 1)  # every delivery of a lot carries its one expiry
RULES = rules_from_config(DEFAULT)  # covid19: 2 doses 21..56 days apart, booster after 180
PRODUCT = RULES.rules[0].product
ZHANG = PersonIn("张晓明", "11010519491231002X", "13800138000")
SMITH = PersonIn(
    "John Smith",
    "E12345678",
    document_type="passport",
    document_country="gbr",
    birth_date=date(1980, 5, 1),
    sex="male",
)
OK = {"fever": False}


class Site:
    """A site over days: each day a fresh engine on the same database (a restart)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.clock = FakeClock(datetime.combine(FIRST_DAY, time(8), tzinfo=TZ))
        self.engine = self._start()
        self.desks = itertools.count(1)

    def _start(self) -> Engine:
        db = open_database(self.url, "main", TRAINING, self.clock.now())
        return Engine(db, self.clock, "main", "Asia/Shanghai")

    def day(
        self, on: date, rules: RuleSet | None = RULES, products: tuple[str, ...] = ()
    ) -> Engine:
        """Restart on ``on`` at 08:00 and open that day with ``rules``."""
        self.engine.db.dispose()
        self.clock.set(datetime.combine(on, time(8), tzinfo=TZ))
        self.engine = self._start()
        lots = [
            lot(vials=20, product=p, name=f"L{i}", expiry=EXPIRY)
            for i, p in enumerate(products or (PRODUCT,))
        ]
        self.engine.day.open(
            capacity=50,
            observation_minutes=30,
            missed_grace_minutes=30,
            lots_in=lots,
            actor=MANAGER,
            rules=rules,
        )
        return self.engine

    def called(self) -> Ticket:
        t = self.engine.tickets.issue("A")
        return self.engine.tickets.call(t.id, f"R{next(self.desks)}", actor=NURSE)

    def register(self, person: PersonIn, **kw: object) -> Ticket:
        t = self.called()
        options: dict[str, object] = {"screening": OK, "consent": True, "actor": NURSE, **kw}
        return self.engine.care.register(t.id, person, **options)  # type: ignore[arg-type]

    def vaccinate(self, person: PersonIn, **kw: object) -> Ticket:
        t = self.register(person, **kw)
        self.engine.tickets.call(t.id, "V1", actor=STATION)
        lot_id = self.engine.day.status().lots[0].id
        return self.engine.care.vaccinate(t.id, lot_id=lot_id, actor=STATION)
