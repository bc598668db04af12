"""Personal data: masked for public surfaces (display, ticket, voice) and for logs, and kept in
files readable by their owner only (:func:`private_file`: the database, the log).

Rules:

- Chinese names (any character from U+2E80 up, i.e. CJK): keep the first and the last character
  and star the middle ("张三明" -> "张*明", "欧阳娜娜" -> "欧**娜"); two characters keep the
  first ("李四" -> "李*"); one character is left as is ("王"). Names of several parts joined by a
  middle dot ("买买提·艾力") are masked part by part ("买*提·艾*").
- Other names (Latin script): every word keeps its first letter and stars the rest, separators
  kept ("John Smith" -> "J*** S****", "Mary-Jane" -> "M***-J***").
- ID numbers keep the first 6 (the region) and the last 4 characters; phones the first 3 and
  the last 4 digits. Anything too short to keep those is starred entirely: masking must never
  show more than the rule allows.
- In free text (log messages) an 18-character ID pattern (17 digits and a digit or X) and a
  Chinese mobile number (11 digits starting 13..19, optionally after 86 / +86 / 0086, optionally
  written 3-4-4 with spaces or dashes) are masked wherever they are not part of a longer run of
  digits.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import IO

__all__ = [
    "PersonalDataFilter",
    "mask_id_number",
    "private_text_file",
    "mask_name",
    "mask_phone",
    "mask_text",
]

_NAME_DOTS = "·•・‧"  # middle dots used between the parts of transliterated names
# Bounded by non-digits only: in logs, masking a little too much beats leaking.
_ID_PATTERN = re.compile(r"(?<!\d)\d{17}[0-9Xx](?!\d)")
_MOBILE_PATTERN = re.compile(r"(?<!\d)(?:(?:\+|00)?86[ -]?)?(1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?!\d)")


def _mask_cjk(part: str) -> str:
    if len(part) <= 1:
        return part
    if len(part) == 2:
        return part[0] + "*"
    return part[0] + "*" * (len(part) - 2) + part[-1]


def _mask_word(match: re.Match[str]) -> str:
    word = match.group(0)
    return word[0] + "*" * (len(word) - 1)


def mask_name(name: str) -> str:
    """``name`` as a public surface may show it (see the module rules)."""
    name = name.strip()
    if any(ord(ch) >= 0x2E80 for ch in name):
        parts = re.split(f"([{_NAME_DOTS}])", name)
        return "".join(part if part in _NAME_DOTS else _mask_cjk(part) for part in parts)
    return re.sub(r"[^\W\d_]+", _mask_word, name)


def mask_id_number(number: str) -> str:
    """``number`` with all but its first 6 and last 4 characters starred."""
    number = number.strip()
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """``phone`` with all but its first 3 and last 4 digits starred; separators are kept."""
    phone = phone.strip()
    digits = sum(ch.isdigit() for ch in phone)
    keep_head, keep_tail = (3, 4) if digits > 7 else (0, 0)
    out: list[str] = []
    seen = 0
    for ch in phone:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > digits - keep_tail else "*")
        else:
            out.append(ch)
    return "".join(out)


def _mask_mobile_match(match: re.Match[str]) -> str:
    start, end = match.span(1)
    whole = match.group(0)
    offset = match.start(0)
    return whole[: start - offset] + mask_phone(match.group(1)) + whole[end - offset :]


def mask_text(text: str) -> str:
    """``text`` with every ID number and mobile number in it masked."""
    text = _ID_PATTERN.sub(lambda m: mask_id_number(m.group(0)), text)
    return _MOBILE_PATTERN.sub(_mask_mobile_match, text)


class PersonalDataFilter(logging.Filter):
    """Masks ID and mobile numbers in log records; never drops a record.

    Attach it to the handlers (so records from every logger pass through it) or to a logger.
    The record's final message (``getMessage()``, arguments merged in) is masked and stored
    back with no arguments; a traceback and stack info are formatted and masked too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # bad %-arguments: logging would report them, arguments and all
            message = f"{record.msg} (unformattable arguments {record.args!r})"
        masked = mask_text(message)
        if masked != message or record.args:
            record.msg = masked
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True


# --- personal data at rest ------------------------------------------------------------------


def private_folder(folder: Path) -> None:
    """``folder`` (and its missing parents) made, readable by its owner only (0700) when this
    creates it, whatever the umask: it will hold names, ID numbers and phones."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for made in reversed(missing):
        made.mkdir(mode=0o700)
        made.chmod(0o700)  # mkdir's mode is filtered by the umask


def private_file(path: Path) -> None:
    """``path`` created empty, owner-only (0600), if it does not exist. SQLite gives its WAL
    and shared-memory files the database file's mode, and backups copy it."""
    private_folder(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.fchmod(fd, 0o600)
    os.close(fd)


def private_text_file(path: Path) -> IO[str]:
    """``path`` opened for writing text, readable by its owner only (0600), even when a file
    was there before with a wider mode: exports hold personal data."""
    if not path.parent.exists():
        private_folder(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.fchmod(fd, 0o600)
    return open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 - the caller closes it
