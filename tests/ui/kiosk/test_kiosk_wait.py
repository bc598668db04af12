"""Issue 16's kiosk: the wait and the people waiting before the tap, on the ticket, in both
languages; and, for residents who cannot read, the number and the people ahead said aloud."""

from __future__ import annotations

from datetime import timedelta

from tests.ui.conftest import NURSE
from tests.ui.kiosk.conftest import FakePrinter, settle, take
from ui.voice.announcer import Announcement, Announcer
from ui.voice.audio import FakeAudioOutput
from ui.voice.engines import NullEngine


def calls_for_an_estimate(engine, clock) -> None:
    """Three registration calls in ten minutes: the estimate's call rate."""
    tickets = [engine.tickets.issue("A") for _ in range(13)]
    for t in tickets[:3]:
        clock.advance(timedelta(minutes=5))
        engine.tickets.call(t.id, "登记1", actor=NURSE)
        engine.tickets.cancel(t.id, "left", actor=NURSE)


def test_the_start_page_tells_the_queue_before_the_tap(qtbot, kiosk, engine, clock, feed):
    assert kiosk.page() == "start_page"
    assert kiosk.start.queue.text() == "0 people waiting now"
    calls_for_an_estimate(engine, clock)
    feed.poll()
    settle(kiosk)
    assert kiosk.start.queue.text() == "10 people waiting now · about 35 minutes' wait"


def test_the_ticket_prints_the_wait_and_the_english_category(
    qtbot, make_kiosk, engine, clock, kiosk_config
):
    from tests.ui.conftest import open_day

    open_day(engine)
    calls_for_an_estimate(engine, clock)
    printer = FakePrinter()
    kiosk = make_kiosk(printer, kiosk_config)
    kiosk.words.bilingual = True  # a Chinese site: its second language is on
    ticket = take(kiosk)
    assert ticket is not None
    qtbot.waitUntil(lambda: len(printer.tickets) == 1)
    printed = printer.tickets[0]
    first = kiosk_config.categories[0]
    assert (printed.category, printed.category_en) == (first.label, first.label_en)
    assert printed.wait_minutes == 35  # ten ahead: (10 + 0.5) / 0.3


def test_a_tap_is_said_aloud_once(qtbot, make_kiosk, engine, printer, kiosk_config):
    from tests.ui.conftest import open_day

    open_day(engine)
    engine.tickets.issue("A")
    engine.tickets.issue("A")
    audio = FakeAudioOutput("manual")
    announcer = Announcer(NullEngine("tests"), audio, with_chime=False)
    try:
        started: list[Announcement] = []
        announcer.started.connect(started.append)
        kiosk = make_kiosk(printer, kiosk_config)
        kiosk.announcer = announcer
        ticket = take(kiosk)
        assert ticket is not None
        assert started == [Announcement.ticket(ticket.label, 2)]
        assert started[0].text.endswith("前面还有2人。")
        kiosk.show_start()
        settle(kiosk)
        assert len(started) == 1  # said once; going back to the start says nothing
    finally:
        assert announcer.shutdown(5000)


def test_every_word_in_both_languages_on_a_chinese_site(
    qtbot, qapp, make_kiosk, engine, printer, kiosk_config
):
    from tests.ui.conftest import open_day
    from tests.ui.fitcheck import language

    open_day(engine)
    with language(qapp, "zh_CN"):
        kiosk = make_kiosk(printer, kiosk_config)
        badge = [b.badge.text() for b in kiosk.start.buttons if b.category.priority]
        assert badge == ["优先 Priority"]
        assert kiosk.start.queue.text() == "现在有 0 人在等候"
        assert kiosk.start.queue_sub.text() == "0 people waiting now"
        printer.gate = __import__("threading").Event()  # the print stays under way
        assert take(kiosk) is not None
        assert kiosk.issued.done_button.text() == "完成  Done"
        state = kiosk.issued.print_state.text()
        assert "打印" in state and "Printing your ticket" in state
        printer.gate.set()
