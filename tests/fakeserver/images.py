"""Input images in, result images out: what the model would do, minus the model.

Inputs are checked by the model's rules (format, 256-4096 or 512-4096 px, 10 MB, mask resolution
equal to the base). A result is the base image scaled to the output size (wanx-x-painting) or at
its own size (wanx2.1-imageedit), with the masked area painted in a striped colour derived from
the prompt, style or seed, and result index; every pixel outside the mask is the (scaled) base,
so a client's compositing can be checked exactly. An imageedit task without a seed gets a
random one, so only a repeated seed repeats a result; a watermark is a white block in the
lower right corner.
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

import numpy as np
from PIL import Image, UnidentifiedImageError

from tests.fakeserver import protocol
from tests.fakeserver.tasks import Inputs, TaskInput

log = logging.getLogger(__name__)

FETCH_TIMEOUT_S = 5.0
DOWNLOAD_FAILED = "BadRequest.InputDownloadFailed"

OssReader = Callable[[str], bytes | None]


class InputFailure(Exception):
    """An input image that cannot be used; `code`/`message` end up in the FAILED task."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def fetch(url: str, read_oss: OssReader) -> bytes:
    """Download one input: `oss://` from the upload store, http(s) from loopback hosts only."""
    if url.startswith("oss://"):
        data = read_oss(url.removeprefix("oss://"))
        if data is None:
            raise InputFailure(DOWNLOAD_FAILED, f"Failed to download the input file: {url}")
        return data
    host = urlsplit(url).hostname or ""
    if not is_loopback(host):
        raise InputFailure(
            DOWNLOAD_FAILED, f"Failed to download the input file: {url} (host not reachable)"
        )
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_S) as resp:
            return bytes(resp.read(protocol.MAX_IMAGE_BYTES + 1))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise InputFailure(
            DOWNLOAD_FAILED, f"Failed to download the input file: {url} ({exc})"
        ) from exc


def decode(data: bytes, role: str, rules: protocol.ModelRules = protocol.X_PAINTING) -> Image.Image:
    """Decode and check one input image against the model's limits."""
    if len(data) > protocol.MAX_IMAGE_BYTES:
        raise InputFailure("InvalidParameter", f"The {role} exceeds the size limit of 10MB.")
    try:
        img = Image.open(io.BytesIO(data))
        fmt = img.format or ""
        img.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputFailure("InvalidParameter", f"The {role} could not be decoded.") from exc
    if fmt not in rules.formats:
        raise InputFailure(
            "InvalidParameter",
            f"The {role} format {fmt or 'unknown'} is not supported; use "
            f"{', '.join(rules.formats)}.",
        )
    w, h = img.size
    lo, hi = rules.side_range
    if not (lo <= w <= hi and lo <= h <= hi):
        raise InputFailure(
            "InvalidParameter",
            f"The {role} resolution {w}x{h} is invalid: each side must be from {lo} to {hi} "
            "pixels.",
        )
    return img


def load_inputs(req: TaskInput, read_oss: OssReader) -> Inputs:
    """Fetch and check both images of a task; never raises."""
    try:
        base_bytes = fetch(req.base_image_url, read_oss)
        mask_bytes = fetch(req.mask_image_url, read_oss)
        base = decode(base_bytes, "base image", req.rules)
        mask = decode(mask_bytes, "mask image", req.rules)
    except InputFailure as exc:
        return Inputs(failure=(exc.code, exc.message))
    except Exception as exc:  # the stand-in must answer, whatever breaks
        log.exception("input loading failed")
        return Inputs(failure=("InternalError", f"{protocol.MSG_INTERNAL} ({exc})"))
    if mask.size != base.size:
        return Inputs(
            failure=(
                "InvalidParameter",
                f"The mask image resolution {mask.size[0]}x{mask.size[1]} does not match the "
                f"base image resolution {base.size[0]}x{base.size[1]}.",
            )
        )
    digest = hashlib.sha256(hashlib.sha256(base_bytes).digest() + mask_bytes).hexdigest()
    return Inputs(base=base, mask=mask, digest=digest)


def repaint_mask(mask: Image.Image, mask_color: tuple[tuple[int, int, int], ...]) -> np.ndarray:
    """Boolean array, True = repaint: binarised (white) without colours, else the listed colours."""
    if not mask_color:
        return np.asarray(mask.convert("L")) > 127
    rgb = np.asarray(mask.convert("RGB")).astype(np.int16)
    hit = np.zeros(rgb.shape[:2], dtype=bool)
    for colour in mask_color:
        hit |= np.all(rgb == np.array(colour, dtype=np.int16), axis=2)
    return hit


def fill_colour(prompt: str, style: str, index: int) -> tuple[int, int, int]:
    digest = hashlib.sha256(f"{prompt}\x00{style}\x00{index}".encode()).digest()
    return digest[0], digest[1], digest[2]


def render_result(req: TaskInput, inputs: Inputs, index: int, seed: int = 0) -> bytes:
    """PNG bytes of result `index`: scaled base, masked area painted with stripes.

    `seed` is the task's seed (the sent one, or the one the server drew) for models that take
    one; it decides the colour instead of the style.
    """
    assert inputs.base is not None and inputs.mask is not None
    if req.size:
        w, h = (int(v) for v in req.size.split("*"))
    else:
        w, h = inputs.base.size
    base = np.asarray(inputs.base.convert("RGB").resize((w, h), Image.Resampling.BICUBIC))
    hit = repaint_mask(inputs.mask, req.mask_color)
    hit_img = Image.fromarray(hit.astype(np.uint8) * 255).resize((w, h), Image.Resampling.NEAREST)
    hit = np.asarray(hit_img) > 0
    varies_by = f"seed {seed}" if req.rules.takes_seed else req.style
    colour = np.array(fill_colour(req.prompt, varies_by, index), dtype=np.uint8)
    yy, xx = np.mgrid[0:h, 0:w]
    stripes = ((xx + yy * (index + 1)) // 16) % 2 == 0
    paint = np.where(stripes[..., None], colour, colour // 2)
    out = np.where(hit[..., None], paint, base).astype(np.uint8)
    if req.watermark:
        out[h - max(8, h // 20) :, w - max(24, w // 8) :] = 255
    buf = io.BytesIO()
    Image.fromarray(out).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()
