"""A pseudo-terminal and a minimal VT100 screen, to test what a person sees on a terminal.

The screen understands what rich's progress bar and followlint's output write: printable
characters with autowrap at the right margin, CR, LF, cursor up/down/column, erase line,
and ignores colours and mode switches. ``run_in_pty`` runs a command with its stdin,
stdout and stderr on one pseudo-terminal of a given size, as an interactive shell would.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time

_CSI = re.compile(r"\x1b\[([?0-9;]*)([A-Za-z])|\x1b[()][A-Z0-9]|\x1b.")


class Screen:
    def __init__(self, cols: int, rows: int = 400) -> None:
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self._wrap = False

    def feed(self, data: str) -> "Screen":
        i = 0
        while i < len(data):
            ch = data[i]
            if ch == "\x1b":
                m = _CSI.match(data, i)
                if m is None:
                    i += 1
                    continue
                if m.group(2):
                    args, cmd = m.group(1), m.group(2)
                    n = int(args) if args.isdigit() else 1
                    if cmd == "A":
                        self.y, self._wrap = max(0, self.y - n), False
                    elif cmd == "B":
                        self.y = min(self.rows - 1, self.y + n)
                    elif cmd == "G":
                        self.x, self._wrap = min(self.cols - 1, n - 1), False
                    elif cmd == "K":
                        if args == "2":
                            self.cells[self.y] = [" "] * self.cols
                        elif args in ("", "0"):
                            self.cells[self.y][self.x:] = [" "] * (self.cols - self.x)
                i = m.end()
                continue
            if ch == "\r":
                self.x, self._wrap = 0, False
            elif ch == "\n":
                self.y, self._wrap = min(self.rows - 1, self.y + 1), False
            elif ch >= " ":
                if self._wrap:
                    self.x, self.y, self._wrap = 0, min(self.rows - 1, self.y + 1), False
                self.cells[self.y][self.x] = ch
                if self.x == self.cols - 1:
                    self._wrap = True
                else:
                    self.x += 1
            i += 1
        return self

    def lines(self) -> list[str]:
        out = ["".join(row).rstrip() for row in self.cells]
        while out and not out[-1]:
            out.pop()
        return out


def run_in_pty(argv: list[str], cols: int, env: dict, cwd, timeout: float = 240) -> tuple[int, str]:
    """(exit code, everything written to the terminal) for ``argv`` on a ``cols``-wide pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True,
                            start_new_session=True)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the other side is closed
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            elif proc.poll() is not None:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")
