"""Leave out shared libraries that nothing in the bundle loads; strip the symbol tables of the rest.

PyInstaller collects, for every binary it keeps, the libraries that binary links against; when
the spec later drops a plugin (the GTK theme) or an extension module (Pillow's AVIF and font
modules), or stubs a library (`stub_libs.py`), what only those needed stays behind. This walks
the `NEEDED` entries from the roots (Python extension modules, Qt plugins, libpython: the files
something opens by path) and keeps only the libraries reached, except those the system
provides (`FROM_THE_SYSTEM`). `strip_symbols` then removes what the loader never reads.
"""

from __future__ import annotations

import shutil
import struct
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
                # the system's copy is loaded, and it brings the system's own dependencies
                if not name.startswith(FROM_THE_SYSTEM):
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


def loaded_image(path: Path) -> tuple[bytes, list[bytes]] | None:
    """What the dynamic loader reads of a 64-bit little-endian ELF file: its program headers
    and the bytes of each segment, the ELF header's section-table fields zeroed (the loader
    never reads them); None for anything else."""
    data = path.read_bytes()
    if data[:6] != b"\x7fELF\x02\x01":
        return None
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    # e_shoff (0x28), e_shnum and e_shstrndx (0x3C): where the section table is
    data = data[:0x28] + bytes(8) + data[0x30:0x3C] + bytes(4) + data[0x40:]
    headers = data[phoff : phoff + phentsize * phnum]
    segments = []
    for i in range(phnum):
        (offset,) = struct.unpack_from("<Q", data, phoff + i * phentsize + 8)
        (filesz,) = struct.unpack_from("<Q", data, phoff + i * phentsize + 32)
        segments.append(data[offset : offset + filesz])
    return headers, segments


def strip_symbols(binaries: list[Entry], workdir: Path) -> list[Entry]:
    """Every shared library and extension module without its symbol table and debug sections.

    `strip --strip-unneeded` removes only what the dynamic loader never reads (`.symtab`,
    `.strtab`, `.debug_*`, mini debug info; ~10 MB over the bundle, most of it in
    `cryptography`, Pillow, ICU and libpython); the dynamic symbols stay. A library whose
    `RPATH` auditwheel rewrote with patchelf can have a layout `strip` rewrites wrongly, so a
    stripped copy is used only when the loader would read exactly the same bytes from it:
    the same program headers and the same contents of every segment (`loaded_image`).
    Otherwise the library stays as it is.
    """
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return binaries
    result: list[Entry] = []
    for dest, src, kind in binaries:
        if ".so" in Path(dest).name:
            src = str(_stripped(Path(src), workdir / dest) or src)
        result.append((dest, src, kind))
    return result


def _stripped(src: Path, out: Path) -> Path | None:
    """A stripped copy of `src` at `out` that loads exactly as `src` does, or None."""
    before = loaded_image(src)
    if before is None:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, out)
    out.chmod(0o755)
    done = subprocess.run(["strip", "--strip-unneeded", str(out)], capture_output=True)
    if done.returncode != 0 or out.stat().st_size >= src.stat().st_size:
        return None
    if loaded_image(out) != before:
        print(f"prune_libs: {src.name} stays unstripped (segments would move)", file=sys.stderr)
        return None
    return out
