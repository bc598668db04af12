"""The announcement queue, driven with a fake audio output and fake engines."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from tests.ui.gate import PaintCounter
from tests.ui.voice.conftest import BlockingEngine, FailingEngine
from ui.voice.announcer import Announcement, default_chime
from ui.voice.engines import NullEngine

CHIME = default_chime()


def wait_finished(qtbot, announcer, count: int) -> list[Announcement]:
    done: list[Announcement] = []
    announcer.finished.connect(done.append)
    qtbot.waitUntil(lambda: len(done) >= count, timeout=5000)
    return done


def test_chime_then_speech_in_order_without_overlap(qtbot, make_announcer, fake_engine) -> None:
    announcer, audio = make_announcer(fake_engine)
    calls = [Announcement.call(f"A00{i}", "接种1") for i in range(1, 5)]
    for call in calls:
        assert announcer.enqueue(call)

    assert wait_finished(qtbot, announcer, 4) == calls
    # chime, speech, chime, speech, ... and the speech is the one for that call
    assert [r.path for r in audio.records[0::2]] == [CHIME] * 4
    speech = [r.path for r in audio.records[1::2]]
    assert len(set(speech)) == 4 and CHIME not in speech
    assert sorted(fake_engine.texts) == sorted(c.text for c in calls)
    # one at a time: each sound starts after the previous one ended
    assert audio.overlaps == 0
    for before, after in zip(audio.records, audio.records[1:], strict=False):
        assert before.ended is not None and before.ended <= after.started


def test_signals_order_for_one_announcement(qtbot, make_announcer, fake_engine) -> None:
    announcer, _audio = make_announcer(fake_engine)
    seen: list[str] = []
    announcer.started.connect(lambda a: seen.append("started"))
    announcer.chimeStarted.connect(lambda a: seen.append("chime"))
    announcer.speechStarted.connect(lambda a: seen.append("speech"))
    announcer.finished.connect(lambda a: seen.append("finished"))
    with qtbot.waitSignal(announcer.finished, timeout=5000):
        announcer.enqueue(Announcement.may_leave("A012"))
    assert seen == ["started", "chime", "speech", "finished"]
    assert fake_engine.texts == ["A零一二号，留观结束，可以离开。"]


def test_recall_repeats_and_waiting_duplicates_are_dropped(
    qtbot, make_announcer, fake_engine
) -> None:
    announcer, audio = make_announcer(fake_engine, mode="manual")
    a1, a2 = Announcement.call("A001", "接种1"), Announcement.call("A002", "登记2")
    assert announcer.enqueue(a1)  # starts playing (chime) at once
    assert announcer.current == a1
    assert announcer.enqueue(a2)
    assert not announcer.enqueue(a2)  # same one already waiting
    assert announcer.recall(a1)  # a1 is playing, not waiting: the recall is queued
    assert not announcer.recall(a1)  # ... once
    assert announcer.pending == (a2, a1)

    done: list[Announcement] = []
    announcer.finished.connect(done.append)
    audio.mode = "instant"
    audio.finish()
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5000)
    assert done == [a1, a2, a1]
    speech = [r.path for r in audio.records if r.path != CHIME]
    assert speech[0] == speech[2] != speech[1]


def test_disabled_voice_plays_nothing(qtbot, make_announcer, fake_engine) -> None:
    announcer, audio = make_announcer(fake_engine, enabled=False)
    assert not announcer.enqueue(Announcement.call("A001", "接种1"))
    assert announcer.current is None and announcer.pending == ()
    assert audio.records == [] and fake_engine.texts == []


def test_disabling_drops_the_waiting_ones(qtbot, make_announcer, fake_engine) -> None:
    announcer, audio = make_announcer(fake_engine, mode="manual")
    first = Announcement.call("A001", "接种1")
    announcer.enqueue(first)
    announcer.enqueue(Announcement.call("A002", "接种1"))
    announcer.set_enabled(False)
    assert announcer.pending == ()
    audio.mode = "instant"
    with qtbot.waitSignal(announcer.finished, timeout=5000) as blocker:
        audio.finish()
    assert blocker.args == [first]
    assert announcer.current is None
    assert len(audio.records) == 2  # the chime and speech of the first only


def test_volume_is_passed_to_the_output(qtbot, make_announcer, fake_engine) -> None:
    announcer, audio = make_announcer(fake_engine, volume=0.3)
    with qtbot.waitSignal(announcer.finished, timeout=5000):
        announcer.enqueue(Announcement.call("A001", "接种1"))
    announcer.set_volume(7)  # clamped
    with qtbot.waitSignal(announcer.finished, timeout=5000):
        announcer.enqueue(Announcement.call("A002", "接种1"))
    assert [r.volume for r in audio.records] == [0.3, 0.3, 1.0, 1.0]


def test_synthesis_runs_in_a_worker_and_the_ui_thread_keeps_running(
    qtbot, make_announcer, tmp_path: Path
) -> None:
    engine = BlockingEngine(tmp_path)
    announcer, audio = make_announcer(engine, mode="manual")
    call = Announcement.call("A001", "接种1")

    announcer.enqueue(call)  # returns although the engine is blocked
    assert audio.paths == [CHIME]  # the chime does not wait for speech
    assert engine.entered.wait(5)
    audio.finish()  # chime over; speech not ready yet

    window = QWidget()
    qtbot.addWidget(window)
    painted = PaintCounter()
    window.installEventFilter(painted)
    window.show()
    window.update()
    qtbot.waitUntil(lambda: painted.count > 0, timeout=5000)  # the UI thread paints...
    assert not engine.release.is_set()  # ...while synthesis is still blocked
    assert audio.playing is None and announcer.current == call

    with qtbot.waitSignal(announcer.speechStarted, timeout=5000):
        engine.release.set()
    assert engine.threads and engine.threads[0] is not threading.main_thread()
    with qtbot.waitSignal(announcer.finished, timeout=5000):
        audio.finish()


def test_no_engine_still_completes_with_the_chime(qtbot, make_announcer) -> None:
    announcer, audio = make_announcer(NullEngine("nothing installed"))
    with qtbot.waitSignal(announcer.finished, timeout=5000):
        announcer.enqueue(Announcement.call("A001", "接种1"))
    assert audio.paths == [CHIME]


def test_failed_synthesis_is_logged_and_plays_the_chime_only(qtbot, make_announcer, caplog) -> None:
    announcer, audio = make_announcer(FailingEngine())
    with caplog.at_level(logging.WARNING, logger="ui.voice.announcer"):
        with qtbot.waitSignal(announcer.finished, timeout=5000):
            announcer.enqueue(Announcement.call("A001", "接种1"))
    assert audio.paths == [CHIME]
    assert "synthesizer exploded" in caplog.text and "chime only" in caplog.text


class FakeLiveEngine:
    """Speaks by itself: records the text and finishes when the test says."""

    name = "live"

    def __init__(self) -> None:
        self.spoken: list[tuple[str, float]] = []
        self.done = None

    def speak(self, text, volume, done) -> None:
        self.spoken.append((text, volume))
        self.done = done


def test_live_engine_speaks_after_the_chime(qtbot, make_announcer) -> None:
    engine = FakeLiveEngine()
    announcer, audio = make_announcer(engine, mode="manual")
    call = Announcement.call("A001", "接种1")
    announcer.enqueue(call)
    assert engine.spoken == []  # not during the chime
    audio.finish()
    assert engine.spoken == [(call.text, 0.8)]
    with qtbot.waitSignal(announcer.finished, timeout=5000):
        engine.done()
    assert audio.paths == [CHIME]


def test_fake_audio_duration_mode_uses_the_wav_length(qtbot, clock, scheduler) -> None:
    from ui.voice.audio import FakeAudioOutput

    audio = FakeAudioOutput(
        "duration", speed=10, now=lambda: clock.now().timestamp(), scheduler=scheduler
    )
    audio.play(CHIME, 1.0)
    clock.advance(timedelta(milliseconds=119))
    assert audio.playing is not None  # the chime lasts 1.2 s, played ten times as fast
    with qtbot.waitSignal(audio.finished, timeout=1000):
        clock.advance(timedelta(milliseconds=1))
    record = audio.records[0]
    assert record.ended is not None
    assert record.ended - record.started == pytest.approx(0.12)


def test_a_call_is_said_twice_after_one_chime(qtbot, make_announcer, fake_engine) -> None:
    """Sites usually say a call twice ([voice] repeat = 2): chime, speech, speech, then the next
    call; the speech is rendered once and played twice."""
    announcer, audio = make_announcer(fake_engine, repeat=2)
    calls = [Announcement.call("A001", "接种1"), Announcement.call("A002", "登记1")]
    for call in calls:
        announcer.enqueue(call)
    assert wait_finished(qtbot, announcer, 2) == calls
    paths = [r.path for r in audio.records]
    assert paths[0] == CHIME and paths[3] == CHIME
    assert paths[1] == paths[2] != CHIME and paths[4] == paths[5] != CHIME
    assert len(paths) == 6 and audio.overlaps == 0
    assert sorted(fake_engine.texts) == sorted(c.text for c in calls)  # rendered once each


def test_a_live_engine_says_it_twice_too(qtbot, make_announcer) -> None:
    engine = FakeLiveEngine()
    announcer, audio = make_announcer(engine, mode="manual", repeat=2)
    call = Announcement.call("A003", "接种2")
    announcer.enqueue(call)
    audio.finish()  # the chime
    engine.done()
    assert engine.spoken == [(call.text, 0.8)] * 2
    with qtbot.waitSignal(announcer.finished, timeout=5000):
        engine.done()
    assert audio.paths == [CHIME]
