"""Create, wait, query and cancel against the stand-in service over real sockets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.api.conftest import MODEL, Inputs, make_client
from tests.fakeserver.faults import TaskFailure
from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.api import DashScopeClient, Task, TaskStatus, task_error
from xpaint_desktop.errors import (
    AuthError,
    CancelledError,
    ContentRejectedError,
    ServiceError,
    TaskExpiredError,
)


def create(client: DashScopeClient, inputs: Inputs, **kwargs: object) -> Task:
    return client.create_task(
        MODEL,
        "a red balloon",
        inputs.base_url,
        inputs.mask_url,
        **kwargs,  # type: ignore[arg-type]
    )


def test_round_trip_upload_create_wait_download(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs, tmp_path: Path
) -> None:
    task = create(client, inputs, style="<watercolor>", size="1280*720", n=2)
    assert task.status is TaskStatus.PENDING and task.task_id and task.request_id

    (sent,) = fake_server.requests_to("image-synthesis", "POST")
    assert sent.headers["X-DashScope-Async"] == "enable"
    assert sent.headers["X-DashScope-OssResourceResolve"] == "enable"
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Authorization"].startswith("Bearer ****")
    assert sent.json == {
        "model": MODEL,
        "input": {
            "prompt": "a red balloon",
            "base_image_url": inputs.base_url,
            "mask_image_url": inputs.mask_url,
        },
        "parameters": {"n": 2, "style": "<watercolor>", "size": "1280*720"},
    }

    done = client.wait(task.task_id)
    assert done.status is TaskStatus.SUCCEEDED
    assert [r.ok for r in done.results] == [True, True]
    assert done.image_count == 2 and done.metrics is not None and done.metrics.succeeded == 2
    assert done.end_time is not None

    dest = tmp_path / "out" / "result-1.png"
    assert client.download(done.results[1].url or "", dest) == dest
    with Image.open(dest) as img:
        assert img.size == (1280, 720)
    assert not dest.with_suffix(".part").exists()


def test_mask_color_and_plain_urls_are_sent_as_given(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    create(client, inputs, mask_color=[(0, 0, 0), (134, 134, 134)])
    (sent,) = fake_server.requests_to("image-synthesis", "POST")
    assert sent.json["parameters"]["mask_color"] == [[0, 0, 0], [134, 134, 134]]
    assert "style" not in sent.json["parameters"]


def test_no_resolve_header_without_oss_urls(
    client: DashScopeClient, fake_server: FakeDashScope
) -> None:
    url = fake_server.root_url + "/nothing-here.png"
    client.create_task(MODEL, "x", url, url)
    (sent,) = fake_server.requests_to("image-synthesis", "POST")
    assert "X-DashScope-OssResourceResolve" not in sent.headers
    failed = client.wait(client_tasks(fake_server)[0])
    assert failed.status is TaskStatus.FAILED
    assert failed.code == "BadRequest.InputDownloadFailed"


def client_tasks(server: FakeDashScope) -> list[str]:
    return [t.task_id for t in server.tasks]


def test_a_task_done_at_once_is_seen_on_the_first_query(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    task = create(client, inputs)
    seen: list[TaskStatus] = []
    done = client.wait(task.task_id, on_update=lambda t: seen.append(t.status))
    assert done.status is TaskStatus.SUCCEEDED
    assert seen == [TaskStatus.SUCCEEDED]
    assert len(fake_server.requests_to("/tasks/", "GET")) == 1


def test_wait_reports_every_phase_in_order(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.task_seconds = 10.0
    fake_server.faults.suspend = True
    task = create(client, inputs)
    seen: list[TaskStatus] = []

    def on_update(t: Task) -> None:
        seen.append(t.status)
        fake_server.advance_time(1.0)  # the service's clock moves one second per query

    done = client.wait(task.task_id, on_update=on_update)
    assert done.status is TaskStatus.SUCCEEDED
    phases = [s for i, s in enumerate(seen) if i == 0 or seen[i - 1] is not s]
    assert phases == [
        TaskStatus.PENDING,
        TaskStatus.SUSPENDED,
        TaskStatus.RUNNING,
        TaskStatus.SUCCEEDED,
    ]


def test_should_stop_interrupts_the_wait_and_leaves_the_task_alone(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.task_seconds = 3600.0
    task = create(client, inputs)
    polls: list[Task] = []
    with pytest.raises(CancelledError, match=task.task_id):
        client.wait(task.task_id, on_update=polls.append, should_stop=lambda: len(polls) >= 3)
    assert len(polls) == 3
    assert client.get_task(task.task_id).status is TaskStatus.PENDING
    assert not fake_server.requests_to("/cancel")


def test_failed_task_is_returned_and_maps_to_a_typed_error(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.fail_tasks = TaskFailure(count=1)
    done = client.wait(create(client, inputs).task_id)
    assert done.status is TaskStatus.FAILED
    assert done.code == "DataInspectionFailed"
    assert done.metrics is not None and done.metrics.failed == 1
    exc = task_error(done)
    assert isinstance(exc, ContentRejectedError)
    assert "moderation" in exc.message and exc.request_id == done.request_id


def test_partial_failure(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs, tmp_path: Path
) -> None:
    fake_server.faults.partial_failures = frozenset({1})
    done = client.wait(create(client, inputs, n=3).task_id)
    assert done.status is TaskStatus.SUCCEEDED and done.is_partial
    assert [r.ok for r in done.results] == [True, False, True]
    assert done.results[1].code == "InternalError.Timeout"
    assert done.image_count == 2
    assert task_error(done) is None
    client.download(done.results[2].url or "", tmp_path / "r2.png")
    assert (tmp_path / "r2.png").stat().st_size > 0


def test_unknown_and_expired_tasks(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    assert client.get_task("no-such-task").status is TaskStatus.UNKNOWN
    task = create(client, inputs)
    assert client.get_task(task.task_id).status is TaskStatus.SUCCEEDED
    fake_server.advance_time(24 * 3600 + 1)
    gone = client.wait(task.task_id)
    assert gone.status is TaskStatus.UNKNOWN and gone.task_id == task.task_id
    assert isinstance(task_error(gone), TaskExpiredError)


def test_cancel_while_pending_and_refused_afterwards(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.task_seconds = 60.0
    running = create(client, inputs)  # takes the account's one slot
    queued = create(client, inputs)
    client.cancel_task(queued.task_id)
    assert client.get_task(queued.task_id).status is TaskStatus.CANCELED
    assert client.wait(queued.task_id).status is TaskStatus.CANCELED
    fake_server.advance_time(30.0)
    assert client.get_task(running.task_id).status is TaskStatus.RUNNING
    with pytest.raises(ServiceError) as info:
        client.cancel_task(running.task_id)
    assert info.value.code == "UnsupportedOperation" and info.value.http_status == 400
    assert "PENDING" in info.value.message


def test_moderation_refusal_at_creation(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.reject_content = ("forbidden",)
    with pytest.raises(ContentRejectedError) as info:
        client.create_task(MODEL, "something forbidden", inputs.base_url, inputs.mask_url)
    assert info.value.http_status == 400 and info.value.request_id
    assert len(fake_server.requests_to("image-synthesis")) == 1


def test_bad_parameter_names_it(client: DashScopeClient, inputs: Inputs) -> None:
    with pytest.raises(ServiceError) as info:
        create(client, inputs, n=9)
    assert info.value.code == "InvalidParameter" and not info.value.retryable
    assert "parameters.n" in info.value.message


def test_wrong_key_and_check_connection(fake_server: FakeDashScope) -> None:
    with make_client(fake_server) as good:
        good.check_connection()
    with (
        make_client(fake_server, api_key="sk-wrong-key-000") as bad,
        pytest.raises(AuthError) as info,
    ):
        bad.check_connection()
    assert "Preferences" in info.value.message and info.value.http_status == 401
    assert fake_server.requests_to("/uploads")[-1].query["model"] == [MODEL]
