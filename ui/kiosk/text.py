"""The kiosk's words: English source strings marked for Qt Linguist, Simplified Chinese in the .ts.

When the site speaks Chinese, the resident sees the Chinese text with the English source below it
(visitors, signage norms); in English only the English.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication

CONTEXT = "Kiosk"

# Qt's marker returns its message (a str) unchanged; the name stays QT_TRANSLATE_NOOP for lupdate.
_noop = QtCore.QT_TRANSLATE_NOOP
QT_TRANSLATE_NOOP: Callable[[str, str], str] = _noop  # type: ignore[assignment]  # stubs: -> object

CHOOSE = QT_TRANSLATE_NOOP("Kiosk", "Tap a button to take a number")
PRIORITY = QT_TRANSLATE_NOOP("Kiosk", "Priority")
YOUR_NUMBER = QT_TRANSLATE_NOOP("Kiosk", "Your number")
NEXT = QT_TRANSLATE_NOOP("Kiosk", "You are next")
WAIT_UNKNOWN = QT_TRANSLATE_NOOP("Kiosk", "Please watch the screen for your number")
TAKE_TICKET = QT_TRANSLATE_NOOP("Kiosk", "Please take your ticket")
PRINTING = QT_TRANSLATE_NOOP("Kiosk", "Printing your ticket…")
PRINT_FAILED = QT_TRANSLATE_NOOP(
    "Kiosk", "The ticket could not be printed. Please ask at the registration desk for it."
)
STILL_VALID = QT_TRANSLATE_NOOP("Kiosk", "Your number is still valid.")
DONE = QT_TRANSLATE_NOOP("Kiosk", "Done")
ISSUING = QT_TRANSLATE_NOOP("Kiosk", "One moment, please…")
ISSUE_FAILED = QT_TRANSLATE_NOOP(
    "Kiosk", "Sorry, no number could be issued. Please try again or ask the staff."
)
CLOSED_HELP = QT_TRANSLATE_NOOP(
    "Kiosk", "This screen opens again by itself when a number becomes free. Please ask the staff."
)
STAFF_HELP = QT_TRANSLATE_NOOP("Kiosk", "If you have questions, please ask the staff.")

# "我有预约": the resident finds their appointment (the village lists, issue 17)
APPOINTMENT = QT_TRANSLATE_NOOP("Kiosk", "I have an appointment")
APPOINTMENT_HOW = QT_TRANSLATE_NOOP(
    "Kiosk",
    "Scan the QR code on your appointment slip, or type your phone number"
    " or the last 6 characters of your ID document",
)
FIND = QT_TRANSLATE_NOOP("Kiosk", "Find")
BACK = QT_TRANSLATE_NOOP("Kiosk", "Back")
DELETE = QT_TRANSLATE_NOOP("Kiosk", "Delete")
TYPE_MORE = QT_TRANSLATE_NOOP(
    "Kiosk", "Please type a phone number or the last 6 characters of your ID document"
)
LOOKING = QT_TRANSLATE_NOOP("Kiosk", "Looking for your appointment…")
TAP_YOUR_NAME = QT_TRANSLATE_NOOP("Kiosk", "Please tap your name")
IS_THIS_YOU = QT_TRANSLATE_NOOP("Kiosk", "Is this you?")
YES_TAKE = QT_TRANSLATE_NOOP("Kiosk", "Yes, take my number")
YES_CHOOSE = QT_TRANSLATE_NOOP("Kiosk", "If this is you, tap your category to take a number")
NOT_ME = QT_TRANSLATE_NOOP("Kiosk", "Not me")
ALREADY_TAKEN = QT_TRANSLATE_NOOP("Kiosk", "A number was already taken")
NOT_FOUND = QT_TRANSLATE_NOOP("Kiosk", "No appointment found")
NOT_FOUND_HELP = QT_TRANSLATE_NOOP("Kiosk", "That is no problem: please take a number as usual.")
OTHER_DAY = QT_TRANSLATE_NOOP("Kiosk", "Your appointment is on another day")
ALREADY_HELP = QT_TRANSLATE_NOOP(
    "Kiosk", "A number was already taken for this appointment. Please ask at the registration desk."
)
AS_USUAL = QT_TRANSLATE_NOOP("Kiosk", "Take a number as usual")
APPOINTMENT_NOTED = QT_TRANSLATE_NOOP("Kiosk", "Your appointment is noted with this number")

HEADLINES = {
    "capacity": QT_TRANSLATE_NOOP("Kiosk", "No more numbers today"),
    "stock": QT_TRANSLATE_NOOP("Kiosk", "No more numbers today"),
    "paused": QT_TRANSLATE_NOOP("Kiosk", "Numbers are paused"),
    "day_not_open": QT_TRANSLATE_NOOP("Kiosk", "Numbers are not issued yet"),
    "day_closed": QT_TRANSLATE_NOOP("Kiosk", "Vaccination has ended for today"),
    "offline": QT_TRANSLATE_NOOP("Kiosk", "Numbers cannot be issued right now"),
}
REASONS = {
    "capacity": QT_TRANSLATE_NOOP("Kiosk", "Today's vaccination capacity is fully booked."),
    "stock": QT_TRANSLATE_NOOP("Kiosk", "All of today's vaccine doses are taken."),
    "paused": QT_TRANSLATE_NOOP("Kiosk", "Issuing is paused for now. Please wait a moment."),
    "day_not_open": QT_TRANSLATE_NOOP("Kiosk", "Today's vaccination has not started yet."),
    "day_closed": QT_TRANSLATE_NOOP("Kiosk", "Today's numbers are closed."),
    "offline": QT_TRANSLATE_NOOP(
        "Kiosk", "The kiosk cannot reach the queue system. Please ask the staff."
    ),
}


def tr(source: str) -> str:
    """One of the marked strings above, in the installed language."""
    return QCoreApplication.translate(CONTEXT, source)


say = tr  # the screen's spelling, so scripts/translations reads only this module for "Kiosk"


def people_ahead(n: int) -> str:
    return QCoreApplication.translate("Kiosk", "%1 people ahead of you").replace("%1", str(n))


def people_ahead_en(n: int) -> str:
    return f"{n} people ahead of you" if n != 1 else "1 person ahead of you"


def wait_minutes(n: int) -> str:
    return QCoreApplication.translate("Kiosk", "Estimated wait: about %1 minutes").replace(
        "%1", str(n)
    )


def wait_minutes_en(n: int) -> str:
    return f"Estimated wait: about {n} minute{'s' if n != 1 else ''}"


def waiting(n: int) -> str:
    return QCoreApplication.translate("Kiosk", "%1 people waiting now").replace("%1", str(n))


def waiting_en(n: int) -> str:
    return f"{n} people waiting now" if n != 1 else "1 person waiting now"


def waiting_for(n: int, minutes: int) -> str:
    source = QCoreApplication.translate("Kiosk", "%1 people waiting now · about %2 minutes' wait")
    return source.replace("%1", str(n)).replace("%2", str(minutes))


def waiting_for_en(n: int, minutes: int) -> str:
    people = f"{n} people" if n != 1 else "1 person"
    return f"{people} waiting now · about {minutes} minute{'s' if minutes != 1 else ''}' wait"


WEEKDAYS_ZH = "一二三四五六日"


def day_zh(day: date) -> str:
    return f"{day.month}月{day.day}日（星期{WEEKDAYS_ZH[day.weekday()]}）"


def day_en(day: date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def other_day(day: date, today: date) -> str:
    """The day of the resident's appointment, said kindly (in the installed language)."""
    if day > today:
        source = "Your appointment is on %1. Please come that day, or take a number as usual today."
        translated = QCoreApplication.translate(
            "Kiosk",
            "Your appointment is on %1. Please come that day, or take a number as usual today.",
        )
    else:
        source = "Your appointment was on %1. Today you may take a number as usual."
        translated = QCoreApplication.translate(
            "Kiosk", "Your appointment was on %1. Today you may take a number as usual."
        )
    return translated.replace("%1", day_zh(day) if translated != source else day_en(day))


def other_day_en(day: date, today: date) -> str:
    if day > today:
        return (
            f"Your appointment is on {day_en(day)}."
            " Please come that day, or take a number as usual today."
        )
    return f"Your appointment was on {day_en(day)}. Today you may take a number as usual."


def dose(n: int) -> str:
    return QCoreApplication.translate("Kiosk", "Dose %1").replace("%1", str(n))


class Words:
    """Main text and its English subline for one language setting."""

    def __init__(self, language: str) -> None:
        self.bilingual = language == "zh_CN"

    def both(self, source: str) -> tuple[str, str]:
        main = tr(source)
        return main, (source if self.bilingual and main != source else "")

    def sub(self, main: str, english: str) -> str:
        return english if self.bilingual and main != english else ""

    def counted(self, translated: str, english: str) -> tuple[str, str]:
        """A text with a number: the translation with its English below, or in English alone
        the English text, which says "1 person", "1 minute" right (the translation cannot)."""
        if not self.bilingual:
            return english, ""
        return translated, self.sub(translated, english)

    def headline(self, reason: str) -> tuple[str, str]:
        return self.both(HEADLINES.get(reason, HEADLINES["capacity"]))

    def reason(self, reason: str) -> tuple[str, str]:
        return self.both(REASONS.get(reason, REASONS["capacity"]))
