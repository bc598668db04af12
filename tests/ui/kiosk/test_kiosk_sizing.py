"""Touch targets are at least 15 mm at the screen's real DPI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.kiosk.conftest import take
from ui.kiosk.screen import KioskScreen
from ui.kiosk.sizing import effective_dpi, min_touch_px

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("physical", "logical", "expected"),
    [(96, 96, 57), (100, 96, 60), (160, 96, 95), (60, 96, 36), (25.4, 96, 57), (0, 120, 71)],
)
def test_min_touch_px(physical: float, logical: float, expected: int) -> None:
    assert min_touch_px(physical, logical) == expected


def test_implausible_physical_dpi_falls_back_to_logical() -> None:
    assert effective_dpi(0, 120) == 120
    assert effective_dpi(5000, 96) == 96
    assert effective_dpi(140, 96) == 140


def test_buttons_are_at_least_15_mm_on_this_screen(qtbot: QtBot, kiosk: KioskScreen) -> None:
    kiosk.resize(400, 300)  # even squeezed, the minimum holds
    kiosk.show()
    qtbot.waitExposed(kiosk)
    screen = kiosk.screen()
    need = min_touch_px(screen.physicalDotsPerInch(), screen.logicalDotsPerInch())
    assert need == kiosk.touch_px() > 0
    for button in kiosk.start.buttons:
        assert button.width() >= need and button.height() >= need
    take(kiosk)
    done = kiosk.issued.done_button
    assert done.width() >= need and done.height() >= need
    kiosk.printer.wait()


@pytest.mark.parametrize("dpi", [96, 160])
def test_buttons_at_a_configured_screen_dpi(tmp_path: Path, dpi: int) -> None:
    """Qt's offscreen platform with a screens config: a 1080x1920 portrait panel at ``dpi``."""
    config = {
        "screens": [
            {
                "name": "kiosk",
                "x": 0,
                "y": 0,
                "width": 1080,
                "height": 1920,
                "logicalDpi": dpi,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        ]
    }
    path = tmp_path / "screens.json"
    path.write_text(json.dumps(config))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-m", "tests.ui.kiosk.touch_probe", str(tmp_path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    probe = json.loads(out.stdout.strip().splitlines()[-1])
    assert probe["dpr"] == pytest.approx(dpi / 96)  # the panel's density as Qt sees it
    need = min_touch_px(probe["physical_dpi"], probe["logical_dpi"])
    assert need == probe["need"]
    mm_per_px = 25.4 / probe["physical_dpi"]
    for width, height in probe["buttons"]:
        assert width >= need and height >= need
        assert min(width, height) * mm_per_px >= 15.0


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768), (1080, 1920)])
def test_category_buttons_grow_with_the_screen(
    qtbot: QtBot, kiosk: KioskScreen, width: int, height: int
) -> None:
    """Side by side (landscape) the buttons take a large share of the height; stacked
    (portrait) a fifth each at most, so all of them and the prompt stay on screen."""
    kiosk.resize(width, height)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    qtbot.waitUntil(lambda: kiosk.start.buttons[0].height() > kiosk.touch_px())
    heights = [b.height() for b in kiosk.start.buttons]
    assert max(heights) - min(heights) <= 1  # equal buttons (the layout may round by a pixel)
    tall = max(heights)
    if width > height:
        assert 0.3 * height <= tall <= 0.45 * height
        assert len({b.y() for b in kiosk.start.buttons}) == 1  # one row
    else:
        assert tall <= 0.2 * height + 1
        bottom = max(b.geometry().bottom() for b in kiosk.start.buttons)
        assert bottom < kiosk.start.height()
    kiosk.printer.wait()
