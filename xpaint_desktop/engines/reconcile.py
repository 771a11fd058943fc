"""Settling a task creation whose answer was lost, by asking the service's task list.

A creation request that left but got no answer (dropped connection, timeout, 5xx, the process
killed) may or may not have made a billed task. Sending it again blindly could bill twice;
giving up leaves a paid result behind. Instead the account's tasks of the job's model, created
from just before the request went out, and not already owned by the library, are listed:

- exactly one: it is the job's task; adopt it;
- none, once the listing has had time to show a task created by that request: nothing was
  made, and sending again is safe;
- several (another device used the account at the same moment): a person chooses.

The runner serialises this process's creations (one request between sending and storing its
task id), so its own other jobs never look like candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from xpaint_desktop.api.client import DashScopeClient
from xpaint_desktop.api.tasklist import MAX_WINDOW, TaskFilter, TaskSummary


@dataclass(frozen=True)
class SettlePolicy:
    """Margins of the search: clocks differ a little, and the listing lags behind creation."""

    clock_margin: timedelta = timedelta(seconds=10)
    # How long after a creation the list is trusted to show it.
    list_settle: timedelta = timedelta(seconds=15)
    # How long the service may still act on a request after it left (the request timeout).
    in_flight: timedelta = timedelta(seconds=60)
    # Between listings while waiting for the list to settle.
    recheck: timedelta = timedelta(seconds=2)


class Settlement(StrEnum):
    ADOPT = "adopt"
    SEND_AGAIN = "send_again"
    WAIT = "wait"  # no candidate yet, but the listing may not show it yet
    CHOOSE = "choose"


@dataclass(frozen=True)
class Verdict:
    settlement: Settlement
    candidates: tuple[TaskSummary, ...] = ()

    @property
    def task_id(self) -> str:
        assert self.settlement is Settlement.ADOPT
        return self.candidates[0].task_id


def decide(
    tasks: Iterable[TaskSummary],
    *,
    known: set[str],
    sent_at: datetime,
    now: datetime,
    answered_by: datetime | None,
    policy: SettlePolicy,
) -> Verdict:
    """The verdict for a creation sent at `sent_at` whose answer was given up at `answered_by`
    (None: the process died waiting, so the request may have been acted on for `in_flight`)."""
    last_possible = answered_by or sent_at + policy.in_flight
    start = sent_at - policy.clock_margin
    end = last_possible + policy.clock_margin
    candidates = tuple(
        sorted(
            (
                t
                for t in tasks
                if t.task_id not in known and t.created is not None and start <= t.created <= end
            ),
            key=lambda t: (t.created, t.task_id),
        )
    )
    if len(candidates) == 1:
        return Verdict(Settlement.ADOPT, candidates)
    if candidates:
        return Verdict(Settlement.CHOOSE, candidates)
    if now < last_possible + policy.list_settle:
        return Verdict(Settlement.WAIT)
    return Verdict(Settlement.SEND_AGAIN)


def list_window(
    client: DashScopeClient, model: str, sent_at: datetime, policy: SettlePolicy
) -> list[TaskSummary]:
    """The account's tasks of `model` that the request sent at `sent_at` could have made."""
    start = sent_at - policy.clock_margin
    end = start + min(MAX_WINDOW, policy.in_flight + 2 * policy.clock_margin + policy.list_settle)
    return client.list_tasks(TaskFilter(start=start, end=end, model=model))


def check(
    client: DashScopeClient,
    model: str,
    *,
    known: set[str],
    sent_at: datetime,
    answered_by: datetime | None,
    policy: SettlePolicy,
) -> Verdict:
    """List the window and decide, as of now."""
    return decide(
        list_window(client, model, sent_at, policy),
        known=known,
        sent_at=sent_at,
        now=datetime.now(UTC),
        answered_by=answered_by,
        policy=policy,
    )


def candidates_text(candidates: Iterable[TaskSummary]) -> str:
    """`task a1 (created 10:02:03, RUNNING); task b2 (...)`, local time."""
    parts = []
    for t in candidates:
        when = t.created.astimezone().strftime("%H:%M:%S") if t.created else "?"
        parts.append(f"task {t.task_id} (created {when}, {t.status.value})")
    return "; ".join(parts)
