"""The stand-in's protocol rules and fault knobs, driven with raw HTTP requests."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image

from tests.fakeserver import protocol
from tests.fakeserver.faults import DropRule, ErrorBurst
from tests.fakeserver.files import StaticFileServer, write_pair
from tests.fakeserver.server import FakeDashScope

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def files(tmp_path: Path) -> Iterator[StaticFileServer]:
    with StaticFileServer(tmp_path) as server:
        yield server


@pytest.fixture
def api(fake_server: FakeDashScope) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {fake_server.api_key}"}
    with httpx.Client(base_url=fake_server.base_url, headers=headers) as client:
        yield client


def create_body(files: StaticFileServer, tmp_path: Path, **params: Any) -> dict[str, Any]:
    base, mask = tmp_path / "photo.png", tmp_path / "photo-mask.png"
    if not base.exists():  # written once: tasks may still be fetching the files
        write_pair(tmp_path)
    return {
        "model": "wanx-x-painting",
        "input": {
            "prompt": params.pop("prompt", "a yellow boat"),
            "base_image_url": params.pop("base_image_url", files.url(base.name)),
            "mask_image_url": params.pop("mask_image_url", files.url(mask.name)),
        },
        "parameters": {"size": "1024*1024", "n": 1, **params},
    }


def create(api: httpx.Client, body: dict[str, Any], **headers: str) -> httpx.Response:
    return api.post(
        "/services/aigc/image2image/image-synthesis",
        json=body,
        headers={"X-DashScope-Async": "enable", **headers},
    )


def task_id_of(resp: httpx.Response) -> str:
    assert resp.status_code == 200, resp.text
    assert resp.json()["output"]["task_status"] == "PENDING"
    return str(resp.json()["output"]["task_id"])


def status(api: httpx.Client, task_id: str) -> dict[str, Any]:
    resp = api.get(f"/tasks/{task_id}")
    assert resp.status_code == 200
    out: dict[str, Any] = resp.json()["output"]
    return out


def test_wrong_key_and_missing_async_header_are_refused(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    body = create_body(files, tmp_path)
    resp = create(api, body, Authorization="Bearer sk-other")
    assert resp.status_code == 401
    assert resp.json()["code"] == "InvalidApiKey" and resp.json()["request_id"]
    resp = api.post("/services/aigc/image2image/image-synthesis", json=body)
    assert resp.status_code == 403
    assert resp.json()["message"] == "current user api does not support synchronous calls"
    assert not fake_server.tasks


@pytest.mark.parametrize(
    ("change", "code", "fragment"),
    [
        ({"prompt": ""}, "InvalidParameter", "input.prompt"),
        ({"n": 5}, "InvalidParameter", "parameters.n"),
        ({"style": "<photo>"}, "InvalidParameter", "parameters.style"),
        ({"mask_color": [[0, 0, 256]]}, "InvalidParameter", "mask_color"),
        ({"mask_color": [0, 0, 0]}, "InvalidParameter", "mask_color"),
        ({"base_image_url": "http://127.0.0.1/图片.png"}, "InvalidURL", "Chinese"),
        ({"mask_image_url": "oss://dir/mask.png"}, "InvalidParameter", "mask_image_url"),
        ({"base_image_url": "ftp://127.0.0.1/a.png"}, "InvalidParameter", "base_image_url"),
    ],
)
def test_parameter_errors_answer_400_at_creation(
    api: httpx.Client,
    files: StaticFileServer,
    tmp_path: Path,
    change: dict[str, Any],
    code: str,
    fragment: str,
) -> None:
    resp = create(api, create_body(files, tmp_path, **change))
    assert resp.status_code == 400
    assert resp.json()["code"] == code
    assert fragment in resp.json()["message"]


def test_unknown_model_and_wrong_size(
    api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    body = create_body(files, tmp_path)
    resp = create(api, {**body, "model": "wanx-v1"})
    assert (resp.status_code, resp.json()["code"]) == (400, "InvalidParameter")
    # a wrong size is accepted and the task fails, as in the reference's failure example
    task_id = task_id_of(create(api, create_body(files, tmp_path, size="512*512", n=4)))
    out = status(api, task_id)
    assert out["task_status"] == "FAILED"
    assert out["message"] == protocol.MSG_SIZE
    assert out["task_metrics"] == {"TOTAL": 4, "SUCCEEDED": 0, "FAILED": 4}


def test_task_moves_through_pending_suspended_running_succeeded(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    fake_server.faults.task_seconds = 100
    fake_server.faults.suspend = True
    task_id = task_id_of(create(api, create_body(files, tmp_path)))
    seen = [status(api, task_id)["task_status"]]
    for _ in range(3):
        fake_server.advance_time(34)
        seen.append(status(api, task_id)["task_status"])
    assert seen == ["PENDING", "SUSPENDED", "RUNNING", "SUCCEEDED"]
    out = status(api, task_id)
    for key in ("submit_time", "scheduled_time", "end_time"):
        assert len(out[key]) == len("2024-11-01 09:50:56.081")


def test_tasks_beyond_the_in_progress_limit_queue_and_can_be_cancelled(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    fake_server.faults.task_seconds = 10
    fake_server.faults.rate_limit_per_s = None
    first = task_id_of(create(api, create_body(files, tmp_path)))
    second = task_id_of(create(api, create_body(files, tmp_path)))
    third = task_id_of(create(api, create_body(files, tmp_path)))
    fake_server.advance_time(5)
    assert status(api, first)["task_status"] == "RUNNING"
    assert status(api, second)["task_status"] == "PENDING"
    assert api.post(f"/tasks/{third}/cancel").status_code == 200
    assert status(api, third)["task_status"] == "CANCELED"
    resp = api.post(f"/tasks/{first}/cancel")
    assert (resp.status_code, resp.json()["code"]) == (400, "UnsupportedOperation")
    fake_server.advance_time(9)  # first done at 10 s, second runs from 10 s
    assert status(api, first)["task_status"] == "SUCCEEDED"
    assert status(api, second)["task_status"] == "RUNNING"
    fake_server.advance_time(10)
    assert status(api, second)["task_status"] == "SUCCEEDED"


def test_creations_above_the_rate_get_429(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    fake_server.faults.rate_limit_per_s = 1
    body = create_body(files, tmp_path)
    task_id_of(create(api, body))
    resp = create(api, body)
    assert (resp.status_code, resp.json()["code"]) == (429, "Throttling.RateQuota")
    fake_server.advance_time(1.5)
    task_id_of(create(api, body))


def test_error_burst_then_normal_answers(fake_server: FakeDashScope, api: httpx.Client) -> None:
    fake_server.faults.error_burst = ErrorBurst(2, 503, "ModelUnavailable", "busy", "/tasks/")
    codes = [api.get("/tasks/x").status_code for _ in range(3)]
    assert codes == [503, 503, 200]
    assert fake_server.faults.error_burst is None


def test_dropped_create_is_lost_before_or_after_it_runs(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    fake_server.faults.rate_limit_per_s = None
    body = create_body(files, tmp_path)
    fake_server.faults.drop_next = DropRule(1, "image-synthesis")
    with pytest.raises(httpx.RemoteProtocolError):
        create(api, body)
    assert len(fake_server.tasks) == 0
    fake_server.faults.drop_next = DropRule(1, "image-synthesis", after_processing=True)
    with pytest.raises(httpx.RemoteProtocolError):
        create(api, body)
    assert len(fake_server.tasks) == 1  # executed, answer lost
    task_id_of(create(api, body))


def test_partial_failures_and_usage(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    fake_server.faults.partial_failures = frozenset({0, 2})
    body = create_body(files, tmp_path, n=3)
    resp = api.get(f"/tasks/{task_id_of(create(api, body))}")
    out = resp.json()["output"]
    assert out["task_status"] == "SUCCEEDED"
    assert [("url" in r, r.get("code")) for r in out["results"]] == [
        (False, "InternalError.Timeout"),
        (True, None),
        (False, "InternalError.Timeout"),
    ]
    assert out["task_metrics"] == {"TOTAL": 3, "SUCCEEDED": 1, "FAILED": 2}
    assert resp.json()["usage"] == {"image_count": 1}


def test_results_and_tasks_expire_after_a_day(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    task_id = task_id_of(create(api, create_body(files, tmp_path)))
    url = status(api, task_id)["results"][0]["url"]
    assert httpx.get(url).status_code == 200
    assert httpx.get(url.replace("Signature=", "Signature=x")).status_code == 403
    fake_server.advance_time(protocol.TASK_TTL_S + 60)
    assert status(api, task_id)["task_status"] == "UNKNOWN"
    expired = httpx.get(url)
    assert expired.status_code == 403 and b"Request has expired" in expired.content
    assert status(api, "no-such-task") == {"task_id": "no-such-task", "task_status": "UNKNOWN"}


def test_render_ahead_has_the_results_before_the_task_reads_succeeded(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    lazy_id = task_id_of(create(api, create_body(files, tmp_path, n=1)))
    assert status(api, lazy_id)["task_status"] == "SUCCEEDED"
    assert fake_server.rendered(lazy_id) == []  # by default, on the first download
    fake_server.faults.render_ahead = True
    fake_server.faults.partial_failures = frozenset({1})
    task_id = task_id_of(create(api, create_body(files, tmp_path, n=3)))
    out = status(api, task_id)
    assert out["task_status"] == "SUCCEEDED"
    assert fake_server.rendered(task_id) == [0, 2]
    got = [r for r in out["results"] if "url" in r]
    assert [Image.open(io.BytesIO(httpx.get(r["url"]).content)).size for r in got] == [
        (1024, 1024)
    ] * 2
    assert fake_server.rendered(task_id) == [0, 2]


def test_result_repaints_exactly_the_mask_color_area(
    api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    base, _ = write_pair(tmp_path)
    mask = np.full((300, 400, 3), 255, dtype=np.uint8)
    mask[0:150, 0:200] = (134, 134, 134)  # top-left quarter: the listed colour
    Image.fromarray(mask).save(tmp_path / "grey.png")
    body = create_body(
        files,
        tmp_path,
        mask_image_url=files.url("grey.png"),
        mask_color=[[134, 134, 134]],
        size="1280*720",
    )
    out = status(api, task_id_of(create(api, body)))
    result = np.asarray(Image.open(io.BytesIO(httpx.get(out["results"][0]["url"]).content)))
    expected = np.asarray(Image.open(base).convert("RGB").resize((1280, 720)))
    assert result.shape == (720, 1280, 3)
    assert np.array_equal(result[400:, 700:], expected[400:, 700:])  # white: kept
    assert (result[:360, :640] != expected[:360, :640]).any(axis=2).mean() > 0.9


@pytest.mark.parametrize(
    ("kind", "code", "fragment"),
    [
        ("gif", "InvalidParameter", "format GIF"),
        ("small", "InvalidParameter", "256"),
        ("mismatch", "InvalidParameter", "does not match"),
        ("missing", "BadRequest.InputDownloadFailed", "missing.png"),
        ("remote", "BadRequest.InputDownloadFailed", "example.com"),
    ],
)
def test_bad_input_images_fail_the_task(
    api: httpx.Client,
    files: StaticFileServer,
    tmp_path: Path,
    kind: str,
    code: str,
    fragment: str,
) -> None:
    base, mask = write_pair(tmp_path)
    urls = {"base_image_url": files.url(base.name), "mask_image_url": files.url(mask.name)}
    if kind == "gif":
        Image.open(base).save(tmp_path / "b.gif")
        urls["base_image_url"] = files.url("b.gif")
    elif kind == "small":
        Image.new("RGB", (256, 300)).save(tmp_path / "small.png")
        urls["base_image_url"] = files.url("small.png")
    elif kind == "mismatch":
        write_pair(tmp_path, (500, 300), stem="wide")
        urls["mask_image_url"] = files.url("wide-mask.png")
    elif kind == "missing":
        urls["mask_image_url"] = files.url("missing.png")
    else:
        urls["base_image_url"] = "https://example.com/a.png"
    out = status(api, task_id_of(create(api, create_body(files, tmp_path, **urls))))
    assert out["task_status"] == "FAILED"
    assert out["code"] == code
    assert fragment in out["message"]


def test_rejected_prompt_and_truncated_prompt(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    fake_server.faults.reject_content = ("forbidden",)
    resp = create(api, create_body(files, tmp_path, prompt="a forbidden thing"))
    assert (resp.status_code, resp.json()["code"]) == (400, "DataInspectionFailed")
    fake_server.advance_time(2)
    task_id = task_id_of(create(api, create_body(files, tmp_path, prompt="x" * 100)))
    task = fake_server.task(task_id)
    assert task is not None and task.request.prompt == "x" * protocol.PROMPT_MAX_CHARS


def upload_form(data: dict[str, Any], key: str, payload: bytes) -> list[tuple[str, Any]]:
    return [
        ("OSSAccessKeyId", (None, data["oss_access_key_id"])),
        ("Signature", (None, data["signature"])),
        ("policy", (None, data["policy"])),
        ("key", (None, key)),
        ("x-oss-object-acl", (None, data["x_oss_object_acl"])),
        ("x-oss-forbid-overwrite", (None, data["x_oss_forbid_overwrite"])),
        ("success_action_status", (None, "200")),
        ("file", ("base.png", payload, "image/png")),
    ]


def test_upload_policy_form_post_and_oss_urls(
    fake_server: FakeDashScope, api: httpx.Client, files: StaticFileServer, tmp_path: Path
) -> None:
    resp = api.get("/uploads", params={"action": "getPolicy", "model": "wanx-x-painting"})
    data = resp.json()["data"]
    assert data["upload_host"] == fake_server.upload_host and data["expire_in_seconds"] == 300
    base, mask = write_pair(tmp_path)
    keys = [f"{data['upload_dir']}/{p.name}" for p in (base, mask)]
    form = upload_form(data, keys[0], base.read_bytes())
    out_of_order = httpx.post(data["upload_host"], files=[form[-1], *form[:-1]])
    assert out_of_order.status_code == 400
    for key, path in zip(keys, (base, mask), strict=True):
        ok = httpx.post(data["upload_host"], files=upload_form(data, key, path.read_bytes()))
        assert (ok.status_code, ok.content) == (200, b"")
    again = httpx.post(data["upload_host"], files=upload_form(data, keys[0], b"x"))
    assert again.status_code == 409  # x-oss-forbid-overwrite
    urls = {"base_image_url": f"oss://{keys[0]}", "mask_image_url": f"oss://{keys[1]}"}
    body = create_body(files, tmp_path, **urls)
    assert create(api, body).status_code == 400  # no resolve header
    task_id = task_id_of(create(api, body, **{"X-DashScope-OssResourceResolve": "enable"}))
    assert status(api, task_id)["task_status"] == "SUCCEEDED"
    fake_server.advance_time(protocol.POLICY_TTL_S + 1)
    late = httpx.post(data["upload_host"], files=upload_form(data, keys[0] + "2", b"x"))
    assert late.status_code == 403 and b"Policy expired" in late.content


def test_request_log_masks_the_key(fake_server: FakeDashScope, api: httpx.Client) -> None:
    api.get("/tasks/abc")
    (record,) = fake_server.requests
    assert (record.method, record.path, record.status) == ("GET", "/api/v1/tasks/abc", 200)
    assert fake_server.api_key not in record.headers["Authorization"]
    assert record.headers["Authorization"].endswith(fake_server.api_key[-4:])


def test_command_line_prints_the_base_url_first() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakeserver", "--port", "0", "--api-key", "sk-cli-key"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/api/v1")
        resp = httpx.get(f"{base_url}/tasks/t1", headers={"Authorization": "Bearer sk-cli-key"})
        assert resp.json()["output"]["task_status"] == "UNKNOWN"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
