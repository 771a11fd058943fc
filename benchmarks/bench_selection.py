"""How long selecting from the photo takes on a 24-megapixel photo (6000x4000).

Run: `.venv/bin/python benchmarks/bench_selection.py [--runs N]`. Prints the median of N runs
of a box selection around the cup (fresh, added, refined by a second box), a magic wand click
(contiguous and everywhere), a colour range (full photo and its preview) and edge smoothing,
each also as a ratio to decoding the photo's JPEG, measured in the same run. Targets: a box
within 1.5 s, a wand click within 0.2 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_imaging import SIZE, median_ms, photo  # noqa: E402
from xpaint_desktop.imaging.loading import load_image  # noqa: E402
from xpaint_desktop.imaging.selection import (  # noqa: E402
    ColorRangePreview,
    SelectBox,
    SelectMode,
    color_range,
    magic_wand,
    select_object,
    smooth_edge,
)

# Where the cup of tests/data/coffee.png (600x400, box 70,10,415,385) is on the 6000x4000 copy.
CUP = SelectBox(700, 100, 4150, 3850)
RIM = SelectBox(3900, 600, 1000, 1200)  # spoon and saucer rim, inside the cup's box
SAUCER = (1500, 2500)  # a click on the saucer
TABLE_COLOURS = [(120, 60, 30), (90, 40, 20)]
TARGETS_MS = {"box": 1500.0, "wand": 200.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        jpg = Path(tmp) / "photo.jpg"
        photo().save(jpg, quality=92)
        baseline = median_ms(lambda: load_image(jpg), runs)
        image = np.array(load_image(jpg))  # writable, as the canvas keeps it
    cup = select_object(image, CUP)
    other = np.zeros_like(cup)
    other[100:600, 5000:5900] = 255
    x, y = SAUCER
    preview = ColorRangePreview(image)
    cases = [
        ("box", "box around the cup", lambda: select_object(image, CUP)),
        ("box", "box added (Shift)", lambda: select_object(image, CUP, other, SelectMode.ADD)),
        ("box", "second box refines", lambda: select_object(image, RIM, cup, SelectMode.REFINE)),
        ("wand", "wand click, contiguous", lambda: magic_wand(image, x, y, 24)),
        ("wand", "wand click, everywhere", lambda: magic_wand(image, x, y, 24, contiguous=False)),
        ("", "colour range, 2 colours", lambda: color_range(image, TABLE_COLOURS, 24)),
        ("", "colour range preview (1 MP)", lambda: preview.mask(TABLE_COLOURS, 24)),
        ("", "smooth edge, radius 8", lambda: smooth_edge(cup, 8)),
    ]
    results = [(kind, name, median_ms(fn, runs)) for kind, name, fn in cases]
    width = max(len(name) for _, name, _ in results)
    print(f"selection on {SIZE[0]}x{SIZE[1]}, median of {runs} runs")
    print(f"  {'baseline: decode the JPEG':<{width}}  {baseline:8.1f} ms")
    for kind, name, ms in results:
        target = TARGETS_MS.get(kind)
        verdict = "" if target is None else f"  target {target:.0f} ms: "
        verdict += "" if target is None else ("met" if ms <= target else "MISSED")
        print(f"  {name:<{width}}  {ms:8.1f} ms  {ms / baseline:5.2f}x decode{verdict}")


if __name__ == "__main__":
    main()
