"""Two monitors (Qt's offscreen platform with a screens config, in a subprocess): the wiring puts
the display full screen on the second one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROGRAM = r"""
import sys
from datetime import datetime
from zoneinfo import ZoneInfo
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from kiosk.config import Config, VoiceConfig
from ui.app import RunOptions, build, place
from ui.fonts import register_fonts

app = QApplication(sys.argv[:1])
register_fonts(app)
screens = QGuiApplication.screens()
config = Config(voice=VoiceConfig(enabled=False))
at = datetime(2026, 11, 30, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
program = build(RunOptions(config, ("display",), at=at), sys.argv[1])
place(program.windows, displays_alone=False)
app.processEvents()
display = program.windows[0]
print("SCREENS", [s.name() for s in screens])
print("ON", display.screen().name(), display.isFullScreen())
print("GEOMETRY", display.geometry().x(), display.width(), display.height(), display.layout_name)
program.shutdown()
"""


def test_display_goes_full_screen_on_the_second_monitor(tmp_path: Path) -> None:
    config = {
        "screens": [
            {"name": "desk-monitor", "x": 0, "y": 0, "width": 1366, "height": 768,
             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
            {"name": "tv", "x": 1366, "y": 0, "width": 1920, "height": 1080,
             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        ]
    }  # fmt: skip
    path = tmp_path / "screens.json"
    path.write_text(json.dumps(config))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}")
    env["KIOSK_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["SCREENS"] == "['desk-monitor', 'tv']"
    assert lines["ON"] == "tv True"
    assert lines["GEOMETRY"] == "1366 1920 1080 wide"
