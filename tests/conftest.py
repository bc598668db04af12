"""Test-wide settings: Qt runs offscreen (set before pytest-qt creates the application)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_DATA_DIR", os.path.join(os.path.dirname(__file__), ".data-unused"))
