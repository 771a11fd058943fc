"""A job's inputs on disk: the photo kept once as the person's own bytes, the mask as 1 bit.

A photo lives under `inputs/<2 hex>/<sha256>.<ext>`, named by the SHA-256 of its bytes, so a
photo used by ten jobs is stored once, and kept exactly as the person's file: a JPEG stays that
JPEG, and its EXIF orientation is applied whenever it is decoded, as for the file itself. The
job's row and its `job.json` name it (`base_file`); the job's mask, a 1-bit PNG in the job's
folder, names it too (a PNG text entry), so a job rebuilt from its files alone finds it again.

A photo goes when the last job that names it is deleted, decided inside the deletion's write
transaction so no creation can start using it meanwhile. Libraries from before kept a lossless
`base.png` in every job folder; opening one moves those under `inputs/` (a hard link, so nothing
is copied or re-encoded, and each distinct picture is kept once).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
import uuid
from pathlib import Path

from PIL import Image, PngImagePlugin

from xpaint_desktop.library import patches
from xpaint_desktop.library.files import INPUTS_DIR, TMP_SUFFIX, TRASH_PREFIX, fsync_dir

log = logging.getLogger(__name__)

LEGACY_BASE = "base.png"  # the photo in a job folder of a library from before `inputs/`
PHOTO_KEY = "xpaint-input"  # the mask's PNG text entry naming the job's photo
_MASK_COMPRESS_LEVEL = 1  # zlib's fastest: a 24 MP mask in a few tens of kB either way
_HASH_CHUNK = 1 << 20

_PHOTO_FORMATS = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp", "BMP": ".bmp"}
_PHOTO_FORMATS |= {"TIFF": ".tif"}


def _photo_rel(digest: str, ext: str) -> str:
    return f"{INPUTS_DIR}/{digest[:2]}/{digest}{ext}"


def photo_file(data: bytes) -> str:
    """Where a photo's bytes are kept, relative to the library root (named by their SHA-256;
    a patch's name also names the photo under it, `patches`)."""
    ext = patches.suffix_for(data)
    if ext is None:
        try:
            with Image.open(io.BytesIO(data)) as img:
                ext = _PHOTO_FORMATS.get(img.format or "", ".img")
        except (OSError, SyntaxError, ValueError):
            ext = ".img"
    return _photo_rel(hashlib.sha256(data).hexdigest(), ext)


def mask_bytes(mask: Image.Image, photo: str | None = None) -> bytes:
    """A binary mask as a 1-bit PNG naming its photo: lossless for a mask that is 0 or 255, a
    few kB to a few hundred kB even at 24 megapixels."""
    info = PngImagePlugin.PngInfo()
    if photo is not None:
        info.add_text(PHOTO_KEY, photo)
    buf = io.BytesIO()
    # without dithering, "1" is the threshold itself: 128 and above are painted
    binary = mask.convert("L").convert("1", dither=Image.Dither.NONE)
    binary.save(buf, format="PNG", compress_level=_MASK_COMPRESS_LEVEL, pnginfo=info)
    return buf.getvalue()


def photo_named_by_mask(mask_path: Path) -> str | None:
    """The photo a job's mask names (None for masks of older libraries or unreadable ones)."""
    try:
        with Image.open(mask_path) as img:
            named = img.info.get(PHOTO_KEY)
    except (OSError, SyntaxError, ValueError):
        return None
    if isinstance(named, str) and named.startswith(f"{INPUTS_DIR}/") and ".." not in named:
        return named
    return None


def stored_photos(root: Path) -> list[str]:
    """Every photo kept under `inputs/`, relative to `root` (temporary and trash files left out)."""
    folder = root / INPUTS_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p.relative_to(root).as_posix()
        for p in folder.glob("*/*")
        if p.is_file() and not p.name.startswith(".")
    )


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def place_legacy_photo(root: Path, folder: str) -> str | None:
    """Keep `folder/base.png` under `inputs/` too (a hard link, else a copy); where, or None
    when the folder has no `base.png`. The job folder's file stays until the row names the new
    place, so a crash in between loses nothing."""
    source = root / folder / LEGACY_BASE
    if not source.is_file():
        return None
    rel = _photo_rel(_file_digest(source), ".png")
    target = root / rel
    if target.is_file():
        return rel
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}{TMP_SUFFIX}")
    try:
        try:
            os.link(source, tmp)
        except OSError:  # no hard links here (another file system, FAT): copy it
            shutil.copyfile(source, tmp)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return rel


def set_photo_aside(path: Path) -> Path | None:
    """Rename a photo no job names any more to a trash name (the decision to remove it)."""
    aside = path.with_name(f"{TRASH_PREFIX}{path.name}-{uuid.uuid4().hex[:8]}")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return None
    return aside


def sweep_inputs(root: Path) -> None:
    """Finish removals of photos set aside and temporary files of unfinished writes (call it
    only while alone with the library)."""
    folder = root / INPUTS_DIR
    if not folder.is_dir():
        return
    for entry in folder.glob("*/.*"):
        if entry.name.startswith(TRASH_PREFIX) or entry.name.endswith(TMP_SUFFIX):
            entry.unlink(missing_ok=True)
            log.info("removed %s, left by an unfinished step", entry.name)
