"""What each part of the bundle costs, and why it is there: the table in packaging/README.md.

.venv/bin/python packaging/bundle_parts.py [dist/xpaint-desktop]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# (part, why it is there, pattern on the path inside _internal/); the first match wins.
PARTS: list[tuple[str, str, str]] = [
    ("OpenCV (`cv2`)", "offline engine: `inpaint`, `distanceTransform`; masks", r"^cv2/"),
    (
        "OpenCV's libraries",
        "libpng; FFmpeg, libavif and OpenBLAS as stubs (`stub_libs.py`)",
        r"^opencv_python_headless\.libs/",
    ),
    ("Qt ICU", "collation, case mapping, time-zone names (data trimmed: `icu_data.py`)", r"libicu"),
    ("Qt Core, Gui, Widgets", "the window", r"^PySide6/Qt/lib/libQt6(Core|Gui|Widgets)\."),
    (
        "Qt platform libraries",
        "X11 (xcb), Wayland, D-Bus (portal dialogs), OpenGL for the xcb GL integration",
        r"^PySide6/Qt/lib/",
    ),
    (
        "Qt plugins",
        "platforms, image formats, input methods, portal theme",
        r"^PySide6/Qt/plugins/",
    ),
    ("Qt translations", "Qt's own texts in Chinese", r"^PySide6/Qt/translations/"),
    ("PySide6 bindings", "QtCore, QtGui, QtWidgets for Python; shiboken", r"^(PySide6|shiboken6)/"),
    ("NumPy", "images as arrays (masks, compositing)", r"^numpy/"),
    (
        "NumPy's OpenBLAS",
        "numpy calls it on import (a float dot product) and for any float matrix product",
        r"^numpy\.libs/",
    ),
    ("Pillow", "reading, converting, writing pictures; colour profiles", r"^(PIL|pillow\.libs)/"),
    (
        "Python",
        "the interpreter and its C modules (symbol tables stripped)",
        r"^(libpython|python3)",
    ),
    (
        "cryptography",
        "keyring's Secret Service session encryption (the API key)",
        r"^(cryptography|_cffi)",
    ),
    ("OpenSSL 3", "https to the service", r"^lib(ssl|crypto)\.so"),
    ("SQLite", "the library index", r"^libsqlite3"),
    ("C++ runtime", "Qt, OpenCV", r"^lib(stdc\+\+|gcc_s)"),
    ("xcb helpers, xkbcommon", "Qt's X11 platform (often missing on desktops)", r"^lib(xcb|xkb)"),
    ("our resources", "sample, icons, translations, desktop entry", r"^resources/"),
    ("Python code", "ours and the libraries' (bytecode)", r"^(base_library\.zip|PYZ)"),
]


def part_sizes(folder: Path) -> list[tuple[str, str, int]]:
    internal = folder / "_internal"
    sizes = {name: 0 for name, _, _ in PARTS}
    other = 0
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(internal).as_posix() if path.is_relative_to(internal) else "PYZ"
        size = path.stat().st_size
        for name, _why, pattern in PARTS:
            if re.search(pattern, rel):
                sizes[name] += size
                break
        else:
            other += size
    rows = [(name, why, sizes[name]) for name, why, _ in PARTS]
    rows.append(("other", "small libraries and package metadata (certifi, httpx, ...)", other))
    return sorted(rows, key=lambda r: -r[2])


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "dist/xpaint-desktop")
    rows = part_sizes(folder)
    total = sum(size for _, _, size in rows)
    print("| part | MB | share | why it is there |")
    print("|---|---:|---:|---|")
    for name, why, size in rows:
        print(f"| {name} | {size / 1e6:.1f} | {size / total:.0%} | {why} |")
    print(f"| **total** | **{total / 1e6:.1f}** | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
