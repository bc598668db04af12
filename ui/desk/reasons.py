"""The day's coded reasons (deferral, waste) as a desk offers them: a code from the day's list and
a free-text note, or free text alone on a day opened without a list. The list is the one stored
with the day's rules, read off the UI thread when the nurse asks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.dose_rules import RuleSet
from ui.widgets.console import ConsoleContext
from ui.widgets.prompts import Choices


def choices(rules: RuleSet, kind: str, language: str) -> Choices:
    """The day's coded reasons of ``kind`` ("deferral", "waste"): (code, text in ``language``)."""
    english = language == "en"
    return [(c.code, c.text_en if english and c.text_en else c.text) for c in rules.coded(kind)]


def with_reasons(desk: ConsoleContext, kind: str, then: Callable[[Choices], object]) -> None:
    """Read the day's coded reasons of ``kind``, then hand them to ``then`` (on the UI thread)."""
    language = desk.config.site.language
    desk.look_up(desk.engine.record.rules, lambda rules: then(choices(rules, kind, language)))


def ask_reason(
    desk: ConsoleContext,
    parent: QWidget,
    kind: str,
    title: str,
    label: str,
    then: Callable[[str, str | None], object],
    about: str = "",
) -> None:
    """Ask why (a code and a note, or free text) about ``about`` (the ticket and the masked
    person), then ``then(reason, note)``."""

    def ask(offered: Choices) -> None:
        if not offered:
            why = desk.prompts.reason(parent, title, label, about=about)
            if why:
                then(why, None)
            return
        got = desk.prompts.coded_reason(parent, title, label, offered, about=about)
        if got is not None:
            then(got.reason, got.note)

    with_reasons(desk, kind, ask)
