"""Several processes create, resume, browse and delete on one library for ten seconds: no job is
lost, none is run twice, and the index stays sound."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.fakeserver.faults import Faults
from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import DB_NAME, Library

SCRIPT = Path(__file__).with_name("many_steps.py")
REPO = Path(__file__).resolve().parents[2]
SECONDS = 10
ROLES = ("create", "create", "resume", "browse", "delete")


@pytest.fixture
def service() -> FakeDashScope:
    faults = Faults(rate_limit_per_s=None, max_in_progress=100, task_seconds=0.2)
    with FakeDashScope(api_key="sk-many-processes", faults=faults) as server:
        yield server


def test_several_processes_on_one_library(
    service: FakeDashScope, _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        DASHSCOPE_API_KEY=service.api_key,
        DASHSCOPE_HTTP_BASE_URL=service.base_url,
    )
    procs = [
        subprocess.Popen(
            [sys.executable, str(SCRIPT), role, str(SECONDS)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role in ROLES
    ]
    outputs = [p.communicate(timeout=SECONDS + 120) for p in procs]
    for role, proc, (_, err) in zip(ROLES, procs, outputs, strict=True):
        assert proc.returncode == 0, f"{role}: {err[-2000:]}"
    created: dict[int, str] = {}
    deleted: set[int] = set()
    for out, _ in outputs:
        for line in out.splitlines():
            words = line.split()
            if words[0] == "created":
                assert int(words[1]) not in created, "one id given to two jobs"
                created[int(words[1])] = words[2]
            elif words[0] == "deleted":
                deleted.add(int(words[1]))
    assert len(created) >= 10 and deleted

    # alone now: whatever was left unfinished is run here, with the same service and key
    monkeypatch.setenv("DASHSCOPE_API_KEY", service.api_key)
    monkeypatch.setenv("DASHSCOPE_HTTP_BASE_URL", service.base_url)
    with Library(_isolated_home) as lib:
        from xpaint_desktop.jobs.runner import JobRunner

        runner = JobRunner(lib)
        runner.resume_unfinished()
        runner.run_until_idle()
        runner.close()
        jobs = {j.id: j for j in lib.list_jobs()}
    assert set(jobs) == set(created) - deleted, "a job was lost (or a deleted one came back)"
    for job_id, job in jobs.items():
        assert job.prompt == created[job_id]
        assert job.status is JobStatus.DONE, (job_id, job.status, job.error_message)
        assert [r.index for r in job.results if r.ok] == [0]
    runs = Counter(task.request.prompt for task in service.tasks)
    twice = {prompt: n for prompt, n in runs.items() if n > 1}
    assert twice == {}, "jobs run twice"
    assert set(runs) == set(created.values())
    conn = sqlite3.connect(_isolated_home / DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
