"""A result used as the new base, 24 MP: the next job's photo on disk, and the time to store it.

A job on the 24-megapixel photo gets a result (as a service sends it, 1024 px); its composite
becomes the picture of a new job, stored the way the window stores it: a patch over the first
job's photo (`library.patches`: the box where they differ, as PNG), with the first photo's
decode already at hand as after the result was shown. The baseline is the way before: the
whole picture as a lossless PNG (the library's `png_bytes`), the only other lossless choice.
Medians of the runs, each into a library of its own.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image

from benchmarks.core import Context, Figure
from benchmarks.inputs import mask_path, photo_path
from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.imaging.loading import load_image, load_mask
from xpaint_desktop.imaging.prepare import prepare
from xpaint_desktop.library.composites import composite_image, photo_patch
from xpaint_desktop.library.files import png_bytes
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import JobSpec

MB = 1e6


def _one(root: Path) -> tuple[float, int, float, int]:
    """(seconds, bytes) to keep the new base as a patch, then as a whole PNG."""
    with Library(root) as lib:
        base = load_image(photo_path())
        mask = load_mask(mask_path(), base.size)
        spec = JobSpec(prompt="a red balloon")
        first = lib.create_job(spec, base, mask, "photo.jpg", base_bytes=photo_path().read_bytes())
        prepared = prepare(base, mask, size=spec.size, context=spec.context, limits=X_PAINTING)
        lib.set_placement(first.id, prepared.placement.to_json())
        sent = Image.effect_noise(prepared.placement.output_size, 50).convert("RGB")
        lib.save_result(first.id, 0, sent)
        first = lib.get_job(first.id)
        picture = composite_image(first, first.results[0])
        again = spec.with_changes(parent_job_id=first.id, parent_result_index=0)

        start = time.perf_counter()
        data = photo_patch(lib.root, first, picture)
        job = lib.create_job(again, picture, mask, "photo-job1-1.png", base_bytes=data)
        patch_s, patch_bytes = time.perf_counter() - start, job.base_path.stat().st_size

        start = time.perf_counter()
        whole = png_bytes(picture)
        png_s = time.perf_counter() - start
    return patch_s, patch_bytes, png_s, len(whole)


def run(ctx: Context) -> list[Figure]:
    runs = ctx.runs(3, 1)
    samples = []
    with tempfile.TemporaryDirectory(prefix="xpaint-new-base-") as tmp:
        for i in range(runs):
            samples.append(_one(Path(tmp) / f"library-{i}"))
    patch_s, patch_b, png_s, png_b = (statistics.median(s[i] for s in samples) for i in range(4))
    return [
        Figure(
            key="new_base.disk",
            title="disk for the photo of a job on a result used as the new base, 24 MP",
            value=patch_b / MB,
            unit="MB",
            baseline=png_b / MB,
            baseline_label="the whole picture as PNG",
            samples=runs,
            note="a patch over the first job's photo: the box where the result changed it",
        ),
        Figure(
            key="new_base.store",
            title="storing that photo (the job created)",
            value=patch_s,
            unit="s",
            baseline=png_s,
            baseline_label="the whole picture's PNG encode alone",
            samples=runs,
        ),
    ]
