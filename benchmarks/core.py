"""What every benchmark module shares: the figure it reports, the run's context, timing helpers.

A benchmark module is `benchmarks/bench_<name>.py` with a function `run(ctx: Context) ->
list[Figure]`. The runner (`python -m benchmarks`) finds it by its name, runs it in a process of
its own and prints its figures in one table. A figure is a median measured against a baseline
measured in the same run (a bare Qt window, the official SDK, a plain Pillow encode, a small
photo), so a slower machine moves both and the ratio stays meaningful.
"""

from __future__ import annotations

import enum
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / "results"  # git-ignored: generated inputs and kept bundles


class Compare(enum.StrEnum):
    """What a target limits: the figure itself or its ratio to the baseline."""

    VALUE = "value"
    RATIO = "ratio"


@dataclass(frozen=True)
class Target:
    """`limit` is an upper bound of the figure's value or of its ratio to the baseline."""

    limit: float
    of: Compare = Compare.VALUE

    def describe(self, unit: str) -> str:
        return f"<= {self.limit:g}x" if self.of == Compare.RATIO else f"<= {self.limit:g} {unit}"


@dataclass(frozen=True)
class Figure:
    """One row of the table."""

    key: str  # stable name, e.g. "startup.first_paint"
    title: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    target: Target | None = None
    note: str = ""
    samples: int = 1

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.value / self.baseline

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        measured = self.ratio if self.target.of == Compare.RATIO else self.value
        return None if measured is None else measured <= self.target.limit

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["target"] = (
            None
            if self.target is None
            else {"limit": self.target.limit, "of": self.target.of.value}
        )
        doc["ratio"] = self.ratio
        doc["met"] = self.met
        return doc

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Figure:
        target = doc.get("target")
        return cls(
            key=doc["key"],
            title=doc["title"],
            value=float(doc["value"]),
            unit=doc["unit"],
            baseline=doc.get("baseline"),
            baseline_label=doc.get("baseline_label", ""),
            target=None if target is None else Target(target["limit"], Compare(target["of"])),
            note=doc.get("note", ""),
            samples=int(doc.get("samples", 1)),
        )


@dataclass
class Context:
    """The run's settings, handed to every module's `run`."""

    quick: bool = False
    cache: Path = CACHE
    notes: list[str] = field(default_factory=list)

    def runs(self, full: int, quick: int) -> int:
        return quick if self.quick else full


def median_s(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> dict[str, str]:
    """What the run ran on, for RESULTS.md."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    try:
        load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        load = ""
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count() or 0),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "load average at start": load,
    }
