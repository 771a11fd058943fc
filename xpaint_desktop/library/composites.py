"""A result's full-resolution composite, made when it is asked for.

A result is kept as the service sent it, and the job keeps what is needed to put it back into
the photo: the photo itself, the mask, the placement (where the crop came from) and the feather.
The composite is a function of those, so it is made when someone asks for it (the canvas shows
it, it is saved, exported or used as the new base) instead of being stored: a 24-megapixel
composite is a 30 MB PNG that takes seconds to write. It is the same composite as before,
bit-identical to the photo outside the feathered mask; `composite_patch` gives only the box
where it differs (the window pastes that into the photo it already shows).

Results of older libraries carry a stored composite; that file is used as it is.

The photo and mask decoded last are kept (one job's worth), so the four results of a job and
their thumbnails decode the photo once.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.composite import Box, blend_window, composite
from xpaint_desktop.imaging.loading import load_mask
from xpaint_desktop.imaging.prepare import Placement
from xpaint_desktop.library import patches
from xpaint_desktop.library.files import INPUTS_DIR, write_atomic
from xpaint_desktop.library.models import JobRecord, ResultRecord

_CacheKey = tuple[Path, int, Path, int]
_lock = threading.Lock()
_decoding = threading.Lock()  # held while a job's inputs are decoded
_last: tuple[_CacheKey, Image.Image, Image.Image] | None = None


def _key(job: JobRecord) -> _CacheKey:
    return (
        job.base_path,
        job.base_path.stat().st_mtime_ns,
        job.mask_path,
        job.mask_path.stat().st_mtime_ns,
    )


def job_inputs(job: JobRecord) -> tuple[Image.Image, Image.Image]:
    """The job's photo (EXIF orientation applied) and binary mask, decoded once per job."""
    global _last
    try:
        key = _key(job)
    except OSError as exc:
        raise InputError(
            f"The photo or mask of job {job.id} is missing from the library ({exc.filename}); "
            "it may have been moved or deleted outside the app."
        ) from exc
    with _decoding:  # a second caller for the same job waits for the first one's decode
        with _lock:
            if _last is not None and _last[0] == key:
                return _last[1], _last[2]
        original = patches.open_photo(job.base_path)
        mask = load_mask(job.mask_path, original.size, image_path=job.base_path)
        with _lock:
            _last = (key, original, mask)
    return original, mask


def remember_inputs(job: JobRecord, original: Image.Image, mask: Image.Image) -> None:
    """Keep inputs already decoded from the job's own files (by the one who just ran it)."""
    global _last
    try:
        key = _key(job)
    except OSError:
        return
    with _lock:
        _last = (key, original, mask)


def stored_composite(result: ResultRecord) -> Path | None:
    """The composite file an older library stored for `result`, if it is there."""
    path = result.composite_path
    return path if path is not None and path.is_file() else None


def _result_picture(job: JobRecord, result: ResultRecord) -> tuple[Image.Image, Placement]:
    """The result as the service sent it and where it goes; InputError saying what is missing
    when it cannot be put back into its photo."""
    which = f"variant {result.index + 1} of job {job.id}"
    if result.path is None:
        reason = result.message or result.code or "no reason given"
        raise InputError(f"The {which} failed ({reason}); there is no picture.")
    if not job.placement_json:
        raise InputError(
            f"The {which} cannot be put back into its photo: the job does not say where its "
            f"crop came from (it was recovered from its files). Its picture is {result.path}."
        )
    try:
        with Image.open(result.path) as img:
            made = img.convert("RGB")
    except FileNotFoundError:
        raise InputError(
            f"The picture of the {which} is missing from the library folder {job.folder}; it "
            "may have been moved or deleted outside the app."
        ) from None
    except OSError as exc:
        raise InputError(f"The picture of the {which} cannot be read ({exc}).") from exc
    return made, Placement.from_json(job.placement_json)


def composite_image(job: JobRecord, result: ResultRecord) -> Image.Image:
    """The full-resolution composite of `result` (RGB). Raises InputError saying what is
    missing when it cannot be made."""
    stored = stored_composite(result)
    if stored is not None:
        with Image.open(stored) as img:
            return img.convert("RGB")
    made, placement = _result_picture(job, result)
    original, mask = job_inputs(job)
    return composite(original, made, mask, placement, job.spec.feather)


def composite_patch(job: JobRecord, result: ResultRecord) -> tuple[Box, np.ndarray] | None:
    """Where the composite of `result` differs from the job's photo, and its pixels there:
    the box (left, top, right, bottom) and an (h, w, 3) uint8 RGB array, the very pixels
    `composite_image` has in that box; outside it the composite is the photo (`job_inputs`).
    None when the mask weighs nothing in view. InputError as for `composite_image`."""
    made, placement = _result_picture(job, result)
    original, mask = job_inputs(job)
    return blend_window(original, made, mask, placement, job.spec.feather)


def small_picture(path: Path, max_px: int) -> Image.Image:
    """The picture in `path` scaled to fit `max_px` (a JPEG decoded at a reduced scale; a
    patch laid over the photo under it first), EXIF orientation applied, RGB."""
    small: Image.Image
    if patches.is_patch(path):  # the whole picture is the photo under it with the patch laid on
        small = patches.open_photo(path)
    else:
        with Image.open(path) as opened:
            opened.draft("RGB", (max_px, max_px))  # JPEG: decoded at a reduced scale, fast
            small = ImageOps.exif_transpose(opened).convert("RGB")
    small.thumbnail((max_px, max_px), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return small


def preview_image(job: JobRecord, result: ResultRecord, max_px: int) -> Image.Image:
    """The composite scaled to fit `max_px`, made at that scale (for thumbnails: a fraction of
    the cost of the full-resolution one, and the same picture to the eye)."""
    stored = stored_composite(result)
    if stored is not None:
        return small_picture(stored, max_px)
    made, placement = _result_picture(job, result)
    try:
        small = small_picture(job.base_path, max_px)
        with Image.open(job.mask_path) as opened:
            mask = opened.convert("L").resize(small.size, Image.Resampling.BOX)
    except OSError as exc:
        raise InputError(
            f"The photo or mask of job {job.id} cannot be read ({exc}); it may have been moved "
            "or deleted outside the app."
        ) from exc
    w, h = placement.original_size
    sx, sy = small.width / w, small.height / h
    left, top, right, bottom = placement.crop_box
    box = (
        round(left * sx),
        round(top * sy),
        max(round(right * sx), round(left * sx) + 1),
        max(round(bottom * sy), round(top * sy) + 1),
    )
    scaled = Placement(small.size, box, placement.output_size)
    return composite(small, made, mask, scaled, round(job.spec.feather * sx))


def save_composite(job: JobRecord, result: ResultRecord, dest: Path) -> Path:
    """Write the composite to `dest` in the format its suffix names (PNG when there is none,
    JPEG at quality 95); a stored composite of the same format is copied byte for byte."""
    if not dest.suffix:
        dest = dest.with_suffix(".png")
    stored = stored_composite(result)
    if stored is not None and stored.suffix.lower() == dest.suffix.lower():
        write_atomic(dest, stored.read_bytes())
        return dest
    image = composite_image(job, result)
    suffix = dest.suffix.lower()
    buf = io.BytesIO()
    if suffix in (".jpg", ".jpeg"):
        image.save(buf, format="JPEG", quality=95)
    else:
        fmt = Image.registered_extensions().get(suffix, "PNG")
        image.save(buf, format=fmt)
    write_atomic(dest, buf.getvalue())
    return dest


def save_composites(job: JobRecord, dest: Path) -> dict[int, Path]:
    """Every good result's composite: the first to `dest`, the next ones beside it
    (`name-2.png`, ...); where each went, by result index."""
    written: dict[int, Path] = {}
    good = [r for r in sorted(job.results, key=lambda r: r.index) if r.ok]
    for n, result in enumerate(good, start=1):
        target = dest if n == 1 else dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
        written[result.index] = save_composite(job, result, target)
    return written


_BAND_ROWS = 1024  # rows compared at a time: a few tens of MB however large the photo


def photo_patch(root: Path, job: JobRecord, image: Image.Image) -> bytes | None:
    """The photo file to keep for a new job whose picture is `image`, a result of `job` used
    as the new base: a patch over `job`'s photo with the box where they differ (`patches`), or
    `job`'s own photo when nothing differs. None when `image` is not `job`'s photo with a box
    changed (another size) or that photo is not kept under `inputs/` (an older library)."""
    try:
        rel = job.base_path.relative_to(root).as_posix()
    except ValueError:
        return None
    if not rel.startswith(f"{INPUTS_DIR}/"):
        return None
    original, _ = job_inputs(job)
    if original.size != image.size:
        return None
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    width, height = image.size
    left, top, right, bottom = width, height, 0, 0
    for start in range(0, height, _BAND_ROWS):
        band = (0, start, width, min(height, start + _BAND_ROWS))
        differs = np.any(np.asarray(original.crop(band)) != np.asarray(rgb.crop(band)), axis=2)
        rows = np.flatnonzero(differs.any(axis=1))
        if rows.size:
            cols = np.flatnonzero(differs.any(axis=0))
            left, right = min(left, int(cols[0])), max(right, int(cols[-1]) + 1)
            top, bottom = min(top, start + int(rows[0])), max(bottom, start + int(rows[-1]) + 1)
    if right <= left:  # the very photo: kept once
        return job.base_path.read_bytes()
    pixels = rgb.crop((left, top, right, bottom))
    return patches.patch_bytes(rel, image.size, left, top, pixels)
