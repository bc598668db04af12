"""Generate assets/sounds/chime.wav: the two-tone "ding-dong" played before every announcement.

Run ``python assets/sounds/make_chime.py`` to rewrite the WAV. The output is deterministic (pure
Python, no randomness), so a test can check the committed file matches this script.

The sound: a bell-like E5 ("ding") then C5 ("dong") a major third lower, each a sine with a little
of its octave and twelfth, a 6 ms attack and an exponential decay, overlapping tails, and a short
fade at the end so it never clicks. 1.2 s, 22050 Hz, mono, 16-bit, peak at about -3 dBFS.
"""

from __future__ import annotations

import io
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
DURATION_S = 1.2
PEAK = 0.7  # about -3 dBFS: loud enough to catch attention, headroom for cheap TV speakers

# (start s, frequency Hz, decay time constant s, level)
NOTES = (
    (0.00, 659.25, 0.28, 1.0),  # E5: ding
    (0.42, 523.25, 0.36, 1.0),  # C5: dong
)
# (frequency multiple, relative level): a soft bell colour without harshness
PARTIALS = ((1.0, 1.0), (2.0, 0.28), (3.0, 0.08))
ATTACK_S = 0.006
FADE_OUT_S = 0.08


def chime_samples() -> list[float]:
    """The chime as floats in [-PEAK, PEAK]."""
    count = int(RATE * DURATION_S)
    samples = [0.0] * count
    for start, freq, tau, level in NOTES:
        first = int(start * RATE)
        for i in range(first, count):
            t = (i - first) / RATE
            envelope = level * math.exp(-t / tau) * min(1.0, t / ATTACK_S)
            value = sum(
                rel * math.sin(2 * math.pi * freq * mult * t) * math.exp(-t * (mult - 1) * 2.0)
                for mult, rel in PARTIALS
            )
            samples[i] += envelope * value
    fade = int(FADE_OUT_S * RATE)
    for k in range(fade):
        samples[count - 1 - k] *= k / fade
    peak = max(abs(s) for s in samples)
    return [s / peak * PEAK for s in samples]


def chime_wav_bytes() -> bytes:
    """The complete WAV file."""
    frames = b"".join(struct.pack("<h", round(s * 32767)) for s in chime_samples())
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("chime.wav")
    target.write_bytes(chime_wav_bytes())
    print(f"wrote {target} ({DURATION_S} s, {RATE} Hz mono 16-bit)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
