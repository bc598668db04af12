"""Qt's own messages reach the program's log file (run in a subprocess: pytest-qt keeps its own
message handler in this one)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.logs import log_path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, qCritical, qWarning
from kiosk.logs import start_logging
from ui.logs import route_qt_messages

app = QCoreApplication([])
stop = start_logging(Path(sys.argv[1]), stderr_level=None)
route_qt_messages()
qWarning("a Qt warning about 13912345678")
qCritical('Error loading text-to-speech plug-in "speechd"')
stop()
"""


def test_qt_messages_go_to_the_log_file_masked(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    text = log_path(tmp_path).read_text(encoding="utf-8")
    assert "WARNING qt: a Qt warning about 139****5678" in text
    assert "a Qt warning" not in done.stderr  # not lost on a terminal
    # The voice's probe of Qt's speech plug-ins: expected where espeak-ng speaks, kept as INFO.
    assert 'INFO qt: Error loading text-to-speech plug-in "speechd"' in text
