"""Mask canvas: time per mouse-move dab on a 6000x4000 photo against a 1000x1000 baseline.

A dab (numpy rasterisation, overlay update, undo bookkeeping) plus the repaint it triggers must
not depend on the photo's size. Run: `.venv/bin/python benchmarks/bench_canvas.py`.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from xpaint_desktop.ui.canvas import MaskCanvas

PHOTO = Path(__file__).resolve().parents[1] / "tests" / "data" / "astronaut.png"
MOVES = 400
BRUSH = 40


def _mouse(canvas: MaskCanvas, kind: QEvent.Type, pos: QPointF, held: bool) -> None:
    left = Qt.MouseButton.LeftButton
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else left
    buttons = left if held else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, pos, canvas.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(canvas, event)


def _photo(width: int, height: int) -> QImage:
    image = QImage(str(PHOTO))
    return image.scaled(
        width,
        height,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def measure(app: QApplication, width: int, height: int, fit: bool) -> dict[str, float]:
    canvas = MaskCanvas()
    canvas.resize(1000, 700)
    canvas.show()
    image = _photo(width, height)
    t0 = time.perf_counter()
    canvas.set_image(image)
    app.processEvents()
    load_s = time.perf_counter() - t0
    if not fit:
        canvas.zoom_100()
    canvas.set_brush_size(BRUSH)
    app.processEvents()
    centre = QPointF(500, 350)
    _mouse(canvas, QEvent.Type.MouseButtonPress, centre, True)
    times = []
    for i in range(MOVES):
        angle = i * 0.05
        radius = 60 + i * 0.5
        pos = centre + QPointF(math.cos(angle) * radius, math.sin(angle) * radius * 0.6)
        start = time.perf_counter()
        _mouse(canvas, QEvent.Type.MouseMove, pos, True)
        app.processEvents()
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    _mouse(canvas, QEvent.Type.MouseButtonRelease, pos, False)
    release_s = time.perf_counter() - start
    command = canvas.undo_stack().command(0)
    stored = getattr(command, "stored_bytes", -1)
    canvas.close()
    canvas.deleteLater()
    app.processEvents()
    return {
        "median_us": statistics.median(times) * 1e6,
        "p95_us": sorted(times)[int(len(times) * 0.95)] * 1e6,
        "load_ms": load_s * 1e3,
        "release_ms": release_s * 1e3,
        "undo_kb": stored / 1024,
    }


def main() -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    for fit in (False, True):
        label = "fit to window" if fit else "100 %"
        small = measure(app, 1000, 1000, fit)
        large = measure(app, 6000, 4000, fit)
        print(f"zoom {label}, brush {BRUSH} px, {MOVES} moves (dab + repaint):")
        for name, result in (("1000x1000", small), ("6000x4000", large)):
            print(
                f"  {name}: median {result['median_us']:7.0f} us  p95 {result['p95_us']:7.0f} us"
                f"  set_image {result['load_ms']:6.0f} ms"
                f"  stroke end {result['release_ms']:5.1f} ms"
                f"  undo {result['undo_kb']:6.1f} KiB"
            )
        print(f"  ratio 6000x4000 / 1000x1000: {large['median_us'] / small['median_us']:.2f}")


if __name__ == "__main__":
    main()
