"""Check a job's parameters against the model's limits before anything is stored or sent.

The service answers a bad parameter with a terse `InvalidParameter` after an upload and a
round trip; checking here gives the person a sentence naming the parameter, the allowed
values and what to do, at once. Friendly spellings are accepted and normalised to the wire
values, so the command line can say `--style oil-painting`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from xpaint_desktop.errors import ConfigError, InputError
from xpaint_desktop.imaging.limits import (
    BEIJING,
    FEATHER_MAX_PX,
    FEATHER_MIN_PX,
    INTERNATIONAL,
    ModelLimits,
    models_in,
)
from xpaint_desktop.spec import SIZE_AUTO, EngineKind, JobSpec

if TYPE_CHECKING:
    from xpaint_desktop.imaging.masks import Colour

_HEX_COLOUR = re.compile(r"#?([0-9a-fA-F]{6})")


@dataclass(frozen=True)
class PromptCheck:
    """What the service will read of a prompt (`sent`) and what it silently drops (`cut`)."""

    sent: str
    cut: str

    @property
    def is_cut(self) -> bool:
        return bool(self.cut)


def check_prompt(prompt: str, limits: ModelLimits) -> PromptCheck:
    """Split a prompt at the service's limit, counted in characters (not bytes)."""
    n = limits.prompt_max_chars
    return PromptCheck(sent=prompt[:n], cut=prompt[n:])


def validate_spec(spec: JobSpec, limits: ModelLimits) -> JobSpec:
    """Return `spec` with normalised values, or raise `InputError` for the first bad one."""
    return spec.with_changes(
        prompt=_check_prompt_present(spec.prompt, spec.engine, limits),
        style=normalise_style(spec.style, limits),
        size=normalise_size(spec.size, limits),
        n=_check_n(spec.n, limits),
        seed=check_seed(spec.seed, limits),
        watermark=_check_watermark(spec.watermark, limits),
        mask_color=tuple(_check_colour(c) for c in spec.mask_color),
        feather=_check_feather(spec.feather),
    )


REGION_NAMES = {BEIJING: "Beijing", INTERNATIONAL: "International (Singapore)"}


def check_region(limits: ModelLimits, region: str) -> None:
    """Raise `ConfigError` if the chosen endpoint's region does not offer the model.

    A custom endpoint (a compatible server, a proxy) is not known here and always passes.
    """
    if region not in REGION_NAMES or limits.offered_in(region):
        return
    where = ", ".join(REGION_NAMES.get(r, r) for r in limits.regions)
    others = ", ".join(m.model for m in models_in(region)) or "none of the models this app uses"
    raise ConfigError(
        f"{limits.model} is offered in the {where} region only, but the endpoint chosen is "
        f"{REGION_NAMES[region]} (which offers {others}). Choose the {where} endpoint in "
        "Preferences (with a key from that region), or another model.",
        code="ModelNotInRegion",
    )


def check_seed(seed: object, limits: ModelLimits) -> int | None:
    """The seed as sent, or None; raise `InputError` for a model without one or out of range."""
    if seed is None:
        return None
    if limits.seed_range is None:
        raise InputError(
            f"seed: model {limits.model} takes no seed; leave it out (choose "
            "wanx2.1-imageedit to repeat a result with a seed)"
        )
    low, high = limits.seed_range
    if isinstance(seed, bool) or not isinstance(seed, int) or not low <= seed <= high:
        raise InputError(f"seed is {seed!r}: choose a whole number from {low} to {high}")
    return seed


def normalise_style(style: str, limits: ModelLimits) -> str:
    """The wire value for `<anime>`, `anime`, `Oil painting`, `oil-painting` and the like."""
    if not limits.styles:
        if style.strip().strip("<>").lower() in ("", "auto"):
            return ""
        raise InputError(
            f"style {style!r}: model {limits.model} has no styles; leave the style on auto"
        )
    found = limits.style_by_any_name(style)
    if found is None:
        allowed = ", ".join(s.slug for s in limits.styles)
        raise InputError(f"style {style!r} is not known: choose one of {allowed}")
    return found.value


def normalise_size(size: str, limits: ModelLimits) -> str:
    """ "auto" or one of the model's sizes in wire form ("1024*1024"); "1024x1024" is accepted."""
    text = size.strip().lower()
    if text == SIZE_AUTO:
        return SIZE_AUTO
    if not limits.takes_size:
        raise InputError(
            f"size {size!r}: model {limits.model} takes no output size (its results have the "
            "size of the region sent); leave the size on auto"
        )
    wire = re.sub(r"\s*[x×*]\s*", "*", text)
    if wire in limits.sizes:
        return wire
    allowed = ", ".join((SIZE_AUTO, *limits.sizes))
    raise InputError(f"size {size!r} is not offered by {limits.model}: choose one of {allowed}")


def parse_mask_color(text: str) -> Colour:
    """Parse "134,134,134" (or "134 134 134", "#868686") into an RGB triple."""
    raw = text.strip()
    hex_match = _HEX_COLOUR.fullmatch(raw)
    if hex_match:
        v = int(hex_match.group(1), 16)
        return (v >> 16) & 255, (v >> 8) & 255, v & 255
    parts = [p for p in re.split(r"[\s,;]+", raw.strip("()[]")) if p]
    try:
        values = tuple(int(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 3:
        raise InputError(
            f"mask colour {text!r} is not valid: write three numbers 0-255 separated by "
            "commas, e.g. 134,134,134"
        )
    return _check_colour(values)


def check_mask_size(
    mask_size: Sequence[int],
    image_size: Sequence[int],
    name: str = "",
    image_name: Path | str | None = None,
) -> None:
    """Raise `InputError` unless a mask has exactly the size of its image."""
    if tuple(mask_size) == tuple(image_size):
        return
    mask = f"mask {name}" if name else "the mask"
    image = f"the image {image_name}" if image_name is not None else "the image"
    raise InputError(
        f"{mask} is {_px(mask_size)} but {image} is {_px(image_size)}: the mask must have the "
        "same size as the image"
    )


def _px(size: Sequence[int]) -> str:
    return f"{size[0]}x{size[1]} px"


def check_mask_not_empty(
    mask: Image.Image, name: str = "", mask_color: Sequence[Colour] = ()
) -> None:
    """Raise `InputError` if a binary mask has nothing to repaint."""
    from xpaint_desktop.imaging.masks import mask_is_empty  # numpy, when a mask is checked

    if mask_is_empty(mask):
        raise empty_mask_error(name, mask_color)


def empty_mask_error(name: str = "", mask_color: Sequence[Colour] = ()) -> InputError:
    """What is said of a mask with nothing to repaint (for a caller that found it empty)."""
    mask = f"mask {name}" if name else "the mask"
    if mask_color:
        colours = "; ".join(",".join(str(v) for v in c) for c in mask_color)
        return InputError(
            f"{mask} has no painted pixels: no pixel has the mask colour {colours}; "
            "check the colour values or paint with one of them"
        )
    return InputError(
        f"{mask} has no painted pixels: paint the area to repaint in white "
        "(or opaque on a transparent layer)"
    )


def _check_prompt_present(prompt: str, engine: EngineKind, limits: ModelLimits) -> str:
    text = prompt.strip()
    if not text and engine is EngineKind.CLOUD:
        raise InputError(
            "prompt is empty: describe what to paint in the masked area "
            f"(up to {limits.prompt_max_chars} characters)"
        )
    return text


def _check_n(n: object, limits: ModelLimits) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not limits.n_min <= n <= limits.n_max:
        raise InputError(
            f"n (number of images) is {n!r}: choose a whole number from {limits.n_min} "
            f"to {limits.n_max}"
        )
    return n


def _check_watermark(watermark: object, limits: ModelLimits) -> bool | None:
    if limits.watermark_default is None:
        if watermark:
            raise InputError(
                f"watermark: model {limits.model} adds no watermark and takes no watermark "
                "setting; leave it out"
            )
        return None
    if watermark is None:
        return limits.watermark_default
    if not isinstance(watermark, bool):
        raise InputError(f"watermark is {watermark!r}: choose on or off")
    return watermark


def _check_colour(colour: Sequence[object]) -> Colour:
    ok = len(colour) == 3 and all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 255 for v in colour
    )
    if not ok:
        raise InputError(
            f"mask colour {tuple(colour)!r} is not valid: each colour needs three whole "
            "numbers 0-255 (red, green, blue), e.g. 134,134,134"
        )
    r, g, b = colour
    return int(r), int(g), int(b)  # type: ignore[call-overload]


def _check_feather(feather: object) -> int:
    if (
        isinstance(feather, bool)
        or not isinstance(feather, int)
        or not FEATHER_MIN_PX <= feather <= FEATHER_MAX_PX
    ):
        raise InputError(
            f"feather is {feather!r}: choose a whole number of pixels from {FEATHER_MIN_PX} "
            f"to {FEATHER_MAX_PX} (0 = hard edge)"
        )
    return feather
