"""The official `dashscope` SDK's wanx2.1-imageedit call against the stand-in."""

from __future__ import annotations

from pathlib import Path

import dashscope
import numpy as np
import pytest
from dashscope import ImageSynthesis
from PIL import Image

from tests.fakeserver.files import write_pair
from tests.fakeserver.server import FakeDashScope
from tests.fakeserver.test_sdk import download

pytestmark = pytest.mark.sdk

SIZE = (960, 720)


@pytest.fixture
def sdk_env(fake_server_env: FakeDashScope, monkeypatch: pytest.MonkeyPatch) -> FakeDashScope:
    monkeypatch.setattr(dashscope, "base_http_api_url", fake_server_env.base_url)
    fake_server_env.faults.rate_limit_per_s = None
    return fake_server_env


def edit(api_key: str, base: Path, mask: Path, **kw: object) -> object:
    """The call of the model's documentation, with local files (the SDK uploads them)."""
    return ImageSynthesis.call(
        api_key=api_key,
        model="wanx2.1-imageedit",
        function="description_edit_with_mask",
        prompt="a ceramic rabbit holding a ceramic flower",
        base_image_url=base.as_uri(),
        mask_image_url=mask.as_uri(),
        **kw,
    )


def test_sdk_masked_edit_succeeds_at_the_input_size(sdk_env: FakeDashScope, tmp_path: Path) -> None:
    base, mask = write_pair(tmp_path, size=SIZE, box=(300, 200, 700, 500))
    rsp = edit(sdk_env.api_key, base, mask, n=2, seed=1234, watermark=False)
    assert rsp.status_code == 200, rsp  # type: ignore[attr-defined]
    output = rsp.output  # type: ignore[attr-defined]
    assert output.task_status == "SUCCEEDED"
    assert output.task_metrics == {"TOTAL": 2, "SUCCEEDED": 2, "FAILED": 0}
    images = [download(r.url) for r in output.results]
    assert [img.size for img in images] == [SIZE, SIZE]
    expected = np.asarray(Image.open(base).convert("RGB"))
    got = np.asarray(images[0].convert("RGB"))
    assert np.array_equal(got[:150, :250], expected[:150, :250])  # outside the mask: untouched
    assert not np.array_equal(got[350, 500], expected[350, 500])  # inside: repainted
    (create,) = sdk_env.requests_to("image-synthesis", "POST")
    assert create.json["model"] == "wanx2.1-imageedit"
    assert create.json["input"]["function"] == "description_edit_with_mask"
    assert create.json["parameters"]["seed"] == 1234
    assert sdk_env.uploaded(create.json["input"]["mask_image_url"]) == mask.read_bytes()


def test_sdk_same_seed_same_result(sdk_env: FakeDashScope, tmp_path: Path) -> None:
    base, mask = write_pair(tmp_path, size=SIZE, box=(300, 200, 700, 500))
    first, second = (edit(sdk_env.api_key, base, mask, seed=99) for _ in range(2))
    a, b = (np.asarray(download(r.output.results[0].url)) for r in (first, second))  # type: ignore[attr-defined]
    assert np.array_equal(a, b)


def test_sdk_sees_the_side_limit_of_imageedit(sdk_env: FakeDashScope, tmp_path: Path) -> None:
    base, mask = write_pair(tmp_path, size=(500, 700), box=(100, 100, 300, 300))
    rsp = edit(sdk_env.api_key, base, mask)
    assert rsp.output.task_status == "FAILED"  # type: ignore[attr-defined]
    assert rsp.output.code == "InvalidParameter"  # type: ignore[attr-defined]
