"""The DashScope stand-in for benchmarks, with the time the service itself takes accounted.

`ServiceClock` wraps the stand-in's request handler and records when each request was being
handled; with the tasks' run windows (created to done) that is the service's share of a run.
What is left of a run's wall time is the client's own share: its start-up, imaging, encoding,
waiting between polls, storing.

`separate_service` runs the stand-in in a process of its own, for a benchmark that measures a
client in its own process: the stand-in's work (reading uploads, rendering results) then never
holds the measured process's GIL.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.core import ROOT
from tests.fakeserver import server as stand_in
from tests.fakeserver.faults import Faults
from tests.fakeserver.server import FakeDashScope

KEY = "sk-bench-0123456789"


class ServiceClock:
    """Intervals (in `time.time()`) during which the service was busy for the client."""

    def __init__(self, server: FakeDashScope) -> None:
        self.server = server
        self._lock = threading.Lock()
        self._busy: list[tuple[float, float]] = []
        serve = server._serve

        def timed(handler: Any) -> None:
            start = time.time()
            try:
                serve(handler)
            finally:
                with self._lock:
                    self._busy.append((start, time.time()))

        server._serve = timed  # type: ignore[method-assign]

    def seconds(self, start: float, end: float) -> float:
        """How much of [start, end] the service was handling a request or running a task."""
        with self._lock:
            spans = list(self._busy)
        for task in self.server.tasks:
            if task.scheduled is not None and task.end_at is not None:
                spans.append((task.created, task.end_at))
        clipped = sorted((max(a, start), min(b, end)) for a, b in spans if b > start and a < end)
        total, cur_a, cur_b = 0.0, None, None
        for a, b in clipped:
            if cur_b is None or a > cur_b:
                if cur_a is not None and cur_b is not None:
                    total += cur_b - cur_a
                cur_a, cur_b = a, b
            else:
                cur_b = max(cur_b, b)
        if cur_a is not None and cur_b is not None:
            total += cur_b - cur_a
        return total


@contextmanager
def service(task_seconds: float) -> Iterator[tuple[FakeDashScope, ServiceClock]]:
    """A stand-in whose tasks take `task_seconds`, without rate limits, Nagle off.

    Python's `http.server` writes headers and body in two segments; with Nagle's algorithm on,
    a body on a reused connection waits for the client's delayed ACK (~40 ms), which real front
    ends do not do, so the handler sets TCP_NODELAY.
    """
    stand_in._Handler.disable_nagle_algorithm = True
    faults = Faults(task_seconds=task_seconds, rate_limit_per_s=None, max_in_progress=4)
    with FakeDashScope(api_key=KEY, faults=faults) as server:
        yield server, ServiceClock(server)


@contextmanager
def separate_service(
    task_seconds: float, *, render_ahead: bool = True, latency_s: float = 0.0
) -> Iterator[str]:
    """The stand-in in a process of its own (no rate limit, 4 tasks at once); its base URL.

    With `render_ahead` a task's results are rendered before it reads SUCCEEDED, as the
    service has them stored by then, so a download is a transfer, not a rendering. With
    `latency_s` every answer (API, upload and download alike) waits that long first, as over a
    network; answers to requests made at once wait side by side.
    """
    cmd = [sys.executable, "-m", "tests.fakeserver", "--api-key", KEY, "--port", "0"]
    cmd += ["--task-seconds", str(task_seconds), "--rate-limit", "0", "--max-in-progress", "4"]
    cmd += ["--latency", str(latency_s)]
    if render_ahead:
        cmd.append("--render-ahead")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        if not base_url:
            raise RuntimeError(f"the stand-in did not start (exit status {proc.poll()})")
        yield base_url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
