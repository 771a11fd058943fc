"""Keeping task creations under the service's per-second limit.

`wanx-x-painting` allows 2 task creations per second per account; going over earns a 429 and a
wasted round trip. The limiter spaces creations out before they are sent, from any number of
threads. It is a token bucket written as GCRA (one timestamp, no background refill): with
`burst=1` it is simply a minimum interval of `1 / rate` seconds between creations.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """A thread-safe token bucket; `acquire()` blocks until the next request may go."""

    def __init__(
        self,
        rate_per_s: float,
        *,
        burst: int = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self._interval = 1.0 / rate_per_s if rate_per_s > 0 else 0.0
        self._tolerance = (burst - 1) * self._interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tat: float | None = None  # theoretical arrival time of the next request

    @property
    def interval(self) -> float:
        """Seconds between requests at the sustained rate (0 when unlimited)."""
        return self._interval

    def reserve(self) -> float:
        """Take the next slot and return how many seconds to wait before using it."""
        if self._interval == 0.0:
            return 0.0
        with self._lock:
            now = self._clock()
            tat = now if self._tat is None else max(self._tat, now)
            start = max(now, tat - self._tolerance)
            self._tat = tat + self._interval
            return start - now

    def acquire(self) -> float:
        """Wait for the next slot; returns the seconds waited."""
        delay = self.reserve()
        if delay > 0:
            self._sleep(delay)
        return delay
