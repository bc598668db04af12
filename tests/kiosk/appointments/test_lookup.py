"""The kiosk's lookup (by the slip's token, a phone, the document's last six characters), linking
a ticket, the desk's pre-fill, the standby candidates and deleting old appointments."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.clock import FakeClock
from kiosk.engine import Engine
from kiosk.errors import InvalidInput, InvalidTransition, NotAllowed
from kiosk.model import KIOSK_ACTOR, PersonIn
from kiosk.states import State
from tests.kiosk.appointments.lists import ZH, resident, write_csv
from tests.kiosk.conftest import DAY, MANAGER, NURSE, make_ticket, open_day, register

LATER = DAY + timedelta(days=5)


@pytest.fixture
def booked(engine: Engine, tmp_path: Path) -> Engine:
    """Residents 1-4 today (2 and 3 share a phone), 5-6 later (5 agreed to be called in)."""
    rows = [resident(n, DAY) for n in range(1, 5)] + [resident(n, LATER) for n in (5, 6)]
    rows[2][3] = rows[1][3]
    rows[4][7], rows[5][7] = "是", "否"
    engine.appointments.import_file(write_csv(tmp_path / "l.csv", ZH, rows), actor=MANAGER)
    return engine


def test_the_slip_token_finds_todays_appointment_with_the_name_masked(booked: Engine) -> None:
    mine = next(a for a in booked.appointments.on_day(DAY) if a.name == resident(1, DAY)[0])
    found = booked.appointments.kiosk_lookup("token", mine.token)
    assert [m.appointment_id for m in found.today] == [mine.id]
    assert found.today[0].masked_name == mine.name[0] + "*" + mine.name[-1]
    assert mine.name not in repr(found)
    assert booked.appointments.kiosk_lookup("token", "no-such-token") == found.__class__(())


def test_a_shared_phone_lists_every_resident_to_choose_from(booked: Engine) -> None:
    phone = str(resident(2, DAY)[3])
    found = booked.appointments.kiosk_lookup("phone", f"{phone[:3]} {phone[3:7]} {phone[7:]}")
    assert len(found.today) == 2 and all("*" in m.masked_name for m in found.today)


def test_a_landline_typed_as_digits_finds_the_list_written_with_a_dash(
    engine: Engine, tmp_path: Path
) -> None:
    row = resident(9, DAY)
    row[3] = "(0571)8888-1234"
    engine.appointments.import_file(write_csv(tmp_path / "l.csv", ZH, [row]), actor=MANAGER)
    assert len(engine.appointments.kiosk_lookup("phone", "057188881234").today) == 1


def test_the_document_suffix_finds_it_and_another_day_is_said(booked: Engine) -> None:
    number = str(resident(1, DAY)[2])
    assert len(booked.appointments.kiosk_lookup("suffix", number[-6:].lower()).today) == 1
    later = str(resident(5, LATER)[2])
    found = booked.appointments.kiosk_lookup("suffix", later[-6:])
    assert not found.found and found.other_days == (LATER,)
    assert not booked.appointments.kiosk_lookup("suffix", "12345").found  # not six characters
    assert not booked.appointments.kiosk_lookup("phone", "12").found


def test_the_ticket_is_linked_once_and_the_desk_reads_the_appointment(
    booked: Engine, clock: FakeClock
) -> None:
    open_day(booked)
    mine = booked.appointments.on_day(DAY)[0]
    ticket = booked.tickets.issue("A")
    booked.appointments.link(mine.id, ticket.id, actor=KIOSK_ACTOR)
    assert booked.appointments.link(mine.id, ticket.id, actor=KIOSK_ACTOR).ticket_id == ticket.id
    prefill = booked.appointments.for_ticket(ticket.id)
    assert prefill is not None and prefill.id_number == mine.id_number and prefill.name == mine.name
    other = booked.tickets.issue("A")
    with pytest.raises(InvalidTransition):
        booked.appointments.link(mine.id, other.id, actor=KIOSK_ACTOR)
    later = booked.appointments.on_day(LATER)[0]
    with pytest.raises(InvalidInput, match="for another|is for"):
        booked.appointments.link(later.id, other.id, actor=KIOSK_ACTOR)
    assert booked.appointments.kiosk_lookup("token", mine.token).today[0].linked


def test_standby_candidates_are_later_holders_who_agreed(booked: Engine) -> None:
    candidates = booked.appointments.standby_candidates()
    assert [(c.name, c.day) for c in candidates] == [(resident(5, LATER)[0], LATER)]
    assert candidates[0].phone == resident(5, LATER)[3]


def test_old_appointments_without_a_dose_are_deleted_after_keep_days(
    booked: Engine, clock: FakeClock
) -> None:
    open_day(booked)
    given = booked.appointments.on_day(DAY)[0]
    ticket = booked.tickets.issue("A")
    booked.appointments.link(given.id, ticket.id, actor=KIOSK_ACTOR)
    booked.tickets.call(ticket.id, "R1", actor=NURSE)
    person = PersonIn(given.name, given.id_number)
    register(booked, ticket.id, person)
    booked.tickets.call(ticket.id, "V1", actor=NURSE)
    lot_id = booked.day.status().lots[0].id
    booked.care.vaccinate(ticket.id, lot_id=lot_id, actor=NURSE)
    deferred = booked.appointments.on_day(DAY)[1]
    t2 = make_ticket(booked, clock, State.DEFERRED)
    booked.appointments.link(deferred.id, t2.id, actor=KIOSK_ACTOR)
    with pytest.raises(NotAllowed):
        booked.appointments.purge(90, actor=NURSE)
    assert booked.appointments.purge(90, actor=MANAGER) == 0
    clock.advance(timedelta(days=91))
    assert booked.appointments.purge(90, actor=MANAGER) == 3  # today's but the vaccinated
    assert [a.id for a in booked.appointments.on_day(DAY)] == [given.id]
    assert len(booked.appointments.on_day(LATER)) == 2  # their date is less than 90 days ago
