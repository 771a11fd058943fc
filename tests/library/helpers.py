"""Small builders shared by the library tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PIL import Image

from xpaint_desktop.library.store import NewJob
from xpaint_desktop.spec import JobSpec

TINY = Image.new("RGB", (8, 6), (200, 30, 30))
TINY_MASK = Image.new("L", (8, 6), 255)


def make_spec(prompt: str = "a cat wearing a hat", **changes: Any) -> JobSpec:
    return JobSpec(prompt=prompt).with_changes(**changes)


def new_job(
    prompt: str = "a cat wearing a hat",
    *,
    created_at: datetime | None = None,
    source_name: str = "tiny.png",
    **changes: Any,
) -> NewJob:
    return NewJob(make_spec(prompt, **changes), TINY, TINY_MASK, source_name, created_at)
