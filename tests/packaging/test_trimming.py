"""The bundle's trimming steps on the real libraries of this environment (Linux, cc, readelf).

A stub must load in place of the library it replaces (same name, symbols and versions) and
abort with a message naming it when called; the trimmed ICU data must still collate Chinese and
name time zones; pruning must keep what a root needs and drop what nothing needs; a stripped
library must load exactly as the original does, or stay as it was.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from icu_data import trimmed_icu_data  # noqa: E402
from prune_libs import _needed, loaded_image, prune_unreachable, strip_symbols  # noqa: E402
from stub_libs import _exports, build_stub  # noqa: E402

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or not (shutil.which("cc") and shutil.which("readelf") and shutil.which("strip")),
    reason="the trimming steps need Linux, cc, readelf and strip",
)


def _site_lib(folder: str, prefix: str) -> Path:
    import cv2

    libs = Path(cv2.__file__).resolve().parents[1] / folder
    found = sorted(libs.glob(prefix + "*"))
    if not found:
        pytest.skip(f"no {prefix}* in {libs}")
    return found[0]


def test_a_stub_exports_what_the_library_exports_and_aborts_with_its_name(
    tmp_path: Path,
) -> None:
    real = _site_lib("opencv_python_headless.libs", "libavutil-")
    stub = build_stub(real, tmp_path)
    assert stub is not None and stub.stat().st_size < real.stat().st_size / 5
    assert _exports(stub) == _exports(real)
    call = (
        "import ctypes, sys; lib = ctypes.CDLL(sys.argv[1]); "
        "print('loaded', flush=True); lib.av_log_set_level(0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", call, str(stub)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "loaded"
    assert done.returncode != 0 and real.name in done.stderr


def test_trimmed_icu_data_still_collates_and_names_time_zones(tmp_path: Path) -> None:
    if shutil.which("icupkg") is None:
        pytest.skip("icupkg (icu-devtools) is not installed")
    import PySide6

    qt = Path(PySide6.__file__).parent
    real = next((qt / "Qt" / "lib").glob("libicudata.so.*"))
    trimmed = trimmed_icu_data(real, tmp_path / "work")
    assert trimmed is not None and trimmed.stat().st_size < real.stat().st_size * 0.6
    copy = tmp_path / "site" / "PySide6"  # just what `PySide6.QtCore` loads
    (copy / "Qt" / "lib").mkdir(parents=True)
    for path in [*qt.glob("*.py"), *qt.glob("QtCore.*"), *qt.glob("libpyside6*")]:
        shutil.copy2(path, copy / path.name)
    for path in [*(qt / "Qt" / "lib").glob("libQt6Core.*"), *(qt / "Qt" / "lib").glob("libicu*")]:
        shutil.copy2(path, copy / "Qt" / "lib" / path.name)
    shutil.copy2(trimmed, copy / "Qt" / "lib" / real.name)
    probe = (
        "from PySide6.QtCore import QCollator, QLocale, QTimeZone, QStringDecoder\n"
        f"import PySide6; assert PySide6.__file__.startswith({str(tmp_path)!r})\n"
        "print(QCollator(QLocale('de_DE')).compare('ä', 'z') < 0)\n"
        "print(QTimeZone(b'Asia/Shanghai').displayName(QTimeZone.TimeType.StandardTime,"
        " QTimeZone.NameType.LongName, QLocale('zh_CN')))\n"
        "print(QStringDecoder('GB18030').isValid())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "中国标准时间", "True"]
    assert "Could not create collator" not in done.stderr


def test_pruning_keeps_what_a_root_needs_and_drops_the_rest() -> None:
    avformat = _site_lib("opencv_python_headless.libs", "libavformat-")
    vpx = _site_lib("opencv_python_headless.libs", "libvpx-")
    avcodec = _site_lib("opencv_python_headless.libs", "libavcodec-")
    quadmath = _site_lib("opencv_python_headless.libs", "libquadmath-")
    folder = "opencv_python_headless.libs"
    binaries = [
        ("cv2/fake_root.so", str(avformat), "EXTENSION"),  # a root that needs avcodec...
        (f"{folder}/{avcodec.name}", str(avcodec), "BINARY"),
        (f"{folder}/{vpx.name}", str(vpx), "BINARY"),  # ...which needs vpx
        (f"{folder}/{quadmath.name}", str(quadmath), "BINARY"),  # nothing here needs it
    ]
    kept = [Path(dest).name for dest, _src, _kind in prune_unreachable(binaries)]
    assert kept == ["fake_root.so", avcodec.name, vpx.name]


def test_pruning_does_not_keep_what_only_a_library_from_the_system_needs() -> None:
    system = Path("/lib/x86_64-linux-gnu")
    fontconfig, freetype = system / "libfontconfig.so.1", system / "libfreetype.so.6"
    png = system / "libpng16.so.16"
    if not (fontconfig.exists() and freetype.exists() and png.exists()):
        pytest.skip("no fontconfig, FreeType and libpng of the system here")
    assert "libpng16.so.16" in _needed(str(freetype))
    binaries = [
        ("fake_root.so", str(fontconfig), "EXTENSION"),  # needs libfreetype.so.6...
        ("libfreetype.so.6", str(freetype), "BINARY"),  # ...the system's, which needs libpng
        ("libpng16.so.16", str(png), "BINARY"),
    ]
    kept = [Path(dest).name for dest, _src, _kind in prune_unreachable(binaries)]
    assert kept == ["fake_root.so"]


def test_a_stripped_module_is_smaller_loads_the_same_bytes_and_works(tmp_path: Path) -> None:
    import zlib

    real = Path(zlib.__file__)
    sections = subprocess.run(["readelf", "-S", "-W", str(real)], capture_output=True, text=True)
    if ".symtab" not in sections.stdout:
        pytest.skip(f"{real.name} has no symbol table to strip here")
    [(_dest, src, _kind)] = strip_symbols([(real.name, str(real), "EXTENSION")], tmp_path)
    stripped = Path(src)
    assert stripped != real and stripped.stat().st_size < real.stat().st_size
    assert loaded_image(stripped) == loaded_image(real)
    probe = (
        "import importlib.machinery, importlib.util, sys\n"
        "loader = importlib.machinery.ExtensionFileLoader('zlib', sys.argv[1])\n"
        "spec = importlib.util.spec_from_file_location('zlib', sys.argv[1], loader=loader)\n"
        "module = importlib.util.module_from_spec(spec); loader.exec_module(module)\n"
        "assert module.__file__ == sys.argv[1]\n"
        "print(module.decompress(module.compress(b'xpaint' * 100)) == b'xpaint' * 100)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(stripped)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "True", done.stderr


def test_a_library_whose_segments_strip_would_move_stays_as_it_is(tmp_path: Path) -> None:
    import PIL

    # auditwheel's patchelf gave Pillow's module a layout `strip` rewrites (segments move)
    real = next(Path(PIL.__file__).parent.glob("_imaging.*.so"))
    [(_dest, src, _kind)] = strip_symbols([(f"PIL/{real.name}", str(real), "EXTENSION")], tmp_path)
    copy = tmp_path / "copy.so"
    shutil.copyfile(real, copy)
    subprocess.run(["strip", "--strip-unneeded", str(copy)], check=True)
    if loaded_image(copy) == loaded_image(real):
        pytest.skip("strip keeps this Pillow's segments in place")
    assert src == str(real)
