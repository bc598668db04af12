"""Every string shown in Chinese is translated, keeps its placeholders, and its .qm is current; a
string new in the code and not yet in its .ts fails too (pyside6-lupdate runs on a copy); English
plurals use Qt's numerus forms; placeholders are substituted in one pass."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from ui.i18n import fill, install_translator

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "assets" / "i18n"
TS_FILES = sorted(I18N.glob("*.zh_CN.ts"))
EN_FILES = sorted(I18N.glob("*.en.ts"))  # English: the plural forms only
TR_CALL = re.compile(r"(self\.tr|\btr|translate)\(\"")
CONSOLES = ("ui/desk", "ui/observation", "ui/widgets")
PLACEHOLDER = re.compile(r"%(?:L?\d+|n)")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.append((name, message.findtext("source") or "", message))
    return out


def test_there_are_translations() -> None:
    assert TS_FILES, "no .ts files in assets/i18n (run scripts/translations)"


def untranslated(ts: Path) -> list[str]:
    problems = []
    for context, source, message in messages(ts):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for form in forms:
            if sorted(set(PLACEHOLDER.findall(form))) != sorted(set(PLACEHOLDER.findall(source))):
                problems.append(f"{context}: {source!r} -> {form!r}: placeholders differ")
    return problems


@pytest.mark.parametrize("ts", TS_FILES + EN_FILES, ids=lambda p: p.name)
def test_every_message_is_translated_with_the_same_placeholders(ts: Path) -> None:
    assert untranslated(ts) == []


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).with_name(name))


def test_no_string_in_the_code_is_new_to_its_ts(tmp_path: Path) -> None:
    """pyside6-lupdate on a copy of each module's .ts, as scripts/translations runs it: a tr()
    string added to the code but not yet translated fails here, even before anyone ran it."""
    sources = sorted(
        p for p in (ROOT / "ui").rglob("*.py") if TR_CALL.search(p.read_text(encoding="utf-8"))
    )
    problems = []
    for src in sources:
        name = ".".join(src.relative_to(ROOT).with_suffix("").parts)
        for suffix, extra in (("zh_CN", []), ("en", ["-pluralonly"])):
            committed = I18N / f"{name}.{suffix}.ts"
            copy = tmp_path / committed.name
            if committed.exists():
                shutil.copy(committed, copy)
            subprocess.run(
                [_tool("pyside6-lupdate"), str(src.relative_to(ROOT)), "-ts", str(copy), *extra,
                 "-no-obsolete", "-locations", "none", "-silent"],
                cwd=ROOT, check=True, timeout=60,
            )  # fmt: skip
            if suffix == "en" and not committed.exists() and "<message" not in copy.read_text():
                continue  # no plural forms in this module
            problems += [f"{committed.name}: {p}" for p in untranslated(copy)]
    assert problems == [], "run scripts/translations and translate:\n" + "\n".join(problems)


@pytest.mark.parametrize("ts", TS_FILES + EN_FILES, ids=lambda p: p.name)
def test_compiled_qm_is_current(ts: Path, tmp_path: Path) -> None:
    lrelease = _tool("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(fresh)], check=True, timeout=60)
    committed = ts.with_suffix(".qm")
    assert committed.exists(), f"{committed.name} missing: run scripts/translations"
    assert committed.read_bytes() == fresh.read_bytes(), f"{committed.name} is stale"


def test_chinese_is_installed_and_used(qapp: QCoreApplication) -> None:
    translators = install_translator(qapp, "zh_CN")
    try:
        assert translators
        translated = [
            QCoreApplication.translate(context, source)
            for ts in TS_FILES
            for context, source, _ in messages(ts)[:1]
        ]
        assert any(re.search(r"[\u4e00-\u9fff]", text) for text in translated)
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_qts_own_dialog_buttons_are_chinese_too(qapp: QCoreApplication) -> None:
    """OK/Cancel in a QDialogButtonBox come from Qt's own qtbase translations."""
    from PySide6.QtWidgets import QDialogButtonBox

    translators = install_translator(qapp, "zh_CN")
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None and cancel.text() == "取消"
        box.deleteLater()
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_english_plurals_use_qts_numerus_forms(qapp: QCoreApplication) -> None:
    translators = install_translator(qapp, "en")
    try:
        assert translators  # the plural forms only
        one, two = (
            QCoreApplication.translate("RecordBox", "On record as %1: %n dose(s)", "", n)
            for n in (1, 2)
        )
        assert (one, two) == ("On record as %1: 1 dose", "On record as %1: 2 doses")
        untouched = QCoreApplication.translate("DeskScreen", "Call next")
        assert untouched == "Call next"  # English strings need no translation
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_placeholders_are_filled_in_one_pass() -> None:
    assert fill("%1 cannot do that now (it is %2).", "A%2", "called") == (
        "A%2 cannot do that now (it is called)."
    )
    assert fill("%2 then %1", "a", "b") == "b then a" and fill("%1 %3", "x") == "x %3"


@pytest.mark.parametrize("folder", CONSOLES)
def test_the_consoles_fill_placeholders_in_one_pass(folder: str) -> None:
    """str.replace("%1", a).replace("%2", b) replaces a "%2" inside a again: ui.i18n.fill."""
    chained = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in sorted((ROOT / folder).glob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.replace\(\s*\"%\d\"", line)
    ]
    assert chained == []
