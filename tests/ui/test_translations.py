"""Every string shown in Chinese is translated, keeps its placeholders, and its .qm is current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from ui.i18n import install_translator

I18N = Path(__file__).resolve().parents[2] / "assets" / "i18n"
TS_FILES = sorted(I18N.glob("*.zh_CN.ts"))
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


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_message_is_translated_with_the_same_placeholders(ts: Path) -> None:
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
    assert problems == []


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_compiled_qm_is_current(ts: Path, tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
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


def test_english_needs_no_translator(qapp: QCoreApplication) -> None:
    assert install_translator(qapp, "en") == []
