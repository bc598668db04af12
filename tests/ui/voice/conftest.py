"""Fixtures for the voice tests: fake engines, a tone WAV, announcers that are shut down."""

from __future__ import annotations

import math
import struct
import threading
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ui.voice.announcer import Announcer
from ui.voice.audio import FakeAudioOutput
from ui.voice.engines import Engine


def write_tone(path: Path, seconds: float, rate: int = 22050, freq: float = 440.0) -> Path:
    frames = b"".join(
        struct.pack("<h", round(12000 * math.sin(2 * math.pi * freq * i / rate)))
        for i in range(int(seconds * rate))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


class FakeEngine:
    """Returns one WAV per distinct text (a short tone) and records what it was asked, and where."""

    name = "fake"

    def __init__(self, folder: Path, seconds: float = 0.2) -> None:
        self.folder = folder
        self.seconds = seconds
        self.texts: list[str] = []
        self.threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._wavs: dict[str, Path] = {}

    def synthesize(self, text: str) -> Path | None:
        with self._lock:
            self.texts.append(text)
            self.threads.append(threading.current_thread())
            if text not in self._wavs:
                self._wavs[text] = write_tone(
                    self.folder / f"speech{len(self._wavs)}.wav", self.seconds
                )
            return self._wavs[text]


class BlockingEngine(FakeEngine):
    """Like FakeEngine, but each synthesis waits until ``release`` is set (at most 10 s)."""

    name = "blocking"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.entered = threading.Event()
        self.release = threading.Event()

    def synthesize(self, text: str) -> Path | None:
        self.entered.set()
        if not self.release.wait(10):
            raise TimeoutError("test never released the engine")
        return super().synthesize(text)


class FailingEngine:
    name = "failing"

    def synthesize(self, text: str) -> Path | None:
        raise RuntimeError("synthesizer exploded")


@pytest.fixture
def fake_engine(tmp_path: Path) -> FakeEngine:
    return FakeEngine(tmp_path)


@pytest.fixture
def make_announcer(qtbot) -> Iterator[Callable[..., tuple[Announcer, FakeAudioOutput]]]:
    """make_announcer(engine, mode="instant", **announcer_kwargs) -> (announcer, fake audio)."""
    made: list[tuple[Announcer, Engine]] = []

    def make(engine: Engine, mode: str = "instant", **kwargs) -> tuple[Announcer, FakeAudioOutput]:
        audio = FakeAudioOutput(mode)  # type: ignore[arg-type]
        announcer = Announcer(engine, audio, **kwargs)
        audio.setParent(announcer)
        made.append((announcer, engine))
        return announcer, audio

    yield make
    for announcer, engine in made:
        if isinstance(engine, BlockingEngine):
            engine.release.set()
        assert announcer.shutdown(10_000)
