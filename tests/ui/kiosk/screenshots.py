"""Screenshots of the resident's kiosk for the README, through the program's own wiring
(``ui.app.build``, as ``kiosk run --at 10:30 --screen kiosk``), on a simulated morning:

    .venv/bin/kiosk simulate --residents 400 --seed 7 --until 10:30
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.kiosk.screenshots [--out docs]

(any X server, e.g. ``Xvfb :99 -screen 0 1920x1080x24``). Writes kiosk-start-WxH.png at
1366x768, 1920x1080 and upright 1080x1920, and kiosk-issued-WxH.png after one tap (a number is
taken in the training database) at 1920x1080 and 1080x1920, and kiosk-closed.png (upright, as when
the day's capacity is used up). The voice is off: nothing is said.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk import cli as domain
from kiosk.clock import parse_at
from kiosk.config import Config, KioskConfig
from tests.ui import shots
from ui.app import Program, RunOptions, build
from ui.fonts import register_fonts
from ui.i18n import install_translator
from ui.kiosk.screen import KioskScreen

START = ((1366, 768), (1920, 1080), (1080, 1920))
ISSUED = ((1920, 1080), (1080, 1920))


def settle(program: Program) -> None:
    """Until the screen's reads are back and drawn (tests/ui/shots.py)."""
    shots.settle(program.runner)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs")
    parser.add_argument("--at", default="10:30")
    parser.add_argument("--language", default="zh_CN")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    register_fonts(app)
    install_translator(app, args.language)
    config = Config()
    config = replace(config, kiosk=replace(config.kiosk or KioskConfig(), speak=False))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    at = parse_at(args.at, config.site.timezone)
    program = build(RunOptions(config, screens=("kiosk",), at=at), str(domain.data_dir()))
    program.feed.start()
    kiosk = program.windows[0]
    assert isinstance(kiosk, KioskScreen)
    kiosk.show()
    for w, h in START:
        kiosk.resize(w, h)
        settle(program)
        path = out / f"kiosk-start-{w}x{h}.png"
        kiosk.grab().save(str(path))
        print(path)
    kiosk.tap(config.categories[0])
    settle(program)
    for w, h in ISSUED:
        kiosk.resize(w, h)
        settle(program)
        path = out / f"kiosk-issued-{w}x{h}.png"
        kiosk.grab().save(str(path))
        print(path)
    kiosk._show_closed("capacity")  # as when the day's capacity is used up
    kiosk.resize(1080, 1920)
    settle(program)
    kiosk.grab().save(str(out / "kiosk-closed.png"))
    print(out / "kiosk-closed.png")
    kiosk.guard.is_unlocked = True
    kiosk.close()
    program.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
