"""Taking a number for an appointment (issue 17): the ticket issued and linked in one transaction,
on SQLite and PostgreSQL; the cap applies; another day's or a used appointment is refused and
nothing is written."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.db.schema import events, tickets
from kiosk.engine import Engine
from kiosk.errors import CapReached, InvalidInput, InvalidTransition
from kiosk.model import KIOSK_ACTOR
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.kiosk.conftest import DAY, MANAGER

LATER = DAY + timedelta(days=3)


def book(engine: Engine, tmp_path: Path) -> None:
    """Residents 1-3 today (3 for a second dose), 4 on a later day."""
    rows = [resident(1, DAY), resident(2, DAY), resident(3, DAY, dose=2), resident(4, LATER)]
    engine.appointments.import_file(write_csv(tmp_path / "l.csv", ZH, rows), actor=MANAGER)


def written(engine: Engine) -> tuple[int, int]:
    """Tickets and events on file."""
    with engine.db.read() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(tickets)).scalar_one()
        logged = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
    return int(count), int(logged)


def test_the_number_is_taken_and_linked_at_once(both: Engine, tmp_path: Path) -> None:
    book(both, tmp_path)
    mine = both.appointments.on_day(DAY)[0]
    ticket = both.appointments.take_number(mine.id, "A", actor=KIOSK_ACTOR)
    assert ticket.day == DAY and ticket.prefix == "A" and not ticket.priority
    linked = both.appointments.for_ticket(ticket.id)
    assert linked is not None and linked.id == mine.id and linked.name == mine.name
    assert both.appointments.kiosk_lookup("token", mine.token).today[0].linked
    assert both.queries.people_ahead(ticket) == 0
    second = both.appointments.on_day(DAY)[1]
    priority = both.appointments.take_number(second.id, "B", priority=True)
    assert priority.priority and priority.label.startswith("B")


def test_a_repeated_tap_gives_the_same_ticket(both: Engine, tmp_path: Path) -> None:
    book(both, tmp_path)
    mine = both.appointments.on_day(DAY)[0]
    first = both.appointments.take_number(mine.id, "A", key="tap-1")
    before = written(both)
    again = both.appointments.take_number(mine.id, "A", key="tap-1")
    assert again.id == first.id and written(both) == before


def test_a_used_appointment_is_refused_and_nothing_written(both: Engine, tmp_path: Path) -> None:
    book(both, tmp_path)
    mine = both.appointments.on_day(DAY)[0]
    both.appointments.take_number(mine.id, "A")
    before = written(both)
    with pytest.raises(InvalidTransition, match="already led"):
        both.appointments.take_number(mine.id, "A")
    assert written(both) == before


def test_another_days_appointment_is_refused_and_nothing_written(
    both: Engine, tmp_path: Path
) -> None:
    book(both, tmp_path)
    later = both.appointments.on_day(LATER)[0]
    before = written(both)
    with pytest.raises(InvalidInput, match=f"is for {LATER}"):
        both.appointments.take_number(later.id, "A")
    assert written(both) == before
    assert both.appointments.get(later.id).ticket_id is None


def test_the_cap_applies_and_leaves_the_appointment_free(both: Engine, tmp_path: Path) -> None:
    book(both, tmp_path)
    both.day.set_capacity(1, actor=MANAGER)
    first, second = both.appointments.on_day(DAY)[:2]
    both.appointments.take_number(first.id, "A")
    before = written(both)
    with pytest.raises(CapReached):
        both.appointments.take_number(second.id, "A")
    assert written(both) == before and both.appointments.get(second.id).ticket_id is None


def test_a_bad_prefix_or_unknown_appointment_says_what(both: Engine, tmp_path: Path) -> None:
    book(both, tmp_path)
    mine = both.appointments.on_day(DAY)[0]
    with pytest.raises(InvalidInput, match="prefix"):
        both.appointments.take_number(mine.id, "a1")
    with pytest.raises(Exception, match="no appointment 999999"):
        both.appointments.take_number(999999, "A")
    assert both.appointments.get(mine.id).ticket_id is None
