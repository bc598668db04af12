"""我有预约 at the kiosk (issue 17): the slip's QR or the phone or the document's end finds the
appointment; masked names only; the confirmed name's number is issued, linked, printed and said."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.config import Category, Config
from kiosk.engine import Engine
from kiosk.model import KIOSK_ACTOR
from tests.kiosk.conftest import MANAGER
from tests.ui.conftest import open_day
from tests.ui.kiosk.booking import (
    LATER,
    FakeVoice,
    appointment_of,
    book,
    click,
    find,
    scan,
    shown_texts,
)
from tests.ui.kiosk.conftest import FakePrinter, settle
from ui.kiosk import text
from ui.kiosk.appointment import category_for_dose


def personal(row: list[object]) -> list[str]:
    """What the kiosk must never show of a resident: the name, the document, the phone."""
    return [str(row[0]), str(row[2]), str(row[3])]


def test_the_button_is_offered_on_a_day_with_appointments(
    engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    assert kiosk.start.appointment.isHidden()
    book(engine, tmp_path)
    kiosk.show_start()
    settle(kiosk)
    assert not kiosk.start.appointment.isHidden()


def test_a_scanned_slip_takes_a_linked_number_printed_and_said(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    printer = FakePrinter()
    kiosk = make_kiosk(printer)
    kiosk.announcer = voice = FakeVoice()
    mine = appointment_of(engine, rows[0])
    scan(qtbot, kiosk, mine.token)  # on the start page: straight to the appointment
    assert kiosk.page() == "appointment_confirm_page"
    confirm = kiosk.appointment.confirm
    assert confirm.name.text() == mine.name[0] + "*" + mine.name[-1]
    assert not any(p in shown_texts(kiosk) for p in personal(rows[0]))
    with qtbot.waitSignal(kiosk.printer.printed, timeout=5000):
        click(qtbot, kiosk, confirm.take)
    assert kiosk.page() == "issued_page"
    ticket = kiosk.shown_ticket
    assert ticket is not None and ticket.label == "A001"  # a first dose: 第一剂
    linked = engine.appointments.for_ticket(ticket.id)
    assert linked is not None and linked.id == mine.id
    assert [t.label for t in printer.tickets] == ["A001"]
    assert [a.text for a in voice.said] and "A001" in repr(voice.said[0])
    assert text.APPOINTMENT_NOTED in kiosk.issued.category.text()


def test_a_phone_typed_on_the_keypad_finds_it_and_a_second_dose_is_a_b_number(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    find(qtbot, kiosk, str(rows[3][3]))
    assert kiosk.page() == "appointment_confirm_page"
    assert "Dose 2" in kiosk.appointment.confirm.detail.text()
    shown = shown_texts(kiosk)
    assert str(rows[3][0]) not in shown and str(rows[3][2]) not in shown
    click(qtbot, kiosk, kiosk.appointment.confirm.take)
    ticket = kiosk.shown_ticket
    assert ticket is not None and ticket.prefix == "B"
    assert engine.appointments.for_ticket(ticket.id).id == appointment_of(engine, rows[3]).id


def test_the_document_suffix_finds_it(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    find(qtbot, kiosk, str(rows[0][2])[-6:])
    assert kiosk.page() == "appointment_confirm_page"
    assert kiosk.appointment.match.appointment_id == appointment_of(engine, rows[0]).id


def test_a_shared_phone_lists_every_resident_and_each_picks_theirs(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    find(qtbot, kiosk, str(rows[1][3]))
    assert kiosk.page() == "appointment_choose_page"
    names = kiosk.appointment.choose.names
    masked = {b.main.text() for b in names}
    assert len(names) == 2 and all("*" in m for m in masked)
    assert not any(p in shown_texts(kiosk) for r in rows[1:3] for p in personal(r))
    third = appointment_of(engine, rows[2])
    pick = next(b for b in names if b.main.text() == third.name[0] + "*" + third.name[-1])
    click(qtbot, kiosk, pick)
    assert kiosk.page() == "appointment_confirm_page"
    click(qtbot, kiosk, kiosk.appointment.confirm.not_me)  # the wrong one: back to the list
    assert kiosk.page() == "appointment_choose_page"
    click(qtbot, kiosk, pick)
    click(qtbot, kiosk, kiosk.appointment.confirm.take)
    ticket = kiosk.shown_ticket
    assert ticket is not None and engine.appointments.for_ticket(ticket.id).id == third.id
    assert appointment_of(engine, rows[1]).ticket_id is None


def test_another_day_is_said_kindly_with_that_day(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    find(qtbot, kiosk, str(rows[4][3]))
    assert kiosk.page() == "appointment_notice_page"
    assert kiosk.appointment.notice.headline.text() == text.OTHER_DAY
    assert text.day_en(LATER) in kiosk.appointment.notice.text.text()
    assert engine.tickets.issue("A").label == "A001"  # nothing was issued
    click(qtbot, kiosk, kiosk.appointment.notice.back)
    assert kiosk.page() == "start_page"


def test_not_found_says_take_a_number_as_usual(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    book(engine, tmp_path)
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    find(qtbot, kiosk, "13800000000")
    assert kiosk.page() == "appointment_notice_page"
    assert kiosk.appointment.notice.headline.text() == text.NOT_FOUND
    click(qtbot, kiosk, kiosk.appointment.notice.back)
    assert kiosk.page() == "start_page" and kiosk.shown_ticket is None


def test_too_little_typed_asks_for_more_and_delete_takes_one_back(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    book(engine, tmp_path)
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    find(qtbot, kiosk, "1395")
    lookup = kiosk.appointment.lookup
    assert kiosk.page() == "appointment_page" and lookup.message.text().startswith(text.TYPE_MORE)
    click(qtbot, kiosk, lookup.keypad.delete)
    assert lookup.typed.text() == "139" and lookup.message.isHidden()


def test_idle_returns_to_the_start_and_forgets_what_was_typed(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    find(qtbot, kiosk, str(rows[1][3]))
    assert kiosk.page() == "appointment_choose_page"
    idle = timedelta(seconds=kiosk.config.kiosk.idle_seconds)
    kiosk.clock.advance(idle - timedelta(milliseconds=1))
    settle(kiosk)
    assert kiosk.page() == "appointment_choose_page"
    kiosk.clock.advance(timedelta(milliseconds=1))
    settle(kiosk)
    assert kiosk.page() == "start_page"
    assert kiosk.appointment.typed == "" and kiosk.appointment.choose.names == []
    assert kiosk.appointment.lookup.typed.text().strip() == ""


def test_a_used_appointment_and_a_full_day(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    kiosk = make_kiosk(FakePrinter())
    used = appointment_of(engine, rows[0])
    engine.appointments.take_number(used.id, "A", actor=KIOSK_ACTOR)
    find(qtbot, kiosk, str(rows[0][3]))
    assert kiosk.page() == "appointment_notice_page"
    assert kiosk.appointment.notice.headline.text() == text.ALREADY_TAKEN
    click(qtbot, kiosk, kiosk.appointment.notice.back)
    engine.day.set_capacity(1, actor=MANAGER)
    find(qtbot, kiosk, str(rows[3][3]))
    click(qtbot, kiosk, kiosk.appointment.confirm.take)
    assert kiosk.page() == "closed_page" and kiosk.shown_ticket is None
    assert appointment_of(engine, rows[3]).ticket_id is None


def test_categories_that_do_not_say_the_dose_let_the_resident_choose(
    qtbot: QtBot, engine: Engine, make_kiosk, tmp_path: Path, kiosk_config: Config
) -> None:
    rows = book(engine, tmp_path)
    open_day(engine)
    plain = (Category("P", "普通", "Everyone"), Category("S", "老年人", "Seniors", priority=True))
    kiosk = make_kiosk(FakePrinter(), replace(kiosk_config, categories=plain))
    find(qtbot, kiosk, str(rows[0][3]))
    confirm = kiosk.appointment.confirm
    assert confirm.take.isHidden() and [b.objectName() for b in confirm.choices] == [
        "choose_P",
        "choose_S",
    ]
    click(qtbot, kiosk, confirm.choices[1])
    ticket = kiosk.shown_ticket
    assert ticket is not None and ticket.prefix == "S" and ticket.priority


def test_the_category_comes_from_the_dose_as_the_config_says() -> None:
    default = Config().categories
    assert category_for_dose(default, 1).prefix == "A"  # type: ignore[union-attr]
    assert category_for_dose(default, 3).prefix == "B"  # type: ignore[union-attr]
    mine = (Category("F", "甲", "", doses="first"), Category("N", "乙", "", doses="later"))
    assert category_for_dose(mine, 2).prefix == "N"  # type: ignore[union-attr]
    twice = (
        Category("A", "第一剂", "First dose", doses="first"),
        Category("E", "第一剂老人", "", priority=True, doses="first"),
    )
    assert category_for_dose(twice, 1) is None  # the resident picks
    assert category_for_dose((Category("P", "第一剂", "First dose"),), 1) is None  # "any"
