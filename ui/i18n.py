"""Strings: English in the code inside tr(), Simplified Chinese from assets/i18n/*.zh_CN.qm.

One .ts per ui module, updated by ``scripts/translations`` (pyside6-lupdate) and compiled to .qm by
the same script (pyside6-lrelease); tests check every string is translated and the .qm is current.
"""

from __future__ import annotations

import math
import re
from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator

LANGUAGES = ("zh_CN", "en")


class TranslationMissing(RuntimeError):
    pass


def install_translator(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the language's translations; the app keeps the translators. English is the source
    language: its .qm files hold only the plural forms ("1 dose", "2 doses")."""
    if language == "en":
        plurals = _app_translators(app, "en", required=False)
        for translator in plurals:
            app.installTranslator(translator)
        return plurals
    if language not in LANGUAGES:
        raise TranslationMissing(f"unknown language {language!r}")
    installed = _app_translators(app, language)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def _qt_own(parent: QObject, language: str) -> list[QTranslator]:
    """Qt's own strings (OK/Cancel, Yes/No in dialogs and message boxes), when Qt ships them."""
    qt_own = QTranslator(parent)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return [qt_own] if qt_own.load(f"qtbase_{language}", qt_folder) else []


def _app_translators(parent: QObject, language: str, required: bool = True) -> list[QTranslator]:
    """The app's .qm files of ``language``, loaded (not installed)."""
    installed = []
    folder = files("assets").joinpath("i18n")
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(f".{language}.qm"):
            continue
        translator = QTranslator(parent)
        with as_file(resource) as path:
            if not translator.load(str(path)):
                raise TranslationMissing(f"cannot load {path} (run scripts/translations)")
        installed.append(translator)
    if not installed and required:
        raise TranslationMissing(f"no {language} translations in assets/i18n")
    return installed + (_qt_own(parent, language) if language != "en" else [])


_PLACEHOLDER = re.compile(r"%(\d)")


def fill(text: str, *values: object) -> str:
    """``text`` with ``%1``, ``%2``… replaced by ``values`` in one pass, so a value that itself
    holds "%2" (a reason typed by a nurse) is never replaced again. A placeholder with no value
    stays as it is. (``%n``, a count, is Qt's: ``tr(source, "", n)`` fills it.)"""

    def value(match: re.Match[str]) -> str:
        i = int(match.group(1))
        return str(values[i - 1]) if 1 <= i <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, text)


STRETCH = 0.4
_KEEP = re.compile(r"%L?\d+|%n|&")  # placeholders and mnemonics: never padding material
_TAG = re.compile(r"(<[^>]*>|&[a-zA-Z#0-9]+;)")


def stretch(text: str, factor: float = STRETCH) -> str:
    """``text`` made ``factor`` longer, line by line, with its own characters (so the extra width
    is like the text's: Chinese stays Chinese). Placeholders, mnemonics and rich-text tags are
    kept as they are; the padding goes at the end of each line's text."""
    if _TAG.search(text) and "<" in text:
        parts = _TAG.split(text)
        visible = "".join(p for p in parts if not _TAG.fullmatch(p))
        pad = _padding(visible, factor)
        for i in range(len(parts) - 1, -1, -1):
            if not _TAG.fullmatch(parts[i]) and parts[i].strip():
                parts[i] = parts[i].rstrip() + pad + parts[i][len(parts[i].rstrip()) :]
                break
        return "".join(parts)
    return "\n".join(line + _padding(line, factor) if line else line for line in text.split("\n"))


def _padding(line: str, factor: float) -> str:
    count = math.ceil(len(line) * factor)
    material = [c for c in _KEEP.sub("", line) if not c.isspace()] or ["~"]
    return "".join(material[i % len(material)] for i in range(count))


class PseudoTranslator(QTranslator):
    """For fit tests: every string 40 % longer: the English source (``base="en"``) or its Chinese
    (``base="zh_CN"``), stretched by :func:`stretch`. Install it instead of the real ones."""

    def __init__(self, parent: QObject, base: str = "en") -> None:
        super().__init__(parent)
        self._base = _app_translators(self, base, required=base != "en")

    def isEmpty(self) -> bool:
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        text: str | None = ""
        for translator in self._base:
            text = translator.translate(context, source, disambiguation, n)
            if text:
                break
        return stretch(text or source)
