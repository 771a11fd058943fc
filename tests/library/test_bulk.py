"""Ten thousand jobs: added through the public batch call, then listed, counted and searched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.library.helpers import new_job
from xpaint_desktop.library.store import Library

COUNT = 10_000
WORDS = ["red glasses", "一只戴红色眼镜的狗", "a quiet harbour", "雪山上的小屋"]


def test_ten_thousand_jobs(library: Library) -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    made = library.import_jobs(
        new_job(f"{WORDS[i % 4]} #{i}", created_at=start + timedelta(minutes=i))
        for i in range(COUNT)
    )
    assert len(made) == COUNT and len({j.id for j in made}) == COUNT
    assert library.count_jobs() == COUNT
    ids = library.job_ids()
    assert ids == [j.id for j in reversed(made)]
    assert library.count_jobs(search="红色眼镜") == COUNT // 4
    assert library.count_jobs(search="HARBOUR") == COUNT // 4
    assert library.count_jobs(search="#9999") == 1
    page = library.list_jobs(limit=50, offset=100)
    assert [j.id for j in page] == ids[100:150]
    assert all(j.base_path.is_file() and j.mask_path.is_file() for j in made[::997])
