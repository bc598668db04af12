"""The CJK font from assets/, registered with Qt at start-up (a missing font is an error).

The font's location and its error come from :mod:`printing.fonts`: the screens and the printed
tickets use the one shipped font.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from printing.fonts import FONT_PACKAGE, FONT_RESOURCE, FontMissingError


def register_fonts(app: QApplication) -> str:
    """Register the shipped font and make it the application's; returns its family name."""
    resource = files(FONT_PACKAGE).joinpath(*FONT_RESOURCE)
    with as_file(resource) as path:
        font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        raise FontMissingError(f"cannot load the CJK font {path}: Chinese text would show as boxes")
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPointSize(12)
    app.setFont(font)
    return family
