"""Mask canvas: time per mouse-move dab, and UI-thread time of whole-mask operations, on a
6000x4000 photo against a 1000x1000 baseline.

A dab (numpy rasterisation, overlay update, undo bookkeeping) plus the repaint it triggers must
not depend on the photo's size. Whole-mask operations (set_image, fill, invert, grow, shrink,
the end of a large stroke and its undo) may take longer in total on a large photo, but the UI
thread must not stall: for each one the benchmark reports the median of the longest single
stall of the event loop (a 1 ms timer) and of the total time until the mask has changed.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt, QThreadPool, QTimer
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from benchmarks.core import Context, Figure, Target
from xpaint_desktop.ui.canvas.widget import MaskCanvas

PHOTO = Path(__file__).resolve().parents[1] / "tests" / "data" / "astronaut.png"
MOVES = 400
REPEATS = 5
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


def measure(
    app: QApplication, width: int, height: int, fit: bool, moves: int = MOVES
) -> dict[str, float]:
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
    for i in range(moves):
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
    QThreadPool.globalInstance().waitForDone()  # a large stroke is compressed in the pool
    app.processEvents()
    command = canvas.undo_stack().command(0)
    stored = getattr(command, "stored_bytes", -1)
    canvas.close()
    canvas.deleteLater()
    app.processEvents()
    return {
        "median_us": statistics.median(times) * 1e6,
        "p95_us": sorted(times)[int(len(times) * 0.95)] * 1e6,
        "p99_us": sorted(times)[int(len(times) * 0.99)] * 1e6,
        "load_ms": load_s * 1e3,
        "release_ms": release_s * 1e3,
        "undo_kb": stored / 1024,
    }


class _StallProbe:
    """A 1 ms timer that remembers the longest gap between its ticks."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def run(self, app: QApplication, action: Callable[[], None], done: Callable[[], bool]) -> float:
        """Run `action`, spin the event loop until `done()`; the total seconds."""
        self.worst = 0.0
        app.processEvents()
        self._timer.start()
        self._last = start = time.perf_counter()
        action()
        self.worst = max(self.worst, time.perf_counter() - self._last)
        while not done():
            app.processEvents()
            time.sleep(0.0005)
        total = time.perf_counter() - start
        app.processEvents()
        self._timer.stop()
        return total


def _changed(canvas: MaskCanvas, before: int) -> Callable[[], bool]:
    """True once the undo stack has moved away from `before` and no operation is pending."""
    stack = canvas.undo_stack()
    return lambda: stack.index() != before and not getattr(canvas, "is_busy", lambda: False)()


def _stroke_points(width: int, height: int) -> list[QPointF]:
    """A zigzag covering about half the photo's width and height (3000x2000 on 6000x4000)."""
    pts = []
    for i in range(21):
        x = width * (0.25 + 0.5 * i / 20)
        y = height * (0.25 if i % 2 else 0.75)
        pts.append(QPointF(x, y))
    return pts


def measure_operations(
    app: QApplication, width: int, height: int, repeats: int = REPEATS
) -> dict[str, list[float]]:
    """Per operation: [longest stall ms, total ms] for each of REPEATS runs."""
    canvas = MaskCanvas()
    canvas.resize(1000, 700)
    canvas.show()
    image = _photo(width, height)
    probe = _StallProbe()
    results: dict[str, list[tuple[float, float]]] = {}

    def record(name: str, action: Callable[[], None], done: Callable[[], bool]) -> None:
        total = probe.run(app, action, done)
        results.setdefault(name, []).append((probe.worst * 1e3, total * 1e3))

    for _ in range(repeats):
        record("set_image", lambda: canvas.set_image(image), lambda: True)
        canvas.set_brush_size(width // 20)
        mark = canvas.undo_stack().index()
        pts = [canvas.image_to_widget(p) for p in _stroke_points(width, height)]
        _mouse(canvas, QEvent.Type.MouseButtonPress, pts[0], True)
        for p in pts[1:]:
            _mouse(canvas, QEvent.Type.MouseMove, p, True)
        app.processEvents()
        end: QPointF = pts[-1]
        record(
            "stroke end",
            partial(_mouse, canvas, QEvent.Type.MouseButtonRelease, end, False),
            _changed(canvas, mark),
        )
        mark = canvas.undo_stack().index()
        record("undo stroke", canvas.undo_stack().undo, _changed(canvas, mark))
        canvas.undo_stack().redo()
        for name, action in (
            ("grow 20 px", lambda: canvas.grow_mask(20)),
            ("shrink 20 px", lambda: canvas.shrink_mask(20)),
            ("invert", canvas.invert_mask),
            ("fill_all", canvas.fill_all),
        ):
            mark = canvas.undo_stack().index()
            record(name, action, _changed(canvas, mark))
    QThreadPool.globalInstance().waitForDone()  # display levels and undo compression
    canvas.close()
    canvas.deleteLater()
    app.processEvents()
    return {
        name: [statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)]
        for name, runs in results.items()
    }


def run(ctx: Context) -> list[Figure]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    repeats, moves = ctx.runs(REPEATS, 2), ctx.runs(MOVES, 200)
    figures = []
    for fit in (False, True):
        label = "fit to window" if fit else "100 %"
        small = measure(app, 1000, 1000, fit, moves)
        large = measure(app, 6000, 4000, fit, moves)
        figures.append(
            Figure(
                key=f"canvas.brush_p99_{'fit' if fit else '100'}",
                title=f"brush on 6000x4000, zoom {label} (dab + repaint, offscreen): p99",
                value=large["p99_us"] / 1000,
                unit="ms",
                baseline=small["p99_us"] / 1000,
                baseline_label="1000x1000",
                target=Target(8.0),
                samples=moves,
                note=f"p95 {large['p95_us'] / 1000:.2f} ms, median "
                f"{large['median_us'] / 1000:.2f} ms; {moves} moves, brush {BRUSH} px",
            )
        )
    small_ops = measure_operations(app, 1000, 1000, repeats)
    large_ops = measure_operations(app, 6000, 4000, repeats)
    for name, big in large_ops.items():
        figures.append(
            Figure(
                key="canvas.stall_" + name.replace(" ", "_"),
                title=f"canvas {name} on 6000x4000: longest UI-thread stall",
                value=big[0],
                unit="ms",
                baseline=small_ops[name][0],
                baseline_label="1000x1000",
                samples=repeats,
                note=f"done after {big[1]:.0f} ms (1000x1000: {small_ops[name][1]:.0f} ms)",
            )
        )
    return figures
