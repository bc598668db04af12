"""The waiting-room display over a real engine: calls, voice, observation board, privacy."""

from __future__ import annotations

from datetime import timedelta

from kiosk.config import Config
from kiosk.errors import StorageError
from kiosk.model import Actor
from tests.ui.conftest import NURSE
from tests.ui.display.conftest import NAMES, id_number, observe, phone, said, settle
from tests.ui.gate import Gate
from ui.display.data import ObsStatus, load_snapshot
from ui.display.screen import FLASH_MS
from ui.voice.announcer import Announcement
from ui.voice.phrases import call_text, desk_phrase

DOCTOR = Actor(staff="doctor", terminal="observation")


def test_a_call_appears_and_is_announced_once(qtbot, engine, clock, day, feed, make_display,
                                              announcer):  # fmt: skip
    screen = make_display()
    ticket = engine.tickets.issue("A")
    assert said(announcer) == []
    engine.tickets.call(ticket.id, "登记2", actor=NURSE)
    feed.poll()
    settle(qtbot, screen)
    assert screen.hero.number.text() == ticket.label
    assert desk_phrase("登记2") in screen.hero.destination.text()
    desks = {d.desk: d.label for d in screen.desks.desks}
    assert desks["登记2"] == ticket.label and desks["登记1"] is None
    assert [c.label for c in screen.recent.calls] == [ticket.label]
    assert said(announcer) == [Announcement.call(ticket.label, "登记2")]
    assert screen.flashing and screen.hero.badge.isVisible()


def test_a_recall_repeats_the_announcement(qtbot, engine, day, feed, make_display, announcer):
    screen = make_display()
    ticket = engine.tickets.issue("A")
    engine.tickets.call(ticket.id, "登记1", actor=NURSE)
    feed.poll()
    settle(qtbot, screen)
    engine.tickets.recall(ticket.id, actor=NURSE)
    feed.poll()
    settle(qtbot, screen)
    call = Announcement.call(ticket.label, "登记1")
    assert said(announcer) == [call, call]


def test_the_flash_ends_after_a_few_seconds_of_the_injected_clock(qtbot, engine, clock, day, feed,
                                                                  make_display):  # fmt: skip
    screen = make_display()
    ticket = engine.tickets.issue("A")
    engine.tickets.call(ticket.id, "登记1", actor=NURSE)
    feed.poll()
    settle(qtbot, screen)
    assert screen.flashing and screen.hero.flash_on
    clock.advance(timedelta(milliseconds=FLASH_MS))
    settle(qtbot, screen)
    assert not screen.hero.flash_on  # it blinks
    assert screen.flashing
    clock.advance(timedelta(seconds=6))
    settle(qtbot, screen)
    assert not screen.flashing
    assert not screen.hero.badge.isVisible()


def test_countdowns_follow_the_clock_and_the_end_is_announced_once(qtbot, engine, clock, day, feed,
                                                                   make_display, announcer):  # fmt: skip
    t = observe(engine, 0)
    screen = make_display()
    label = screen.observation.cells[0][2]
    assert label.text() == "30:00 left"
    clock.advance(timedelta(minutes=12, seconds=30))
    settle(qtbot, screen)
    qtbot.waitUntil(lambda: label.text() == "17:30 left")  # the one-second ticker
    assert screen.status_of(t.id) == ObsStatus.COUNTING
    assert not any(a.kind == "may_leave" for a in said(announcer))
    clock.advance(timedelta(minutes=17, seconds=30))
    settle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.status_of(t.id) == ObsStatus.MAY_LEAVE)
    assert label.text() == "May leave ✓"
    assert said(announcer).count(Announcement.may_leave(t.label)) == 1
    clock.advance(timedelta(minutes=11))
    settle(qtbot, screen)
    screen.tick()
    screen.reload()
    settle(qtbot, screen)
    assert screen.status_of(t.id) == ObsStatus.OVERDUE
    assert label.text() == "May leave +11:00"  # 11 minutes past the end
    assert said(announcer).count(Announcement.may_leave(t.label)) == 1


def test_a_deadline_redraws_without_waiting_for_an_event(qtbot, engine, clock, day, feed,
                                                         make_display, announcer):  # fmt: skip
    t = observe(engine, 0)
    screen = make_display()
    feed.start()  # arms the next deadline: the observation's end at 08:30
    screen.ticker.stop()  # only the deadline may redraw here
    clock.advance(timedelta(minutes=29, seconds=59))
    settle(qtbot, screen)
    assert screen.status_of(t.id) == ObsStatus.COUNTING
    clock.advance(timedelta(seconds=2))
    settle(qtbot, screen)
    assert screen.status_of(t.id) == ObsStatus.MAY_LEAVE
    assert Announcement.may_leave(t.label) in said(announcer)


def test_an_open_adverse_event_keeps_them(qtbot, engine, clock, day, feed, make_display, announcer):
    t = observe(engine, 0)
    ae = engine.observation.record_adverse_event(
        t.id, symptoms="rash", severity="mild", action="antihistamine", actor=DOCTOR
    )
    screen = make_display()
    clock.advance(timedelta(minutes=45))
    settle(qtbot, screen)
    screen.tick()
    screen.reload()
    settle(qtbot, screen)
    assert screen.status_of(t.id) == ObsStatus.HELD
    cell_text = screen.observation.cells[0][2].text()
    assert "May leave" not in cell_text and cell_text == "Please wait +15:00"
    assert "0 may leave" in screen.observation.summary.text()
    assert Announcement.may_leave(t.label) not in said(announcer)
    engine.observation.close_adverse_event(ae.id, "recovered", actor=DOCTOR)
    feed.poll()
    settle(qtbot, screen)
    assert screen.status_of(t.id) == ObsStatus.OVERDUE  # free for 15 minutes already
    assert said(announcer).count(Announcement.may_leave(t.label)) == 1


def test_a_release_removes_the_person(qtbot, engine, clock, day, feed, make_display):
    t1, t2 = observe(engine, 0), observe(engine, 1)
    screen = make_display()
    clock.advance(timedelta(minutes=30))
    settle(qtbot, screen)
    engine.observation.release(t1.id, actor=NURSE)
    feed.poll()
    settle(qtbot, screen)
    assert screen.status_of(t1.id) is None
    assert screen.status_of(t2.id) == ObsStatus.MAY_LEAVE
    cells = [who.text() for tile, who, _ in screen.observation.cells if tile.isVisible()]
    assert len(cells) == 1 and cells[0].startswith(t2.label)
    assert screen.counts.values()[2] == "1"


def test_only_numbers_and_masked_names_are_shown(qtbot, engine, clock, day, feed, make_display):
    tickets = [observe(engine, n) for n in range(30)]
    screen = make_display(size=(1366, 768))
    seen = set()
    for _ in range(screen.observation.pages()):
        text = screen.visible_text()
        for n in range(30):
            assert id_number(n) not in text and id_number(n)[-6:] not in text
            assert phone(n) not in text and phone(n)[-4:] not in text
        for name in NAMES:
            assert name not in text
        seen |= {t.label for t in tickets if t.label in text}
        screen.observation.next_page()
        screen.tick(advance=False)
    assert seen == {t.label for t in tickets}  # everyone was on some page
    assert "张*明" in screen.visible_text()  # A001 is 张三明, on the first page again


def test_counts_per_zone(qtbot, engine, clock, day, feed, make_display):
    observe(engine, 0)
    for _ in range(3):
        engine.tickets.issue("A")
    screen = make_display()
    assert screen.counts.values() == ["3", "0", "1"]
    engine.tickets.issue("B")
    feed.poll()
    settle(qtbot, screen)
    assert screen.counts.values() == ["4", "0", "1"]


def test_no_day_open_says_so_instead_of_dashes(qtbot, engine, make_display):
    screen = make_display(Config())
    assert screen.hero.number.text() == "Not open yet"
    assert "vaccination starts" in screen.hero.sentence.text()
    assert not screen.counts.isVisibleTo(screen) and not screen.desks.isVisibleTo(screen)
    assert "—" not in screen.visible_text()


def test_chinese_by_default(qtbot, qapp, engine, clock, day, feed, make_display):
    from ui.i18n import install_translator

    translators = install_translator(qapp, "zh_CN")
    try:
        t = observe(engine, 0)
        screen = make_display()
        assert screen.hero.title.text() == "正在叫号"
        assert screen.observation.cells[0][2].text() == "还剩 30:00"
        clock.advance(timedelta(minutes=30))
        settle(qtbot, screen)
        screen.tick()
        assert screen.observation.cells[0][2].text() == "可以离开 ✓"
        u = engine.tickets.issue("A")
        engine.tickets.call(u.id, "登记1", actor=NURSE)
        feed.poll()
        settle(qtbot, screen)
        assert screen.hero.sentence.text() == call_text(u.label, "登记1")  # the voice wording
        assert t.label in screen.visible_text()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_the_estimated_wait_from_the_call_rate(qtbot, engine, clock, day, feed, make_display):
    tickets = [engine.tickets.issue("A") for _ in range(13)]
    screen = make_display()
    assert not screen.counts.wait.isVisibleTo(screen)  # no calls yet: no honest estimate
    for t in tickets[:3]:  # three calls in ten minutes: 0.3 a minute
        clock.advance(timedelta(minutes=5))
        settle(qtbot, screen)
        engine.tickets.call(t.id, "登记1", actor=NURSE)
        engine.tickets.cancel(t.id, "left", actor=NURSE)
    feed.poll()
    settle(qtbot, screen)
    screen.update_wait()
    settle(qtbot, screen)
    assert screen.counts.values()[0] == "10"
    assert screen.counts.wait.isVisibleTo(screen)
    assert screen.counts.wait.text() == "A new number waits about 35 min"  # (10 + 0.5) / 0.3


def test_a_lost_database_is_shown_instead_of_a_stale_screen(
    qtbot, engine, day, feed, make_display, monkeypatch
):
    display = make_display()
    assert display.out_of_date not in display.visible_text()

    def fail() -> int:
        raise StorageError("database sqlite:///x failed: disk I/O error")

    monkeypatch.setattr(engine.queries, "last_seq", fail)
    feed.poll()
    settle(qtbot, display)
    assert display.notices.isVisible()
    assert display.out_of_date in display.visible_text()
    monkeypatch.undo()
    feed.poll()
    settle(qtbot, display)
    assert display.out_of_date not in display.visible_text()


def test_a_read_that_waits_keeps_the_display_ticking(
    qtbot, engine, clock, day, feed, make_display, monkeypatch
):
    screen = make_display()
    gate = Gate()
    monkeypatch.setattr("ui.display.screen.load_snapshot", gate.hold(load_snapshot))
    ticket = engine.tickets.issue("A")
    engine.tickets.call(ticket.id, "登记2", actor=NURSE)
    feed.poll()
    gate.wait_entered()
    before = screen.time.text()
    clock.advance(timedelta(seconds=1))  # the clock and the countdowns go on meanwhile
    assert screen.time.text() != before
    assert screen.flashing  # the call itself is shown and announced at once, from the event
    gate.open()
    settle(qtbot, screen)
    desks = {d.desk: d.label for d in screen.desks.desks}
    assert desks["登记2"] == ticket.label
