"""``kiosk report``: the day's and the cumulative figures as PDF, CSV or JSON."""

from __future__ import annotations

import sys

from kiosk.bootstrap import LIVE, TRAINING
from kiosk.cli.context import Context
from kiosk.errors import DomainError


def cmd_report(ctx: Context) -> int:
    """The day report or the cumulative one (:mod:`kiosk.reports`). The PDF is drawn by the
    printing package: the console script (:mod:`ui.cli`) hands its writer in as ``report_pdf``."""
    from kiosk import reports
    from kiosk.reports.terminal import progress_bar

    a = ctx.args
    write_pdf = getattr(a, "report_pdf", None)
    if a.format == "pdf" and write_pdf is None:
        raise DomainError("--format pdf needs the printing package (the kiosk console script)",
                          code="invalid_input")  # fmt: skip
    if a.format == "pdf" and not a.out and sys.stdout.isatty():
        raise DomainError("a PDF report goes to a file: add --out FILE.pdf (or redirect it)",
                          code="invalid_input")  # fmt: skip
    engine = ctx.engine(purpose=TRAINING if a.training else LIVE)
    day = a.day or engine.today()
    progress = progress_bar(sys.stderr, "report")
    if a.cumulative:
        built: reports.Report = reports.build_cumulative_report(engine, day, progress)
    else:
        built = reports.build_day_report(engine, day, progress)
    if a.format == "pdf":
        assert write_pdf is not None
        data = write_pdf(built, ctx.config.site.name, progress_bar(sys.stderr, "pdf   "))
    else:
        text = reports.to_json(built) if a.format == "json" else reports.to_csv(built)
        data = text.encode("utf-8")
    if a.out:
        a.out.write_bytes(data)
        print(f"wrote {a.out}")
    elif (binary := getattr(sys.stdout, "buffer", None)) is not None:
        sys.stdout.flush()
        binary.write(data)
        binary.flush()
    else:  # a text-only stream (tests): text as text; a PDF cannot go there
        sys.stdout.write(data.decode("utf-8"))
    return 0
