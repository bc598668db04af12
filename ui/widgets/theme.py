"""The consoles' one look: the registration desk, the vaccination station and the observation desk.

Body text 14 pt (a busy nurse reads it at arm's length), clear focus rings (3 px, dark blue), one
button height, and every text/background pair at least 4.5:1 (WCAG AA; disabled controls
excepted): :data:`PAIRS` lists them and tests/ui/widgets/test_theme.py computes each contrast.
Widgets are styled by object name and by the dynamic property ``level`` ("info", "warn",
"error", "ok"); no console module sets a colour of its own (the same test checks).

Sizes are in points, so a screen's DPI scales them as it scales the rest of Qt.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

BODY_PT = 14
SMALL_PT = 14  # nothing a nurse must read is smaller than the body text
TITLE_PT = 18
TICKET_PT = 34
PERSON_PT = 22
BUTTON_HEIGHT = 44  # px: one height for every console button
FOCUS = "#1565c0"

TEXT = "#1a1a1a"
BACKGROUND = "#ffffff"
PANEL = "#f4f6f8"  # group boxes and the sign-in card
PLACEHOLDER = "#5f6368"
MUTED = "#4a4f55"  # secondary text: states, hints, superseded history entries
BUTTON = "#e3e8ef"
BUTTON_HOVER = "#d3dbe6"
HIGHLIGHT = "#1565c0"
HIGHLIGHTED_TEXT = "#ffffff"
TICKET = "#0d47a1"
ERROR = "#b00020"
OK = "#1b5e20"
INFO_TEXT, INFO_BACK = "#1b5e20", "#e8f5e9"
WARN_TEXT, WARN_BACK = "#6b4500", "#fff3cd"
ERROR_TEXT, ERROR_BACK = "#ffffff", "#b00020"
MAY_LEAVE = "#c8e6c9"  # observation rows: may leave
AE_OPEN = "#ffcdd2"  # observation rows: an adverse event is open
EXPIRED = "#f8d7da"  # a vial past its use-by

PAIRS: list[tuple[str, str, str]] = [
    ("body text", TEXT, BACKGROUND),
    ("text in a group box", TEXT, PANEL),
    ("placeholder", PLACEHOLDER, BACKGROUND),
    ("secondary text", MUTED, BACKGROUND),
    ("secondary text in a group box", MUTED, PANEL),
    ("button", TEXT, BUTTON),
    ("button, hovered", TEXT, BUTTON_HOVER),
    ("selection", HIGHLIGHTED_TEXT, HIGHLIGHT),
    ("the current ticket", TICKET, PANEL),
    ("the current ticket on white", TICKET, BACKGROUND),
    ("an error next to a field", ERROR, BACKGROUND),
    ("an error in a group box", ERROR, PANEL),
    ("a good sign", OK, BACKGROUND),
    ("a good sign in a group box", OK, PANEL),
    ("status: info", INFO_TEXT, INFO_BACK),
    ("status: warning", WARN_TEXT, WARN_BACK),
    ("status: error", ERROR_TEXT, ERROR_BACK),
    ("observation row: may leave", TEXT, MAY_LEAVE),
    ("observation row: adverse event open", TEXT, AE_OPEN),
    ("a vial past its use-by", TEXT, EXPIRED),
    ("a row to mind (near its use-by, a dose given elsewhere)", TEXT, WARN_BACK),
    ("a warning", WARN_TEXT, BACKGROUND),
    ("a warning in a group box", WARN_TEXT, PANEL),
    ("an adverse event in a list", ERROR, BACKGROUND),
]
"""Every text/background pair the consoles draw (name, text, background)."""

_ICONS = files("assets").joinpath("icons")
ARROW_UP = str(_ICONS.joinpath("arrow-up.svg")).replace("\\", "/")
ARROW_DOWN = str(_ICONS.joinpath("arrow-down.svg")).replace("\\", "/")
"""The arrows of spin boxes and drop-down lists: a style sheet that draws their frame must draw
their arrows too (Qt then no longer paints the platform's)."""

STYLE = f"""
QWidget {{ font-size: {BODY_PT}pt; color: {TEXT}; }}
QWidget#desk, QWidget#observation, QStackedWidget, QWidget#work, QWidget#signin,
QScrollArea, QScrollArea > QWidget > QWidget {{ background: {BACKGROUND}; }}
QGroupBox {{
    background: {PANEL}; border: 1px solid #c5ccd6; border-radius: 6px;
    margin-top: 1.4em; padding: 6px; font-weight: bold;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: {TEXT}; }}
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QRadioButton {{ font-weight: normal; }}
QPushButton {{
    background: {BUTTON}; border: 1px solid #7d8794; border-radius: 6px;
    min-height: {BUTTON_HEIGHT - 12}px; padding: 5px 14px; font-weight: normal;
}}
QPushButton:hover {{ background: {BUTTON_HOVER}; }}
QPushButton:disabled {{ color: #8a9099; background: #eef1f4; border-color: #cfd5dc; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit, QDateTimeEdit {{
    background: {BACKGROUND}; border: 1px solid #7d8794; border-radius: 4px;
    min-height: 28px; padding: 3px 8px; font-weight: normal;
}}
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus,
QDateEdit:focus, QDateTimeEdit:focus {{
    border: 3px solid {FOCUS}; padding: 1px 6px;
}}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: border; width: 24px; background: {BUTTON};
    border-left: 1px solid #7d8794;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 3px; }}
QAbstractSpinBox::down-button {{
    subcontrol-position: bottom right; border-bottom-right-radius: 3px;
}}
QAbstractSpinBox::up-arrow {{ image: url("{ARROW_UP}"); width: 12px; height: 12px; }}
QAbstractSpinBox::down-arrow {{ image: url("{ARROW_DOWN}"); width: 12px; height: 12px; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::down-arrow:disabled {{ image: none; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 26px;
    border-left: 1px solid #7d8794;
}}
QComboBox::down-arrow {{ image: url("{ARROW_DOWN}"); width: 12px; height: 12px; }}
QPushButton:focus {{ padding: 3px 12px; }}
QCheckBox, QRadioButton {{ border: 3px solid transparent; border-radius: 4px; padding: 2px; }}
QCheckBox:focus, QRadioButton:focus {{ border-color: {FOCUS}; }}
QListWidget, QTableWidget {{
    background: {BACKGROUND}; border: 3px solid #c5ccd6; font-weight: normal;
    selection-background-color: {HIGHLIGHT}; selection-color: {HIGHLIGHTED_TEXT};
}}
QListWidget:focus, QTableWidget:focus {{ border-color: {FOCUS}; }}
QHeaderView::section {{
    background: {PANEL}; color: {TEXT}; padding: 4px; border: 0;
    border-bottom: 1px solid #c5ccd6; font-weight: bold;
}}
QLabel#consoleTitle, QLabel#signinTitle {{ font-size: {TITLE_PT}pt; font-weight: bold; }}
QLabel#currentTicket {{ font-size: {TICKET_PT}pt; font-weight: bold; color: {TICKET}; }}
QLabel#personName {{ font-size: {PERSON_PT}pt; font-weight: bold; }}
QLabel#currentState, QLabel[level="muted"] {{ color: {MUTED}; }}
QLabel#waitingCount, QLabel#observationSummary {{ font-weight: bold; }}
QLabel#historyTitle {{ font-weight: bold; }}
QLabel[level="error"] {{ color: {ERROR}; }}
QLabel[level="ok"] {{ color: {OK}; }}
QLabel[level="warn"] {{ color: {WARN_TEXT}; font-weight: bold; }}
QLabel[level="alert"] {{ color: {ERROR}; font-weight: bold; }}
QLabel[level="strong"] {{ font-weight: bold; }}
QLabel#boxCode {{ padding: 4px; }}
QLabel#boxCode[level="ok"] {{ color: {INFO_TEXT}; background: {INFO_BACK}; font-weight: bold; }}
QLabel#boxCode[level="warn"] {{ color: {WARN_TEXT}; background: {WARN_BACK}; }}
QLabel#status {{ padding: 6px; border-radius: 4px; min-height: 1.4em; }}
QLabel#status[level="info"] {{ color: {INFO_TEXT}; background: {INFO_BACK}; }}
QLabel#status[level="warn"] {{ color: {WARN_TEXT}; background: {WARN_BACK}; }}
QLabel#status[level="error"] {{ color: {ERROR_TEXT}; background: {ERROR_BACK}; }}
QLabel#status[level="empty"] {{ background: transparent; }}
QLabel#signinError {{ color: {ERROR}; font-weight: bold; }}
"""


def apply(widget: QWidget) -> None:
    """The consoles' style sheet and palette on ``widget`` (a console window or its dialog)."""
    palette = widget.palette()
    for role, colour in (
        (QPalette.ColorRole.WindowText, TEXT),
        (QPalette.ColorRole.Text, TEXT),
        (QPalette.ColorRole.ButtonText, TEXT),
        (QPalette.ColorRole.Window, BACKGROUND),
        (QPalette.ColorRole.Base, BACKGROUND),
        (QPalette.ColorRole.Button, BUTTON),
        (QPalette.ColorRole.Highlight, HIGHLIGHT),
        (QPalette.ColorRole.HighlightedText, HIGHLIGHTED_TEXT),
        (QPalette.ColorRole.PlaceholderText, PLACEHOLDER),
    ):
        palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    widget.setPalette(palette)
    widget.setStyleSheet(STYLE)


def set_level(widget: QWidget, level: str) -> None:
    """Style ``widget`` by its ``level`` property ("info", "warn", "error", "ok", "muted",
    "empty"): the style sheet is applied again so the change shows."""
    if widget.property("level") == level:
        return
    widget.setProperty("level", level)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    c = QColor(colour)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(text: str, background: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    a, b = sorted((luminance(text), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
