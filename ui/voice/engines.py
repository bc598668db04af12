"""Speech engines for the waiting-room voice, tried in order by ``choose_engine()``.

Two honest kinds of engine, because not every engine can hand back audio:

- ``SpeechEngine``: renders text to a WAV file that the announcer plays through its
  ``AudioOutput`` (volume, device handling, the fake output in tests all apply). ``synthesize`` may
  block, is always called from a worker thread, and must be thread-safe. ``EspeakEngine`` and
  ``NullEngine`` are of this kind.
- ``LiveSpeechEngine``: speaks through the platform's own audio and reports when it is done.
  ``QTextToSpeech`` is of this kind: it has no way to write a WAV. Its ``speak`` is called on the
  UI thread and returns at once.

The chain: (1) Qt's text-to-speech when one of its engines offers a Mandarin (zh_CN) voice - Windows
SAPI/WinRT usually do; Linux's speech-dispatcher backend does not, and the test plugin "mock" is
never used; (2) espeak-ng with its ``cmn-latn-pinyin`` voice, fed numbered pinyin from
``ui.voice.pinyin`` (it mispronounces Hanzi it does not know), WAVs cached on disk by content;
(3) ``NullEngine``: no speech, the announcer plays the chime alone; ``choose_engine`` says so once
with ``logging.warning`` and the reason.

``choose_engine`` runs short probes (``espeak-ng --voices``, creating QTextToSpeech objects): call it
once at start-up from the wiring code, on the UI thread, after the QApplication exists.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QLocale, QObject
from PySide6.QtTextToSpeech import QTextToSpeech

from ui.voice.pinyin import to_pinyin

log = logging.getLogger(__name__)


class SpeechError(RuntimeError):
    """An engine failed to render a text (the announcer then plays the chime only)."""


@runtime_checkable
class SpeechEngine(Protocol):
    """Renders speech into a WAV file; None when there is nothing to say (chime only)."""

    name: str

    def synthesize(self, text: str) -> Path | None: ...


@runtime_checkable
class LiveSpeechEngine(Protocol):
    """Speaks by itself (no file); calls ``done`` exactly once when it has finished or failed."""

    name: str

    def speak(self, text: str, volume: float, done: Callable[[], None]) -> None: ...


Engine = SpeechEngine | LiveSpeechEngine


@dataclass
class NullEngine:
    """No speech at all: announcements are the chime alone."""

    reason: str
    name: str = "none"

    def synthesize(self, text: str) -> Path | None:
        return None


class EspeakEngine:
    """espeak-ng reading numbered pinyin; one WAV per distinct (voice, speed, pinyin), kept on disk.

    ``words_per_minute`` defaults to 150 rather than espeak's 175: many listeners are elderly and
    the room is noisy. The cache keeps the newest ``max_cached_files`` WAVs (about 100 KB each).
    """

    name = "espeak-ng"

    def __init__(
        self,
        cache_dir: Path,
        *,
        executable: str = "espeak-ng",
        voice: str = "cmn-latn-pinyin",
        words_per_minute: int = 150,
        timeout_s: float = 20.0,
        max_cached_files: int = 2000,
    ) -> None:
        self.cache_dir = cache_dir
        self.executable = executable
        self.voice = voice
        self.words_per_minute = words_per_minute
        self.timeout_s = timeout_s
        self.max_cached_files = max_cached_files

    def unavailable_reason(self) -> str | None:
        """None when this engine can speak here, else why not (runs ``espeak-ng --voices``)."""
        path = shutil.which(self.executable)
        if path is None:
            return f"{self.executable!r} not found on PATH"
        try:
            result = subprocess.run(
                [path, "--voices=cmn"], capture_output=True, text=True, timeout=self.timeout_s
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return f"{self.executable} --voices failed: {exc}"
        if self.voice not in result.stdout.split():
            return f"{self.executable} has no {self.voice!r} voice (espeak-ng >= 1.51 has it)"
        return None

    def cache_path(self, text: str) -> Path | None:
        """Where the WAV for ``text`` is (or will be) cached; None if there is nothing to say."""
        spoken = to_pinyin(text)
        if not spoken:
            return None
        key = f"{self.voice}|{self.words_per_minute}|{spoken}".encode()
        return self.cache_dir / f"{hashlib.sha256(key).hexdigest()[:32]}.wav"

    def synthesize(self, text: str) -> Path | None:
        target = self.cache_path(text)
        if target is None:
            return None
        if target.exists():
            return target
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.stem}.{uuid.uuid4().hex}.part")
        command = [self.executable, "-v", self.voice, "-s", str(self.words_per_minute)]
        command += ["-w", str(partial), "--stdin"]
        try:
            result = subprocess.run(
                command,
                input=to_pinyin(text),
                capture_output=True,
                text=True,
                timeout=self.timeout_s,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            partial.unlink(missing_ok=True)
            raise SpeechError(f"espeak-ng failed: {exc}") from exc
        if result.returncode != 0 or not partial.exists():
            partial.unlink(missing_ok=True)
            raise SpeechError(f"espeak-ng exit {result.returncode}: {result.stderr.strip()}")
        os.replace(partial, target)  # atomic: two workers rendering the same text both succeed
        self._prune()
        return target

    def _prune(self) -> None:
        files = sorted(self.cache_dir.glob("*.wav"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - self.max_cached_files)]:
            old.unlink(missing_ok=True)


class QtSpeechEngine(QObject):
    """Qt's platform text-to-speech with a Mandarin voice; speaks the Chinese text directly."""

    name = "qt-texttospeech"

    def __init__(self, tts: QTextToSpeech, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tts = tts
        self._tts.setParent(self)
        self._done: Callable[[], None] | None = None
        self._tts.stateChanged.connect(self._on_state)

    @staticmethod
    def find_mandarin(
        engines: list[str] | None = None,
    ) -> tuple[QtSpeechEngine | None, str]:
        """The first Qt engine with a zh_CN voice, or (None, why not)."""
        names = [e for e in (engines or QTextToSpeech.availableEngines()) if e != "mock"]
        if not names:
            return None, "Qt offers no text-to-speech engine"
        reasons = []
        for engine_name in names:
            tts = QTextToSpeech(engine_name)
            if tts.state() == QTextToSpeech.State.Error:
                reasons.append(f"{engine_name}: {tts.errorString() or 'failed to start'}")
                tts.deleteLater()
                continue
            mandarin = [
                loc
                for loc in tts.availableLocales()
                if loc.language() == QLocale.Language.Chinese
                and loc.territory() == QLocale.Country.China
            ]
            if mandarin:
                tts.setLocale(mandarin[0])
                if tts.availableVoices():
                    return QtSpeechEngine(tts), ""
            reasons.append(f"{engine_name}: no zh_CN voice")
            tts.deleteLater()
        return None, "; ".join(reasons)

    def speak(self, text: str, volume: float, done: Callable[[], None]) -> None:
        self._finish()  # a speech still running is superseded: its caller hears it is done
        self._done = done
        self._tts.setVolume(volume)
        self._tts.say(text)

    def _on_state(self, state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Error:
            log.warning("Qt text-to-speech failed: %s", self._tts.errorString())
            self._finish()
        elif state == QTextToSpeech.State.Ready:
            self._finish()

    def _finish(self) -> None:
        done, self._done = self._done, None
        if done is not None:
            done()


def default_cache_dir() -> Path:
    """The per-user cache folder for rendered speech."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("vaccination-kiosk")) / "voice"


def choose_engine(
    cache_dir: Path | None = None,
    *,
    try_qt: bool = True,
    espeak: EspeakEngine | None = None,
) -> Engine:
    """The first engine of the chain that works here; logs which, or warns once that none does."""
    reasons = []
    if try_qt:
        qt_engine, why = QtSpeechEngine.find_mandarin()
        if qt_engine is not None:
            log.info("voice: using Qt text-to-speech (%s)", qt_engine._tts.engine())
            return qt_engine
        reasons.append(f"Qt text-to-speech: {why}")
    espeak = espeak or EspeakEngine(cache_dir or default_cache_dir())
    why_not = espeak.unavailable_reason()
    if why_not is None:
        log.info("voice: using espeak-ng voice %s, cache %s", espeak.voice, espeak.cache_dir)
        return espeak
    reasons.append(f"espeak-ng: {why_not}")
    reason = "; ".join(reasons)
    log.warning("voice: no speech engine available, announcements are the chime only (%s)", reason)
    return NullEngine(reason)
