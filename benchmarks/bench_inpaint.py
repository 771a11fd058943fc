"""A 24-megapixel JPEG through `xpaint-desktop inpaint`, the whole process; and its disk cost.

Each run is a new process of the command line against the stand-in (a task that takes 0.3 s),
timed from its start to its exit. The service's share (requests being handled, the task
running; see `standin.ServiceClock`) is taken off: what is left is the client's own share. The
baseline is a plain Pillow round trip of the same photo in a new process (decode the JPEG,
encode it again at quality 90): the least any client that touches the pixels must do.

Every run adds a job on the same photo to one library, so the library's growth gives the disk
cost of the first job (against the original's size) and of all of them together (a photo used
by several jobs should be stored once).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.core import ROOT, Context, Figure, Target
from benchmarks.inputs import mask_path, photo_path
from benchmarks.standin import KEY, service

TASK_SECONDS = 0.3
MB = 1e6
PILLOW = (
    "import io, sys\nfrom PIL import Image\n"
    "with Image.open(sys.argv[1]) as im:\n    im.load()\n"
    "    im.save(io.BytesIO(), format='JPEG', quality=90)\n"
)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _process_s(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run `cmd`; (start, end) in time.time() and the wall seconds. Raises if it failed."""
    start_wall, start = time.time(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[2:4]} exit status {proc.returncode}: {proc.stderr[-2000:]}")
    return start_wall, start_wall + took, took


def run(ctx: Context) -> list[Figure]:
    runs = ctx.runs(10, 2)
    photo, mask = photo_path(), mask_path()
    original = photo.stat().st_size
    shares: list[float] = []
    walls: list[float] = []
    pillow: list[float] = []
    with service(TASK_SECONDS) as (server, clock), tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library"
        env = dict(
            os.environ,
            DASHSCOPE_API_KEY=KEY,
            DASHSCOPE_HTTP_BASE_URL=server.base_url,
            XPAINT_HOME=str(library),
            XPAINT_CONFIG_DIR=str(Path(tmp) / "config"),
        )
        cli = [sys.executable, "-m", "xpaint_desktop"]
        _process_s([*cli, "history"], env)  # an empty library
        empty = folder_bytes(library)
        after_first = 0
        for i in range(runs):
            _s, _e, took = _process_s([sys.executable, "-c", PILLOW, str(photo)], env)
            pillow.append(took)
            cmd = [*cli, "inpaint", str(photo), str(mask), "-p", "a red balloon", "--json"]
            start, end, took = _process_s(cmd, env)
            walls.append(took)
            shares.append(took - clock.seconds(start, end))
            if i == 0:
                after_first = folder_bytes(library) - empty
        total = folder_bytes(library) - empty
        jobs = json.loads(_run_json([*cli, "history", "--json"], env))["jobs"]
    assert len(jobs) == runs, jobs
    service_share = statistics.median(w - s for w, s in zip(walls, shares, strict=True))
    return [
        Figure(
            key="inpaint.client_share",
            title="24 MP JPEG through `inpaint`, whole process: client's share",
            value=statistics.median(shares),
            unit="s",
            baseline=statistics.median(pillow),
            baseline_label="plain Pillow decode+encode",
            target=Target(1.0),
            samples=runs,
            note=f"whole process {statistics.median(walls):.2f} s, of which the service "
            f"{service_share:.2f} s (task {TASK_SECONDS} s)",
        ),
        Figure(
            key="disk.per_job",
            title="disk per job, 24 MP photo, 1 result",
            value=after_first / MB,
            unit="MB",
            baseline=original / MB,
            baseline_label="the original JPEG",
            target=Target(round((original + 2 * MB) / MB, 2)),
        ),
        Figure(
            key="disk.jobs_on_one_photo",
            title=f"disk for {runs} jobs on one photo",
            value=total / MB,
            unit="MB",
            baseline=original / MB,
            baseline_label="the original JPEG",
            target=Target(round((original + runs * 2 * MB) / MB, 2)),
            samples=runs,
        ),
    ]


def _run_json(cmd: list[str], env: dict[str, str]) -> str:
    return subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout
