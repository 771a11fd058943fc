"""The stand-in plays wanx2.1-imageedit by its own rules, next to wanx-x-painting."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image

from tests.fakeserver import protocol
from tests.fakeserver.files import StaticFileServer, write_pair
from tests.fakeserver.server import FakeDashScope
from tests.fakeserver.test_server import create, status, task_id_of

BASE_SIZE = (900, 640)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[StaticFileServer]:
    write_pair(tmp_path, size=BASE_SIZE, box=(300, 200, 600, 440))
    write_pair(tmp_path, size=(500, 640), stem="narrow")
    with StaticFileServer(tmp_path) as server:
        yield server


@pytest.fixture
def http(fake_server: FakeDashScope) -> Iterator[httpx.Client]:
    fake_server.faults.rate_limit_per_s = None  # these tests create several tasks at once
    headers = {"Authorization": f"Bearer {fake_server.api_key}"}
    with httpx.Client(base_url=fake_server.base_url, headers=headers) as client:
        yield client


def edit_body(files: StaticFileServer, stem: str = "photo", **params: Any) -> dict[str, Any]:
    inputs = {
        "function": params.pop("function", "description_edit_with_mask"),
        "prompt": params.pop("prompt", "a ceramic rabbit holding a ceramic flower"),
        "base_image_url": files.url(f"{stem}.png"),
        "mask_image_url": files.url(f"{stem}-mask.png"),
    }
    return {
        "model": "wanx2.1-imageedit",
        "input": {k: v for k, v in inputs.items() if v is not None},
        "parameters": {"n": 1, **params},
    }


def painting_body(files: StaticFileServer, stem: str = "photo", **params: Any) -> dict[str, Any]:
    return {
        "model": "wanx-x-painting",
        "input": {
            "prompt": "a boat",
            "base_image_url": files.url(f"{stem}.png"),
            "mask_image_url": files.url(f"{stem}-mask.png"),
        },
        "parameters": {"size": "1024*1024", **params},
    }


def wait_done(http: httpx.Client, task_id: str) -> dict[str, Any]:
    for _ in range(200):
        out = status(http, task_id)
        if out["task_status"] not in ("PENDING", "RUNNING"):
            return out
        time.sleep(0.05)
    raise AssertionError(f"task {task_id} did not finish")


def result_image(url: str) -> Image.Image:
    resp = httpx.get(url)
    resp.raise_for_status()
    img = Image.open(io.BytesIO(resp.content))
    img.load()
    return img.convert("RGB")


def test_result_has_the_input_size_and_the_seed_repeats_it(
    http: httpx.Client, served: StaticFileServer, tmp_path: Path
) -> None:
    first = wait_done(http, task_id_of(create(http, edit_body(served, seed=42, n=2))))
    again = wait_done(http, task_id_of(create(http, edit_body(served, seed=42, n=2))))
    other = wait_done(http, task_id_of(create(http, edit_body(served, seed=43, n=2))))
    assert first["task_status"] == "SUCCEEDED"
    images = [[result_image(r["url"]) for r in out["results"]] for out in (first, again, other)]
    assert {img.size for row in images for img in row} == {BASE_SIZE}
    same = [np.array_equal(np.asarray(a), np.asarray(b)) for a, b in zip(*images[:2], strict=True)]
    assert same == [True, True]  # one seed, one result
    assert not np.array_equal(np.asarray(images[0][0]), np.asarray(images[2][0]))
    # outside the mask the base comes back untouched, at full size
    base = np.asarray(Image.open(tmp_path / "photo.png").convert("RGB"))
    assert np.array_equal(np.asarray(images[0][0])[:150, :250], base[:150, :250])


def test_without_a_seed_each_task_draws_its_own(
    http: httpx.Client, served: StaticFileServer
) -> None:
    outs = [wait_done(http, task_id_of(create(http, edit_body(served)))) for _ in range(2)]
    a, b = (np.asarray(result_image(o["results"][0]["url"])) for o in outs)
    assert not np.array_equal(a, b)


def test_watermark_marks_the_lower_right_corner(
    http: httpx.Client, served: StaticFileServer
) -> None:
    marked = wait_done(http, task_id_of(create(http, edit_body(served, seed=7, watermark=True))))
    plain = wait_done(http, task_id_of(create(http, edit_body(served, seed=7, watermark=False))))
    a = np.asarray(result_image(marked["results"][0]["url"]))
    b = np.asarray(result_image(plain["results"][0]["url"]))
    assert (a[-4:, -10:] == 255).all()
    assert not (b[-4:, -10:] == 255).all()
    assert np.array_equal(a[:100], b[:100])


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"function": None}, "input.function"),
        ({"function": "super_resolution_x"}, "input.function"),
        ({"seed": -1}, "parameters.seed"),
        ({"seed": 2**31}, "parameters.seed"),
        ({"watermark": "yes"}, "parameters.watermark"),
        ({"n": 0}, "parameters.n"),
    ],
)
def test_imageedit_parameter_errors_answer_400(
    fake_server: FakeDashScope,
    http: httpx.Client,
    served: StaticFileServer,
    change: dict[str, Any],
    fragment: str,
) -> None:
    resp = create(http, edit_body(served, **change))
    assert resp.status_code == 400, resp.text
    assert resp.json()["code"] == "InvalidParameter"
    assert fragment in resp.json()["message"]
    assert not fake_server.tasks


def test_imageedit_takes_800_characters_and_ignores_size(
    fake_server: FakeDashScope, http: httpx.Client, served: StaticFileServer
) -> None:
    out = wait_done(
        http, task_id_of(create(http, edit_body(served, prompt="x" * 900, size="1024*1024")))
    )
    assert out["task_status"] == "SUCCEEDED"
    (task,) = fake_server.tasks
    assert task.request.prompt == "x" * 800
    assert result_image(out["results"][0]["url"]).size == BASE_SIZE


def test_imageedit_refuses_a_side_under_512_that_x_painting_takes(
    http: httpx.Client, served: StaticFileServer
) -> None:
    out = wait_done(http, task_id_of(create(http, edit_body(served, stem="narrow"))))
    assert out["task_status"] == "FAILED"
    assert "from 512 to 4096" in out["message"]
    painting = painting_body(served, "narrow", size="720*1280")
    assert wait_done(http, task_id_of(create(http, painting)))["task_status"] == "SUCCEEDED"


def test_each_model_has_its_own_tasks_in_progress(
    fake_server: FakeDashScope, http: httpx.Client, served: StaticFileServer
) -> None:
    fake_server.faults.task_seconds = 0.5
    edits = [task_id_of(create(http, edit_body(served))) for _ in range(3)]
    painting = painting_body(served)
    paintings = [task_id_of(create(http, painting)) for _ in range(2)]
    for task_id in edits + paintings:
        assert wait_done(http, task_id)["task_status"] == "SUCCEEDED"
    assert fake_server.peak_in_progress("wanx2.1-imageedit") == 2
    assert fake_server.peak_in_progress("wanx-x-painting") == 1


def test_a_model_the_endpoint_does_not_offer_does_not_exist(
    fake_server: FakeDashScope, http: httpx.Client, served: StaticFileServer
) -> None:
    fake_server.models = ("wanx-x-painting",)
    resp = create(http, edit_body(served))
    assert (resp.status_code, resp.json()["message"]) == (400, protocol.MSG_MODEL_NOT_EXIST)


def test_a_used_up_free_quota_is_refused_for_that_model_only(
    fake_server: FakeDashScope, http: httpx.Client, served: StaticFileServer
) -> None:
    fake_server.faults.quota_exhausted = ("wanx-x-painting",)
    resp = create(http, painting_body(served))
    assert resp.status_code == 403
    assert resp.json()["code"] == "AllocationQuota.FreeTierOnly"
    assert resp.json()["message"] == protocol.MSG_FREE_QUOTA
    assert create(http, edit_body(served)).status_code == 200
