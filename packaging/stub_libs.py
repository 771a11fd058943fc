"""Stand-ins for OpenCV's video and linear-algebra libraries, which the program never calls.

opencv-python-headless links its one module, `cv2.abi3.so`, against FFmpeg (video files and
cameras), libavif (AVIF pictures) and OpenBLAS (large matrix products and solvers): ~80 MB with
what they pull in (libvpx, libaom, an OpenSSL 1.1, libgfortran). The program uses only
`cv2.inpaint`, `distanceTransform`, `copyMakeBorder`, morphology, `grabCut` and `floodFill`:
image-processing code that calls none of them, and pictures are read and written with Pillow
and Qt. The dynamic loader still wants every library `cv2` names, and each symbol's version, at
import time; function symbols are bound only when first called (the module is not linked
`-z now`).

So the bundle carries, under the same names, small libraries that export the same symbols
(same versions; data as zeroed memory of the same size) whose functions abort with a clear
message if one is ever called. What only those libraries needed is left out. This is
Linux-only and needs `cc` and `readelf` at build time; without them the real libraries stay.
`packaging/check_bundle.py` runs the bundled program's offline self-test, which imports `cv2`
and inpaints with it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

# Libraries of opencv_python_headless.libs replaced by stubs (by name prefix); what only they
# needed (libswresample, libvpx, libaom, OpenSSL 1.1, libgfortran) is then unreachable and
# `prune_libs.prune_unreachable` leaves it out.
STUBBED = ("libavcodec-", "libavformat-", "libavutil-", "libswscale-", "libavif-", "libopenblas")
FOLDER = "opencv_python_headless.libs"
_SYMBOL = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _run(cmd: list[str]) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _exports(lib: Path) -> dict[str, dict[str, int]]:
    """Exported symbols by version node ("" = unversioned): name -> data size (-1: function)."""
    by_version: dict[str, dict[str, int]] = {}
    for line in _run(["readelf", "--dyn-syms", "-W", str(lib)]).splitlines():
        cols = line.split()
        if len(cols) < 8 or not cols[0].rstrip(":").isdigit() or cols[6] in ("UND", "ABS"):
            continue
        size, kind, bind, name = cols[2], cols[3], cols[4], cols[7]
        if bind not in ("GLOBAL", "WEAK") or kind not in ("FUNC", "OBJECT"):
            continue
        symbol, _, version = name.partition("@")
        if _SYMBOL.match(symbol):
            length = -1 if kind == "FUNC" else max(1, int(size, 0))
            by_version.setdefault(version.lstrip("@"), {})[symbol] = length
    return by_version


def _soname(lib: Path) -> str:
    dynamic = _run(["readelf", "-d", str(lib)])
    match = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", dynamic)
    return match.group(1) if match else lib.name


def build_stub(lib: Path, workdir: Path) -> Path | None:
    """A stub of `lib` in `workdir`, or None when it cannot be made (the real one is kept)."""
    exports = _exports(lib)
    if not exports:
        return None
    workdir.mkdir(parents=True, exist_ok=True)
    c_file, script, out = (workdir / f"{lib.name}.{ext}" for ext in ("c", "map", "so"))
    symbols = {name: size for node in exports.values() for name, size in node.items()}
    # one body for every function (a per-function message would cost ~2 MB for OpenBLAS)
    message = f"xpaint-desktop: a function of {lib.name} was called; it is not in this bundle\\n"
    lines = [
        "extern int fprintf(void *, const char *, ...);",
        "extern void *stderr; extern void abort(void);",
        f'void xpaint_stub_called(void) {{ fprintf(stderr, "{message}"); abort(); }}',
    ]
    for name, size in sorted(symbols.items()):
        if size < 0:
            lines.append(f'void {name}(void) __attribute__((alias("xpaint_stub_called")));')
        else:
            lines.append(f"char {name}[{size}];")
    c_file.write_text("\n".join(lines) + "\n", encoding="ascii")
    nodes = [
        f"{version} {{ global: {'; '.join(sorted(node))}; {'local: *; ' if i == 0 else ''}}};"
        for i, (version, node) in enumerate(sorted(exports.items()))
    ]
    script.write_text("\n".join(nodes) + "\n", encoding="ascii")
    cmd = [
        "cc",
        "-shared",
        "-fPIC",
        "-O0",
        "-fno-builtin",
        "-w",
        "-s",
        f"-Wl,-soname,{_soname(lib)}",
        f"-Wl,--version-script={script}",
        "-o",
        str(out),
        str(c_file),
    ]
    try:
        subprocess.run(cmd, capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as e:
        print(f"stub_libs: keeping {lib.name}: {e.stderr.strip()[:300]}", file=sys.stderr)
        return None
    return out


def replace_with_stubs(
    binaries: list[tuple[str, str, str]], workdir: Path
) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries list with OpenCV's video/BLAS libraries stubbed (see above)."""
    if not sys.platform.startswith("linux") or not (shutil.which("cc") and shutil.which("readelf")):
        print("stub_libs: no cc/readelf here; OpenCV's libraries stay whole", file=sys.stderr)
        return binaries
    result: list[tuple[str, str, str]] = []
    for dest, src, kind in binaries:
        if Path(dest).parent.name == FOLDER and Path(dest).name.startswith(STUBBED):
            src = str(build_stub(Path(src), workdir) or src)
        result.append((dest, src, kind))
    return result
