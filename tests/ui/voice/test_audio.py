"""QtAudioOutput without an audio device: logged, silent, still finishes."""

from __future__ import annotations

import logging

import pytest

from ui.voice.announcer import default_chime
from ui.voice.audio import QtAudioOutput, system_has_audio_output, wav_duration_s

# QtMultimedia's FFmpeg backend warns about optional libraries and a missing PulseAudio server the
# first time devices are listed; on a machine without sound that is expected noise.
MISSING_AUDIO_NOISE = (r"Couldn't (load|resolve) .*", r"PulseAudioService: .*")


def test_no_device_is_logged_once_and_plays_finish(qtbot, caplog) -> None:
    output = QtAudioOutput(has_device=lambda: False)
    with caplog.at_level(logging.WARNING, logger="ui.voice.audio"):
        for _ in range(2):
            with qtbot.waitSignal(output.finished, timeout=5000) as blocker:
                output.play(default_chime(), 0.8)
            assert blocker.args == [default_chime()]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "no audio output device" in warnings[0]
    assert output.playing is None


@pytest.mark.qt_log_ignore(*MISSING_AUDIO_NOISE)
def test_real_device_probe(qtbot, caplog) -> None:
    if system_has_audio_output():
        pytest.skip("this machine has an audio output device")
    output = QtAudioOutput()
    with caplog.at_level(logging.WARNING, logger="ui.voice.audio"):
        with qtbot.waitSignal(output.finished, timeout=5000):
            output.play(default_chime(), 0.5)
    assert "no audio output device" in caplog.text


def test_chime_asset_is_the_promised_format() -> None:
    import wave

    with wave.open(str(default_chime()), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
    assert wav_duration_s(default_chime()) == pytest.approx(1.2, abs=0.01)


def test_chime_asset_matches_its_generator() -> None:
    import importlib.util

    script = default_chime().with_name("make_chime.py")
    spec = importlib.util.spec_from_file_location("make_chime", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.chime_wav_bytes() == default_chime().read_bytes()
