"""The account's task list, against the stand-in over real sockets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.api.conftest import MODEL, Inputs, make_client
from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.api import DashScopeClient, Task, TaskStatus
from xpaint_desktop.api.tasklist import (
    SERVICE_TZ,
    TaskFilter,
    TaskPage,
    format_list_time,
    parse_list_time,
)


def create(client: DashScopeClient, inputs: Inputs, prompt: str = "a kite") -> Task:
    return client.create_task(MODEL, prompt, inputs.base_url, inputs.mask_url)


def test_every_page_is_read_and_each_task_comes_once(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    made = [create(client, inputs).task_id for _ in range(23)]
    fake_server.clear_requests()
    listed = client.list_tasks(TaskFilter(model=MODEL), page_size=10)
    assert sorted(t.task_id for t in listed) == sorted(made)
    pages = fake_server.requests_to("/tasks/", "GET")
    assert [r.query["page_no"] for r in pages] == [["1"], ["2"], ["3"]]
    assert all(r.query["page_size"] == ["10"] for r in pages)
    # newest first, as the service lists them
    created = [t.created for t in listed]
    assert created == sorted(created, reverse=True)


def test_a_page_has_the_documented_shape(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    task = create(client, inputs)
    first = client.list_tasks_page(page_no=1, page_size=1)
    assert isinstance(first, TaskPage)
    assert (first.total, first.total_pages, first.page_no, first.page_size) == (1, 1, 1, 1)
    (entry,) = first.tasks
    assert entry.task_id == task.task_id
    assert entry.model == MODEL
    assert entry.request_id == task.request_id  # the creating request's id
    assert entry.status in (TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.SUCCEEDED)
    assert entry.created is not None
    record = fake_server.task(task.task_id)
    assert record is not None
    assert abs(entry.created.timestamp() - record.created) < 0.002
    raw = httpx.get(
        fake_server.base_url + "/tasks/",
        headers={"Authorization": f"Bearer {fake_server.api_key}"},
    ).json()
    assert "output" not in raw
    assert set(raw) == {"request_id", "data", "total", "total_page", "page_no", "page_size"}
    assert set(raw["data"][0]) >= {
        "task_id",
        "status",
        "model_name",
        "gmt_create",
        "start_time",
        "end_time",
        "request_id",
        "region",
        "api_key_id",
        "caller_parent_id",
        "caller_uid",
        "user_api_unique_key",
    }


def test_filters_by_status_task_id_and_time(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.task_seconds = 60.0
    first = create(client, inputs)
    second = create(client, inputs)
    fake_server.advance_time(600)  # both done, on the stand-in's clock
    fake_server.faults.task_seconds = 600.0
    third = create(client, inputs)
    done = client.list_tasks(TaskFilter(status=TaskStatus.SUCCEEDED))
    assert {t.task_id for t in done} == {first.task_id, second.task_id}
    (one,) = client.list_tasks(TaskFilter(task_id=second.task_id))
    assert one.task_id == second.task_id and one.status is TaskStatus.SUCCEEDED
    now = datetime.fromtimestamp(fake_server.now(), UTC)
    recent = client.list_tasks(TaskFilter(start=now - timedelta(seconds=60), end=now))
    assert [t.task_id for t in recent] == [third.task_id]
    assert client.list_tasks(TaskFilter(model="wanx2.1-imageedit")) == []


def test_the_window_may_not_exceed_a_day(fake_server: FakeDashScope) -> None:
    with pytest.raises(ValueError, match="24 hours"):
        TaskFilter(start=datetime(2026, 1, 1, tzinfo=UTC), end=datetime(2026, 1, 2, 1, tzinfo=UTC))
    auth = {"Authorization": f"Bearer {fake_server.api_key}"}
    url = fake_server.base_url + "/tasks/"
    too_long = httpx.get(
        url, headers=auth, params={"start_time": "20260101000000", "end_time": "20260102000001"}
    )
    assert too_long.status_code == 400 and too_long.json()["code"] == "InvalidParameter"
    bad = httpx.get(url, headers=auth, params={"start_time": "2026-01-01"})
    assert bad.status_code == 400
    assert httpx.get(url, headers=auth, params={"page_size": "101"}).status_code == 400
    assert httpx.get(url).status_code == 401


def test_tasks_older_than_the_retention_and_not_yet_visible_are_left_out(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    old = create(client, inputs)
    fake_server.advance_time(25 * 3600)
    assert client.list_tasks() == []
    fake_server.faults.list_lag_s = 5.0
    young = create(client, inputs)
    assert client.list_tasks() == []  # the listing has not caught up yet
    fake_server.advance_time(6)
    assert [t.task_id for t in client.list_tasks()] == [young.task_id]
    assert old.task_id != young.task_id


def test_tasks_of_other_keys_of_the_account_are_listed(
    fake_server: FakeDashScope, inputs: Inputs, client: DashScopeClient
) -> None:
    fake_server.other_keys = ("sk-other-device-0001",)
    with make_client(fake_server, api_key="sk-other-device-0001") as elsewhere:
        base = elsewhere.upload(inputs.base, "b.png", MODEL)
        mask = elsewhere.upload(inputs.mask, "m.png", MODEL)
        theirs = elsewhere.create_task(MODEL, "a boat", base, mask)
    mine = create(client, inputs)
    listed = {t.task_id: t for t in client.list_tasks()}
    assert set(listed) == {theirs.task_id, mine.task_id}
    assert listed[theirs.task_id].api_key_id != listed[mine.task_id].api_key_id


def test_list_times_are_written_in_the_service_time_zone() -> None:
    moment = datetime(2026, 3, 1, 16, 30, 5, tzinfo=UTC)
    assert format_list_time(moment) == "20260302003005"
    assert parse_list_time("20260302003005") == moment.astimezone(SERVICE_TZ)
    with pytest.raises(ValueError):
        parse_list_time("2026030200300")
