"""Input images over plain HTTP: a loopback static file server and a ready-made base/mask pair.

The service only takes URLs; tests that do not go through the temporary upload serve their
inputs from here, the way a user's own web server would.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
from PIL import Image


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class StaticFileServer:
    """Serves one folder on a free loopback port until stopped; a context manager."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> StaticFileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/{quote(name)}"


def write_pair(
    folder: Path,
    size: tuple[int, int] = (400, 300),
    box: tuple[int, int, int, int] = (100, 80, 300, 220),
    *,
    stem: str = "photo",
) -> tuple[Path, Path]:
    """A gradient base image and a white-on-black mask covering `box`, as PNG files."""
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w]
    rgb = np.stack([xx * 255 // max(w - 1, 1), yy * 255 // max(h - 1, 1), (xx + yy) % 256], axis=2)
    base = folder / f"{stem}.png"
    Image.fromarray(rgb.astype(np.uint8)).save(base)
    mask_arr = np.zeros((h, w), dtype=np.uint8)
    left, top, right, bottom = box
    mask_arr[top:bottom, left:right] = 255
    mask = folder / f"{stem}-mask.png"
    Image.fromarray(mask_arr).save(mask)
    return base, mask
