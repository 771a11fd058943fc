"""Running the walk in its own process on a private X server, with a private home."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.realwindow.xdisplay import xvfb

WALK_TIMEOUT_S = 170.0
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class WalkRun:
    returncode: int
    output: str
    out_dir: Path


def walk_env(display: str, home: Path) -> dict[str, str]:
    """The editor on `display` through xcb, with its library, settings, QSettings and logs
    under `home`, no keyring and no key but the stand-in's (set by the walk itself)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHSCOPE_", "XPAINT_"))}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XPAINT_HOME=str(home),
        XPAINT_CONFIG_DIR=str(home / "config"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_CACHE_HOME=str(home / "xdg-cache"),
        XDG_DATA_HOME=str(home / "xdg-data"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONUNBUFFERED="1",
    )
    env.pop("QT_SCALE_FACTOR", None)
    return env


def run_walk(out_dir: Path, lang: str = "en") -> WalkRun:
    """Start Xvfb, run `python -m tests.realwindow.walk` on it, return how it ended."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with xvfb() as display:
        proc = subprocess.run(
            [sys.executable, "-m", "tests.realwindow.walk", str(out_dir), "--lang", lang],
            cwd=ROOT,
            env=walk_env(display, out_dir / "home"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=WALK_TIMEOUT_S,
            check=False,
        )
    return WalkRun(proc.returncode, proc.stdout, out_dir)
