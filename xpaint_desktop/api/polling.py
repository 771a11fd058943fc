"""When to ask the service about a task again.

The official SDK sleeps 1 s before its first query and then 1, 1, 2, 2, 2, 4, 4, 4, 5 ... s, so
a task that is done at once is seen after a second, and a 25 s task is seen up to 5 s late. We
query at once, then space the queries in proportion to how long the task has been in its
current status: a status that has just been entered is likely to change soon (the first
moments after creation, the switch from PENDING to RUNNING), one that has lasted a while is not.
With `ratio` 0.5 a result is seen at most about a third of its age late, and never more than
`max_delay`; a 25 s task costs about a dozen queries.

`PollSchedule` is pure data and arithmetic; `PollTimer` applies it to a sequence of observed
statuses. Neither reads a clock, so both are tested without sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import TaskStatus


@dataclass(frozen=True)
class PollSchedule:
    """Delays between task queries, as a function of status and time spent in it."""

    first_delay: float = 0.0
    min_delay: float = 0.25
    max_delay: float = 5.0
    ratio: float = 0.5
    # After the task starts RUNNING it needs some seconds of work; no need to ask at once.
    running_min_delay: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.min_delay <= self.max_delay:
            raise ValueError("need 0 < min_delay <= max_delay")
        if self.ratio <= 0 or self.first_delay < 0:
            raise ValueError("ratio must be positive and first_delay not negative")

    def next_delay(self, status: TaskStatus, time_in_status: float) -> float:
        """Seconds to wait before the next query, given the last observed status."""
        floor = self.min_delay
        if status is TaskStatus.RUNNING:
            floor = min(max(self.running_min_delay, self.min_delay), self.max_delay)
        return min(self.max_delay, max(floor, self.ratio * max(time_in_status, 0.0)))


@dataclass
class PollTimer:
    """Follows one task's observed statuses and says how long to wait before the next query.

    Times are passed in by the caller (seconds from any fixed origin), which keeps this pure.
    """

    schedule: PollSchedule = field(default_factory=PollSchedule)
    status: TaskStatus | None = None
    status_since: float = 0.0

    def observe(self, status: TaskStatus, now: float) -> float:
        """Record a query's answer at `now`; returns the delay before the next query."""
        if status is not self.status:
            self.status = status
            self.status_since = now
        return self.schedule.next_delay(status, now - self.status_since)
