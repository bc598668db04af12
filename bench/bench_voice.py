"""Voice latency: how long from a call being queued to the chime starting, and to speech starting.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_voice.py [--n 100] [--engine espeak|none]

Each of N calls (distinct ticket numbers, so espeak-ng renders each one cold) is queued on an idle
announcer with the fake audio output; the chime is "played" for real time (its 1.2 s scaled by
--chime-speed, default 1 = as in the room) and the speech finishes at once. Figures:

- enqueue -> chime start: what a resident waits before hearing anything (target p95 < 500 ms);
- enqueue -> speech start: includes the chime, then any synthesis not finished during it;
- speech wait after chime: the gap between chime end and speech start (0 when synthesis overlapped).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from ui.voice.announcer import Announcement, Announcer, default_chime  # noqa: E402
from ui.voice.audio import FakeAudioOutput, wav_duration_s  # noqa: E402
from ui.voice.engines import EspeakEngine, NullEngine  # noqa: E402


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def describe(name: str, values_s: list[float]) -> str:
    ms = [v * 1000 for v in values_s]
    return (
        f"{name:<28} p50 {statistics.median(ms):8.2f} ms   p95 {percentile(ms, 95):8.2f} ms   "
        f"max {max(ms):8.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--engine", choices=["espeak", "none"], default="espeak")
    parser.add_argument("--chime-speed", type=float, default=1.0)
    args = parser.parse_args()

    _app = QCoreApplication.instance() or QCoreApplication([])
    with tempfile.TemporaryDirectory() as cache:
        if args.engine == "espeak":
            engine: EspeakEngine | NullEngine = EspeakEngine(Path(cache))
            reason = engine.unavailable_reason()
            if reason:
                print(f"espeak-ng unavailable: {reason}")
                return 2
        else:
            engine = NullEngine("benchmark")
        audio = FakeAudioOutput("manual")
        announcer = Announcer(engine, audio)
        chime_ms = round(wav_duration_s(default_chime()) * 1000 / args.chime_speed)

        to_chime: list[float] = []
        to_speech: list[float] = []
        gaps: list[float] = []
        marks: dict[str, float] = {}

        def on_chime(_a: Announcement) -> None:
            marks["chime"] = time.perf_counter()
            QTimer.singleShot(chime_ms, audio.finish)  # the chime "plays" for its length

        def on_speech(_a: Announcement) -> None:
            marks["speech"] = time.perf_counter()
            QTimer.singleShot(0, audio.finish)

        announcer.chimeStarted.connect(on_chime)
        announcer.speechStarted.connect(on_speech)
        loop = QEventLoop()
        announcer.finished.connect(lambda _a: loop.quit())

        for i in range(args.n):
            marks.clear()
            audio_records_before = len(audio.records)
            start = time.perf_counter()
            announcer.enqueue(Announcement.call(f"A{i + 1:03d}", f"接种{i % 4 + 1}"))
            loop.exec()
            to_chime.append(marks["chime"] - start)
            if "speech" in marks:
                to_speech.append(marks["speech"] - start)
                chime_end = audio.records[audio_records_before].ended
                assert chime_end is not None
                gaps.append(max(0.0, marks["speech"] - chime_end))
        assert announcer.shutdown()
        assert audio.overlaps == 0

    print(f"{args.n} announcements, engine {engine.name}, chime {chime_ms} ms, fake audio output")
    print(describe("enqueue -> chime start", to_chime))
    if to_speech:
        print(describe("enqueue -> speech start", to_speech))
        print(describe("speech wait after chime", gaps))
    p95 = percentile(to_chime, 95) * 1000
    verdict = "OK" if p95 < 500 else "TOO SLOW"
    print(f"target: enqueue -> chime p95 < 500 ms: {p95:.2f} ms {verdict}")
    return 0 if p95 < 500 else 1


if __name__ == "__main__":
    raise SystemExit(main())
