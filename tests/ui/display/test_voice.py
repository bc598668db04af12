"""The display's announcer built from [voice]: on/off, volume, the engine and audio it is given."""

from __future__ import annotations

import logging

from kiosk.config import VoiceConfig
from tests.ui.conftest import NURSE
from tests.ui.display.conftest import settle
from ui.voice.announcer import Announcement
from ui.voice.audio import FakeAudioOutput
from ui.voice.build import build_announcer
from ui.voice.engines import NullEngine


def test_voice_off_builds_a_disabled_announcer_without_probing(qtbot, caplog):
    caplog.set_level(logging.INFO)
    announcer = build_announcer(VoiceConfig(enabled=False, volume=0.5), audio=FakeAudioOutput())
    try:
        assert not announcer.enabled
        assert announcer.engine_name == "none"
        assert not announcer.enqueue(Announcement.call("A001", "接种1"))
        assert "voice: off" in caplog.text
    finally:
        announcer.shutdown()


def test_volume_and_engine_come_through(qtbot):
    audio = FakeAudioOutput("manual")
    engine = NullEngine("test")
    announcer = build_announcer(VoiceConfig(enabled=True, volume=0.3), engine=engine, audio=audio)
    try:
        assert announcer.enabled and announcer.volume == 0.3
        assert announcer.enqueue(Announcement.call("A001", "接种1"))
        assert [r.volume for r in audio.records] == [0.3]  # the chime started at once
        assert audio.parent() is announcer
    finally:
        announcer.shutdown()


def test_a_call_to_the_display_starts_the_chime(qtbot, engine, day, feed, make_display, announcer,
                                                audio):  # fmt: skip
    screen = make_display()
    t = engine.tickets.issue("A")
    engine.tickets.call(t.id, "登记2", actor=NURSE)
    feed.poll()
    settle(qtbot, screen)
    assert len(audio.records) == 1 and audio.records[0].path.name == "chime.wav"
    audio.finish()  # chime over; no speech with the null engine: the announcement completes
    qtbot.waitUntil(lambda: announcer.current is None)  # the (empty) speech comes from a worker
    assert audio.playing is None and len(audio.records) == 1
