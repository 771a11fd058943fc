"""The library at 10,000 jobs against 1,000 (`--quick`: 600 against 200): listing, ids,
counting, searching. Medians in milliseconds, on libraries built in a temporary folder with
`Library.import_jobs` (the same call the application uses for batches).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image

from benchmarks.core import Context, Figure, median_s
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library, NewJob
from xpaint_desktop.spec import JobSpec

PROMPTS = [
    "a red fox wearing round glasses",
    "一只戴红色眼镜的狗",
    "a quiet harbour at dawn, oil painting",
    "雪山上的小屋，水彩风格",
    "replace the sky with a starry night",
]
STYLES = ["<auto>", "<watercolor>", "<oil painting>"]


def _build(root: Path, count: int) -> tuple[Library, float]:
    base = Image.new("RGB", (64, 48), (120, 80, 40))
    mask = Image.new("L", (64, 48), 255)
    start_day = datetime(2023, 1, 1, tzinfo=UTC)
    jobs = [
        NewJob(
            JobSpec(prompt=f"{PROMPTS[i % len(PROMPTS)]} #{i}", style=STYLES[i % len(STYLES)]),
            base,
            mask,
            f"photo-{i}.jpg",
            start_day + timedelta(hours=i),
        )
        for i in range(count)
    ]
    lib = Library.open(root)
    start = time.perf_counter()
    made = lib.import_jobs(jobs)
    seconds = time.perf_counter() - start
    for job in made[::3]:
        lib.set_status(job.id, JobStatus.DONE)
    for job in made[::10]:
        lib.set_favourite(job.id, True)
    for job in made[::2]:
        lib.set_usage(job.id, 1 + job.id % 4)
    return lib, seconds


def _cases(lib: Library) -> dict[str, Callable[[], Any]]:
    ids = lib.job_ids()
    photo = Image.effect_noise((1024, 1024), 40).convert("RGB")
    photo_mask = Image.new("L", photo.size, 255)
    spec = JobSpec(prompt="one more")
    return {
        "create_job (1024 px inputs)": lambda: lib.create_job(spec, photo, photo_mask, "p.png"),
        "list_jobs() all": lambda: lib.list_jobs(),
        "list_jobs(limit=100)": lambda: lib.list_jobs(limit=100),
        "list_jobs(order=prompt, limit=100)": lambda: lib.list_jobs(order="prompt", limit=100),
        "job_ids()": lambda: lib.job_ids(),
        "count_jobs()": lambda: lib.count_jobs(),
        "get_jobs(100 ids)": lambda: lib.get_jobs(ids[len(ids) // 2 :][:100]),
        "search 'red glasses'": lambda: lib.job_ids(search="red glasses"),
        "search Chinese, 4 chars": lambda: lib.job_ids(search="红色眼镜"),
        "search Chinese, 1 char (LIKE)": lambda: lib.job_ids(search="狗"),
        "search 'harbour' + done + fav": lambda: lib.job_ids(
            search="harbour", statuses=[JobStatus.DONE], favourites_only=True
        ),
        "list_jobs(search Chinese 2 chars)": lambda: lib.list_jobs(search="水彩"),
        "usage_by_day()": lambda: lib.usage_by_day(),
    }


def run(ctx: Context) -> list[Figure]:
    runs = ctx.runs(7, 3)
    small, large = (200, 600) if ctx.quick else (1000, 10_000)
    results: dict[str, dict[int, float]] = {}
    imports: dict[int, float] = {}
    for size in (small, large):
        with tempfile.TemporaryDirectory() as tmp:
            lib, imports[size] = _build(Path(tmp) / "library", size)
            with lib:
                for name, fn in _cases(lib).items():
                    fn()  # warm the page cache
                    results.setdefault(name, {})[size] = median_s(fn, runs) * 1000
    figures = [
        Figure(
            key="library.import_jobs",
            title=f"library import_jobs, {large:,} jobs",
            value=imports[large],
            unit="s",
            baseline=imports[small] * large / small,
            baseline_label=f"{small:,} jobs, scaled x{large // small}",
        )
    ]
    for name, by_size in results.items():
        figures.append(
            Figure(
                key="library." + "".join(c if c.isalnum() else "_" for c in name).strip("_"),
                title=f"library {name}, {large:,} jobs",
                value=by_size[large],
                unit="ms",
                baseline=by_size[small],
                baseline_label=f"{small:,} jobs",
                samples=runs,
            )
        )
    return figures
