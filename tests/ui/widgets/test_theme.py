"""The consoles' theme: every text/background pair it uses has a WCAG contrast of at least 4.5:1
(disabled controls excepted), the style sheet uses no colour the pairs do not list, and no console
module sets a colour of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFontInfo, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets import theme

ROOT = Path(__file__).resolve().parents[3]
CONSOLE_MODULES = sorted(
    p
    for folder in ("ui/desk", "ui/observation", "ui/widgets")
    for p in (ROOT / folder).glob("*.py")
    if p.name != "theme.py"
)
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|QColor\(\"|GlobalColor\.|setStyleSheet\(\"")


def test_contrast_formula() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("what", "text", "background"), theme.PAIRS, ids=[p[0] for p in theme.PAIRS]
)
def test_every_pair_reads(what: str, text: str, background: str) -> None:
    ratio = theme.contrast(text, background)
    assert ratio >= 4.5, f"{what}: {text} on {background} is {ratio:.2f}:1"


def _rules(style: str) -> list[tuple[str, str]]:
    return re.findall(r"([^{}]+)\{([^{}]*)\}", style)


def test_the_style_sheet_uses_only_listed_pairs() -> None:
    texts = {t.lower() for _, t, _ in theme.PAIRS}
    backgrounds = {b.lower() for _, _, b in theme.PAIRS} | {"transparent"}
    for selector, body in _rules(theme.STYLE):
        if ":disabled" in selector:
            continue  # disabled controls are excepted
        for colour in re.findall(r"(?<![-\w])color:\s*([^;]+);", body):
            assert colour.strip().lower() in texts, f"{selector.strip()}: text colour {colour}"
        for colour in re.findall(r"(?<![-\w])background:\s*([^;]+);", body):
            assert colour.strip().lower() in backgrounds, f"{selector.strip()}: background {colour}"
        for colour in re.findall(r"selection-color:\s*([^;]+);", body):
            assert colour.strip().lower() in texts


@pytest.mark.parametrize("module", CONSOLE_MODULES, ids=lambda p: p.name)
def test_no_console_module_picks_its_own_colours(module: Path) -> None:
    found = [
        f"{module.name}:{n}: {line.strip()}"
        for n, line in enumerate(module.read_text().splitlines(), 1)
        if COLOUR.search(line)
    ]
    assert found == [], "colours belong in ui/widgets/theme.py"


def test_a_themed_console_reads_14_pt_with_placeholders_at_4_5(
    qtbot: QtBot, qapp: QApplication
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label, edit = QLabel("正文 body"), QLineEdit()
    edit.setPlaceholderText("A012")
    layout.addWidget(label)
    layout.addWidget(edit)
    theme.apply(window)
    window.show()
    qtbot.waitExposed(window)
    assert QFontInfo(label.font()).pointSize() >= theme.BODY_PT
    palette = edit.palette()
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText).name()
    base = palette.color(QPalette.ColorRole.Base).name()
    assert theme.contrast(placeholder, base) >= 4.5
