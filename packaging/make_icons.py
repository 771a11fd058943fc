"""Draws the application icon: one SVG, rendered to the PNG sizes, `.ico` and `.icns`.

The SVG is the single source; QtSvg renders it at every size, so the PNGs for the Linux icon
theme, the Windows `.ico` and the macOS `.icns` cannot drift apart. Run it again after changing
the drawing: `.venv/bin/python packaging/make_icons.py`.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ICON_NAME = "xpaint-desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

# A photo card (sky, sun, hills) with a brush painting a pink stroke across it: the stroke is
# the mask, the brush is the tool. Kept to bold shapes so it still reads at 16 px.
SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#5fb4ff"/>
      <stop offset="1" stop-color="#cfeaff"/>
    </linearGradient>
  </defs>
  <rect x="16" y="24" width="208" height="176" rx="30" fill="url(#sky)"/>
  <circle cx="170" cy="72" r="22" fill="#ffcc33"/>
  <path d="M16 150 L80 92 L126 136 L156 110 L224 168 L224 170 A30 30 0 0 1 194 200 L46 200
           A30 30 0 0 1 16 170 Z" fill="#34a867"/>
  <path d="M16 170 L96 140 L160 170 L224 150 L224 170 A30 30 0 0 1 194 200 L46 200
           A30 30 0 0 1 16 170 Z" fill="#1f7a45"/>
  <rect x="16" y="24" width="208" height="176" rx="30" fill="none" stroke="#17324d"
        stroke-width="10"/>
  <path d="M50 118 C 82 84, 108 168, 150 150" fill="none" stroke="#ff3d8b" stroke-width="24"
        stroke-linecap="round" opacity="0.9"/>
  <line x1="242" y1="242" x2="194" y2="194" stroke="#8a5424" stroke-width="24"
        stroke-linecap="round"/>
  <line x1="196" y1="196" x2="174" y2="174" stroke="#c3cbd6" stroke-width="28"/>
  <path d="M184 164 L164 184 Q146 174 144 148 Q170 146 184 164 Z" fill="#ff3d8b"
        stroke="#17324d" stroke-width="4" stroke-linejoin="round"/>
</svg>
"""


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG rendered at `size` x `size` px as PNG bytes (QtSvg, antialiased)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(QByteArray(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def write_icons(icons_dir: Path) -> list[Path]:
    """Writes the SVG, the hicolor PNGs, the .ico and the .icns; returns the paths written."""
    from PIL import Image

    icons_dir.mkdir(parents=True, exist_ok=True)
    svg_path = icons_dir / f"{ICON_NAME}.svg"
    svg_path.write_text(SVG, encoding="utf-8")
    written = [svg_path]
    images: dict[int, Image.Image] = {}
    for size in PNG_SIZES:
        png = render_png(SVG.encode("utf-8"), size)
        path = icons_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
        written.append(path)
        images[size] = Image.open(io.BytesIO(png)).convert("RGBA")
    ico = icons_dir / f"{ICON_NAME}.ico"
    images[256].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    icns = icons_dir / f"{ICON_NAME}.icns"  # Pillow derives the smaller sizes from 1024 px
    big = Image.open(io.BytesIO(render_png(SVG.encode("utf-8"), 1024))).convert("RGBA")
    big.save(icns, format="ICNS")
    return [*written, ico, icns]


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    for p in write_icons(root / "resources" / "icons"):
        sys.stdout.write(f"{p.relative_to(root)}\n")
