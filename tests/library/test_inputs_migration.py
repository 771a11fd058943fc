"""Libraries from before `inputs/` (a lossless base.png in every job folder) move their photos
under `inputs/` on first open: nothing re-encoded, each distinct picture kept once, nothing lost
even when the move is interrupted."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
from PIL import Image

from tests.library.helpers import make_spec
from xpaint_desktop.library import jobfile
from xpaint_desktop.library.files import INPUTS_DIR, JobLayout, png_bytes, write_atomic
from xpaint_desktop.library.inputs import LEGACY_BASE, place_legacy_photo, stored_photos
from xpaint_desktop.library.rebuild import check
from xpaint_desktop.library.schema import MIGRATIONS, migrate, schema_version
from xpaint_desktop.library.store import DB_NAME, Library

_BEFORE_INPUTS = 6  # the last format that kept base.png in the job folders


def _picture(seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (30, 40, 3), dtype=np.uint8))


def _old_library(root: Path) -> dict[int, bytes]:
    """A real SQLite library of format 6 written as that version did: base.png and mask.png in
    each job folder, job.json from the row. Jobs 1 and 2 share one photo. Returns each job's
    base.png bytes."""
    root.mkdir(parents=True)
    conn = sqlite3.connect(root / DB_NAME, isolation_level=None)
    conn.row_factory = sqlite3.Row
    assert migrate(conn, MIGRATIONS[:_BEFORE_INPUTS]) == _BEFORE_INPUTS
    kept: dict[int, bytes] = {}
    mask = Image.new("L", (40, 30), 0)
    mask.paste(255, (10, 5, 20, 15))
    for job_id, seed in ((1, 7), (2, 7), (3, 8)):
        spec = make_spec(f"old job {job_id}")
        layout = JobLayout.for_job(2025, job_id)
        conn.execute(
            """INSERT INTO jobs (id, created_at, updated_at, spec_json, prompt, style, engine,
                   model, status, source_name, folder, width, height)
               VALUES (?, '2025-05-01T10:00:00.000000Z', '2025-05-01T10:00:00.000000Z', ?, ?,
                   ?, ?, ?, 'done', 'old.jpg', ?, 40, 30)""",
            (
                job_id,
                spec.to_json(),
                spec.prompt,
                spec.style,
                str(spec.engine),
                spec.model,
                layout.folder,
            ),
        )
        data = png_bytes(_picture(seed))
        write_atomic(root / layout.base, data)
        write_atomic(root / layout.mask, png_bytes(mask))
        write_atomic(root / layout.result(0), png_bytes(_picture(seed + 100)))
        conn.execute(
            "INSERT INTO results (job_id, idx, path, created_at) VALUES (?, 0, ?, ?)",
            (job_id, layout.result(0), "2025-05-01T10:00:01.000000Z"),
        )
        jobfile.write(conn, root, job_id)
        kept[job_id] = data
    conn.close()
    return kept


def test_an_older_library_keeps_each_photo_once_under_inputs_without_loss(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    old = _old_library(root)
    results_before = {p: p.read_bytes() for p in (root / "jobs").rglob("results/*")}
    with Library(root) as lib:
        jobs = {j.id: j for j in lib.list_jobs()}
        assert schema_version(lib._conn()) == MIGRATIONS[-1].version
    assert set(jobs) == {1, 2, 3}
    for job_id, data in old.items():
        job = jobs[job_id]
        assert job.base_path.parent.parent == root / INPUTS_DIR
        assert job.base_path.read_bytes() == data  # the same bytes: moved, not re-encoded
        assert not (job.folder / LEGACY_BASE).exists()
        described = json.loads((job.folder / jobfile.JOB_FILE).read_text())
        assert described["job"]["base_file"] == job.base_path.relative_to(root).as_posix()
    assert jobs[1].base_path == jobs[2].base_path != jobs[3].base_path
    assert len(stored_photos(root)) == 2
    assert {p: p.read_bytes() for p in (root / "jobs").rglob("results/*")} == results_before
    report = check(root)
    assert report.healthy and report.photos == 2 and not report.photos_unnamed
    with Library(root) as lib:  # a second open has nothing left to move
        assert [j.base_path for j in lib.list_jobs()] == [jobs[i].base_path for i in (3, 2, 1)]


def test_a_move_interrupted_before_the_rows_changed_is_finished_on_the_next_open(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    old = _old_library(root)
    # killed after the photos were placed under inputs/, before any row named them
    for job_id in old:
        assert place_legacy_photo(root, JobLayout.for_job(2025, job_id).folder) is not None
    with Library(root) as lib:
        jobs = lib.list_jobs()
    assert {j.base_path.read_bytes() for j in jobs} == set(old.values())
    assert all(j.base_path.is_relative_to(root / INPUTS_DIR) for j in jobs)
    assert len(stored_photos(root)) == 2
