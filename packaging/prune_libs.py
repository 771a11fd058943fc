"""Leave out shared libraries that nothing in the bundle loads.

PyInstaller collects, for every binary it keeps, the libraries that binary links against; when
the spec later drops a plugin (the GTK theme) or an extension module (Pillow's AVIF and font
modules), or stubs a library (`stub_libs.py`), what only those needed stays behind. This walks
the `NEEDED` entries from the roots (Python extension modules, Qt plugins, libpython: the files
something opens by path) and keeps only the libraries reached, except those the system
provides (`FROM_THE_SYSTEM`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

Entry = tuple[str, str, str]

# Libraries every Linux desktop has and whose copy must match the system's anyway (X11, the
# font stack reading the system's fonts.conf, D-Bus talking to the system bus, GLib, zlib): the
# bundle uses the system's, as AppImage's exclude list does. The xcb helper libraries Qt needs
# (libxcb-cursor, -icccm, ...) stay: they are often missing.
FROM_THE_SYSTEM = (
    "libX11.so",
    "libX11-xcb.so",
    "libfontconfig.so",
    "libfreetype.so",
    "libexpat.so",
    "libdbus-1.so",
    "libsystemd.so",
    "libgcrypt.so",
    "libgpg-error.so",
    "liblz4.so",
    "libcap.so",
    "libglib-2.0.so",
    "libgthread-2.0.so",
    "libpcre2-8.so",
    "libz.so",
    "libbz2.so",
    "libuuid.so",
)


def _needed(path: str) -> list[str]:
    try:
        out = subprocess.run(
            ["readelf", "-d", path], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]


def _is_library(entry: Entry) -> bool:
    dest, _src, kind = entry
    name = Path(dest).name
    plugin = "plugins" in Path(dest).parts
    return (
        kind == "BINARY"
        and name.startswith("lib")
        and ".so" in name
        and not plugin
        and (not name.startswith("libpython"))
    )


def prune_unreachable(binaries: list[Entry]) -> list[Entry]:
    """`binaries` without the libraries no root reaches through `NEEDED` (Linux only)."""
    if not sys.platform.startswith("linux"):
        return binaries
    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        if _is_library(entry):
            by_name.setdefault(Path(entry[0]).name, []).append(entry)
    todo = [e for e in binaries if not _is_library(e)]
    reached: set[str] = set()
    while todo:
        entry = todo.pop()
        for name in _needed(entry[1]):
            if name not in reached and name in by_name:
                reached.add(name)
                todo.extend(by_name[name])
    dropped = sorted(name for name in by_name if name not in reached)
    if dropped:
        print(f"prune_libs: leaving out {len(dropped)} unused libraries", file=sys.stderr)
    return [
        e
        for e in binaries
        if not _is_library(e)
        or (Path(e[0]).name in reached and not Path(e[0]).name.startswith(FROM_THE_SYSTEM))
    ]


def strip_interpreter_debug_info(binaries: list[Entry], workdir: Path) -> list[Entry]:
    """The interpreter's own libraries (libpython, lib-dynload) without their debug sections.

    A Python built from source (pyenv, the distributions' -dbg-less builds vary) keeps DWARF
    data in libpython (~17 MB of its 23 MB). `strip --strip-debug` removes only that; the
    dynamic symbols stay. Libraries from wheels are left as they are: their RPATHs were
    rewritten by auditwheel, which stripping can break.
    """
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return binaries
    base = Path(sys.base_prefix).resolve()
    result: list[Entry] = []
    for dest, src, kind in binaries:
        if Path(src).resolve().is_relative_to(base) and ".so" in Path(src).name:
            out = workdir / dest
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, out)
            done = subprocess.run(["strip", "--strip-debug", str(out)], capture_output=True)
            if done.returncode == 0:
                src = str(out)
        result.append((dest, src, kind))
    return result
