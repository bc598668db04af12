"""The waiting-room announcement queue: chime, then speech, one announcement at a time.

- ``enqueue`` returns at once. The chime of the first announcement starts immediately; speech is
  rendered in a worker thread (``QThreadPool``) as soon as an announcement is queued, so it is
  usually ready by the time the chime ends. Nothing here blocks the UI thread.
- Never overlapping: the next sound starts only after the output reports the previous one finished.
- A recall is the same announcement queued again (``recall`` is ``enqueue``). An announcement equal
  to one still *waiting* is dropped (it will be said anyway); one equal to the announcement now
  *playing* is queued, so a recall during a call is heard.
- Disabled: nothing is queued and nothing plays; disabling drops what is waiting (the announcement
  playing ends normally).
- A failed synthesis (or an engine with nothing to say) still completes the announcement with the
  chime alone; the failure is logged.

Call ``shutdown()`` before the application quits: it drops the queue and waits for the workers.
"""

from __future__ import annotations

import itertools
import logging
from collections import deque
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ui.voice import phrases
from ui.voice.audio import AudioOutput
from ui.voice.engines import Engine, LiveSpeechEngine, SpeechEngine

log = logging.getLogger(__name__)

CALL = "call"
MAY_LEAVE = "may_leave"
TICKET = "ticket"  # the kiosk: your number and the people ahead


@dataclass(frozen=True)
class Announcement:
    """One thing to say. ``text`` is the speech text (what the engine reads)."""

    kind: str
    label: str
    desk: str
    text: str

    @classmethod
    def call(cls, label: str, desk: str) -> Announcement:
        return cls(CALL, label, desk, phrases.call_speech(label, desk))

    @classmethod
    def may_leave(cls, label: str) -> Announcement:
        return cls(MAY_LEAVE, label, "", phrases.may_leave_speech(label))

    @classmethod
    def ticket(cls, label: str, ahead: int) -> Announcement:
        return cls(TICKET, label, "", phrases.ticket_speech(label, ahead))


def default_chime() -> Path:
    """assets/sounds/chime.wav (a missing asset is an error, not silence)."""
    path = Path(str(files("assets").joinpath("sounds", "chime.wav")))
    if not path.is_file():
        raise FileNotFoundError(f"chime asset missing: {path}")
    return path


@dataclass(eq=False)
class _Job:
    id: int
    announcement: Announcement
    synthesized: bool = False
    wav: Path | None = field(default=None)
    spoken: int = 0  # times the speech has been played through


class _SynthesisSignals(QObject):
    done = Signal(int, object, str)  # job id, wav path or None, error text ("" when fine)


class _SynthesisTask(QRunnable):
    def __init__(
        self, engine: SpeechEngine, job_id: int, text: str, signals: _SynthesisSignals
    ) -> None:
        super().__init__()
        self._engine = engine
        self._job_id = job_id
        self._text = text
        self._signals = signals

    def run(self) -> None:  # worker thread
        try:
            wav = self._engine.synthesize(self._text)
        except Exception as exc:  # any engine failure means "chime only"
            self._signals.done.emit(self._job_id, None, f"{type(exc).__name__}: {exc}")
        else:
            self._signals.done.emit(self._job_id, wav, "")


class Announcer(QObject):
    """Plays announcements in order: chime, then speech (said ``repeat`` times, as sites usually
    say a call twice), never two at once. ``with_chime=False`` (the kiosk) speaks at once."""

    started = Signal(object)  # Announcement: it is now the one playing
    chimeStarted = Signal(object)  # noqa: N815 - Qt signal naming
    speechStarted = Signal(object)  # noqa: N815
    finished = Signal(object)  # Announcement: fully played (or skipped after a failure)

    def __init__(
        self,
        engine: Engine,
        audio: AudioOutput,
        *,
        enabled: bool = True,
        volume: float = 0.8,
        chime: Path | None = None,
        with_chime: bool = True,
        repeat: int = 1,
        max_workers: int = 2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if repeat < 1:
            raise ValueError("repeat must be at least 1")
        self._repeat = repeat  # the speech is said this many times after one chime
        self._engine = engine
        self._audio = audio
        self._speaker: LiveSpeechEngine | None = None
        self._renderer: SpeechEngine | None = None
        if isinstance(engine, LiveSpeechEngine):
            self._speaker = engine
        elif isinstance(engine, SpeechEngine):
            self._renderer = engine
        else:
            raise TypeError(f"not a speech engine: {engine!r}")
        self._chime = chime or default_chime()
        self._with_chime = with_chime  # the kiosk answers a tap: its speech starts at once
        self._enabled = enabled
        self._volume = _clamp(volume)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_workers)
        self._signals = _SynthesisSignals(self)
        self._signals.done.connect(self._on_synthesized)
        self._ids = itertools.count(1)
        self._pending: deque[_Job] = deque()
        self._current: _Job | None = None
        self._phase = "idle"  # idle | chime | waiting_speech | speech
        audio.finished.connect(self._on_audio_finished)

    # --- configuration -------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if not enabled and self._pending:
            log.info("voice: disabled, dropping %d waiting announcements", len(self._pending))
            self._pending.clear()

    @property
    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        """0.0..1.0, applied from the next sound on."""
        self._volume = _clamp(volume)

    @property
    def engine_name(self) -> str:
        return self._engine.name

    # --- queue ---------------------------------------------------------------------------
    @property
    def current(self) -> Announcement | None:
        return self._current.announcement if self._current else None

    @property
    def pending(self) -> tuple[Announcement, ...]:
        return tuple(job.announcement for job in self._pending)

    def enqueue(self, announcement: Announcement) -> bool:
        """Queue ``announcement``; False when voice is off or an equal one is already waiting."""
        if not self._enabled:
            log.debug("voice: disabled, not announcing %s", announcement.label)
            return False
        if any(job.announcement == announcement for job in self._pending):
            log.debug("voice: %s %s already waiting", announcement.kind, announcement.label)
            return False
        job = _Job(next(self._ids), announcement)
        self._pending.append(job)
        if self._renderer is not None:
            task = _SynthesisTask(self._renderer, job.id, announcement.text, self._signals)
            self._pool.start(task)
        self._advance()
        return True

    def recall(self, announcement: Announcement) -> bool:
        """Say it again: the same as ``enqueue`` (see the de-duplication rule above)."""
        return self.enqueue(announcement)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Drop waiting announcements and wait for running syntheses; True if they all ended."""
        self._pending.clear()
        return self._pool.waitForDone(timeout_ms)

    # --- the state machine ---------------------------------------------------------------
    def _advance(self) -> None:
        if self._current is not None or not self._pending:
            return
        self._current = self._pending.popleft()
        announcement = self._current.announcement
        self.started.emit(announcement)
        if not self._with_chime:
            self._phase = "waiting_speech"
            self._speak_if_ready()
            return
        self._phase = "chime"
        self._audio.play(self._chime, self._volume)
        self.chimeStarted.emit(announcement)

    def _on_audio_finished(self, _path: object) -> None:
        if self._phase == "chime":
            self._phase = "waiting_speech"
            self._speak_if_ready()
        elif self._phase == "speech":
            self._spoken()

    def _on_synthesized(self, job_id: int, wav: Path | None, error: str) -> None:
        job = self._job(job_id)
        if job is None:
            return  # dropped (disabled or shut down) while rendering
        if error:
            log.warning(
                "voice: speech for %s failed (%s); chime only", job.announcement.label, error
            )
        job.synthesized, job.wav = True, wav
        if job is self._current:
            self._speak_if_ready()

    def _speak_if_ready(self) -> None:
        job = self._current
        if self._phase != "waiting_speech" or job is None:
            return
        if self._speaker is not None:
            self._phase = "speech"
            self.speechStarted.emit(job.announcement)
            self._speaker.speak(job.announcement.text, self._volume, self._on_live_done)
            return
        if not job.synthesized:
            return  # _on_synthesized comes back here
        if job.wav is None:
            self._complete()
            return
        self._phase = "speech"
        self.speechStarted.emit(job.announcement)
        self._audio.play(job.wav, self._volume)

    def _on_live_done(self) -> None:
        if self._phase == "speech":
            self._spoken()

    def _spoken(self) -> None:
        """The speech played through once: again until it has been said ``repeat`` times."""
        job = self._current
        if job is None:
            return
        job.spoken += 1
        if job.spoken >= self._repeat:
            self._complete()
        elif self._speaker is not None:
            self._speaker.speak(job.announcement.text, self._volume, self._on_live_done)
        elif job.wav is not None:
            self._audio.play(job.wav, self._volume)
        else:
            self._complete()

    def _complete(self) -> None:
        job, self._current = self._current, None
        self._phase = "idle"
        if job is not None:
            self.finished.emit(job.announcement)
        self._advance()

    def _job(self, job_id: int) -> _Job | None:
        if self._current is not None and self._current.id == job_id:
            return self._current
        return next((job for job in self._pending if job.id == job_id), None)


def _clamp(volume: float) -> float:
    return max(0.0, min(1.0, float(volume)))
