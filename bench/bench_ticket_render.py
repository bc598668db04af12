"""render_pdf timing: p50/p95 over 200 renders after a warm-up (font registration, imports).

Run: .venv/bin/python bench/bench_ticket_render.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from printing.model import TicketPrint, new_token  # noqa: E402
from printing.pdf import render_pdf  # noqa: E402

RUNS = 200


def main() -> None:
    ticket = TicketPrint(
        site_name="城关镇卫生院疫苗接种点",
        label="A012",
        category="第一剂",
        issued_at=datetime(2024, 5, 1, 8, 32, tzinfo=ZoneInfo("Asia/Shanghai")),
        ahead=7,
        token=new_token(),
    )
    for paper_mm in (80, 58):
        started = time.perf_counter()
        render_pdf(ticket, paper_mm)
        first = time.perf_counter() - started
        for _ in range(5):
            render_pdf(ticket, paper_mm)
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            render_pdf(ticket, paper_mm)
            times.append((time.perf_counter() - started) * 1000)
        q = statistics.quantiles(times, n=100)
        print(
            f"render_pdf {paper_mm} mm: first {first * 1000:.1f} ms; over {RUNS} renders "
            f"p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, max {max(times):.1f} ms"
        )


if __name__ == "__main__":
    main()
