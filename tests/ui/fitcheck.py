"""Fit checks for any screen: every visible widget lies inside its window, and no label's or button's
text is clipped, measured with Qt's own font metrics; in Chinese, English and a stretched
pseudo-translation (every string 40 % longer, :class:`ui.i18n.PseudoTranslator`).

In a test::

    with language(qapp, "pseudo"):
        screen = build_the_screen()          # strings are translated when widgets are built
        qtbot.addWidget(screen)
        assert_fits(screen, (1366, 768))     # resize, show, lay out, check

A failure lists every problem, one a line, naming the widget by its objectName, class and text::

    QLabel 'status' ("Ticket A012 was cancelled ..."): text needs 512x22 px, has 300x22

What is checked, for each widget visible in the window (not inside another complex widget: a combo
box's line edit, a scroll bar, an item view's viewport are the style's business):

* its rectangle lies inside its parent's (so, inside the window), except the content of a
  :class:`QScrollArea` (it scrolls by design);
* a :class:`QLabel`'s plain or rich text fits its contents rectangle (less the label's margin and
  indent): one line (or the text's own lines) by ``horizontalAdvance``; a word-wrapped label by
  ``boundingRect`` with ``TextWordWrap`` at its width, so a word longer than the line fails too. A
  label (or combo box) that elides on purpose sets the dynamic property ``elides`` to True and
  carries the full text in its tool tip: it is checked for the tool tip (and a label for one line's
  height) only;
* a button's text (and icon) fits the style's contents rectangle (``SE_PushButtonContents``,
  ``SE_CheckBoxContents``, ``SE_RadioButtonContents``);
* a line edit's placeholder, a group box's title, a combo box's current text and a table's
  visible cells fit.

Sizes: in-process, :func:`assert_fits` resizes the window (which must accept the size: a minimum
size above it is a failure, a window cannot be shown smaller than that). For a window placed on a
real screen (maximised, full screen), run it in a subprocess with :func:`offscreen_env`: Qt's
offscreen platform with a screens config (as tests/ui/display/test_monitors.py does).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, QTranslator
from PySide6.QtGui import QFont, QFontMetrics, Qt, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTabBar,
    QTableWidget,
    QWidget,
)

from ui.i18n import PseudoTranslator, install_translator

SIZES = ((1280, 720), (1366, 768), (1920, 1080))
LANGUAGES = ("zh_CN", "en", "pseudo")
TOLERANCE = 1  # px: rounding in the font engine
MNEMONIC = re.compile(r"&(.)")


class FitError(AssertionError):
    pass


def describe(widget: QWidget) -> str:
    """``QLabel 'status' ("Ticket A012 ...")``: class, objectName, the start of its text."""
    name = widget.objectName()
    text = _text_of(widget)
    out = type(widget).__name__
    if name:
        out += f" {name!r}"
    if text:
        short = text if len(text) <= 48 else text[:45] + "..."
        out += f" ({short!r})"
    parent = widget.parentWidget()
    while parent is not None and not parent.objectName():
        parent = parent.parentWidget()
    if parent is not None and not widget.isWindow():
        out += f" in {type(parent).__name__} {parent.objectName()!r}"
    return out


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text().replace("\n", " / ")
    if isinstance(widget, QGroupBox):
        return widget.title()
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _visible_text(text: str) -> str:
    """A button's text as drawn: ``&&`` is one ampersand, ``&x`` an underlined x."""
    return MNEMONIC.sub(lambda m: m.group(1), text)


# -- what is inside what ------------------------------------------------------------------------


def _children(widget: QWidget) -> Iterator[QWidget]:
    """The widget's visible child widgets that the check walks into (not separate windows)."""
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isWindow() or not child.isVisibleTo(widget) or child.isHidden():
            continue
        yield child


def _opaque(widget: QWidget) -> bool:
    """Complex widgets whose inner parts are laid out by the style, not by the screen."""
    return isinstance(widget, (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar)) or type(
        widget
    ).__name__ in ("QScrollBar", "QCalendarWidget", "QLineEdit")


def walk(window: QWidget) -> Iterator[tuple[QWidget, bool]]:
    """Every visible widget of ``window`` with whether its parent's bounds apply to it."""

    def visit(widget: QWidget, bounded: bool) -> Iterator[tuple[QWidget, bool]]:
        yield widget, bounded
        if _opaque(widget):
            return
        if isinstance(widget, QScrollArea):
            inner = widget.widget()
            if inner is not None and inner.isVisibleTo(widget):
                yield from visit(inner, False)  # scrolls: its content may exceed the viewport
            return
        if isinstance(widget, QAbstractScrollArea):
            viewport = widget.viewport()
            for child in _children(viewport):
                yield from visit(child, True)
            return
        for child in _children(widget):
            yield from visit(child, True)

    for child in _children(window):
        yield from visit(child, True)


def _outside_parent(widget: QWidget) -> str | None:
    parent = widget.parentWidget()
    if parent is None:
        return None
    inside = parent.rect().adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE)
    geometry = widget.geometry()
    if geometry.width() <= 0 or geometry.height() <= 0:
        if _text_of(widget):
            return f"squeezed to {geometry.width()}x{geometry.height()} px"
        return None
    if inside.contains(geometry):
        return None
    return (
        f"lies at {_rect(geometry)}, outside its parent "
        f"{type(parent).__name__} {parent.objectName()!r} ({_rect(parent.rect())})"
    )


def _rect(r: QRect) -> str:
    return f"{r.width()}x{r.height()}+{r.x()}+{r.y()}"


# -- text against its room ------------------------------------------------------------------------


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or not label.isVisible():
        return None
    room = label.contentsRect()
    inset = label.margin() * 2 + max(label.indent(), 0)
    width, height = room.width() - inset, room.height() - label.margin() * 2
    metrics = QFontMetrics(label.font())
    if label.property("elides"):
        if not label.toolTip():
            return "elides its text but has no tool tip with the full text"
        if metrics.height() > height + TOLERANCE:
            return f"text needs {metrics.height()} px of height, has {height}"
        return None
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    if rich:
        need = _rich_size(label, text, width)
    elif label.wordWrap():
        flags = int(Qt.TextFlag.TextWordWrap) | int(label.alignment())
        bound = metrics.boundingRect(QRect(0, 0, max(width, 1), 100000), flags, text)
        need = QSize(bound.width(), bound.height())
    else:
        lines = text.split("\n")
        need = QSize(
            max(metrics.horizontalAdvance(line) for line in lines),
            metrics.lineSpacing() * len(lines),
        )
        need.setHeight(need.height() - metrics.leading())
    if need.width() > width + TOLERANCE or need.height() > height + TOLERANCE:
        return f"text needs {need.width()}x{need.height()} px, has {width}x{height}"
    return None


def _rich_size(label: QLabel, text: str, width: int) -> QSize:
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(text)
    if label.wordWrap():
        document.setTextWidth(max(width, 1))
        ideal = document.idealWidth()
        return QSize(int(ideal + 0.999), int(document.size().height() + 0.999))
    size = document.size()
    return QSize(int(document.idealWidth() + 0.999), int(size.height() + 0.999))


def _button_problem(button: QAbstractButton) -> str | None:
    text = _visible_text(button.text())
    if not text:
        return None
    style = button.style()
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    if isinstance(button, QCheckBox):
        room = style.subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, button)
    elif isinstance(button, QRadioButton):
        room = style.subElementRect(QStyle.SubElement.SE_RadioButtonContents, option, button)
    elif isinstance(button, QPushButton):
        room = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    else:
        room = button.contentsRect().adjusted(3, 3, -3, -3)
    metrics = QFontMetrics(button.font())
    lines = text.split("\n")
    need_w = max(metrics.horizontalAdvance(line) for line in lines)
    if not button.icon().isNull():
        need_w += button.iconSize().width() + 4
    need_h = metrics.height() * len(lines)
    if need_w > room.width() + TOLERANCE or need_h > room.height() + 2 * TOLERANCE + 2:
        return f"text needs {need_w}x{need_h} px, has {room.width()}x{room.height()}"
    return None


def _line_edit_problem(edit: QLineEdit) -> str | None:
    text = edit.placeholderText() if not edit.text() else ""
    if not text:
        return None
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    room = room.marginsRemoved(edit.textMargins())
    need = QFontMetrics(edit.font()).horizontalAdvance(text) + 4  # QLineEdit's own inner margin
    if need > room.width() + TOLERANCE:
        return f"placeholder needs {need} px, has {room.width()}"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    if combo.property("elides"):
        return None if combo.toolTip() == text else "elides its text but its tool tip differs"
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    room = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    need = QFontMetrics(combo.font()).horizontalAdvance(text)
    if need > room.width() + TOLERANCE:
        return f"current text needs {need} px, has {room.width()}"
    return None


def _group_problem(group: QGroupBox) -> str | None:
    title = _visible_text(group.title())
    if not title:
        return None
    need = QFontMetrics(group.font()).horizontalAdvance(title) + 16  # the style's title margins
    if need > group.width() + TOLERANCE:
        return f"title needs {need} px, has {group.width()}"
    return None


def _table_problem(table: QTableWidget) -> str | None:
    """A table's visible cells show their whole text (one line each)."""
    viewport = table.viewport().rect()
    clipped = []
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None or not item.text():
                continue
            cell = table.visualItemRect(item)
            if not cell.intersects(viewport):
                continue
            metrics = QFontMetrics(item.font() if item.font() != QFont() else table.font())
            need = max(metrics.horizontalAdvance(line) for line in item.text().split("\n"))
            if need + 6 > cell.width() + TOLERANCE:  # the style's cell margins (3 px a side)
                clipped.append(
                    f"cell {row},{column} {item.text()!r} needs {need + 6} px, has {cell.width()}"
                )
    return "; ".join(clipped[:3]) or None


def text_problem(widget: QWidget) -> str | None:
    if isinstance(widget, QTableWidget):
        return _table_problem(widget)
    if isinstance(widget, QLabel):
        return _label_problem(widget)
    if isinstance(widget, QAbstractButton):
        return _button_problem(widget)
    if isinstance(widget, QLineEdit):
        return _line_edit_problem(widget)
    if isinstance(widget, QComboBox):
        return _combo_problem(widget)
    if isinstance(widget, QGroupBox):
        return _group_problem(widget)
    return None


# -- the checks -------------------------------------------------------------------------------


def fit_problems(window: QWidget) -> list[str]:
    """Every widget of the shown ``window`` that lies outside its parent or clips its text."""
    problems = []
    for widget, bounded in walk(window):
        where = _outside_parent(widget) if bounded else None
        if where:
            problems.append(f"{describe(widget)}: {where}")
        clipped = text_problem(widget)
        if clipped:
            problems.append(f"{describe(widget)}: {clipped}")
    return problems


def assert_fits(window: QWidget, size: tuple[int, int] | None = None, what: str = "") -> None:
    """Resize ``window`` to ``size`` (if given), show and lay it out, then check it fits."""
    app = QApplication.instance()
    assert app is not None
    if size is not None:
        window.resize(*size)
    if not window.isVisible():
        window.show()
    for _ in range(3):  # layouts settle in a few passes (word-wrapped labels ask twice)
        app.processEvents()
    label = what or describe(window)
    if size is not None and (window.width(), window.height()) != size:
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        raise FitError(
            f"{label} at {size[0]}x{size[1]}: the window is {window.width()}x{window.height()} "
            f"(its minimum size is {minimum.width()}x{minimum.height()})"
        )
    problems = fit_problems(window)
    if problems:
        at = f" at {window.width()}x{window.height()}"
        raise FitError(f"{label}{at}: {len(problems)} problem(s)\n  " + "\n  ".join(problems))


# -- languages ----------------------------------------------------------------------------------


@contextmanager
def language(app: QCoreApplication, which: str) -> Iterator[None]:
    """Install ``zh_CN``, ``en`` or ``pseudo`` (English stretched 40 %) or ``pseudo_zh`` (the
    Chinese, stretched) for the duration; build the screen inside the block."""
    if which in ("pseudo", "pseudo_zh"):
        pseudo = PseudoTranslator(app, "zh_CN" if which == "pseudo_zh" else "en")
        app.installTranslator(pseudo)
        translators: list[QTranslator] = [pseudo]
    else:
        translators = install_translator(app, which)
    try:
        yield
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def offscreen_env(folder: Path, width: int, height: int, dpi: int = 96) -> dict[str, str]:
    """The environment for a subprocess whose one screen is ``width`` x ``height``: Qt's offscreen
    platform with a screens config written into ``folder``."""
    config = {
        "screens": [
            {"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
             "logicalDpi": dpi, "logicalBaseDpi": 96, "dpr": 1},
        ]
    }  # fmt: skip
    path = folder / f"screens-{width}x{height}.json"
    path.write_text(json.dumps(config))
    return dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}")


LONG_STATUS = "A012 · " + "The database cannot be reached: this screen is not up to date. " * 2
"""A status line as long as a console says one (the longest refusal, with its ticket)."""


def shot(window: QWidget, name: str) -> None:
    """With ``FIT_SHOTS=folder`` set, save the window as ``name``.png there (to look at)."""
    folder = os.environ.get("FIT_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / f"{name}.png"))


def status_on_screen(console: QWidget, status: QWidget) -> None:
    """The console's status line lies wholly inside the window (not under a scroll area's fold)."""
    top_left = status.mapTo(console, status.rect().topLeft())
    bottom = top_left.y() + status.height()
    assert status.isVisible() and 0 <= top_left.y() and bottom <= console.height(), (
        f"status line at y={top_left.y()}..{bottom}, window height {console.height()}"
    )
