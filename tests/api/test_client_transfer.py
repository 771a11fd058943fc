"""Temporary uploads and result downloads against the stand-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import MODEL, Inputs
from tests.fakeserver.faults import DropRule, ErrorBurst
from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.api import DashScopeClient
from xpaint_desktop.errors import ServiceError, TaskExpiredError


def test_uploads_share_one_policy_and_store_the_exact_bytes(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    assert inputs.base_url.startswith("oss://") and inputs.mask_url.startswith("oss://")
    assert inputs.base_url != inputs.mask_url
    assert fake_server.uploaded(inputs.base_url) == inputs.base
    assert fake_server.uploaded(inputs.mask_url) == inputs.mask
    assert len(fake_server.requests_to("/uploads", "GET")) == 1
    for upload in fake_server.requests_to("/oss", "POST"):
        assert upload.status == 200
        assert "Authorization" not in upload.headers


def test_non_ascii_file_names_become_ascii_keys(
    client: DashScopeClient, fake_server: FakeDashScope
) -> None:
    url = client.upload(b"\x89PNG fake bytes", "我的 照片(1).PNG", MODEL)
    assert url.isascii() and url.endswith("-1.png")
    assert fake_server.uploaded(url) == b"\x89PNG fake bytes"


def test_expired_policy_is_renewed_once(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.advance_time(301.0)  # the server's policy lapsed; the client's clock says not
    url = client.upload(inputs.mask, "mask.png", MODEL)
    assert fake_server.uploaded(url) == inputs.mask
    assert len(fake_server.requests_to("/uploads", "GET")) == 2
    assert [r.status for r in fake_server.requests_to("/oss")][-2:] == [403, 200]


def test_upload_whose_answer_was_lost_is_not_uploaded_twice(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.drop_next = DropRule(path_contains="/oss", after_processing=True)
    url = client.upload(inputs.base, "again.png", MODEL)
    assert fake_server.uploaded(url) == inputs.base
    assert [r.status for r in fake_server.requests_to("/oss")][-2:] == [0, 409]


def test_upload_rejected_by_storage_is_a_service_error(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.error_burst = ErrorBurst(
        count=1, status=400, code="InvalidArgument", message="bad form", path_contains="/oss"
    )
    with pytest.raises(ServiceError) as info:
        client.upload(inputs.base, "x.png", MODEL)
    assert info.value.code == "InvalidArgument" and "bad form" in info.value.message


def finished_result_url(client: DashScopeClient, inputs: Inputs) -> str:
    task = client.create_task(MODEL, "a boat", inputs.base_url, inputs.mask_url)
    url = client.wait(task.task_id).results[0].url
    assert url is not None
    return url


def test_download_retries_server_errors_and_dropped_connections(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs, tmp_path: Path
) -> None:
    url = finished_result_url(client, inputs)
    fake_server.faults.error_burst = ErrorBurst(count=1, status=503, path_contains="/results/")
    first = client.download(url, tmp_path / "a.png").read_bytes()
    fake_server.faults.drop_next = DropRule(count=1, path_contains="/results/")
    second = client.download(url, tmp_path / "b.png").read_bytes()
    assert first == second and first.startswith(b"\x89PNG")
    assert [r.status for r in fake_server.requests_to("/results/")] == [503, 200, 0, 200]
    for r in fake_server.requests_to("/results/"):
        assert "Authorization" not in r.headers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "b.png"]


def test_expired_result_link(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs, tmp_path: Path
) -> None:
    url = finished_result_url(client, inputs)
    fake_server.advance_time(24 * 3600 + 5)
    dest = tmp_path / "late.png"
    with pytest.raises(TaskExpiredError) as info:
        client.download(url, dest)
    assert info.value.code == "ResultExpired" and "24 hours" in info.value.message
    assert "127.0.0.1" in info.value.message
    assert not dest.exists() and not dest.with_suffix(".part").exists()
    assert len(fake_server.requests_to("/results/")) == 1  # not retried


def test_failed_download_keeps_the_previous_file_intact(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs, tmp_path: Path
) -> None:
    url = finished_result_url(client, inputs)
    dest = tmp_path / "keep.png"
    dest.write_bytes(b"previous")
    with pytest.raises(TaskExpiredError):
        client.download(url.replace("Signature=", "Signature=x"), dest)
    assert dest.read_bytes() == b"previous"


def test_upload_many_sends_the_files_at_once_over_one_policy(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.clear_requests()
    client._policies.drop(MODEL)  # the fixture's uploads fetched one already
    base_url, mask_url = client.upload_many(
        [(inputs.base, "base.png"), (inputs.mask, "mask.png")], MODEL
    )
    assert fake_server.uploaded(base_url) == inputs.base
    assert fake_server.uploaded(mask_url) == inputs.mask
    assert len(fake_server.requests_to("/uploads", "GET")) == 1
    assert len(fake_server.requests_to("/oss", "POST")) == 2


def test_upload_many_raises_a_failure_after_every_upload_ended(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.error_burst = ErrorBurst(
        count=1, status=400, code="InvalidArgument", message="bad form", path_contains="/oss"
    )
    with pytest.raises(ServiceError) as info:
        client.upload_many([(inputs.base, "a.png"), (inputs.mask, "b.png")], MODEL)
    assert info.value.code == "InvalidArgument"
    assert sorted(r.status for r in fake_server.requests_to("/oss", "POST"))[-2:] == [200, 400]


def test_fetch_many_returns_every_result_in_order_and_retries_like_download(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs, tmp_path: Path
) -> None:
    task = client.create_task(MODEL, "boats", inputs.base_url, inputs.mask_url, n=3)
    urls = [r.url or "" for r in client.wait(task.task_id).results]
    fake_server.faults.error_burst = ErrorBurst(count=1, status=503, path_contains="/results/")
    fetched = client.fetch_many(urls)
    expected = [client.download(u, tmp_path / f"{i}.png").read_bytes() for i, u in enumerate(urls)]
    assert fetched == expected and len(set(fetched)) == 3
    statuses = [r.status for r in fake_server.requests_to("/results/")]
    assert statuses.count(503) == 1 and statuses.count(200) == 3 + 3  # fetched, then downloaded
    assert list(tmp_path.iterdir()) and not list(tmp_path.glob("*.part"))


def test_fetch_many_raises_an_expired_link_without_retrying_it(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    url = finished_result_url(client, inputs)
    with pytest.raises(TaskExpiredError):
        client.fetch_many([url, url.replace("Signature=", "Signature=x")])
    statuses = [r.status for r in fake_server.requests_to("/results/")]
    assert statuses.count(403) == 1 and statuses.count(200) in (0, 1)
