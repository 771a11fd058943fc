"""The official `dashscope` SDK against the stand-in: proof that it speaks the real protocol."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dashscope
import httpx
import numpy as np
import pytest
from dashscope import ImageSynthesis
from dashscope.common.error import InvalidTask
from PIL import Image

from tests.fakeserver.faults import TaskFailure
from tests.fakeserver.files import StaticFileServer, write_pair
from tests.fakeserver.server import FakeDashScope

pytestmark = pytest.mark.sdk


@pytest.fixture
def sdk(fake_server_env: FakeDashScope, monkeypatch: pytest.MonkeyPatch) -> FakeDashScope:
    """The stand-in, with the SDK pointed at it (it reads the base URL from a module attribute)."""
    monkeypatch.setattr(dashscope, "base_http_api_url", fake_server_env.base_url)
    return fake_server_env


@dataclass(frozen=True)
class Served:
    """A base/mask pair on a loopback web server."""

    base: Path
    urls: dict[str, str]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    base, mask = write_pair(tmp_path)
    with StaticFileServer(tmp_path) as files:
        urls = {"base_image_url": files.url(base.name), "mask_image_url": files.url(mask.name)}
        yield Served(base, urls)


def paint(
    api_key: str, prompt: str, images: dict[str, str], *, submit: Any = None, **kw: Any
) -> Any:
    """One SDK request for wanx-x-painting, the way the reference's examples make it."""
    submit = submit or ImageSynthesis.call
    return submit(
        model="wanx-x-painting", prompt=prompt, task="image2image", api_key=api_key, **images, **kw
    )


def download(url: str) -> Image.Image:
    resp = httpx.get(url)
    resp.raise_for_status()
    img = Image.open(io.BytesIO(resp.content))
    img.load()
    return img


def test_sdk_http_urls_succeed_with_results_of_the_output_size(
    sdk: FakeDashScope, served: Served
) -> None:
    rsp = paint(sdk.api_key, "a red kite", served.urls, n=2, size="720*1280")
    assert rsp.status_code == 200, rsp
    assert rsp.output.task_status == "SUCCEEDED"
    assert rsp.output.task_metrics == {"TOTAL": 2, "SUCCEEDED": 2, "FAILED": 0}
    assert rsp.usage.image_count == 2
    results = [download(r.url) for r in rsp.output.results]
    assert [r.size for r in results] == [(720, 1280), (720, 1280)]
    # the masked centre is repainted, differently per result; a corner keeps the base image
    centre = [np.asarray(r.convert("RGB"))[640, 360] for r in results]
    assert not np.array_equal(centre[0], centre[1])
    expected = np.asarray(Image.open(served.base).convert("RGB").resize((720, 1280)))
    got = np.asarray(results[0].convert("RGB"))
    assert np.array_equal(got[:100, :100], expected[:100, :100])


def test_sdk_local_files_go_through_policy_upload_and_oss_urls(
    sdk: FakeDashScope, tmp_path: Path
) -> None:
    base, mask = write_pair(tmp_path, stem="local")
    local = {"base_image_url": base.as_uri(), "mask_image_url": mask.as_uri()}
    rsp = paint(sdk.api_key, "a small boat", local, size="1280*720", style="<watercolor>")
    assert rsp.status_code == 200, rsp
    assert rsp.output.task_status == "SUCCEEDED"
    assert download(rsp.output.results[0].url).size == (1280, 720)
    (create,) = sdk.requests_to("image-synthesis", "POST")
    assert create.headers["X-DashScope-OssResourceResolve"] == "enable"
    sent = create.json["input"]
    assert sent["base_image_url"].startswith("oss://")
    assert sdk.uploaded(sent["base_image_url"]) == base.read_bytes()
    assert sdk.uploaded(sent["mask_image_url"]) == mask.read_bytes()
    assert len(sdk.requests_to("/uploads", "GET")) == 1  # one policy served both files


def test_sdk_sees_a_failed_task_with_its_code(sdk: FakeDashScope, served: Served) -> None:
    sdk.faults.fail_tasks = TaskFailure("DataInspectionFailed", "Output data may be unsafe.")
    rsp = paint(sdk.api_key, "anything", served.urls)
    assert rsp.output.task_status == "FAILED"
    assert rsp.output.code == "DataInspectionFailed"
    assert rsp.output.message == "Output data may be unsafe."


def test_sdk_gets_401_for_a_wrong_key(sdk: FakeDashScope, served: Served) -> None:
    rsp = paint("sk-wrong-key-000000", "anything", served.urls, submit=ImageSynthesis.async_call)
    assert rsp.status_code == 401
    assert rsp.code == "InvalidApiKey"
    with pytest.raises(InvalidTask, match="InvalidApiKey"):  # `call` turns it into an exception
        paint("sk-wrong-key-000000", "anything", served.urls)
    assert not sdk.tasks


def test_sdk_sees_partial_failures_among_results(sdk: FakeDashScope, served: Served) -> None:
    sdk.faults.partial_failures = frozenset({1})
    rsp = paint(sdk.api_key, "two birds", served.urls, n=3)
    assert rsp.output.task_status == "SUCCEEDED"
    assert rsp.output.results[1].code == "InternalError.Timeout"
    assert rsp.output.results[0].url and rsp.output.results[2].url
    assert rsp.usage.image_count == 2


def test_sdk_polls_a_task_that_is_still_pending(sdk: FakeDashScope, served: Served) -> None:
    sdk.faults.task_seconds = 0.5  # the SDK's first poll is immediate, its second after 1 s
    rsp = paint(sdk.api_key, "a lighthouse", served.urls)
    assert rsp.output.task_status == "SUCCEEDED"
    polls = sdk.requests_to("/tasks/", "GET")
    assert len(polls) >= 2
