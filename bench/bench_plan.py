"""`kiosk plan --residents 2000` wall time (target under 60 s) and its answer, checked through the
engine.

    .venv/bin/python bench/bench_plan.py [--residents 2000] [--target-wait 30] [--runs 3] [--check]

Runs the real command in a subprocess with its own data directory, as a site would. ``--check``
then runs `kiosk simulate` with the plan's counts for seeds 1-5 (the real engine, about 10 s a
day at 2,000 residents) and prints each seed's p90 wait, observation peak and day's end.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIOSK = Path(sys.executable).with_name("kiosk")


def kiosk(*args: str, data_dir: str) -> tuple[float, dict[str, object]]:
    start = time.perf_counter()
    done = subprocess.run(
        [str(KIOSK), *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={"KIOSK_DATA_DIR": data_dir},
    )
    return time.perf_counter() - start, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--target-wait", type=float, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="simulate the answer, seeds 1-5")
    args = parser.parse_args()
    walls = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            wall, answer = kiosk(
                "plan", "--residents", str(args.residents),
                "--target-wait", f"{args.target_wait:g}", data_dir=tmp,
            )  # fmt: skip
            walls.append(wall)
        print(f"kiosk plan --residents {args.residents} --target-wait {args.target_wait:g}:"
              f" runs {args.runs}")  # fmt: skip
        print(f"  wall time  median {statistics.median(walls):.2f} s, max {max(walls):.2f} s")
        print(f"  answer     {json.dumps(answer)}")
        if not args.check:
            return
        for seed in range(1, 6):
            wall, day = kiosk(
                "simulate", "--residents", str(args.residents), "--seed", str(seed),
                "--day", "2026-12-01", "--registration-desks", str(answer["registration_desks"]),
                "--stations", str(answer["stations"]), data_dir=tmp,
            )  # fmt: skip
            print(
                f"  engine, seed {seed}: p90 wait {day['p90_wait_minutes']} min, unserved"
                f" {day['unserved']}, observation peak {day['observation_peak']}, day ends"
                f" {day['day_ends']} ({wall:.1f} s)"
            )


if __name__ == "__main__":
    main()
