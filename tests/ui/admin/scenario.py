"""A site's afternoon for the admin screen's screenshots and bench: a day opened from the
inventory, residents issued, registered, vaccinated and released through the real engine on a
fake clock, a few deferred, missed and wasted doses, opened vials, and a standby list.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.admin.screenshots   (uses it)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.clock import FakeClock
from kiosk.config import Config
from kiosk.dose_rules import rules_from_config
from kiosk.engine import Engine
from kiosk.idnumber import check_character
from kiosk.model import Actor, LotIn, PersonIn
from tests.kiosk.appointments.lists import ZH, resident, write_csv

MANAGER = Actor("李站长", "admin", "manager")
DESK = Actor("王护士", "登记1")
STATION = Actor("陈护士", "接种1")
NAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"


def id_number(n: int, born: date) -> str:
    body = f"659001{born:%Y%m%d}{n % 1000:03d}"  # a region the simulation does not use
    return body + check_character(body)


def afternoon(engine: Engine, clock: FakeClock, config: Config, *, residents: int = 160,
              until: str = "15:20", first: int = 0) -> None:  # fmt: skip
    """Today's day from 08:00 to ``until``: ``residents`` through the queue, the last of them
    still waiting, in observation or called. ``first``: numbers persons apart across days."""
    tz = ZoneInfo(config.site.timezone)
    day = clock.now().astimezone(tz).date()
    clock.set(datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=8))
    product = config.products[0].name
    for name, vials in (("202611A", residents // 5 + 40), ("202612B", 40)):
        engine.inventory.receive(
            LotIn(product, name, day + timedelta(days=200), 5, vials, 360), actor=MANAGER
        )
    engine.day.open(
        rules=rules_from_config(config),
        capacity=max(300, residents + 100),
        observation_minutes=30,
        missed_grace_minutes=30,
        lots_in=[],
        actor=MANAGER,
        prefixes=tuple(c.prefix for c in config.categories),
        desks=tuple(d.name for d in config.desks),
        fridge_c=4.5,
        take={f"{product}/202611A": residents // 5 + 12},
    )
    hours, minutes = (int(x) for x in until.split(":"))
    end = datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=hours, minutes=minutes)
    step = (end - clock.now()) / (residents + 1)
    lot_id = engine.day.status(day).lots[0].id
    observing: list[tuple[datetime, int]] = []
    for i in range(residents):
        clock.advance(step)
        while observing and observing[0][0] <= clock.now():
            engine.observation.release(observing.pop(0)[1], actor=DESK)
        t = engine.tickets.issue("A")
        left = residents - i
        if left <= 3:
            continue  # still waiting at the end
        engine.tickets.call(t.id, "登记1", actor=DESK)
        if i % 37 == 5:
            engine.tickets.mark_missed(t.id, actor=DESK)
            continue
        if i % 29 == 3:
            engine.care.defer(t.id, "fever", actor=DESK)
            continue
        born = date(1940 + i % 60, 1 + i % 12, 1 + i % 28)
        person = PersonIn(f"{NAMES[i % len(NAMES)]}某{i}", id_number(first + i, born))
        engine.care.register(t.id, person, screening={}, consent=True, actor=DESK)
        engine.tickets.call(t.id, "接种1", actor=STATION)
        done = engine.care.vaccinate(t.id, lot_id=lot_id, actor=STATION)
        assert done.observation_end is not None
        observing.append((done.observation_end, t.id))
    vial = engine.day.status(day).open_vials
    if vial:
        engine.stock.waste(vial[0].id, 1, "broken", actor=STATION, note="瓶口破损")
    engine.day.take({f"{product}/202612B": 4}, actor=MANAGER)  # a vial of the new lot opened
    engine.stock.open_vial(engine.day.status(day).lots[1].id, actor=STATION)
    for name, phone, status in (("赵桂兰", "13812345678", "coming"), ("钱文明", "13987654321",
                                "called"), ("孙秀英", "0731-84561234", "waiting")):  # fmt: skip
        entry = engine.clearing.add_standby(name, phone, actor=MANAGER)
        if status != "waiting":
            engine.clearing.mark_standby(entry.id, status, actor=MANAGER)


def village_list(engine: Engine, folder: Path, *, residents: int = 8) -> Path:
    """A village list of ``residents`` for the next days (every other one agreed to be called),
    imported as the manager, as tests/kiosk/appointments/lists.py writes them; its path."""
    today = engine.today()
    rows = [resident(n, today + timedelta(days=1 + n % 3)) for n in range(1, residents + 1)]
    path = write_csv(folder / "东风村预约名单.csv", ZH, rows)
    engine.appointments.import_file(path, actor=MANAGER)
    return path


def bad_village_list(folder: Path) -> Path:
    """A village list with a bad phone, a date that is no date, and a document that fails its
    check character: for the import tab's problems table."""
    day = date(2026, 12, 3)
    rows = [resident(n, day) for n in range(20, 26)]
    rows[1][3] = "12345"
    rows[3][5] = "2026-02-30"
    rows[4][2] = str(rows[4][2])[:-1] + ("0" if str(rows[4][2])[-1] != "0" else "1")
    return write_csv(folder / "红星社区名单.csv", ZH, rows)
