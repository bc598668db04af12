"""The engine chain: espeak-ng renders real speech; with nothing available we fall back loudly."""

from __future__ import annotations

import array
import logging
import math
import os
import sys
import wave
from pathlib import Path

import pytest

from ui.voice.engines import (
    EspeakEngine,
    NullEngine,
    QtSpeechEngine,
    SpeechEngine,
    choose_engine,
)
from ui.voice.phrases import call_speech, may_leave_speech


def wav_stats(path: Path) -> tuple[float, float, int, int]:
    """(seconds, RMS as a fraction of full scale, rate, channels) of a 16-bit PCM WAV."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        rate, channels, frames = wav.getframerate(), wav.getnchannels(), wav.getnframes()
        samples = array.array("h", wav.readframes(frames))
    if sys.byteorder == "big":
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples))) / 32768
    return frames / rate, rms, rate, channels


@pytest.fixture
def espeak(tmp_path: Path) -> EspeakEngine:
    engine = EspeakEngine(tmp_path / "cache")
    reason = engine.unavailable_reason()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"espeak-ng is required in CI: {reason}")
        pytest.skip(f"espeak-ng not usable here: {reason}")
    return engine


def test_espeak_renders_a_call_of_plausible_length_that_is_not_silence(espeak) -> None:
    wav = espeak.synthesize(call_speech("A012", "接种1"))
    assert wav is not None and wav.parent == espeak.cache_dir
    seconds, rms, rate, channels = wav_stats(wav)
    assert 1.5 <= seconds <= 8.0
    assert rms > 0.02  # silence is ~0; espeak speech is ~0.1
    assert channels == 1 and rate >= 16000


def test_espeak_caches_per_text(espeak) -> None:
    call = espeak.synthesize(call_speech("A012", "接种1"))
    leave = espeak.synthesize(may_leave_speech("A012"))
    assert call is not None and leave is not None and call != leave
    mtime = call.stat().st_mtime_ns
    assert espeak.synthesize(call_speech("A012", "接种1")) == call
    assert call.stat().st_mtime_ns == mtime  # not rendered again
    assert sorted(p.name for p in espeak.cache_dir.iterdir()) == sorted([call.name, leave.name])


def test_espeak_has_nothing_to_say_for_empty_text(espeak) -> None:
    assert espeak.synthesize("。") is None


def test_espeak_cache_is_pruned(espeak) -> None:
    espeak.max_cached_files = 2
    for label in ("A001", "A002", "A003"):
        espeak.synthesize(call_speech(label, "接种1"))
    assert len(list(espeak.cache_dir.glob("*.wav"))) == 2


def test_choose_engine_prefers_espeak_when_qt_has_no_mandarin(espeak, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="ui.voice.engines"):
        assert choose_engine(try_qt=False, espeak=espeak) is espeak
    assert "espeak-ng" in caplog.text


def test_with_no_engine_choose_engine_says_so_once(tmp_path: Path, caplog) -> None:
    missing = EspeakEngine(tmp_path, executable="no-such-espeak-ng")
    with caplog.at_level(logging.WARNING, logger="ui.voice.engines"):
        engine = choose_engine(try_qt=False, espeak=missing)
    assert isinstance(engine, NullEngine) and isinstance(engine, SpeechEngine)
    assert engine.synthesize("请A零零一号") is None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "chime only" in warnings[0].getMessage()
    assert "no-such-espeak-ng" in warnings[0].getMessage()


def test_espeak_failure_raises_a_speech_error(tmp_path: Path) -> None:
    from ui.voice.engines import SpeechError

    broken = EspeakEngine(tmp_path, executable="false")  # exits 1, writes nothing
    with pytest.raises(SpeechError):
        broken.synthesize("请A零零一号")
    assert list(tmp_path.iterdir()) == []


def test_qt_mock_engine_is_never_used(qtbot) -> None:
    engine, reason = QtSpeechEngine.find_mandarin(["mock"])
    assert engine is None and reason


@pytest.mark.skipif(sys.platform != "linux", reason="Linux: Qt offers no Mandarin voice")
@pytest.mark.qt_log_ignore(r'Error loading text-to-speech plug-in "speechd"')
def test_qt_text_to_speech_is_skipped_on_linux(qtbot) -> None:
    engine, reason = QtSpeechEngine.find_mandarin()
    assert engine is None
    assert "zh_CN" in reason or "speechd" in reason or "no text-to-speech" in reason
