"""Classical inpainting (OpenCV, Telea) for the offline engine.

It needs no network, no key and no quota, and removes small blemishes, wires and text well;
it cannot invent new content, so it ignores the prompt. It runs on the prepared crop (at most
about a megapixel), which keeps it to a second or two even for large masks.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

DEFAULT_RADIUS_PX = 5


def local_inpaint(
    image: Image.Image, mask: Image.Image, radius: int = DEFAULT_RADIUS_PX
) -> Image.Image:
    """Fill the painted area of `mask` (binary "L", same size) from its surroundings."""
    if image.size != mask.size:
        raise ValueError(f"image {image.size} and mask {mask.size} differ in size")
    if radius < 1:
        raise ValueError(f"inpainting radius must be at least 1 px, not {radius}")
    rgb = np.asarray(image.convert("RGB"))
    painted = (np.asarray(mask.convert("L")) > 127).astype(np.uint8) * 255
    filled = cv2.inpaint(rgb, painted, float(radius), cv2.INPAINT_TELEA)
    return Image.fromarray(filled)
