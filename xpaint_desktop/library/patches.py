"""Photos made here from a result ("use as new base"), kept as what changed.

A result used as the new base is the photo it came from everywhere but in a box: the composite
equals the photo outside the feathered mask. Such a photo is kept as a patch, a PNG of that box
whose text entries name the photo under it and where the box goes, at
`inputs/<2 hex>/<sha256>.patch-of-<sha256 of the photo under it>.png`. `open_photo` lays the
patch over its photo again: bit for bit the picture the job was made from. A 24-megapixel new
base then takes a few MB instead of a 38 MB PNG, and is written in a fraction of the time.

A patch's file name says which photo lies under it, so keeping photos needs no index: a photo
stays while a job names it or a patch lies over it (`patches_over`), and `with_ancestors` lists
every file a photo needs. A patch can lie over a patch (a result of a result), to any depth.
"""

from __future__ import annotations

import io
from pathlib import Path, PurePosixPath

from PIL import Image, PngImagePlugin

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.conversion import to_rgb
from xpaint_desktop.imaging.loading import load_image
from xpaint_desktop.library.files import INPUTS_DIR

PATCH_OF = "xpaint-patch-of"  # the photo under the patch, relative to the library root
PATCH_AT = "xpaint-patch-at"  # "left,top,width,height": where the box goes, the whole size
MARK = ".patch-of-"
_COMPRESS_LEVEL = 3


def digest_of(rel: str | Path) -> str:
    """The SHA-256 a photo is named by (its name up to the first dot)."""
    return PurePosixPath(str(rel)).name.split(".", 1)[0]


def is_patch(rel: str | Path) -> bool:
    return MARK in PurePosixPath(str(rel)).name


def patch_bytes(
    under: str, size: tuple[int, int], left: int, top: int, pixels: Image.Image
) -> bytes:
    """The patch file of `pixels` (RGB) laid at (`left`, `top`) over the photo `under` (a
    library path under `inputs/`), which is `size` in all."""
    if not under.startswith(f"{INPUTS_DIR}/"):
        raise ValueError(f"a patch lies over a photo under {INPUTS_DIR}/, not {under}")
    info = PngImagePlugin.PngInfo()
    info.add_text(PATCH_OF, under)
    info.add_text(PATCH_AT, f"{left},{top},{size[0]},{size[1]}")
    buf = io.BytesIO()
    pixels.convert("RGB").save(buf, format="PNG", pnginfo=info, compress_level=_COMPRESS_LEVEL)
    return buf.getvalue()


def header(img: Image.Image) -> tuple[str, tuple[int, int, int, int]] | None:
    """(the photo under it, (left, top, width, height)) of an opened patch; None otherwise."""
    text = getattr(img, "text", None) or {}
    under, at = text.get(PATCH_OF), text.get(PATCH_AT)
    if not under or not at:
        return None
    try:
        left, top, width, height = (int(v) for v in str(at).split(","))
    except ValueError:
        return None
    return str(under), (left, top, width, height)


def suffix_for(data: bytes) -> str | None:
    """The name ending of a patch's bytes (`.patch-of-<sha>.png`); None for any other file."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            head = header(img) if img.format == "PNG" else None
    except (OSError, SyntaxError, ValueError):
        return None
    return None if head is None else f"{MARK}{digest_of(head[0])}.png"


def under(root: Path, rel: str) -> str | None:
    """The photo a patch lies over (None when `rel` is no patch or cannot be read)."""
    if not is_patch(rel):
        return None
    try:
        with Image.open(root / rel) as img:
            head = header(img)
    except OSError:
        return None
    return None if head is None else head[0]


def with_ancestors(root: Path, rel: str) -> list[str]:
    """`rel` and every photo under it, nearest first."""
    chain = [rel]
    while (below := under(root, chain[-1])) is not None and below not in chain:
        chain.append(below)
    return chain


def patches_over(root: Path, rel: str) -> list[Path]:
    """The patches that lie directly over the photo `rel`."""
    folder = root / INPUTS_DIR
    return sorted(folder.glob(f"*/*{MARK}{digest_of(rel)}.png")) if folder.is_dir() else []


def open_photo(path: Path) -> Image.Image:
    """A job's photo decoded to RGB (EXIF orientation applied), a patch laid over the photo
    under it. InputError says what is missing or wrong."""
    if not is_patch(path):
        return load_image(path, role="image")
    try:
        with Image.open(path) as img:
            head = header(img)
            patch = to_rgb(img) if head is not None else None
    except OSError as exc:
        raise InputError(f"The photo {path.name} in the library cannot be read ({exc}).") from exc
    if head is None or patch is None:
        raise InputError(f"The photo {path.name} in the library is damaged (no placement).")
    below, (left, top, width, height) = head
    root = path.parents[2]  # inputs/<2 hex>/<name>
    photo = open_photo(root / below)
    if photo.size != (width, height) or left + patch.width > width or top + patch.height > height:
        raise InputError(
            f"The photo {path.name} in the library does not fit the photo under it ({below})."
        )
    photo.paste(patch, (left, top))
    return photo
