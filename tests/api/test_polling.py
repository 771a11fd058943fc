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


def sdk_query_times(until: float) -> list[float]:
    """dashscope 2.0's `wait`: query at once, then sleep 1,1,2,2,2,4,4,4,5,5... s."""
    times, t, wait, step = [], 0.0, 1.0, 0
    while True:
        times.append(t)
        if t >= until:
            return times
        step += 1
        if step % 3 == 0:
            wait = min(wait * 2, 5.0)
        t += wait


def our_query_times(until: float) -> list[float]:
    """Our schedule for a task PENDING for its first 30 %, then RUNNING, done at `until`."""
    timer, times, t = PollTimer(), [], 0.0
    while True:
        times.append(t)
        if t >= until:
            return times
        t += timer.observe(TaskStatus.PENDING if t < 0.3 * until else TaskStatus.RUNNING, t)


def test_results_are_seen_sooner_than_with_the_sdk_for_a_similar_number_of_queries() -> None:
    durations = [i / 10 for i in range(1, 301)]  # tasks done after 0.1 s ... 30 s
    ours = [our_query_times(d) for d in durations]
    sdk = [sdk_query_times(d) for d in durations]
    our_late = [q[-1] - d for q, d in zip(ours, durations, strict=True)]
    sdk_late = [q[-1] - d for q, d in zip(sdk, durations, strict=True)]
    assert sum(our_late) < 0.8 * sum(sdk_late)
    # tasks done within 2 s: never more than half their age late, and sooner than with the SDK
    assert all(
        late <= max(0.25, 0.5 * d) + 1e-9 for late, d in zip(our_late[:20], durations, strict=False)
    )
    assert sum(our_late[:20]) < 0.7 * sum(sdk_late[:20])
    typical = durations.index(25.0)
    # the quick first half second costs two or three queries more than a 0.25 s floor would
    assert len(ours[typical]) <= len(sdk[typical]) + 8


def test_status_changes_do_not_restart_the_schedule_but_suspension_slows_it() -> None:
    schedule = PollSchedule(min_delay=0.25, max_delay=3.0, ratio=0.5)
    timer = PollTimer(schedule)
    assert timer.observe(TaskStatus.PENDING, 10.0) == 0.25
    assert timer.observe(TaskStatus.PENDING, 12.0) == 1.0
    assert timer.observe(TaskStatus.RUNNING, 14.0) == 2.0
    assert timer.observe(TaskStatus.SUSPENDED, 14.5) == 3.0
    assert timer.observe(TaskStatus.RUNNING, 17.5) == 3.0
    assert timer.status is TaskStatus.RUNNING and timer.started == 10.0


@pytest.mark.parametrize(
    "kwargs", [{"min_delay": 0}, {"min_delay": 6, "max_delay": 5}, {"ratio": 0}]
)
def test_bad_schedules_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        PollSchedule(**kwargs)


def test_the_default_floor_is_quick_for_short_tasks_and_polite_to_the_query_limit() -> None:
    times = our_query_times(30.0)
    # never more than 10 queries in any second (the account allows 20/s for every query)
    assert all(sum(1 for t in times if a <= t < a + 1.0) <= 10 for a in times)
    # a task done after 0.3 s is seen by the query at 0.3 s, not later
    assert our_query_times(0.3)[-1] == pytest.approx(0.3)
