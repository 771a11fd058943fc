"""What is retried and what is not: throttling, server errors, lost answers, dead hosts."""

from __future__ import annotations

import socket

import pytest

from tests.api.conftest import MODEL, Inputs, make_client
from tests.fakeserver.faults import DropRule, ErrorBurst
from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.api import DashScopeClient, TaskStatus
from xpaint_desktop.errors import NetworkError, OutcomeUnknownError, ServerError, ThrottledError

CREATE = "image-synthesis"


def creates(server: FakeDashScope) -> list[int]:
    """HTTP status of every creation request the server saw (0 = connection dropped)."""
    return [r.status for r in server.requests_to(CREATE, "POST")]


def create(client: DashScopeClient, inputs: Inputs) -> str:
    return client.create_task(MODEL, "a kite", inputs.base_url, inputs.mask_url).task_id


def test_throttled_creation_is_retried_until_it_goes_through(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.error_burst = ErrorBurst(
        count=3, status=429, code="Throttling.RateQuota", path_contains=CREATE
    )
    task_id = create(client, inputs)
    assert creates(fake_server) == [429, 429, 429, 200]
    assert [t.task_id for t in fake_server.tasks] == [task_id]


def test_throttling_gives_up_after_max_retries(fake_server: FakeDashScope, inputs: Inputs) -> None:
    fake_server.faults.error_burst = ErrorBurst(
        count=10, status=429, code="Throttling.RateQuota", path_contains=CREATE
    )
    with make_client(fake_server, max_retries=2) as c, pytest.raises(ThrottledError) as info:
        create(c, inputs)
    assert info.value.retryable and info.value.code == "Throttling.RateQuota"
    assert info.value.http_status == 429 and info.value.request_id
    assert creates(fake_server) == [429, 429, 429]
    assert fake_server.tasks == []


def test_server_side_rate_limit_is_absorbed_by_backoff(
    fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.rate_limit_per_s = 2.0
    with make_client(
        fake_server, creations_per_second=0, backoff_base=0.2, max_backoff=1.0, max_retries=8
    ) as c:
        ids = [create(c, inputs) for _ in range(4)]
    assert len(set(ids)) == 4 == len(fake_server.tasks)
    statuses = creates(fake_server)
    assert 429 in statuses and statuses.count(200) == 4


def test_client_rate_limit_keeps_creations_under_the_service_limit(
    fake_server: FakeDashScope, inputs: Inputs
) -> None:
    # The service allows 6 creations in any second; the client sends 4/s and never retries,
    # so a single 429 would fail the test. Unlimited, the same burst is refused.
    fake_server.faults.rate_limit_per_s = 6.0
    with make_client(fake_server, creations_per_second=4.0, max_retries=0) as c:
        for _ in range(6):
            create(c, inputs)
    assert creates(fake_server) == [200] * 6
    fake_server.advance_time(2.0)
    unlimited = make_client(fake_server, creations_per_second=0, max_retries=0)
    with unlimited as c, pytest.raises(ThrottledError):
        for _ in range(7):
            create(c, inputs)


@pytest.mark.parametrize(
    ("status", "code"),
    [(500, "InternalError"), (502, ""), (503, "ModelUnavailable"), (504, "")],
)
@pytest.mark.parametrize("after_processing", [False, True])
def test_server_errors_on_creation_are_never_resent_blindly(
    client: DashScopeClient,
    fake_server: FakeDashScope,
    inputs: Inputs,
    status: int,
    code: str,
    after_processing: bool,
) -> None:
    """A 5xx may come after the task was made: the client cannot tell, so it does not resend."""
    fake_server.faults.error_burst = ErrorBurst(
        count=2, status=status, code=code, path_contains=CREATE, after_processing=after_processing
    )
    with pytest.raises(OutcomeUnknownError, match=f"HTTP {status}"):
        create(client, inputs)
    assert creates(fake_server) == [status]
    assert len(fake_server.tasks) == (1 if after_processing else 0)


def test_gateway_timeout_on_creation_is_not_resent(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    fake_server.faults.error_burst = ErrorBurst(
        count=1, status=504, code="", message="Gateway Timeout", path_contains=CREATE
    )
    with pytest.raises(OutcomeUnknownError) as info:
        create(client, inputs)
    assert not info.value.retryable
    assert creates(fake_server) == [504]


@pytest.mark.parametrize("after_processing", [False, True])
def test_lost_answer_to_a_creation_is_never_resent(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs, after_processing: bool
) -> None:
    fake_server.faults.drop_next = DropRule(path_contains=CREATE, after_processing=after_processing)
    with pytest.raises(OutcomeUnknownError) as info:
        create(client, inputs)
    assert "127.0.0.1" in info.value.message and "not sent again" in info.value.message
    assert not info.value.retryable
    assert creates(fake_server) == [0]
    assert len(fake_server.tasks) == (1 if after_processing else 0)


def test_timeout_after_sending_a_creation_is_an_unknown_outcome(
    fake_server: FakeDashScope, inputs: Inputs
) -> None:
    with make_client(fake_server, timeout=0.3) as c:
        fake_server.faults.latency_s = 0.6
        with pytest.raises(OutcomeUnknownError, match="timed out"):
            create(c, inputs)
    fake_server.faults.latency_s = 0.0
    assert len(fake_server.requests_to(CREATE, "POST")) == 1


def test_queries_survive_server_errors_and_dropped_connections(
    client: DashScopeClient, fake_server: FakeDashScope, inputs: Inputs
) -> None:
    task_id = create(client, inputs)
    fake_server.faults.error_burst = ErrorBurst(count=2, status=500, path_contains="/tasks/")
    assert client.get_task(task_id).status is TaskStatus.SUCCEEDED
    fake_server.faults.drop_next = DropRule(count=2, path_contains="/tasks/")
    assert client.wait(task_id).status is TaskStatus.SUCCEEDED
    assert [r.status for r in fake_server.requests_to("/tasks/")] == [500, 500, 200, 0, 0, 200]


def test_persistent_server_errors_end_in_a_retryable_server_error(
    fake_server: FakeDashScope,
) -> None:
    fake_server.faults.error_burst = ErrorBurst(count=10, status=500, path_contains="/tasks/")
    with make_client(fake_server, max_retries=1) as c, pytest.raises(ServerError) as info:
        c.get_task("t-1")
    assert info.value.retryable and info.value.code == "InternalError"
    assert len(fake_server.requests_to("/tasks/")) == 2


def test_query_timeouts_are_retried_then_reported(fake_server: FakeDashScope) -> None:
    fake_server.faults.latency_s = 0.4
    with (
        make_client(fake_server, timeout=0.1, max_retries=1) as c,
        pytest.raises(
            NetworkError, match=r"Could not reach 127\.0\.0\.1: the connection timed out"
        ),
    ):
        c.get_task("t-1")
    fake_server.faults.latency_s = 0.0
    assert len(fake_server.requests_to("/tasks/")) == 2


def test_unreachable_host_is_a_network_error_naming_it() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = DashScopeClient(
        "sk-unreachable-key",
        f"http://127.0.0.1:{port}/api/v1",
        max_retries=1,
        backoff_base=0.01,
        creations_per_second=0,
    )
    with client, pytest.raises(NetworkError) as info:
        client.create_task(MODEL, "x", "oss://a/b.png", "oss://a/c.png")
    assert not isinstance(info.value, OutcomeUnknownError)  # nothing was sent
    assert info.value.retryable
    assert "Could not reach 127.0.0.1" in info.value.message
