"""Fake ESC/POS printers for the tests: a TCP one on 127.0.0.1 and a serial one on a pty.

Each captures every byte it receives and, when it sees the paper status query (DLE EOT 4),
answers with the status byte it was given (or stays silent when given None). Both run in a
daemon thread with a bounded lifetime and close themselves.
"""

from __future__ import annotations

import os
import select
import socket
import threading

from printing.escpos import PAPER_STATUS_QUERY

LIFETIME = 10.0  # seconds: a fake never outlives a test even if the client never comes


class _Capture:
    def __init__(self, status: int | None) -> None:
        self.status = status
        self.received = bytearray()
        self.done = threading.Event()

    def feed(self, chunk: bytes) -> bytes | None:
        """Record ``chunk``; the answer to send back, if the query just arrived."""
        before = bytes(self.received)
        self.received += chunk
        if self.status is not None and PAPER_STATUS_QUERY not in before:
            if PAPER_STATUS_QUERY in self.received:
                return bytes([self.status])
        return None


class FakeNetworkPrinter(_Capture):
    def __init__(self, status: int | None) -> None:
        super().__init__(status)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(LIFETIME)
        self.port: int = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            self.done.set()
            return
        with conn:
            conn.settimeout(LIFETIME)
            try:
                while chunk := conn.recv(4096):
                    answer = self.feed(chunk)
                    if answer is not None:
                        conn.sendall(answer)
            except OSError:
                pass
        self.done.set()

    def close(self) -> None:
        self._listener.close()
        self._thread.join(LIFETIME)


class FakeSerialPrinter(_Capture):
    """The printer end of a pseudo-terminal pair; ``device`` is the path the backend opens."""

    def __init__(self, status: int | None) -> None:
        super().__init__(status)
        self._master, slave = os.openpty()
        self.device = os.ttyname(slave)
        os.close(slave)  # the backend opens it by name, like /dev/ttyUSB0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        waited = 0.0
        while not self._stop.is_set() and waited < LIFETIME:
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                waited += 0.05
                continue
            try:
                chunk = os.read(self._master, 4096)
            except OSError:  # the slave side is closed: nothing more will come for now
                waited += 0.05
                self._stop.wait(0.05)
                continue
            answer = self.feed(chunk)
            if answer is not None:
                os.write(self._master, answer)
        self.done.set()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(LIFETIME)
        os.close(self._master)
