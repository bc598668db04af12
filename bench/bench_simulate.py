"""`kiosk simulate --residents 2000` wall time (target under 10 s) and peak memory.

    .venv/bin/python bench/bench_simulate.py [--residents 2000] [--runs 3]

Runs the real command in a subprocess with its own data directory (so its training database
starts fresh) and reads the child's peak resident memory from getrusage.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    kiosk = Path(sys.executable).with_name("kiosk")
    walls = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [
                str(kiosk), "simulate", "--residents", str(args.residents), "--seed", str(run + 1),
                "--day", "2026-12-01", "--json",
            ]  # fmt: skip
            start = time.perf_counter()
            done = subprocess.run(
                cmd, capture_output=True, text=True, check=True, env={"KIOSK_DATA_DIR": tmp}
            )
            walls.append(time.perf_counter() - start)
            figures = json.loads(done.stdout)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"kiosk simulate --residents {args.residents}: runs {args.runs}")
    print(f"  wall time  median {statistics.median(walls):.2f} s, max {max(walls):.2f} s")
    print(f"  peak RSS   {peak_mb:.0f} MB")
    print(f"  last run   issued {figures['issued']}, vaccinated {figures['vaccinated']}")


if __name__ == "__main__":
    main()
