"""The engine's parts, one test module per part or concern (helpers in tests/kiosk/conftest.py)."""
