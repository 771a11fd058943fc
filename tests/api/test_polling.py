"""The poll schedule: quick at first, growing with the time spent in a status, capped."""

from __future__ import annotations

import itertools

import pytest

from xpaint_desktop.api.models import TaskStatus
from xpaint_desktop.api.polling import PollSchedule, PollTimer


def simulate(timer: PollTimer, statuses: list[TaskStatus]) -> list[tuple[float, float]]:
    """(time of query, delay chosen) for a sequence of answers, on a simulated clock."""
    now = 0.0
    out = []
    for status in statuses:
        delay = timer.observe(status, now)
        out.append((now, delay))
        now += delay
    return out


def test_first_query_is_immediate_by_default() -> None:
    assert PollSchedule().first_delay == 0.0


def test_delays_start_at_the_floor_never_shrink_and_stop_at_the_cap() -> None:
    schedule = PollSchedule(min_delay=0.25, max_delay=5.0, ratio=0.5)
    delays = [d for _, d in simulate(PollTimer(schedule), [TaskStatus.PENDING] * 40)]
    assert delays[0] == 0.25
    assert all(b >= a for a, b in itertools.pairwise(delays))
    assert max(delays) == 5.0
    assert delays[-1] == 5.0


def test_a_result_is_never_seen_later_than_the_ratio_allows() -> None:
    schedule = PollSchedule(min_delay=0.25, max_delay=5.0, ratio=0.5)
    for t, delay in simulate(PollTimer(schedule), [TaskStatus.PENDING] * 40):
        assert delay <= max(0.25, min(5.0, 0.5 * t)) + 1e-9


def test_fewer_queries_than_the_sdk_for_a_typical_task_and_much_earlier_first_look() -> None:
    # The SDK: sleep 1 s, then 1,1,2,2,2,4,4,4,5... until 25 s -> count its queries.
    sdk, t, wait, step = 0, 0.0, 1.0, 0
    while t < 25:
        t += wait
        sdk += 1
        step += 1
        if step % 3 == 0:
            wait = min(wait * 2, 5)
    ours = simulate(PollTimer(), [TaskStatus.RUNNING] * 100)
    ours_count = next(i for i, (t, _) in enumerate(ours) if t >= 25) + 1
    assert ours_count <= sdk + 6
    assert PollTimer().schedule.first_delay < 1.0


def test_status_change_to_running_restarts_at_the_running_floor() -> None:
    schedule = PollSchedule(min_delay=0.25, max_delay=5.0, ratio=0.5, running_min_delay=1.0)
    timer = PollTimer(schedule)
    now = 0.0
    for _ in range(30):
        now += timer.observe(TaskStatus.PENDING, now)
    assert timer.observe(TaskStatus.PENDING, now) == 5.0
    assert timer.observe(TaskStatus.RUNNING, now + 5.0) == 1.0
    assert timer.status is TaskStatus.RUNNING and timer.status_since == now + 5.0
    # and it grows again from there
    assert timer.observe(TaskStatus.RUNNING, now + 9.0) == 2.0


def test_running_floor_never_exceeds_the_cap() -> None:
    schedule = PollSchedule(min_delay=0.01, max_delay=0.05, running_min_delay=1.0)
    assert schedule.next_delay(TaskStatus.RUNNING, 0.0) == 0.05


@pytest.mark.parametrize(
    "kwargs", [{"min_delay": 0}, {"min_delay": 6, "max_delay": 5}, {"ratio": 0}]
)
def test_bad_schedules_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        PollSchedule(**kwargs)
