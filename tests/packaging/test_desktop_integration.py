"""The Linux desktop entry, the icons and the files the spec puts into the bundle."""

from __future__ import annotations

import configparser
import io
import re
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from tests.packaging.scripts import ROOT, load_script

RES = ROOT / "resources"
DESKTOP = RES / "xpaint-desktop.desktop"
make_icons = load_script("make_icons")


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_names_the_program_and_its_icon() -> None:
    entry = _entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "xpaint-desktop"
    assert re.search(r"[\u4e00-\u9fff]", entry["Name[zh_CN]"])
    assert re.search(r"[\u4e00-\u9fff]", entry["Comment[zh_CN]"])
    assert "RasterGraphics" in entry["Categories"].split(";")
    assert {"image/png", "image/jpeg"} <= set(entry["MimeType"].split(";"))
    icon = entry["Icon"]
    for size in make_icons.PNG_SIZES:
        assert (RES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{icon}.png").exists()


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate (desktop-file-utils) is not installed",
)
def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icon_pngs_have_their_sizes_and_a_transparent_corner() -> None:
    for size in make_icons.PNG_SIZES:
        path = RES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "xpaint-desktop.png"
        with Image.open(path) as image:
            assert image.size == (size, size)
            assert image.convert("RGBA").getpixel((size - 1, 0))[3] == 0


def test_windows_and_macos_icons_hold_several_sizes() -> None:
    with Image.open(RES / "icons" / "xpaint-desktop.ico") as ico:
        sizes = ico.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)
    with Image.open(RES / "icons" / "xpaint-desktop.icns") as icns:
        assert icns.size == (1024, 1024)


def test_svg_renders_like_the_committed_png(qapp: object) -> None:
    rendered = Image.open(io.BytesIO(make_icons.render_png(make_icons.SVG.encode(), 64)))
    committed = Image.open(RES / "icons" / "hicolor" / "64x64" / "apps" / "xpaint-desktop.png")
    a = np.asarray(rendered.convert("RGBA"), dtype=np.int16)
    b = np.asarray(committed.convert("RGBA"), dtype=np.int16)
    differing = int((np.abs(a - b).max(axis=2) > 8).sum())
    assert differing < 64 * 64 // 50, "icons are out of date: run packaging/make_icons.py"


def test_files_the_spec_bundles_exist() -> None:
    for name in (
        "sample.png",
        "sample-mask.png",
        "xpaint-desktop.desktop",
        "icons/xpaint-desktop.ico",
        "icons/xpaint-desktop.icns",
        "icons/hicolor/256x256/apps/xpaint-desktop.png",
        "i18n/xpaint_zh_CN.qm",
    ):
        assert (RES / name).exists(), name
    spec = (ROOT / "packaging" / "xpaint-desktop.spec").read_text(encoding="utf-8")
    assert 'launcher.py"' in spec and (ROOT / "packaging" / "launcher.py").exists()
