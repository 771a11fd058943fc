"""The creation limiter, on a fake clock, and across threads."""

from __future__ import annotations

import threading

import pytest

from xpaint_desktop.api.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds


def test_minimum_interval_between_requests() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2.0, clock=clock, sleep=clock.sleep)
    assert limiter.acquire() == 0.0
    assert limiter.acquire() == pytest.approx(0.5)
    assert clock.now == pytest.approx(100.5)
    clock.now += 2.0  # idle: the next one goes at once
    assert limiter.acquire() == 0.0


def test_reservations_queue_up_without_sleeping() -> None:
    clock = FakeClock()
    limiter = RateLimiter(4.0, clock=clock)
    assert [limiter.reserve() for _ in range(4)] == pytest.approx([0.0, 0.25, 0.5, 0.75])


def test_burst_allows_that_many_at_once_then_the_rate() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2.0, burst=3, clock=clock)
    assert [limiter.reserve() for _ in range(5)] == pytest.approx([0, 0, 0, 0.5, 1.0])
    clock.now += 10
    assert [limiter.reserve() for _ in range(3)] == pytest.approx([0, 0, 0])


def test_zero_rate_means_unlimited() -> None:
    limiter = RateLimiter(0.0, clock=FakeClock())
    assert limiter.interval == 0.0
    assert {limiter.reserve() for _ in range(10)} == {0.0}


def test_bad_burst_refused() -> None:
    with pytest.raises(ValueError):
        RateLimiter(1.0, burst=0)


def test_threads_get_distinct_slots() -> None:
    clock = FakeClock()
    limiter = RateLimiter(10.0, clock=clock)
    delays: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(25):
            d = limiter.reserve()
            with lock:
                delays.append(d)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(delays) == pytest.approx([i * 0.1 for i in range(100)])
