"""The kiosk's voice (issue 16): after a tap, the number and the people ahead in Mandarin, said
once and at once (no chime), through the same offline engine as the display."""

from __future__ import annotations

from kiosk.config import VoiceConfig
from tests.ui.voice.test_announcer import CHIME, wait_finished
from ui.voice import phrases
from ui.voice.announcer import TICKET, Announcement
from ui.voice.audio import FakeAudioOutput
from ui.voice.build import kiosk_announcer
from ui.voice.engines import NullEngine
from ui.voice.pinyin import to_pinyin


def test_the_words_spell_the_number_and_count_the_people() -> None:
    assert phrases.ticket_speech("A012", 5) == "您的号码是A零一二号，前面还有5人。"
    assert phrases.ticket_speech("B100", 0) == "您的号码是B一零零号，下一位就是您。"
    # espeak-ng gets pinyin: the count as a cardinal, the ticket digit by digit
    spoken = to_pinyin(phrases.ticket_speech("A012", 12))
    assert "ling2 yi1 er4" in spoken and "shi2 er4 ren2" in spoken


def test_it_speaks_at_once_without_the_chime_and_once(qtbot, make_announcer, fake_engine) -> None:
    announcer, audio = make_announcer(fake_engine, with_chime=False, repeat=1)
    said = Announcement.ticket("A012", 5)
    assert said.kind == TICKET
    announcer.enqueue(said)
    assert wait_finished(qtbot, announcer, 1) == [said]
    assert CHIME not in audio.paths and len(audio.paths) == 1
    assert fake_engine.texts == [said.text]


def test_speak_false_builds_it_off(qtbot) -> None:
    announcer = kiosk_announcer(
        VoiceConfig(), speak=False, engine=NullEngine("test"), audio=FakeAudioOutput()
    )
    try:
        assert not announcer.enabled
        assert not announcer.enqueue(Announcement.ticket("A001", 0))
    finally:
        announcer.shutdown()
