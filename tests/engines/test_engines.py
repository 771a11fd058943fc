"""Each engine on its own: what it sends, what it returns, what it says."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.engines.base import EngineContext
from xpaint_desktop.engines.cloud import CloudEngine
from xpaint_desktop.engines.local import PROMPT_NOTICE, LocalEngine
from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.imaging.prepare import PreparedImages, prepare
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import Settings
from xpaint_desktop.spec import ContextMode, EngineKind, JobSpec


def _job(
    tmp_path: Path, data_dir: Path, spec: JobSpec
) -> tuple[Library, EngineContext, PreparedImages]:
    base = Image.open(data_dir / "chelsea.png").convert("RGB")
    mask = Image.new("L", base.size, 0)
    ImageDraw.Draw(mask).rectangle((150, 80, 260, 190), fill=255)
    library = Library(tmp_path / "lib")
    job = library.create_job(spec, base, mask, "猫.png")
    prepared = prepare(base, mask, size="auto", context=ContextMode.AUTO, limits=X_PAINTING)
    library.set_placement(job.id, prepared.placement.to_json())
    stages: list[JobStatus] = []
    ctx = EngineContext(library.get_job(job.id), lambda s, _m: stages.append(s), lambda: False)
    return library, ctx, prepared


@contextmanager
def _cloud_engine() -> Iterator[CloudEngine]:
    settings = Settings()
    engine = CloudEngine(settings, ApiKeyStore(settings))
    try:
        yield engine
    finally:
        engine.close()


def test_local_engine_fills_only_the_mask_and_says_it_ignores_the_prompt(
    tmp_path: Path, data_dir: Path
) -> None:
    _, ctx, prepared = _job(
        tmp_path, data_dir, JobSpec(prompt="a dog", engine=EngineKind.LOCAL, n=3)
    )
    run = LocalEngine().run(ctx, prepared)
    assert run.notice == PROMPT_NOTICE
    assert [r.index for r in run.results] == [0, 1, 2]
    sent = np.asarray(Image.open(io.BytesIO(prepared.base_bytes)).convert("RGB"))
    mask = np.asarray(Image.open(io.BytesIO(prepared.mask_bytes)).convert("L")) > 127
    outputs = []
    for r in run.results:
        assert r.image is not None and r.image.size == prepared.placement.output_size
        out = np.asarray(r.image)
        assert np.array_equal(out[~mask], sent[~mask])  # outside the mask: untouched
        assert not np.array_equal(out[mask], sent[mask])  # inside: filled
        outputs.append(out)
    assert not np.array_equal(outputs[0], outputs[2])  # the variants differ


def test_cloud_engine_uploads_ascii_names_and_asks_the_service_to_resolve_them(
    fake_server_env: FakeDashScope, tmp_path: Path, data_dir: Path
) -> None:
    library, ctx, prepared = _job(tmp_path, data_dir, JobSpec(prompt="一只狗", n=2))
    told: list[object] = []
    ctx.creation_sent = told.append
    ctx.task_created = told.append
    with _cloud_engine() as engine:
        run = engine.run(ctx, prepared)
    assert [r.ok for r in run.results] == [True, True]
    assert run.image_count == 2
    [create] = fake_server_env.requests_to("image-synthesis", "POST")
    assert create.headers.get("X-DashScope-OssResourceResolve") == "enable"
    task = fake_server_env.tasks[-1]
    for url in (task.request.base_image_url, task.request.mask_image_url):
        assert url.startswith("oss://") and url.isascii()
    # the engine tells the runner when the request went out, then the task id; it writes nothing
    sent_at, task_id = told
    assert isinstance(sent_at, datetime) and task_id == task.task_id
    assert library.get_job(ctx.job.id).task_id is None


def test_cloud_engine_warms_up_its_client_without_sending_anything(
    fake_server_env: FakeDashScope, tmp_path: Path, data_dir: Path
) -> None:
    _, ctx, prepared = _job(tmp_path, data_dir, JobSpec(prompt="a dog", n=1))
    with _cloud_engine() as engine:
        engine.warm_up()
        warmed = engine.client()  # waits for the warm-up's client, or makes the same one
        assert fake_server_env.requests == []
        run = engine.run(ctx, prepared)
        assert engine.client() is warmed
    assert [r.ok for r in run.results] == [True]
    assert len(fake_server_env.tasks) == 1
    assert len(fake_server_env.requests_to("image-synthesis", "POST")) == 1
