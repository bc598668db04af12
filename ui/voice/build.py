"""The display's voice: an :class:`~ui.voice.announcer.Announcer` built from the site config.

``build_announcer(config.voice)`` takes the engine chain of :func:`ui.voice.engines.choose_engine`
(Qt text-to-speech with a Mandarin voice, else espeak-ng from pinyin, else the chime alone, said in
the log) and plays through :class:`~ui.voice.audio.QtAudioOutput` on the system's default device.
A missing audio device is logged here at start-up (and again by the output when it plays). With
voice off in the config nothing is probed: the announcer is built disabled over a silent engine.

Call it once, on the UI thread, after the QApplication exists.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk.config import VoiceConfig
from ui.voice.announcer import Announcer
from ui.voice.audio import AudioOutput, QtAudioOutput, system_has_audio_output
from ui.voice.engines import Engine, NullEngine, choose_engine

log = logging.getLogger(__name__)


def build_announcer(
    voice: VoiceConfig,
    *,
    engine: Engine | None = None,
    audio: AudioOutput | None = None,
    cache_dir: Path | None = None,
    parent: QObject | None = None,
) -> Announcer:
    """The announcer the display speaks through; ``engine``/``audio`` replace the real ones."""
    if engine is None:
        if voice.enabled:
            engine = choose_engine(cache_dir)
        else:
            engine = NullEngine("voice is off in the config ([voice] enabled = false)")
    if audio is None:
        audio = QtAudioOutput()
        if voice.enabled and not system_has_audio_output():
            log.warning("voice: no audio output device found; announcements will be silent")
    announcer = Announcer(
        engine,
        audio,
        enabled=voice.enabled,
        volume=voice.volume,
        repeat=voice.repeat,
        parent=parent,
    )
    if isinstance(audio, QObject) and audio.parent() is None:
        audio.setParent(announcer)
    log.info(
        "voice: %s, engine %s, volume %.2f",
        "on" if voice.enabled else "off",
        announcer.engine_name,
        announcer.volume,
    )
    return announcer
