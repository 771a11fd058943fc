"""The library keeps each job's model: stored, filtered by, counted per model, exported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.library.helpers import new_job
from xpaint_desktop.imaging.limits import MODEL_IMAGEEDIT, MODEL_X_PAINTING
from xpaint_desktop.library.pngmeta import parameters_text, spec_from_parameters
from xpaint_desktop.library.schema import MIGRATIONS, migrate, schema_version
from xpaint_desktop.library.store import Library


def test_jobs_filter_and_count_by_model(library: Library) -> None:
    painted, edited = library.import_jobs(
        [
            new_job("painted", model=MODEL_X_PAINTING),
            new_job("edited", model=MODEL_IMAGEEDIT, seed=12, watermark=False),
        ]
    )
    library.set_usage(painted.id, 3)
    library.set_usage(edited.id, 2)
    assert [j.prompt for j in library.list_jobs(models=[MODEL_IMAGEEDIT])] == ["edited"]
    assert library.count_jobs(models=[MODEL_X_PAINTING]) == 1
    assert library.count_jobs(models=[]) == 0
    assert library.total_images(MODEL_X_PAINTING) == 3
    assert library.total_images(MODEL_IMAGEEDIT) == 2
    assert library.total_images() == 5
    assert sum(n for _, n in library.usage_by_day(MODEL_IMAGEEDIT)) == 2
    again = library.get_job(edited.id).spec
    assert (again.model, again.seed, again.watermark) == (MODEL_IMAGEEDIT, 12, False)


def test_model_index_is_added_to_an_existing_library(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    assert schema_version(conn) == 3
    migrate(conn)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "jobs_model" in indexes
    plan = " ".join(
        str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE model = 'm'")
    )
    assert "jobs_model" in plan
    conn.close()


def test_exported_parameters_record_the_model_seed_and_watermark() -> None:
    spec = new_job("a ceramic rabbit", model=MODEL_IMAGEEDIT, seed=2024, watermark=True).spec
    text = parameters_text(spec)
    assert "Model: wanx2.1-imageedit" in text and "Seed: 2024" in text
    assert "Watermark: on" in text
    back = spec_from_parameters(text)
    assert back is not None
    assert (back.model, back.seed, back.watermark) == (MODEL_IMAGEEDIT, 2024, True)
    plain = spec_from_parameters(parameters_text(new_job("a boat").spec))
    assert plain is not None and plain.seed is None and plain.watermark is None
