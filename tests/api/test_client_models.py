"""The client speaks each model's parameters: function, seed, watermark; size only if taken."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.api.conftest import png_bytes
from tests.fakeserver.faults import ErrorBurst
from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.api import DashScopeClient
from xpaint_desktop.api.models import TaskStatus
from xpaint_desktop.errors import QuotaExhaustedError

EDIT = "wanx2.1-imageedit"


@pytest.fixture
def edit_inputs(client: DashScopeClient, data_dir: Path) -> tuple[str, str]:
    """The astronaut photo (512 x 512, imageedit's smallest side) and a mask, uploaded."""
    base = (data_dir / "astronaut.png").read_bytes()
    mask = Image.new("L", Image.open(data_dir / "astronaut.png").size, 0)
    ImageDraw.Draw(mask).rectangle((100, 100, 300, 260), fill=255)
    return (
        client.upload(base, "astronaut.png", EDIT),
        client.upload(png_bytes(mask), "mask.png", EDIT),
    )


def test_imageedit_request_carries_function_seed_watermark_and_no_size(
    fake_server: FakeDashScope, client: DashScopeClient, edit_inputs: tuple[str, str]
) -> None:
    task = client.create_task(
        EDIT,
        "a paper crane",
        *edit_inputs,
        function="description_edit_with_mask",
        n=2,
        seed=31,
        watermark=False,
    )
    done = client.wait(task.task_id)
    assert done.status is TaskStatus.SUCCEEDED and len(done.succeeded_results) == 2
    (create,) = fake_server.requests_to("image-synthesis", "POST")
    assert create.json["input"]["function"] == "description_edit_with_mask"
    assert create.json["parameters"] == {"n": 2, "seed": 31, "watermark": False}
    assert create.headers["X-DashScope-OssResourceResolve"] == "enable"


def test_x_painting_request_is_as_before(
    fake_server: FakeDashScope, client: DashScopeClient, data_dir: Path
) -> None:
    base = client.upload((data_dir / "astronaut.png").read_bytes(), "a.png", "wanx-x-painting")
    client.create_task("wanx-x-painting", "a kite", base, base, style="<anime>", size="720*1280")
    (create,) = fake_server.requests_to("image-synthesis", "POST")
    assert "function" not in create.json["input"]
    assert create.json["parameters"] == {"n": 1, "style": "<anime>", "size": "720*1280"}


def test_used_up_free_quota_is_a_typed_error_and_not_retried(
    fake_server: FakeDashScope, client: DashScopeClient, data_dir: Path
) -> None:
    fake_server.faults.quota_exhausted = ("wanx-x-painting",)
    base = client.upload((data_dir / "astronaut.png").read_bytes(), "a.png", "wanx-x-painting")
    with pytest.raises(QuotaExhaustedError) as caught:
        client.create_task("wanx-x-painting", "a kite", base, base)
    assert caught.value.code == "AllocationQuota.FreeTierOnly"
    assert "wanx2.1-imageedit" in caught.value.message
    assert len(fake_server.requests_to("image-synthesis", "POST")) == 1
    assert not fake_server.tasks


def test_a_429_saying_the_free_quota_is_exceeded_is_not_retried(
    fake_server: FakeDashScope, client: DashScopeClient, data_dir: Path
) -> None:
    fake_server.faults.error_burst = ErrorBurst(
        count=3,
        status=429,
        code="Throttling.AllocationQuota",
        message="Free allocated quota exceeded.",
        path_contains="image-synthesis",
    )
    base = client.upload((data_dir / "astronaut.png").read_bytes(), "a.png", "wanx-x-painting")
    with pytest.raises(QuotaExhaustedError):
        client.create_task("wanx-x-painting", "a kite", base, base)
    assert len(fake_server.requests_to("image-synthesis", "POST")) == 1
