"""The kiosk's three pages: choose a category, your number, no more numbers. Views only: the
screen (:mod:`ui.kiosk.screen`) fills them from the engine and sizes them for the display."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Category

BUTTON_STYLE = (
    "QPushButton { background: #0d47a1; color: white; border: none; border-radius: 24px; }"
    "QPushButton:pressed { background: #002171; }"
    "QPushButton:disabled { background: #90a4ae; }"
    "QPushButton[priority='true'] { background: #e65100; }"
    "QPushButton[priority='true']:pressed { background: #ac1900; }"
    "QPushButton[kind='appointment'] { background: #1b5e20; }"
    "QPushButton[kind='appointment']:pressed { background: #003300; }"
    "QPushButton[kind='plain'] { background: white; border: 3px solid #0d47a1; }"
    "QPushButton[kind='plain']:pressed { background: #e3f2fd; }"
    "QPushButton[kind='plain']:disabled { background: #eceff1; border-color: #90a4ae; }"
    "QLabel { color: white; background: transparent; }"
    "QPushButton[kind='plain'] QLabel { color: #0d47a1; }"
)


_BREAKS = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+")


class WrapLabel(QLabel):
    """A word-wrapped label whose font shrinks from its wanted size only when one unbreakable
    run (a long word; Chinese breaks between any two characters) is wider than ``limit``, the
    width the page gives it: a long translation wraps, and no word makes the page wider."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.wanted_px = 0
        self.limit = 0

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.refit()

    def refit(self) -> None:
        if not self.wanted_px:
            return
        font = QFont(self.font())
        font.setWeight(QFont.Weight.Normal)
        font.setPixelSize(self.wanted_px)
        widest = max(
            (QFontMetrics(font).horizontalAdvance(w) for w in _BREAKS.findall(self.text())),
            default=0,
        )
        if self.limit > 0 and widest > self.limit:
            font.setPixelSize(max(8, int(self.wanted_px * self.limit / widest)))
        if font != self.font():
            self.setFont(font)


def _label(name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> WrapLabel:
    label = WrapLabel("")
    label.setObjectName(name)
    label.setAlignment(align)
    label.setWordWrap(True)
    return label


wrap_label = _label  # for the kiosk's other pages


def set_px(widget: QWidget, px: float, bold: bool = False) -> None:
    """One weight for every text of the kiosk, whatever ``bold`` asks (kept so callers still say
    what they would stress): the shipped font has a regular face only, and Qt draws the emboldened
    face it would synthesise as plain outlines above some size, so "bold" text changed weight when
    the page turned from landscape to portrait."""
    if isinstance(widget, WrapLabel):
        widget.wanted_px = max(8, int(px))
        widget.refit()
        return
    font = QFont(widget.font())
    font.setPixelSize(max(8, int(px)))
    font.setWeight(QFont.Weight.Normal)
    widget.setFont(font)


def set_limits(page: QWidget, width: int) -> None:
    """The width every wrapped label of ``page`` may use (see :class:`WrapLabel`)."""
    for label in page.findChildren(WrapLabel):
        label.limit = width


class SiteTitle(QLabel):
    """The site name; ``tapped`` on each press (the hidden staff gesture counts them)."""

    tapped = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.tapped.emit()
        super().mousePressEvent(event)


class CategoryButton(QPushButton):
    """A huge button: the category's label, its English below, a priority mark."""

    def __init__(self, category: Category, main: str, sub: str, badge: str) -> None:
        super().__init__()
        self.category = category
        self.setObjectName(f"category_{category.prefix}")
        self.setProperty("priority", "true" if category.priority else "false")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(BUTTON_STYLE)
        # As big as the page allows (StartPage caps the height): easier to hit than to miss.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addStretch(1)
        self.main = _label("main")
        self.main.setText(main)
        self.sub = _label("sub")
        self.sub.setText(sub)
        self.sub.setVisible(bool(sub))
        self.badge = _label("badge")
        self.badge.setText(badge)
        self.badge.setVisible(bool(badge))
        for label in (self.badge, self.main, self.sub):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        layout.addStretch(1)  # the words stay together in the middle of a tall button
        self.setAccessibleName(main)

    def scale(self, unit: int, touch_px: int, wide: bool) -> None:
        set_px(self.main, unit * 2.2, bold=True)
        set_px(self.sub, unit * 0.9)
        set_px(self.badge, unit * 0.8, bold=True)
        lines = [self.main] + [w for w in (self.sub, self.badge) if not w.isHidden()]
        height = sum(int(w.font().pixelSize() * 1.35) for w in lines) + 24 + 6 * len(lines)
        self.setMinimumSize(max(touch_px, unit * 6 if wide else touch_px), max(touch_px, height))


class LabelButton(QPushButton):
    """A big button with a line and the line's English below it (wrapped, never clipped).
    ``kind``: "" (blue), "appointment" (green), "plain" (white, blue words)."""

    def __init__(self, name: str, kind: str = "") -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("kind", kind)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(BUTTON_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(2)
        self.main = _label(f"{name}_main")
        self.sub = _label(f"{name}_sub")
        for label in (self.main, self.sub):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    def set_texts(self, main: str, sub: str = "") -> None:
        self.main.setText(main)
        self.sub.setText(sub)
        self.sub.setVisible(bool(sub))
        self.setAccessibleName(main)

    def scale(self, main_px: float, touch_px: int, min_width: int = 0, min_height: int = 0) -> None:
        """At least ``min_width`` wide, as wide as its words want up to what the page gives
        (the labels' ``limit``: set it first), and as tall as the words wrapped at that width."""
        set_px(self.main, main_px, bold=True)
        set_px(self.sub, main_px * 0.5)
        lines = [w for w in (self.main, self.sub) if not w.isHidden()]
        words = max(QFontMetrics(w.font()).horizontalAdvance(w.text()) for w in lines) + 4
        room = self.main.limit if self.main.limit > 0 else words
        width = max(touch_px, min(max(min_width, words + 32), room + 32))
        height = sum(w.heightForWidth(width - 32) for w in lines) + 16 + 2 * len(lines)
        self.setMinimumSize(width, max(touch_px, height, min_height))


class StartPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("start_page")
        self.site = SiteTitle("")
        self.site.setObjectName("site_name")
        self.site.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.site.setWordWrap(True)
        self.queue = _label("queue")  # how many wait now, and for how long: before the tap
        self.queue.setStyleSheet("color: #0d47a1;")
        self.queue_sub = _label("queue_sub")
        self.queue_sub.setStyleSheet("color: #0d47a1;")
        self.prompt = _label("prompt")
        self.prompt_sub = _label("prompt_sub")
        self.error = _label("issue_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.appointment = LabelButton("appointment", "appointment")  # 我有预约 (issue 17)
        self.appointment.hide()  # shown on a day with appointments
        self.buttons: list[CategoryButton] = []
        self.row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.row.setSpacing(32)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 48)
        layout.addWidget(self.site)
        layout.addStretch(1)
        layout.addWidget(self.queue)
        layout.addWidget(self.queue_sub)
        layout.addStretch(1)
        layout.addWidget(self.prompt)
        layout.addWidget(self.prompt_sub)
        layout.addSpacing(24)
        layout.addLayout(self.row, 6)
        layout.addSpacing(24)
        layout.addWidget(self.appointment, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def set_buttons(self, buttons: list[CategoryButton]) -> None:
        self.buttons = buttons
        for button in buttons:
            self.row.addWidget(button, 1)

    def set_enabled(self, enabled: bool) -> None:
        for button in [*self.buttons, self.appointment]:
            button.setEnabled(enabled)

    def scale(self, unit: int, touch_px: int, landscape: bool, page_height: int) -> None:
        set_px(self.site, unit * 1.1, bold=True)
        set_px(self.queue, unit * 1.3)
        set_px(self.queue_sub, unit * 0.8)
        set_px(self.prompt, unit * 1.6, bold=True)
        set_px(self.prompt_sub, unit * 0.8)
        set_px(self.error, unit * 0.9)
        self.row.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        for button in self.buttons:
            button.scale(unit, touch_px, landscape)
        tallest = max((b.minimumHeight() for b in self.buttons), default=touch_px)
        # Buttons grow with the page, up to a share of it: side by side (landscape) they may
        # take almost half its height; stacked (portrait), they share more than half of it.
        share = 0.45 if landscape else 0.56 / max(1, len(self.buttons))
        cap = max(tallest, int(page_height * share))
        for button in self.buttons:  # one row or column of equal buttons
            button.setMinimumHeight(tallest)
            button.setMaximumHeight(cap)


class IssuedPage(QWidget):
    done = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("issued_page")
        self.caption = _label("your_number")
        self.number = _label("number")
        self.number.setStyleSheet("color: #0d47a1;")
        self.category = _label("category")
        self.ahead = _label("ahead")
        self.ahead_sub = _label("ahead_sub")
        self.wait = _label("wait")
        self.wait_sub = _label("wait_sub")
        self.take = _label("take_ticket")
        self.take.setStyleSheet("color: #1b5e20;")
        self.print_state = _label("print_state")
        self.problem = QFrame()
        self.problem.setObjectName("print_problem")
        self.problem.setStyleSheet(
            "QFrame#print_problem { background: #fff3e0; border: 4px solid #e65100;"
            " border-radius: 16px; } QLabel { color: #bf360c; }"
        )
        problem_layout = QVBoxLayout(self.problem)
        self.problem_text = _label("print_problem_text")
        self.problem_sub = _label("print_problem_sub")
        problem_layout.addWidget(self.problem_text)
        problem_layout.addWidget(self.problem_sub)
        self.problem.hide()
        self.done_button = QPushButton("")
        self.done_button.setObjectName("done")
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.setStyleSheet(BUTTON_STYLE)
        self.done_button.clicked.connect(self.done)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        for w in (self.caption, self.number, self.category):
            layout.addWidget(w)
        layout.addStretch(1)
        for w in (self.ahead, self.ahead_sub, self.wait, self.wait_sub):
            layout.addWidget(w)
        layout.addStretch(1)
        for widget in (self.take, self.print_state, self.problem):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def scale(self, unit: int, touch_px: int, number_px: int) -> None:
        set_px(self.caption, unit * 1.2)
        set_px(self.number, number_px, bold=True)
        set_px(self.category, unit * 1.1)
        set_px(self.ahead, unit * 1.4, bold=True)
        set_px(self.wait, unit * 1.4, bold=True)
        for sub in (self.ahead_sub, self.wait_sub):
            set_px(sub, unit * 0.75)
        set_px(self.take, unit * 1.5, bold=True)
        set_px(self.print_state, unit * 0.8)
        set_px(self.problem_text, unit * 1.1, bold=True)
        set_px(self.problem_sub, unit * 0.8)
        set_px(self.done_button, unit * 1.1, bold=True)
        self.done_button.setMinimumSize(max(touch_px, unit * 7), max(touch_px, int(unit * 2.2)))


class ClosedPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("closed_page")
        self.site = SiteTitle("")
        self.site.setObjectName("closed_site_name")
        self.site.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.site.setWordWrap(True)
        self.headline = _label("closed_headline")
        self.headline.setStyleSheet("color: #b71c1c;")
        self.headline_sub = _label("closed_headline_sub")
        self.reason = _label("closed_reason")
        self.reason_sub = _label("closed_reason_sub")
        self.help = _label("closed_help")
        self.help_sub = _label("closed_help_sub")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 48)
        layout.addWidget(self.site)
        layout.addStretch(2)
        for w in (self.headline, self.headline_sub):
            layout.addWidget(w)
        layout.addSpacing(32)
        for w in (self.reason, self.reason_sub):
            layout.addWidget(w)
        layout.addStretch(1)
        for w in (self.help, self.help_sub):
            layout.addWidget(w)
        layout.addStretch(2)

    def scale(self, unit: int) -> None:
        set_px(self.site, unit * 1.0)
        set_px(self.headline, unit * 2.6, bold=True)
        set_px(self.headline_sub, unit * 1.0)
        set_px(self.reason, unit * 1.3)
        set_px(self.reason_sub, unit * 0.8)
        set_px(self.help, unit * 1.0)
        set_px(self.help_sub, unit * 0.7)
