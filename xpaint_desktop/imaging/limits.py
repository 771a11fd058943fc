"""The service's limits, as data, in one place per model.

Validation, image preparation, the UI (counters, combo boxes), the command line and the tests
all read these values; none of them repeats a number. Where each value was read is written in
`docs/models.md`: `wanx-x-painting` from its API reference, `wanx2.1-imageedit` from Model
Studio's "General image editing - Wan2.1" guide and API reference pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

MODEL_X_PAINTING = "wanx-x-painting"
MODEL_IMAGEEDIT = "wanx2.1-imageedit"
DEFAULT_MODEL = MODEL_X_PAINTING


@dataclass(frozen=True)
class Style:
    """One output style: the wire value and a readable English name (translated in the UI)."""

    value: str
    name: str
    slug: str


class OutputRule(StrEnum):
    """How the service sizes its output images."""

    FIXED_SIZES = "fixed"  # one of `sizes`, chosen with `parameters.size`
    SAME_AS_INPUT = "input"  # no size parameter: the result has the input's size


# Region names as the settings store them (`Settings.region`); their endpoints live there.
BEIJING = "beijing"
INTERNATIONAL = "international"


@dataclass(frozen=True)
class Price:
    """What one generated image costs, and when and where that was read."""

    per_image: float
    currency: str
    read_on: date
    source: str

    def cost(self, images: int) -> float:
        return round(self.per_image * images, 6)


@dataclass(frozen=True)
class ModelLimits:
    """Everything the service accepts for one model."""

    model: str
    prompt_max_chars: int
    min_side: int  # exclusive lower bound per side in px ("greater than 256x256")
    max_side: int  # exclusive upper bound per side in px ("less than 4096x4096")
    max_file_bytes: int
    input_formats: tuple[str, ...]  # Pillow format names the service accepts
    sizes: tuple[str, ...]  # "W*H" output sizes (FIXED_SIZES only); the first is the default
    n_min: int
    n_max: int
    styles: tuple[Style, ...] = field(default=())
    output: OutputRule = OutputRule.FIXED_SIZES
    function: str | None = None  # `input.function`, for models that do several things
    seed_range: tuple[int, int] | None = None  # inclusive; None: the model takes no seed
    watermark_default: bool | None = None  # None: the model takes no watermark parameter
    creations_per_second: float = 2.0
    tasks_in_progress: int = 1
    supports_mask_color: bool = True
    free_quota_images: int | None = None  # a one-off trial, not renewed
    price: Price | None = None  # None: no paid option
    regions: tuple[str, ...] = (BEIJING,)  # where the model is offered
    task_ttl_seconds: int = 24 * 3600

    @property
    def default_size(self) -> str:
        return self.sizes[0] if self.sizes else ""

    @property
    def takes_size(self) -> bool:
        return self.output is OutputRule.FIXED_SIZES

    @property
    def takes_seed(self) -> bool:
        return self.seed_range is not None

    @property
    def takes_watermark(self) -> bool:
        return self.watermark_default is not None

    @property
    def is_paid(self) -> bool:
        return self.price is not None

    def offered_in(self, region: str) -> bool:
        return region in self.regions

    def side_range(self) -> tuple[int, int]:
        """The smallest and largest side in px an input image may have (both inclusive)."""
        return self.min_side + 1, self.max_side - 1

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
    output=OutputRule.FIXED_SIZES,
    creations_per_second=2.0,
    tasks_in_progress=1,
    supports_mask_color=True,
    free_quota_images=500,
    price=None,
    regions=(BEIJING,),
)

IMAGEEDIT_FUNCTION = "description_edit_with_mask"

IMAGEEDIT = ModelLimits(
    model=MODEL_IMAGEEDIT,
    prompt_max_chars=800,
    min_side=511,  # 512 to 4096 px per side, both allowed
    max_side=4097,
    max_file_bytes=10 * 1024 * 1024,
    input_formats=("JPEG", "PNG", "BMP", "WEBP", "TIFF"),
    sizes=(),
    n_min=1,
    n_max=4,
    styles=(),
    output=OutputRule.SAME_AS_INPUT,
    function=IMAGEEDIT_FUNCTION,
    seed_range=(0, 2147483647),
    watermark_default=False,
    creations_per_second=2.0,
    tasks_in_progress=2,
    supports_mask_color=False,
    free_quota_images=None,
    price=Price(
        per_image=0.020070,
        currency="USD",
        read_on=date(2026, 12, 2),
        source="https://www.alibabacloud.com/help/en/model-studio/wanx-image-edit",
    ),
    regions=(BEIJING,),
)

MODELS: dict[str, ModelLimits] = {m.model: m for m in (X_PAINTING, IMAGEEDIT)}

# The model a job moves to when the free trial of `wanx-x-painting` is used up.
SUCCESSOR: dict[str, str] = {MODEL_X_PAINTING: MODEL_IMAGEEDIT}

# The most tasks any model lets one account have in progress: how many jobs may run at once.
MAX_TASKS_IN_PROGRESS = max(m.tasks_in_progress for m in MODELS.values())


# Our own limits (not the service's): feathering of the pasted result, in px.
FEATHER_MIN_PX = 0
FEATHER_MAX_PX = 64

# Local image formats we read and convert (the service's own list is narrower).
READABLE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff")


def models_in(region: str) -> tuple[ModelLimits, ...]:
    """The models a region offers, in the order of `MODELS`."""
    return tuple(m for m in MODELS.values() if m.offered_in(region))


def limits_for(model: str) -> ModelLimits:
    try:
        return MODELS[model]
    except KeyError:
        raise KeyError(f"unknown model {model!r}; known: {', '.join(MODELS)}") from None


def tasks_in_progress_allowed(setting: int, model: str | None = None) -> int:
    """The one tasks-in-progress rule: how many of `model`'s tasks may be in progress at once.

    The service allows each model its own number (`ModelLimits.tasks_in_progress`); the
    person's tasks-in-progress setting raises it for an account the service allows more, and
    never lowers it below the model's own. With no model: the most over every model, which is
    how many jobs the runner runs at once (each model then keeps to its own number).
    """
    own = MAX_TASKS_IN_PROGRESS if model is None else limits_for(model).tasks_in_progress
    return max(1, own, int(setting))


# The largest photo the app opens (width x height): a 108-megapixel phone photo fits. Beyond it
# a photo is refused with this number instead of risking the memory of the machine. Pillow's
# decompression-bomb guard is set to the same figure (`imaging.loading`), so no library warning
# reaches the person below it.
MAX_PIXELS = 120_000_000
