"""A private X server (Xvfb) and real input through it (xdotool's XTEST events).

The real-window test runs the editor on Qt's `xcb` platform against this server, so what it
types and clicks travels the same way as a person's mouse and keyboard: X server, xcb, Qt's
event loop, the widget.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

XVFB_START_S = 20.0
SCREEN = "1366x768x24"


def missing_tools() -> list[str]:
    """The programs the real-window test needs that this machine lacks."""
    return [name for name in ("Xvfb", "xdotool") if shutil.which(name) is None]


@contextmanager
def xvfb(screen: str = SCREEN) -> Iterator[str]:
    """Start Xvfb on a free display number (it picks one itself); yields ':N'."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        number = _read_display_number(read_fd, proc)
        yield f":{number}"
    finally:
        os.close(read_fd)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _read_display_number(fd: int, proc: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + XVFB_START_S
    text = b""
    os.set_blocking(fd, False)
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 64)
        except BlockingIOError:
            chunk = b""
        text += chunk
        if text.endswith(b"\n"):
            return int(text.strip())
        if proc.poll() is not None:
            raise RuntimeError(f"Xvfb ended at start with code {proc.returncode}")
        time.sleep(0.02)
    raise RuntimeError("Xvfb did not report its display number in time")


@dataclass
class XInput:
    """Mouse and keyboard events sent to one X display with xdotool."""

    display: str

    def _run(self, *args: str) -> None:
        env = dict(os.environ, DISPLAY=self.display)
        subprocess.run(["xdotool", *args], env=env, check=True, timeout=20)

    def move(self, x: int, y: int) -> None:
        self._run("mousemove", "--sync", str(x), str(y))

    def click(self, x: int, y: int, *, button: int = 1, repeat: int = 1) -> None:
        self.move(x, y)
        args = ["click", "--repeat", str(repeat), "--delay", "60", str(button)]
        self._run(*args)

    def drag(self, points: list[tuple[int, int]], *, button: int = 1) -> None:
        """Press at the first point, move through the others, release at the last."""
        (x0, y0), rest = points[0], points[1:]
        self.move(x0, y0)
        self._run("mousedown", str(button))
        for x, y in rest:
            self._run("mousemove", "--sync", str(x), str(y))
        self._run("mouseup", str(button))

    def button_down(self, button: int = 1) -> None:
        self._run("mousedown", str(button))

    def button_up(self, button: int = 1) -> None:
        self._run("mouseup", str(button))

    def key(self, *keys: str) -> None:
        """Press and release each key (xdotool names: ctrl+o, Return, backslash)."""
        self._run("key", "--delay", "40", *keys)

    def key_down(self, key: str) -> None:
        self._run("keydown", key)

    def key_up(self, key: str) -> None:
        self._run("keyup", key)

    def type(self, text: str) -> None:
        self._run("type", "--delay", "20", text)
