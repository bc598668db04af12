"""The display's and the kiosk's voice: an :class:`~ui.voice.announcer.Announcer` built from the
site config (``build_announcer`` for the display, ``kiosk_announcer`` for the kiosk: the same
offline voice, ``[kiosk] speak``, no chime, said once).

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
from typing import Any

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
    enabled: bool | None = None,
    repeat: int | None = None,
    with_chime: bool = True,
    what: str = "voice",
) -> Announcer:
    """The announcer the display speaks through; ``engine``/``audio`` replace the real ones;
    ``enabled``/``repeat`` replace the config's (the kiosk's own switch, said once)."""
    on = voice.enabled if enabled is None else enabled
    if engine is None:
        if on:
            engine = choose_engine(cache_dir)
        else:
            engine = NullEngine(f"{what} is off in the config")
    if audio is None:
        audio = QtAudioOutput()
        if on and not system_has_audio_output():
            log.warning("%s: no audio output device found; announcements will be silent", what)
    announcer = Announcer(
        engine,
        audio,
        enabled=on,
        volume=voice.volume,
        repeat=voice.repeat if repeat is None else repeat,
        with_chime=with_chime,
        parent=parent,
    )
    if isinstance(audio, QObject) and audio.parent() is None:
        audio.setParent(announcer)
    log.info(
        "%s: %s, engine %s, volume %.2f",
        what,
        "on" if on else "off",
        announcer.engine_name,
        announcer.volume,
    )
    return announcer


def kiosk_announcer(voice: VoiceConfig, speak: bool, **kwargs: Any) -> Announcer:
    """The kiosk's voice (``[kiosk] speak``): the number and the people ahead, said once at once
    after the tap, for residents who cannot read; the display's engine and volume."""
    return build_announcer(
        voice, enabled=speak, repeat=1, with_chime=False, what="kiosk voice", **kwargs
    )
