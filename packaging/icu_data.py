"""A smaller ICU data library for the bundle: what Qt asks ICU for, without the rest.

Qt's wheels link ICU, whose data library (`libicudata.so.NN`, 32 MB) holds every locale's
display names of currencies, languages, regions and units, number spell-out rules,
transliterators and ~190 legacy character-set converters. Qt uses ICU for collation
(`QCollator`), case mapping, time-zone names, text boundaries and `QStringDecoder`'s non-Unicode
codecs; its own CLDR tables serve `QLocale`. The program reads and writes UTF-8 only.

So the bundle carries the same library rebuilt (`icupkg` of the ICU tools, then the blob as
`icudtNN_dat`) without `curr/`, `lang/`, `region/`, `unit/`, `rbnf/`, `translit/` and the `.cnv`
converters except GB18030 (Chinese): 15 MB instead of 32. Collation, case mapping, time-zone
names and line/word breaking keep all their data. Without `icupkg` or `cc`, the original stays.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

DROPPED = re.compile(r"^(curr|lang|region|unit|rbnf|translit)/|^(?!gb18030\.cnv$).*\.cnv$")
Entry = tuple[str, str, str]


def _blob(lib: Path) -> tuple[str, bytes] | None:
    """(`icudtNNl`, the data package) read from the library's `icudtNN_dat` symbol."""
    syms = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(
        r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+)_dat", syms
    )
    if not match:
        return None
    address, size, name = int(match.group(1), 16), int(match.group(2), 0), match.group(3)
    sections = subprocess.run(
        ["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        cols = line.replace("[ ", "[").split()
        if len(cols) > 5 and cols[1] == ".rodata":
            offset = int(cols[4], 16) + address - int(cols[3], 16)
            with open(lib, "rb") as f:
                f.seek(offset)
                return name + "l", f.read(size)
    return None


def trimmed_icu_data(lib: Path, workdir: Path) -> Path | None:
    """The rebuilt library in `workdir`, or None if it cannot be made here."""
    if not (shutil.which("icupkg") and shutil.which("cc") and shutil.which("readelf")):
        return None
    found = _blob(lib)
    if found is None:
        return None
    name, data = found
    source, trimmed = workdir / "full", workdir / "trimmed"
    for folder in (source, trimmed):
        folder.mkdir(parents=True, exist_ok=True)
    (source / f"{name}.dat").write_bytes(data)
    items = subprocess.run(
        ["icupkg", "-l", str(source / f"{name}.dat")], capture_output=True, text=True, check=True
    ).stdout.split()
    (workdir / "remove.txt").write_text("\n".join(i for i in items if DROPPED.search(i)) + "\n")
    subprocess.run(
        [
            "icupkg",
            "-r",
            str(workdir / "remove.txt"),
            str(source / f"{name}.dat"),
            str(trimmed / f"{name}.dat"),
        ],
        capture_output=True,
        check=True,
    )
    symbol = name[:-1] + "_dat"
    (workdir / "icudata.s").write_text(
        f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n"
        f'    .balign 16\n{symbol}:\n    .incbin "{trimmed / f"{name}.dat"}"\n'
        f'    .size {symbol}, .-{symbol}\n    .section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    out = workdir / lib.name
    subprocess.run(
        [
            "cc",
            "-shared",
            "-nostdlib",
            f"-Wl,-soname,{lib.name}",
            "-o",
            str(out),
            str(workdir / "icudata.s"),
        ],
        capture_output=True,
        check=True,
    )
    return out


def replace_icu_data(binaries: list[Entry], workdir: Path) -> list[Entry]:
    """PyInstaller's binaries with `libicudata.so.*` trimmed (Linux; see above)."""
    if not sys.platform.startswith("linux"):
        return binaries
    result: list[Entry] = []
    for dest, src, kind in binaries:
        if Path(dest).name.startswith("libicudata.so"):
            try:
                src = str(trimmed_icu_data(Path(src), workdir) or src)
            except (OSError, subprocess.CalledProcessError) as e:
                print(f"icu_data: keeping the full ICU data ({e})", file=sys.stderr)
        result.append((dest, src, kind))
    return result
