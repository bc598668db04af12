"""Where the wiring puts a console (Qt's offscreen platform with a screen of the size, in a
subprocess): maximised on its own PC; in the one-PC layout each console sized to the screen,
never larger, never smaller than it can be shown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.fitcheck import SIZES, offscreen_env

ROOT = Path(__file__).resolve().parents[3]

PROGRAM = r"""
import json, sys
from datetime import datetime
from zoneinfo import ZoneInfo
from PySide6.QtWidgets import QApplication
from kiosk.config import Config, VoiceConfig
from ui.app import RunOptions, build, place
from ui.fonts import register_fonts
from ui.i18n import install_translator

app = QApplication(sys.argv[:1])
register_fonts(app)
install_translator(app, "zh_CN")
screens, desk = tuple(sys.argv[2].split(",")), sys.argv[3] or None
at = datetime(2026, 11, 30, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
options = RunOptions(Config(voice=VoiceConfig(enabled=False)), screens, desk=desk, at=at)
program = build(options, sys.argv[1])
place(program.windows, displays_alone=False)
for _ in range(3):
    app.processEvents()
free = app.primaryScreen().availableGeometry()
out = {"free": [free.x(), free.y(), free.width(), free.height()], "windows": []}
for w in program.windows:
    g, m = w.frameGeometry(), w.minimumSizeHint()
    out["windows"].append({"name": w.objectName(), "geometry": [g.x(), g.y(), g.width(), g.height()],
                           "maximised": w.isMaximized(), "minimum": [m.width(), m.height()]})
print("PLACED", json.dumps(out))
program.shutdown()
"""


def placed(tmp_path: Path, size: tuple[int, int], screens: str, desk: str = "") -> dict:
    env = offscreen_env(tmp_path, *size)
    env["KIOSK_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(tmp_path), screens, desk],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("PLACED "))
    return json.loads(line.split(" ", 1)[1])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_desk_alone_is_maximised(tmp_path: Path, size: tuple[int, int]) -> None:
    got = placed(tmp_path, size, "desk", "登记1")
    (window,) = got["windows"]
    assert window["maximised"] and window["geometry"] == got["free"]  # its frame fills it
    assert window["minimum"][0] <= size[0] and window["minimum"][1] <= size[1]
    # 720 px less a task bar (40) and a title bar (30): a maximised console still fits whole.
    assert window["minimum"][1] <= 650


@pytest.mark.parametrize("size", [SIZES[0], SIZES[2]], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_one_pc_layout_sizes_each_console_to_the_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    got = placed(tmp_path, size, "desk,observation")
    fx, fy, fw, fh = got["free"]
    names = [w["name"] for w in got["windows"]]
    assert names.count("desk") == 4 and names.count("observation") == 1
    for window in got["windows"]:
        x, y, w, h = window["geometry"]
        assert fx <= x and fy <= y and x + w <= fx + fw and y + h <= fy + fh, window
        assert w >= fw - 72 and h >= fh - 72, window  # the screen's size, less the cascade
        assert window["minimum"][0] <= w and window["minimum"][1] <= h, window
