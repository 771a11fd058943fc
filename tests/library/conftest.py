"""Fixtures for the library tests: a real library folder per test and real images."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from xpaint_desktop.library.store import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library") as lib:
        yield lib


@pytest.fixture
def photo(data_dir: Path) -> Image.Image:
    with Image.open(data_dir / "chelsea.png") as img:
        return img.convert("RGB")


@pytest.fixture
def photo_mask(photo: Image.Image) -> Image.Image:
    mask = Image.new("L", photo.size, 0)
    mask.paste(255, (100, 50, 300, 200))
    return mask
