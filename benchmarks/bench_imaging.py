"""How long the imaging steps of one job take on the 24-megapixel photo (6000x4000).

Loading (against a plain Pillow decode of the same file), preparing what is sent (context crop
and full image) and compositing a result back (against a plain Pillow JPEG encode of the
photo, a floor for any step that writes the full-size picture).
"""

from __future__ import annotations

import io
from functools import partial

from PIL import Image

from benchmarks.core import Context, Figure, median_s
from benchmarks.inputs import PHOTO_24MP, mask_path, photo_path
from xpaint_desktop.imaging.composite import composite
from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.imaging.loading import load_image, load_mask
from xpaint_desktop.imaging.prepare import prepare
from xpaint_desktop.spec import ContextMode

FEATHER = 16


def _pillow_decode(path: object) -> None:
    with Image.open(path) as im:  # type: ignore[arg-type]
        im.load()


def run(ctx: Context) -> list[Figure]:
    runs = ctx.runs(5, 2)
    jpg, png = photo_path(), mask_path()
    base = load_image(jpg)
    area = load_mask(png, PHOTO_24MP)
    decode = median_s(partial(_pillow_decode, jpg), runs)
    encode = median_s(lambda: base.save(io.BytesIO(), format="JPEG", quality=92), runs)
    figures = [
        Figure(
            key="imaging.load_image",
            title="load_image, 24 MP JPEG",
            value=median_s(lambda: load_image(jpg), runs) * 1000,
            unit="ms",
            baseline=decode * 1000,
            baseline_label="plain Pillow decode",
            samples=runs,
        ),
        Figure(
            key="imaging.load_mask",
            title="load_mask, 24 MP PNG",
            value=median_s(lambda: load_mask(png, PHOTO_24MP), runs) * 1000,
            unit="ms",
            samples=runs,
        ),
    ]
    for context in (ContextMode.AUTO, ContextMode.FULL):
        prepared = prepare(base, area, size="auto", context=context, limits=X_PAINTING)
        placement = prepared.placement
        result = Image.new("RGB", placement.output_size, (200, 30, 30))
        label = f"{context}: crop {placement.crop_size[0]}x{placement.crop_size[1]}"
        label += f" -> {prepared.size}"
        run_prepare = partial(prepare, base, area, size="auto", context=context, limits=X_PAINTING)
        run_composite = partial(composite, base, result, area, placement, FEATHER)
        figures.append(
            Figure(
                key=f"imaging.prepare_{context}",
                title=f"prepare ({label})",
                value=median_s(run_prepare, runs) * 1000,
                unit="ms",
                samples=runs,
            )
        )
        figures.append(
            Figure(
                key=f"imaging.composite_{context}",
                title=f"composite ({label})",
                value=median_s(run_composite, runs) * 1000,
                unit="ms",
                baseline=encode * 1000,
                baseline_label="plain Pillow JPEG encode",
                samples=runs,
            )
        )
    return figures
