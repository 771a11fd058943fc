"""The bundle check: build from a clean clone, then run the bundled program, not the sources.

1. `git clone` of this repository's HEAD into a temporary folder: only committed files count, so
   a file someone forgot to commit breaks the check here rather than on a user's machine;
2. `packaging/build.sh` in the clone (PyInstaller from this repository's virtual environment);
3. the bundled executable, from an empty working folder with a fresh `XPAINT_HOME`, Qt
   offscreen and no API key: `--version` must print the version, `--selftest` must exit 0;
4. prints the bundle's size and the median start-up time of `--version` over several runs.

Exit status 0 when everything passed, 1 when a step failed (the step says which and why).
Usage: `.venv/bin/python packaging/check_bundle.py [--runs 7] [--keep]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NAME = "xpaint-desktop"
BUILD_TIMEOUT_S = 600
RUN_TIMEOUT_S = 120
# Files the bundled program cannot work without (relative to the bundle's _internal folder).
REQUIRED_FILES = (
    "resources/sample.png",
    "resources/sample-mask.png",
    "resources/xpaint-desktop.desktop",
    "resources/i18n/xpaint_zh_CN.qm",
    "resources/icons/xpaint-desktop.svg",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
)
# What must not be in it: the full PySide6, test tools, the SDK the tests compare against.
FORBIDDEN_PREFIXES = (
    "PySide6/QtWebEngine",
    "PySide6/QtQml",
    "PySide6/QtQuick",
    "PySide6/QtNetwork",
    "PySide6/Qt/lib/libQt6Qml",
    "PySide6/Qt/lib/libQt6Quick",
    "PySide6/Qt/lib/libQt6WebEngine",
    "dashscope",
    "pytest",
    "_pytest",
    "mypy",
    "tkinter",
    "PySide6/Qt/plugins/platformthemes/libqgtk3",  # see the spec: GTK over bundled GLib
    "PIL/_avif",
    "opencv_python_headless.libs/libaom",  # only the stubbed FFmpeg/libavif needed these
    "opencv_python_headless.libs/libvpx",
)


class CheckFailed(Exception):
    """One step of the check failed; the message says which and why."""


@dataclass(frozen=True)
class BundleReport:
    """What the check measured."""

    path: Path
    size_bytes: int
    startup_median_s: float
    startup_runs: int
    version: str

    def summary(self) -> str:
        return (
            f"bundle OK ({self.path.name}/)\n"
            f"  version: {self.version}\n"
            f"  size: {self.size_bytes / 1e6:.1f} MB\n"
            f"  start-up (--version), median of {self.startup_runs} runs: "
            f"{self.startup_median_s:.3f} s"
        )


def say(text: str) -> None:
    sys.stderr.write(f"check_bundle: {text}\n")
    sys.stderr.flush()


def run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float, what: str) -> str:
    """Runs `cmd`; raises CheckFailed with its output when it fails or hangs."""
    try:
        done = subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as e:
        raise CheckFailed(f"{what}: no answer after {timeout:.0f} s") from e
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
        raise CheckFailed(f"{what}: exit status {done.returncode}\n{tail}")
    return done.stdout


def clone(dest: Path) -> Path:
    head = run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        env=dict(os.environ),
        timeout=30,
        what="git rev-parse",
    ).strip()
    say(f"cloning {REPO} at {head}")
    run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(dest)],
        cwd=REPO,
        env=dict(os.environ),
        timeout=120,
        what="git clone",
    )
    return dest


def build(src: Path, venv: Path) -> Path:
    say("building with packaging/build.sh")
    env = {**os.environ, "PYTHON_VENV": str(venv)}
    started = time.monotonic()
    run(
        ["bash", "packaging/build.sh"],
        cwd=src,
        env=env,
        timeout=BUILD_TIMEOUT_S,
        what="packaging/build.sh",
    )
    say(f"built in {time.monotonic() - started:.1f} s")
    toc = (src / "build" / "pyinstaller" / NAME / "Analysis-00.toc").read_text(errors="replace")
    if str(src / "xpaint_desktop" / "cli" / "__init__.py") not in toc:
        raise CheckFailed("the bundle was not built from the clone's xpaint_desktop/")
    folder = src / "dist" / NAME
    if not (folder / NAME).exists():
        raise CheckFailed(f"no executable {folder / NAME} after the build")
    return folder


def check_contents(folder: Path) -> None:
    internal = folder / "_internal"
    missing = [f for f in REQUIRED_FILES if not (internal / f).exists()]
    if missing:
        raise CheckFailed("files missing from the bundle: " + ", ".join(missing))
    present = sorted(
        str(p.relative_to(internal))
        for prefix in FORBIDDEN_PREFIXES
        for p in internal.glob(prefix + "*")
    )
    if present:
        raise CheckFailed("the bundle carries what it does not need: " + ", ".join(present))


def bundle_env(home: Path) -> dict[str, str]:
    """A clean environment: no key, no source tree on the path, a fresh home, Qt offscreen."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DASHSCOPE_", "PYTHON", "XPAINT_", "QT_"))
    }
    env.update(
        XPAINT_HOME=str(home / "home"),
        XPAINT_CONFIG_DIR=str(home / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def size_of(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def check_program(folder: Path, runs: int, workdir: Path) -> BundleReport:
    exe = folder / NAME
    env = bundle_env(workdir)
    version = run(
        [str(exe), "--version"], cwd=workdir, env=env, timeout=RUN_TIMEOUT_S, what="--version"
    ).strip()
    if not version.startswith(NAME):
        raise CheckFailed(f"--version printed {version!r}, expected '{NAME} <version>'")
    say(f"--version: {version}")
    say("running --selftest")
    run([str(exe), "--selftest"], cwd=workdir, env=env, timeout=RUN_TIMEOUT_S, what="--selftest")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run([str(exe), "--version"], cwd=workdir, env=env, timeout=RUN_TIMEOUT_S, what="--version")
        times.append(time.perf_counter() - started)
    return BundleReport(folder, size_of(folder), statistics.median(times), runs, version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs to time (default 7)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--venv",
        type=Path,
        default=REPO / ".venv",
        help="virtual environment with PyInstaller (default: the repo's .venv)",
    )
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="xpaint-bundle-check-"))
    try:
        src = clone(tmp / "src")
        folder = build(src, args.venv.resolve())
        check_contents(folder)
        workdir = tmp / "run"
        workdir.mkdir()
        report = check_program(folder, max(1, args.runs), workdir)
    except CheckFailed as e:
        say(f"FAILED: {e}")
        if args.keep:
            say(f"kept {tmp}")
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    sys.stdout.write(report.summary() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
