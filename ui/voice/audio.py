"""Playing WAV files: the ``AudioOutput`` seam, a QtMultimedia output and a recording fake.

An output plays one file at a time and emits ``finished(path)`` when it is over - always, even when
the file could not be played, so the announcement queue advances. A missing audio device is
logged (``logging.warning``, once until a device appears) and the output then behaves as a silent
one that finishes at once.
"""

from __future__ import annotations

import logging
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtCore import QObject, QUrl, Signal, SignalInstance
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from ui.scheduler import QtScheduler, Scheduler

log = logging.getLogger(__name__)


class AudioOutput(Protocol):
    """Plays a WAV file; ``finished`` carries the path once it has played (or failed to)."""

    finished: SignalInstance

    def play(self, wav: Path, volume: float) -> None: ...


def wav_duration_s(path: Path) -> float:
    """Length of a PCM WAV file in seconds."""
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def system_has_audio_output() -> bool:
    """True when Qt sees at least one audio output device."""
    return bool(QMediaDevices.audioOutputs()) and not QMediaDevices.defaultAudioOutput().isNull()


class QtAudioOutput(QObject):
    """Plays WAVs with QMediaPlayer + QAudioOutput on the system's default output device.

    ``has_device`` is checked at every play (devices come and go: a TV's HDMI audio appears when the
    TV is switched on). A watchdog ends a play that never reports its end (file length + 3 s).
    """

    finished = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        has_device: Callable[[], bool] = system_has_audio_output,
        scheduler: Scheduler | None = None,
    ) -> None:
        super().__init__(parent)
        self._has_device = has_device
        timers = scheduler or QtScheduler()
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._current: Path | None = None
        self._silent_warned = False
        self._watchdog = timers.timer(self._on_watchdog, parent=self)
        self._silent_timer = timers.timer(self._finish, 0, parent=self)  # "played" at once

    @property
    def playing(self) -> Path | None:
        return self._current

    def play(self, wav: Path, volume: float) -> None:
        if self._current is not None:
            log.warning(
                "audio: %s still playing when %s was asked for; stopping it", self._current, wav
            )
            self._finish()
        self._current = wav
        if not self._has_device():
            if not self._silent_warned:
                log.warning(
                    "audio: no audio output device found (QMediaDevices lists none); "
                    "announcements are silent until one is connected"
                )
                self._silent_warned = True
            self._silent_timer.start()
            return
        if self._silent_warned:
            log.info("audio: an output device is available again")
            self._silent_warned = False
        player = self._ensure_player()
        assert self._output is not None
        self._output.setDevice(QMediaDevices.defaultAudioOutput())
        self._output.setVolume(max(0.0, min(1.0, volume)))
        player.setSource(QUrl.fromLocalFile(str(wav)))
        try:
            length_ms = int(wav_duration_s(wav) * 1000)
        except (OSError, wave.Error, EOFError):
            length_ms = 10_000
        self._watchdog.start(length_ms + 3000)
        player.play()

    def _ensure_player(self) -> QMediaPlayer:
        if self._player is None:
            self._output = QAudioOutput(self)
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(self._output)
            self._player.mediaStatusChanged.connect(self._on_status)
            self._player.errorOccurred.connect(self._on_error)
        return self._player

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._finish()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            log.warning("audio: cannot play %s (invalid media)", self._current)
            self._finish()

    def _on_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        log.warning("audio: playing %s failed: %s", self._current, message)
        self._finish()

    def _on_watchdog(self) -> None:
        log.warning("audio: %s never reported its end; moving on", self._current)
        if self._player is not None:
            self._player.stop()
        self._finish()

    def _finish(self) -> None:
        self._watchdog.stop()
        self._silent_timer.stop()
        path, self._current = self._current, None
        if path is not None:
            self.finished.emit(path)


@dataclass
class PlayRecord:
    """One play seen by ``FakeAudioOutput``; times from its ``now`` function, in seconds."""

    path: Path
    volume: float
    started: float
    ended: float | None = None


FakeMode = Literal["manual", "instant", "duration"]


class FakeAudioOutput(QObject):
    """Records what would play instead of playing it (tests, benchmarks, machines without sound).

    ``mode``: "manual" finishes only when ``finish()`` is called; "instant" on the next turn of the
    event loop; "duration" after the WAV's length divided by ``speed``. A play that starts while
    another is still playing is counted in ``overlaps`` (the announcer must never cause one).
    """

    started = Signal(object)
    finished = Signal(object)

    def __init__(
        self,
        mode: FakeMode = "manual",
        *,
        speed: float = 1.0,
        now: Callable[[], float] = time.perf_counter,
        parent: QObject | None = None,
        scheduler: Scheduler | None = None,
    ) -> None:
        super().__init__(parent)
        self.mode = mode
        self.speed = speed
        self._now = now
        self.records: list[PlayRecord] = []
        self.overlaps = 0
        self._timer = (scheduler or QtScheduler()).timer(self.finish, parent=self)

    @property
    def playing(self) -> PlayRecord | None:
        if self.records and self.records[-1].ended is None:
            return self.records[-1]
        return None

    @property
    def paths(self) -> list[Path]:
        return [r.path for r in self.records]

    def play(self, wav: Path, volume: float) -> None:
        if self.playing is not None:
            self.overlaps += 1
            log.error("fake audio: %s started while %s still playing", wav, self.playing.path)
        record = PlayRecord(wav, volume, self._now())
        self.records.append(record)
        self.started.emit(wav)
        if self.mode == "instant":
            self._timer.start(0)
        elif self.mode == "duration":
            self._timer.start(round(wav_duration_s(wav) * 1000 / self.speed))

    def finish(self) -> None:
        """End the current play now (no-op when nothing plays)."""
        record = self.playing
        if record is None:
            return
        self._timer.stop()
        record.ended = self._now()
        self.finished.emit(record.path)
