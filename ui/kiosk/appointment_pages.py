"""The kiosk's "我有预约" pages (issue 17): find the appointment (scan the slip, or type on a big
keypad), tap your name among several, confirm it, or a kind word when there is none for today.
Views only: :mod:`ui.kiosk.appointment` fills them and takes the number."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.kiosk.pages import BUTTON_STYLE, LabelButton, set_px, wrap_label

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0")
MAX_TYPED = 12  # a landline with its area code; a document's suffix is 6
MAX_NAMES = 6  # names offered at once (a phone shared by a family; more: type the document)


def _titles(name: str) -> tuple[QLabel, QLabel]:
    return wrap_label(name), wrap_label(f"{name}_sub")


class Keypad(QWidget):
    """Digits and X (a resident ID's check character) and delete, each a big key."""

    pressed = Signal(str)
    deleted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("keypad")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.keys: list[QPushButton] = []
        for i, key in enumerate(KEYS):
            button = self._key(f"key_{key}", key)
            button.clicked.connect(lambda _=False, k=key: self.pressed.emit(k))
            grid.addWidget(button, i // 3, i % 3)
        self.delete = self._key("key_delete", "⌫")
        self.delete.clicked.connect(self.deleted)
        grid.addWidget(self.delete, 3, 2)

    def _key(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setStyleSheet(BUTTON_STYLE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.keys.append(button)
        return button

    def scale(self, unit: int, touch_px: int, key_px: int) -> None:
        side = max(touch_px, key_px)
        for button in self.keys:
            set_px(button, unit * 1.5, bold=True)
            button.setMinimumSize(side, side)
            button.setMaximumSize(int(side * 1.6), int(side * 1.2))


class LookupPage(QWidget):
    """Scan the slip's QR, or type the phone number or the document's last six characters."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("appointment_page")
        self.title, self.title_sub = _titles("appointment_title")
        self.how, self.how_sub = _titles("appointment_how")
        self.typed = wrap_label("typed")  # only what the resident typed, as typed
        self.box = QFrame()
        self.box.setObjectName("typed_box")
        self.box.setStyleSheet(
            "QFrame#typed_box { background: white; border: 3px solid #0d47a1;"
            " border-radius: 12px; } QLabel { color: #111; }"
        )
        box_layout = QVBoxLayout(self.box)
        box_layout.addWidget(self.typed)
        self.message = wrap_label("lookup_message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.keypad = Keypad()
        self.back = LabelButton("lookup_back", "plain")
        self.find_button = LabelButton("find")
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.back, 1)
        buttons.addWidget(self.find_button, 2)
        words = QVBoxLayout()
        for w in (self.title, self.title_sub):
            words.addWidget(w)
        words.addStretch(1)
        for w in (self.how, self.how_sub):
            words.addWidget(w)
        words.addSpacing(16)
        words.addWidget(self.box)
        words.addWidget(self.message)
        words.addStretch(1)
        words.addLayout(buttons)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(48)
        self.body.addLayout(words, 3)
        self.body.addWidget(self.keypad, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addLayout(self.body)

    def show_message(self, text: str, error: bool = True) -> None:
        """A message in the place of the how-to (the page has no room for both)."""
        self.message.setStyleSheet("color: #b00020;" if error else "color: #555;")
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.how.setVisible(not text)
        self.how_sub.setVisible(not text and bool(self.how_sub.text()))

    def scale(self, unit: int, touch_px: int, landscape: bool, page_height: int) -> None:
        set_px(self.title, unit * 1.4, bold=True)
        set_px(self.title_sub, unit * 0.7)
        set_px(self.how, unit * 0.9)
        set_px(self.how_sub, unit * 0.6)
        set_px(self.typed, unit * 1.8, bold=True)
        set_px(self.message, unit * 0.9)
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        # four rows of keys in at most half the page's height (upright: a quarter)
        key = int(page_height * (0.5 if landscape else 0.25) / 4) - 12
        self.keypad.scale(unit, touch_px, key)
        self.back.scale(unit * 1.1, touch_px)
        self.find_button.scale(unit * 1.1, touch_px)


class ChoosePage(QWidget):
    """Several residents share what was typed (a family's phone): each taps their own name."""

    chosen = Signal(int)  # the index of the match

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("appointment_choose_page")
        self.headline, self.headline_sub = _titles("choose_headline")
        self.names: list[LabelButton] = []
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        self.back = LabelButton("choose_back", "plain")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self.headline)
        layout.addWidget(self.headline_sub)
        layout.addSpacing(24)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignHCenter)
        self.columns = 2

    def set_names(self, names: list[tuple[str, str]]) -> None:
        """``names``: (masked name, its village and dose) per match."""
        for button in self.names:
            self.grid.removeWidget(button)
            button.hide()  # gone at once, whenever the deletion comes
            button.deleteLater()
        self.names = []
        for i, (main, sub) in enumerate(names[:MAX_NAMES]):
            button = LabelButton(f"name_{i}")
            button.set_texts(main, sub)
            button.clicked.connect(lambda _=False, n=i: self.chosen.emit(n))
            self.names.append(button)
        self._place()

    def _place(self) -> None:
        for i, button in enumerate(self.names):
            self.grid.addWidget(button, i // self.columns, i % self.columns)

    def scale(self, unit: int, touch_px: int, landscape: bool) -> None:
        set_px(self.headline, unit * 1.6, bold=True)
        set_px(self.headline_sub, unit * 0.8)
        columns = 2 if landscape else 1
        if columns != self.columns:
            self.columns = columns
            for button in self.names:
                self.grid.removeWidget(button)
            self._place()
        for button in self.names:
            button.scale(unit * 1.6, touch_px, 0, int(unit * 3.6))
        self.back.scale(unit * 1.1, touch_px, unit * 8)


class ConfirmPage(QWidget):
    """The masked name to confirm; then one tap takes the number (or, when the site's categories
    do not say which one the appointment's dose is, one tap on the category)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("appointment_confirm_page")
        self.headline, self.headline_sub = _titles("confirm_headline")
        self.name = wrap_label("confirm_name")
        self.name.setStyleSheet("color: #0d47a1;")
        self.detail = wrap_label("confirm_detail")
        self.prompt, self.prompt_sub = _titles("confirm_prompt")
        self.message = wrap_label("confirm_message")
        self.message.hide()
        self.take = LabelButton("confirm_take", "appointment")
        self.choices: list[LabelButton] = []
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.setSpacing(24)
        self.row.addWidget(self.take)
        self.not_me = LabelButton("not_me", "plain")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        for w in (self.headline, self.headline_sub):
            layout.addWidget(w)
        layout.addStretch(1)
        for w in (self.name, self.detail):
            layout.addWidget(w)
        layout.addStretch(1)
        for w in (self.prompt, self.prompt_sub):
            layout.addWidget(w)
        layout.addLayout(self.row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.not_me, 0, Qt.AlignmentFlag.AlignHCenter)

    def set_choices(self, choices: list[LabelButton]) -> None:
        """The categories to choose from (none: the one "take my number" button)."""
        for button in self.choices:
            self.row.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.choices = choices
        for button in choices:
            self.row.addWidget(button, 1)
        self.take.setVisible(not choices)

    def set_enabled(self, enabled: bool) -> None:
        for button in [self.take, self.not_me, *self.choices]:
            button.setEnabled(enabled)

    def show_message(self, text: str, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #555;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def scale(self, unit: int, touch_px: int, landscape: bool) -> None:
        set_px(self.headline, unit * 1.4, bold=True)
        set_px(self.headline_sub, unit * 0.8)
        set_px(self.name, unit * 3.0, bold=True)
        set_px(self.detail, unit * 1.0)
        set_px(self.prompt, unit * 1.1)
        set_px(self.prompt_sub, unit * 0.7)
        set_px(self.message, unit * 0.9)
        self.row.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        self.take.scale(unit * 1.6, touch_px, unit * 12)
        for button in self.choices:
            button.scale(unit * 1.4, touch_px)
        self.not_me.scale(unit * 1.1, touch_px, unit * 8)


class NoticePage(QWidget):
    """No appointment today: kindly said, and the way back to taking a number as usual."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("appointment_notice_page")
        self.headline, self.headline_sub = _titles("notice_headline")
        self.headline.setStyleSheet("color: #0d47a1;")
        self.text, self.text_sub = _titles("notice_text")
        self.back = LabelButton("as_usual")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(2)
        for w in (self.headline, self.headline_sub):
            layout.addWidget(w)
        layout.addSpacing(32)
        for w in (self.text, self.text_sub):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def scale(self, unit: int, touch_px: int) -> None:
        set_px(self.headline, unit * 2.0, bold=True)
        set_px(self.headline_sub, unit * 0.9)
        set_px(self.text, unit * 1.2)
        set_px(self.text_sub, unit * 0.8)
        self.back.scale(unit * 1.3, touch_px, unit * 12)
