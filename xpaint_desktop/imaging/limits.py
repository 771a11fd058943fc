"""The service's limits, as data, in one place per model.

Validation, image preparation, the UI (counters, combo boxes) and the tests all read these
values; none of them repeats a number. The values for `wanx-x-painting` come from its API
reference; `wanx2.1-imageedit` is listed so a second model is one entry, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MODEL_X_PAINTING = "wanx-x-painting"
MODEL_IMAGEEDIT = "wanx2.1-imageedit"
DEFAULT_MODEL = MODEL_X_PAINTING


@dataclass(frozen=True)
class Style:
    """One output style: the wire value and a readable English name (translated in the UI)."""

    value: str
    name: str
    slug: str


@dataclass(frozen=True)
class ModelLimits:
    """Everything the service accepts for one model."""

    model: str
    prompt_max_chars: int
    min_side: int  # exclusive lower bound per side in px ("greater than 256x256")
    max_side: int  # exclusive upper bound per side in px ("less than 4096x4096")
    max_file_bytes: int
    input_formats: tuple[str, ...]  # Pillow format names the service accepts
    sizes: tuple[str, ...]  # "W*H" output sizes; the first is the default
    n_min: int
    n_max: int
    styles: tuple[Style, ...] = field(default=())
    creations_per_second: float = 2.0
    tasks_in_progress: int = 1
    supports_mask_color: bool = True
    free_quota_images: int | None = None
    task_ttl_seconds: int = 24 * 3600

    @property
    def default_size(self) -> str:
        return self.sizes[0]

    @property
    def style_values(self) -> tuple[str, ...]:
        return tuple(s.value for s in self.styles)

    def size_tuple(self, size: str) -> tuple[int, int]:
        w, h = size.split("*")
        return int(w), int(h)

    def style_by_any_name(self, text: str) -> Style | None:
        """Find a style by wire value (`<oil painting>`), slug (`oil-painting`) or name."""
        t = text.strip().lower()
        for s in self.styles:
            if t in (s.value, s.slug, s.name.lower(), s.value.strip("<>")):
                return s
        return None


X_PAINTING_STYLES: tuple[Style, ...] = (
    Style("<auto>", "Auto", "auto"),
    Style("<3d cartoon>", "3D cartoon", "3d-cartoon"),
    Style("<anime>", "Anime", "anime"),
    Style("<oil painting>", "Oil painting", "oil-painting"),
    Style("<watercolor>", "Watercolour", "watercolor"),
    Style("<sketch>", "Sketch", "sketch"),
    Style("<chinese painting>", "Chinese painting", "chinese-painting"),
    Style("<flat illustration>", "Flat illustration", "flat-illustration"),
)

X_PAINTING = ModelLimits(
    model=MODEL_X_PAINTING,
    prompt_max_chars=75,
    min_side=256,
    max_side=4096,
    max_file_bytes=10 * 1024 * 1024,
    input_formats=("JPEG", "PNG", "BMP"),
    sizes=("1024*1024", "720*1280", "1280*720"),
    n_min=1,
    n_max=4,
    styles=X_PAINTING_STYLES,
    creations_per_second=2.0,
    tasks_in_progress=1,
    supports_mask_color=True,
    free_quota_images=500,
)

IMAGEEDIT = ModelLimits(
    model=MODEL_IMAGEEDIT,
    prompt_max_chars=800,
    min_side=511,
    max_side=4097,
    max_file_bytes=10 * 1024 * 1024,
    input_formats=("JPEG", "PNG", "BMP", "WEBP", "TIFF"),
    sizes=("1024*1024",),
    n_min=1,
    n_max=4,
    styles=(),
    creations_per_second=2.0,
    tasks_in_progress=2,
    supports_mask_color=False,
)

MODELS: dict[str, ModelLimits] = {m.model: m for m in (X_PAINTING, IMAGEEDIT)}

# Our own limits (not the service's): feathering of the pasted result, in px.
FEATHER_MIN_PX = 0
FEATHER_MAX_PX = 64

# Local image formats we read and convert (the service's own list is narrower).
READABLE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff")


def limits_for(model: str) -> ModelLimits:
    try:
        return MODELS[model]
    except KeyError:
        raise KeyError(f"unknown model {model!r}; known: {', '.join(MODELS)}") from None


# The largest photo the app opens (width x height): a 108-megapixel phone photo fits. Beyond it
# a photo is refused with this number instead of risking the memory of the machine. Pillow's
# decompression-bomb guard is set to the same figure (`imaging.loading`), so no library warning
# reaches the person below it.
MAX_PIXELS = 120_000_000
