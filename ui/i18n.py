"""Strings: English in the code inside tr(), Simplified Chinese from assets/i18n/*.zh_CN.qm.

One .ts per ui module, updated by ``scripts/translations`` (pyside6-lupdate) and compiled to .qm by
the same script (pyside6-lrelease); tests check every string is translated and the .qm is current.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

LANGUAGES = ("zh_CN", "en")


class TranslationMissing(RuntimeError):
    pass


def install_translator(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the language's translations (English needs none); the app keeps the translators."""
    if language == "en":
        return []
    if language not in LANGUAGES:
        raise TranslationMissing(f"unknown language {language!r}")
    installed = []
    folder = files("assets").joinpath("i18n")
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(f".{language}.qm"):
            continue
        translator = QTranslator(app)
        with as_file(resource) as path:
            if not translator.load(str(path)):
                raise TranslationMissing(f"cannot load {path} (run scripts/translations)")
        app.installTranslator(translator)
        installed.append(translator)
    if not installed:
        raise TranslationMissing(f"no {language} translations in assets/i18n")
    qt_own = QTranslator(app)  # Qt's own strings: OK/Cancel, Yes/No in dialogs and message boxes
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed
