"""``emit(signal, *args)``: emit a Qt signal from Python without PySide6 6.12.0's refcount bug.

PySide6 6.12.0 (seen with CPython 3.11.7) returns ``True`` from ``SignalInstance.emit()`` without
taking a reference to it, so every emit from Python lowers ``True``'s reference count by one; after
a few thousand emits the interpreter aborts ("Fatal Python error: bool_dealloc: deallocating True or
False"). Signals emitted by Qt itself (QTimer.timeout, ...) are not affected. On CPython >= 3.12
``True`` is immortal and the bug is harmless.

The probe below measures the bug once, at import; only when it is present does ``emit`` give the
reference back (``Py_IncRef``). Remove this module once the pinned PySide6 is fixed.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    result = _emit_any(probe.ping)
    del result
    lost = before - sys.getrefcount(True)
    if lost > 0:
        _give_back(lost)
    return lost > 0


def _give_back(count: int) -> None:
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def _emit_any(signal: SignalInstance, *args: Any) -> Any:
    # The stubs say emit() returns None; at run time it returns a bool (the buggy True).
    emit_: Any = signal.emit
    return emit_(*args)


EMIT_LEAKS_TRUE = _emit_drops_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, compensating PySide6 6.12.0's lost reference when it is present."""
    result = _emit_any(signal, *args)
    if EMIT_LEAKS_TRUE and result is True:
        _give_back(1)
