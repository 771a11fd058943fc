"""Jobs for each model end to end: wanx2.1-imageedit next to wanx-x-painting."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.limits import IMAGEEDIT, MODEL_IMAGEEDIT, MODEL_X_PAINTING
from xpaint_desktop.imaging.prepare import Placement
from xpaint_desktop.jobs.runner import JobEvent, JobRunner
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.library.composites import composite_image
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import Region, Settings
from xpaint_desktop.spec import JobSpec


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "lib")


def _runner(library: Library, events: list[JobEvent] | None = None) -> JobRunner:
    settings = Settings()
    sink = events if events is not None else []
    return JobRunner(
        library, settings=settings, key_store=ApiKeyStore(settings), on_event=sink.append
    )


def _photo(
    data_dir: Path, box: tuple[float, float, float, float]
) -> tuple[Image.Image, Image.Image]:
    base = Image.open(data_dir / "coffee.png").convert("RGB")
    w, h = base.size
    mask = Image.new("L", base.size, 0)
    ImageDraw.Draw(mask).rectangle((w * box[0], h * box[1], w * box[2], h * box[3]), fill=255)
    return base, mask


def _edit(prompt: str = "a ceramic cup", **changes: object) -> JobSpec:
    return JobSpec(prompt=prompt, model=MODEL_IMAGEEDIT).with_changes(**changes)


def test_imageedit_job_sends_its_own_parameters_and_composites_at_its_size(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    base, mask = _photo(data_dir, (0.3, 0.3, 0.6, 0.55))
    runner = _runner(library)
    job_id = runner.submit(_edit(seed=5, watermark=True, n=2), base, mask, "coffee.png")
    runner.run_next()
    job = library.get_job(job_id)
    assert job.status == JobStatus.DONE, job.error_message
    assert job.spec.model == MODEL_IMAGEEDIT and job.spec.seed == 5
    (create,) = fake_server_env.requests_to("image-synthesis", "POST")
    sent = create.json
    assert sent["model"] == MODEL_IMAGEEDIT
    assert sent["input"]["function"] == "description_edit_with_mask"
    assert sent["parameters"] == {"n": 2, "seed": 5, "watermark": True}  # no size, no style
    placement = Placement.from_json(job.placement_json or "")
    low, high = IMAGEEDIT.side_range()
    assert all(low <= side <= high for side in placement.output_size)
    (task,) = fake_server_env.tasks
    assert task.inputs is not None and task.inputs.base is not None
    assert task.inputs.base.size == placement.output_size  # what went is what came back
    composite = composite_image(job, job.results[0])
    assert composite.size == base.size
    far = (slice(0, 20), slice(0, 20))
    assert np.array_equal(np.asarray(composite)[far], np.asarray(base)[far])


def test_same_seed_gives_the_same_picture_again(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    fake_server_env.faults.rate_limit_per_s = None
    base, mask = _photo(data_dir, (0.3, 0.3, 0.6, 0.55))
    runner = _runner(library)
    ids = [runner.submit(_edit(seed=s), base, mask, "coffee.png") for s in (11, 11, 12)]
    runner.run_until_idle()
    pictures = [
        np.asarray(Image.open(library.get_job(i).results[0].path or "").convert("RGB")) for i in ids
    ]
    assert np.array_equal(pictures[0], pictures[1])
    assert not np.array_equal(pictures[0], pictures[2])


def test_two_imageedit_tasks_really_run_side_by_side(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    fake_server_env.faults.task_seconds = 1.0
    base, mask = _photo(data_dir, (0.3, 0.3, 0.6, 0.55))
    runner = _runner(library)
    ids = [runner.submit(_edit(f"cup {i}"), base, mask, "coffee.png") for i in range(3)]
    runner.run_until_idle()  # as many runner threads as the most generous model allows
    assert [library.get_job(i).status for i in ids] == [JobStatus.DONE] * 3
    assert fake_server_env.peak_in_progress(MODEL_IMAGEEDIT) == 2
    assert len(fake_server_env.tasks) == 3  # one task per job, none repeated


def test_per_model_input_errors_are_said_before_anything_is_stored(
    library: Library, data_dir: Path
) -> None:
    base, mask = _photo(data_dir, (0.3, 0.3, 0.6, 0.55))
    runner = _runner(library)
    bad = [
        (_edit(style="anime"), "no styles"),
        (_edit(size="1024*1024"), "takes no output size"),
        (_edit(seed=-3), "seed is -3"),
        (JobSpec(prompt="x", model=MODEL_X_PAINTING, seed=4), "takes no seed"),
        (JobSpec(prompt="x", model=MODEL_X_PAINTING, watermark=True), "no watermark"),
    ]
    for spec, words in bad:
        with pytest.raises(InputError, match=words):
            runner.submit(spec, base, mask, "coffee.png")
    assert library.count_jobs() == 0


def test_a_model_the_region_does_not_offer_fails_before_any_request(
    fake_server: FakeDashScope, library: Library, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", fake_server.api_key)
    settings = Settings(region=Region.INTERNATIONAL)
    runner = JobRunner(library, settings=settings, key_store=ApiKeyStore(settings))
    base, mask = _photo(data_dir, (0.3, 0.3, 0.6, 0.55))
    job_id = runner.submit(_edit(), base, mask, "coffee.png")
    runner.run_next()
    job = library.get_job(job_id)
    assert job.status == JobStatus.FAILED
    assert job.error_code == "ModelNotInRegion"
    assert "Beijing" in (job.error_message or "")
    assert fake_server.requests == []


def test_x_painting_tasks_take_turns_while_imageedit_ones_do_not(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    """With the default settings the runner has two workers, yet it keeps wanx-x-painting at
    its one task in progress (the next job stays queued here) even where the service would
    take more."""
    fake_server_env.faults.task_seconds = 0.6
    fake_server_env.faults.max_in_progress = 2
    fake_server_env.faults.rate_limit_per_s = None
    base, mask = _photo(data_dir, (0.3, 0.3, 0.6, 0.55))
    runner = _runner(library)
    assert runner.max_in_progress == 2
    ids = [runner.submit(JobSpec(prompt=f"boat {i}"), base, mask, "a") for i in range(2)]
    runner.run_until_idle()
    assert [library.get_job(i).status for i in ids] == [JobStatus.DONE] * 2
    assert fake_server_env.peak_in_progress(MODEL_X_PAINTING) == 1
