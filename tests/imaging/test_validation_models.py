"""Validation by the chosen model's rules: seed, watermark, size, region."""

from __future__ import annotations

import pytest

from xpaint_desktop.errors import ConfigError, InputError
from xpaint_desktop.imaging.limits import IMAGEEDIT, MODELS, X_PAINTING, models_in
from xpaint_desktop.imaging.validation import check_region, check_seed, validate_spec
from xpaint_desktop.spec import JobSpec


def test_seed_range_is_the_documented_one() -> None:
    assert check_seed(0, IMAGEEDIT) == 0
    assert check_seed(2147483647, IMAGEEDIT) == 2147483647
    for bad in (-1, 2147483648, 1.5, True, "7"):
        with pytest.raises(InputError, match="seed"):
            check_seed(bad, IMAGEEDIT)
    assert check_seed(None, X_PAINTING) is None
    with pytest.raises(InputError, match="takes no seed"):
        check_seed(1, X_PAINTING)


def test_watermark_defaults_to_the_models_own() -> None:
    spec = JobSpec(prompt="a hat", model=IMAGEEDIT.model)
    assert validate_spec(spec, IMAGEEDIT).watermark is False
    assert validate_spec(spec.with_changes(watermark=True), IMAGEEDIT).watermark is True
    painting = JobSpec(prompt="a hat")
    assert validate_spec(painting, X_PAINTING).watermark is None
    assert validate_spec(painting.with_changes(watermark=False), X_PAINTING).watermark is None
    with pytest.raises(InputError, match="no watermark"):
        validate_spec(painting.with_changes(watermark=True), X_PAINTING)


def test_prompt_limit_follows_the_model() -> None:
    assert (X_PAINTING.prompt_max_chars, IMAGEEDIT.prompt_max_chars) == (75, 800)


def test_regions_offer_what_the_documentation_says() -> None:
    assert [m.model for m in models_in("beijing")] == list(MODELS)
    assert models_in("international") == ()
    check_region(IMAGEEDIT, "beijing")
    check_region(IMAGEEDIT, "custom")  # a compatible server: not known, not refused
    with pytest.raises(ConfigError, match="Beijing region only") as caught:
        check_region(IMAGEEDIT, "international")
    assert caught.value.code == "ModelNotInRegion"


def test_only_the_successor_has_a_price_and_it_is_dated() -> None:
    assert X_PAINTING.price is None and X_PAINTING.free_quota_images == 500
    price = IMAGEEDIT.price
    assert price is not None and price.currency == "USD"
    assert price.cost(4) == pytest.approx(4 * 0.02007)
    assert price.read_on.year >= 2026 and price.source.startswith("https://")
