"""How long the imaging steps of one job take on a 24-megapixel photo (6000x4000).

Run: `.venv/bin/python benchmarks/bench_imaging.py [--runs N]`. Prints the median of N runs
for loading, preparing (context crop and full image) and compositing a result back.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xpaint_desktop.imaging.composite import composite  # noqa: E402
from xpaint_desktop.imaging.limits import X_PAINTING  # noqa: E402
from xpaint_desktop.imaging.loading import load_image, load_mask  # noqa: E402
from xpaint_desktop.imaging.prepare import prepare  # noqa: E402
from xpaint_desktop.spec import ContextMode  # noqa: E402

SIZE = (6000, 4000)
FEATHER = 16


def photo() -> Image.Image:
    """A real photo scaled up to 24 MP, with sensor-like noise so it compresses like one."""
    src = Image.open(ROOT / "tests" / "data" / "coffee.png").convert("RGB")
    big = np.asarray(src.resize(SIZE, Image.Resampling.BICUBIC)).astype(np.int16)
    noise = np.random.default_rng(0).integers(-3, 4, big.shape, dtype=np.int16)
    return Image.fromarray(np.clip(big + noise, 0, 255).astype(np.uint8))


def mask() -> Image.Image:
    """A hand-drawn-looking area of about 900x700 px."""
    m = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(m)
    draw.ellipse((2600, 1500, 3400, 2100), fill=255)
    draw.line((2500, 2200, 3500, 1450), fill=255, width=60)
    return m


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    base, area = photo(), mask()
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        jpg, png = Path(tmp) / "photo.jpg", Path(tmp) / "mask.png"
        base.save(jpg, quality=92)
        area.save(png)
        results.append(("load_image 6000x4000 JPEG", median_ms(lambda: load_image(jpg), runs)))
        results.append(("load_mask 6000x4000 PNG", median_ms(lambda: load_mask(png, SIZE), runs)))
    for context in (ContextMode.AUTO, ContextMode.FULL):
        prepared = prepare(base, area, size="auto", context=context, limits=X_PAINTING)
        placement = prepared.placement
        result = Image.new("RGB", placement.output_size, (200, 30, 30))
        label = f"{context} (crop {placement.crop_size[0]}x{placement.crop_size[1]}"
        label += f" -> {prepared.size})"
        run_prepare = partial(prepare, base, area, size="auto", context=context, limits=X_PAINTING)
        run_composite = partial(composite, base, result, area, placement, FEATHER)
        results.append((f"prepare {label}", median_ms(run_prepare, runs)))
        results.append((f"composite {label}", median_ms(run_composite, runs)))
    width = max(len(name) for name, _ in results)
    print(f"imaging on {SIZE[0]}x{SIZE[1]}, median of {runs} runs")
    for name, ms in results:
        print(f"  {name:<{width}}  {ms:8.1f} ms")


if __name__ == "__main__":
    main()
