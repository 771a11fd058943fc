"""A runner whose cloud engine retries, polls and settles in milliseconds (same logic)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.api import DashScopeClient, PollSchedule
from xpaint_desktop.engines.base import Engine
from xpaint_desktop.engines.cloud import CloudEngine
from xpaint_desktop.engines.local import LocalEngine
from xpaint_desktop.engines.reconcile import SettlePolicy
from xpaint_desktop.jobs.runner import JobEvent, JobRunner
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import Settings
from xpaint_desktop.spec import EngineKind

FAST_SETTLE = SettlePolicy(
    clock_margin=timedelta(seconds=2),
    list_settle=timedelta(seconds=0.5),
    in_flight=timedelta(seconds=3),
    recheck=timedelta(seconds=0.1),
)
FAST_POLLS = PollSchedule(first_delay=0.0, min_delay=0.01, max_delay=0.05)
REQUEST_TIMEOUT_S = 1.0


def fast_client(api_key: str, settings: Settings) -> DashScopeClient:
    return DashScopeClient(
        api_key,
        settings.base_url(),
        timeout=REQUEST_TIMEOUT_S,
        backoff_base=0.01,
        max_backoff=0.1,
        max_retries=8,
        schedule=FAST_POLLS,
        creations_per_second=settings.creations_per_second,
    )


def fast_engines(
    settings: Settings, settle: SettlePolicy = FAST_SETTLE
) -> dict[EngineKind, Engine]:
    cloud = CloudEngine(
        settings,
        ApiKeyStore(settings),
        fast_client,
        settle_policy=settle,
        unknown_rechecks_s=(0.05, 0.1),
        long_wait_report_s=0.2,
    )
    return {EngineKind.CLOUD: cloud, EngineKind.LOCAL: LocalEngine()}


def fast_runner(
    library: Library,
    events: list[JobEvent] | None = None,
    *,
    in_progress: int = 1,
    settle: SettlePolicy = FAST_SETTLE,
) -> JobRunner:
    settings = Settings(tasks_in_progress=in_progress)
    return JobRunner(
        library,
        settings=settings,
        key_store=ApiKeyStore(settings),
        engines=fast_engines(settings, settle),
        on_event=(events.append if events is not None else None),
    )


def inputs(data_dir: Path, name: str = "coffee.png") -> tuple[Image.Image, Image.Image]:
    base = Image.open(data_dir / name).convert("RGB")
    mask = Image.new("L", base.size, 0)
    w, h = base.size
    ImageDraw.Draw(mask).ellipse((w // 3, h // 4, w // 2, h // 2), fill=255)
    return base, mask


def task_from_another_device(server: FakeDashScope, data_dir: Path) -> str:
    """A task made by another device of the same account (another key), with its own inputs."""
    from tests.api.conftest import png_bytes

    key = server.other_keys[0]
    base, mask = inputs(data_dir)
    with DashScopeClient(key, server.base_url, creations_per_second=50) as other:
        base_url = other.upload(png_bytes(base), "b.png", "wanx-x-painting")
        mask_url = other.upload(png_bytes(mask), "m.png", "wanx-x-painting")
        return other.create_task("wanx-x-painting", "a dog", base_url, mask_url).task_id
