"""A job survives the process being killed (SIGKILL) between any two steps, or inside one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from xpaint_desktop.library import jobfile
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import JobSpec

SCRIPT = Path(__file__).with_name("crash_steps.py")
REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _start(root: Path, mode: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), str(root), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def _kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            stream.close()


def _decodes(path: Path) -> bool:
    with Image.open(path) as img:
        img.load()
    return True


def _assert_consistent(lib: Library, *, exact: bool = True) -> None:
    """Every row has its inputs, its results' files and a `job.json` that says the same; the
    only other thing left is the inputs of a creation that never committed.

    `job.json` is written inside the transaction, just before its commit: killed between the
    two (`exact=False`), the file may be one write ahead of the index, never behind it.
    """
    jobs = lib.list_jobs()
    expected_files: set[Path] = set()
    for job in jobs:
        assert _decodes(job.base_path) and _decodes(job.mask_path)
        described = jobfile.read(job.folder, job.folder.relative_to(lib.root).as_posix())
        assert described.job["task_id"] == job.task_id
        in_file = [r["idx"] for r in described.results]
        in_index = [r.index for r in job.results]
        if exact:
            assert described.job["status"] == job.status.value
            assert in_file == in_index
        else:
            assert set(in_index) <= set(in_file) and len(in_file) <= len(in_index) + 1
            for item in described.results:
                assert _decodes(lib.root / item["path"])
                expected_files.add(lib.root / item["path"])
        expected_files |= {job.base_path, job.mask_path, job.folder / jobfile.JOB_FILE}
        for result in job.results:
            for path in (result.path, result.composite_path):
                if path is not None:
                    assert _decodes(path)
                    expected_files.add(path)
    on_disk = {p for p in (lib.root / "jobs").rglob("*") if p.is_file()}
    assert {p for p in on_disk if p.name.endswith(".tmp")} == set()
    stray = {p for p in on_disk - expected_files if p.parent.name not in ("results", "composites")}
    uncommitted = {p for p in stray if p.name in ("base.png", "mask.png")}
    assert stray - uncommitted == set(), "files of jobs that do not exist"
    assert {int(p.parent.name) for p in uncommitted} <= {max(j.id for j in jobs) + 1}


@pytest.mark.parametrize("killed_after", [1, 2, 3, 4, 5])
def test_killed_after_each_step(tmp_path: Path, killed_after: int) -> None:
    root = tmp_path / "lib"
    proc = _start(root, "stepwise")
    assert proc.stdin is not None and proc.stdout is not None
    for step in range(1, killed_after + 1):
        line = proc.stdout.readline().split()
        assert line[:2] == ["step", str(step)], line
        job_id = int(line[2])
        if step < killed_after:
            proc.stdin.write("go\n")
            proc.stdin.flush()
    _kill(proc)

    with Library.open(root) as lib:
        job = lib.get_job(job_id)
        assert job.prompt == "crash test 崩溃"
        assert job.original_size == (300, 200)
        assert job.task_id == ("task-crash" if killed_after >= 2 else None)
        assert [r.index for r in job.results] == list(range(min(2, max(0, killed_after - 2))))
        assert all(r.ok and r.composite_path is not None for r in job.results)
        assert job.status is (JobStatus.DONE if killed_after == 5 else JobStatus.QUEUED)
        assert job.is_resumable == (killed_after < 5)
        _assert_consistent(lib)
        results_dir = job.folder / "results"
        on_disk = sorted(results_dir.iterdir()) if results_dir.exists() else []
        assert on_disk == [r.path for r in job.results]


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_killed_in_the_middle_of_writing(tmp_path: Path, delay: float) -> None:
    root = tmp_path / "lib"
    proc = _start(root, "loop")
    assert proc.stdout is not None
    job_id = int(proc.stdout.readline().split()[1])
    time.sleep(delay)  # lands the kill at an arbitrary point of a write
    _kill(proc)

    with Library.open(root) as lib:
        job = lib.get_job(job_id)
        assert job.task_id == "task-loop"
        _assert_consistent(lib, exact=False)
        # The library keeps working after the crash.
        lib.save_result(job_id, 0, Image.new("RGB", (10, 10)))
        lib.set_status(job_id, JobStatus.DONE)
        assert lib.get_job(job_id).status is JobStatus.DONE


def test_leftover_temporary_files_are_never_results(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library(root) as lib:
        job = lib.create_job(
            JobSpec(prompt="p"), Image.new("RGB", (8, 8)), Image.new("L", (8, 8)), "a"
        )
        lib.save_result(job.id, 0, Image.new("RGB", (8, 8)))
    # What a write killed before its rename leaves behind:
    leftover = job.folder / "results" / ".1.png.0123456789ab.tmp"
    leftover.write_bytes(b"\x89PNG half")
    with Library(root) as lib:
        assert [r.index for r in lib.get_job(job.id).results] == [0]
        assert not leftover.exists()
        _assert_consistent(lib)
