"""Fixtures for the client tests: a fast-retrying client on the stand-in, and uploaded inputs."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.api import DashScopeClient, PollSchedule

MODEL = "wanx-x-painting"
# Short delays so retries and polls cost milliseconds; the logic is the same as in production.
FAST_POLLS = PollSchedule(first_delay=0.0, min_delay=0.01, max_delay=0.05)


def make_client(server: FakeDashScope, **kwargs: object) -> DashScopeClient:
    options: dict[str, object] = {
        "backoff_base": 0.01,
        "max_backoff": 0.05,
        "schedule": FAST_POLLS,
        "creations_per_second": 50.0,
    }
    options.update(kwargs)
    api_key = str(options.pop("api_key", server.api_key))
    return DashScopeClient(api_key, server.base_url, **options)  # type: ignore[arg-type]


@pytest.fixture
def client(fake_server: FakeDashScope) -> Iterator[DashScopeClient]:
    fake_server.faults.rate_limit_per_s = None
    with make_client(fake_server) as c:
        yield c


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


@dataclass(frozen=True)
class Inputs:
    base_url: str
    mask_url: str
    base: bytes
    mask: bytes


@pytest.fixture
def inputs(client: DashScopeClient, data_dir: Path) -> Inputs:
    """The astronaut photo and a rectangular mask, uploaded to the stand-in."""
    base = (data_dir / "astronaut.png").read_bytes()
    mask_img = Image.new("L", (512, 512), 0)
    ImageDraw.Draw(mask_img).rectangle((100, 100, 300, 260), fill=255)
    mask = png_bytes(mask_img)
    return Inputs(
        client.upload(base, "astronaut.png", MODEL),
        client.upload(mask, "mask.png", MODEL),
        base,
        mask,
    )
