"""Filters, ordering, paging and search (Chinese and English) of the job list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.library.helpers import new_job
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import EngineKind

PROMPTS = [
    "一只戴红色眼镜的狗",
    "戴眼镜的猫",
    "A dog wearing RED glasses",
    "glasses with a red frame",
    "a red hat on a fox",
    "100% pure_sky",
]


@pytest.fixture
def jobs(library: Library) -> list[JobRecord]:
    start = datetime(2025, 6, 1, 9, 0).astimezone()  # local time: date filters are local days
    made = library.import_jobs(
        new_job(
            prompt,
            created_at=start + timedelta(days=i),
            style="<watercolor>" if i % 2 else "<auto>",
            engine=EngineKind.LOCAL if i == 4 else EngineKind.CLOUD,
        )
        for i, prompt in enumerate(PROMPTS)
    )
    library.set_status(made[0].id, JobStatus.DONE)
    library.set_status(made[1].id, JobStatus.FAILED)
    library.set_favourite(made[2].id, True)
    library.set_favourite(made[3].id, True)
    return made


def _prompts(library: Library, **filters: object) -> list[str]:
    return [j.prompt for j in library.list_jobs(**filters)]  # type: ignore[arg-type]


def test_newest_first_by_default(library: Library, jobs: list[JobRecord]) -> None:
    assert _prompts(library) == PROMPTS[::-1]
    assert _prompts(library, descending=False) == PROMPTS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一只戴红色眼镜的狗", {0}),  # whole Chinese prompt
        ("红色眼镜", {0}),  # >= 3 characters: full-text index
        ("眼镜", {0, 1}),  # 2 characters: LIKE
        ("狗", {0}),  # 1 character
        ("red glasses", {2, 3}),  # both words, any order, any case
        ("Red Glasses", {2, 3}),
        ("GLASSES", {2, 3}),
        ("red", {2, 3, 4}),
        ("ox", {4}),  # 2 letters inside a word
        ("100%", {5}),  # % and _ are literal, not wildcards
        ("pure_sky", {5}),
        ("e_", {5}),
        ("d_", set()),  # would match "do" if _ were a wildcard
        ("blue glasses", set()),
    ],
)
def test_search(library: Library, jobs: list[JobRecord], text: str, expected: set[int]) -> None:
    found = {PROMPTS.index(p) for p in _prompts(library, search=text)}
    assert found == expected
    assert library.count_jobs(search=text) == len(expected)


@pytest.mark.parametrize("text", ['red"', "NEAR(red glasses)", "red*", "a OR b", "  ", "-dog"])
def test_search_syntax_in_the_text_is_taken_literally(
    library: Library, jobs: list[JobRecord], text: str
) -> None:
    everything = library.count_jobs()
    found = library.count_jobs(search=text)
    assert found == (everything if not text.strip() else 0)


def test_search_covers_the_note_and_follows_its_changes(
    library: Library, jobs: list[JobRecord]
) -> None:
    library.set_note(jobs[4].id, "Birthday card for 妈妈的生日")
    assert [j.id for j in library.list_jobs(search="birthday")] == [jobs[4].id]
    assert [j.id for j in library.list_jobs(search="妈妈的生日")] == [jobs[4].id]
    library.set_note(jobs[4].id, "")
    assert library.count_jobs(search="birthday") == 0


def test_filters(library: Library, jobs: list[JobRecord]) -> None:
    assert _prompts(library, statuses=[JobStatus.DONE, JobStatus.FAILED]) == PROMPTS[1::-1]
    assert _prompts(library, statuses=[]) == []
    assert set(_prompts(library, styles=["<watercolor>"])) == set(PROMPTS[1::2])
    assert _prompts(library, engines=[EngineKind.LOCAL]) == [PROMPTS[4]]
    assert _prompts(library, favourites_only=True) == PROMPTS[3:1:-1]
    assert _prompts(library, favourites_only=True, search="frame") == [PROMPTS[3]]
    assert _prompts(library, statuses=[JobStatus.QUEUED], search="red") == PROMPTS[4:1:-1]


def test_date_filters_take_whole_local_days_or_instants(
    library: Library, jobs: list[JobRecord]
) -> None:
    first = jobs[0].created_at.astimezone().date()
    assert first == date(2025, 6, 1)
    assert (
        _prompts(library, date_from=date(2025, 6, 2), date_to=date(2025, 6, 3)) == PROMPTS[2:0:-1]
    )
    assert _prompts(library, date_to=date(2025, 5, 31)) == []
    assert _prompts(library, date_from=date(2025, 6, 6)) == [PROMPTS[5]]
    assert _prompts(library, date_from=jobs[5].created_at) == [PROMPTS[5]]
    just_before = jobs[5].created_at - timedelta(microseconds=1)
    assert _prompts(library, date_from=jobs[4].created_at, date_to=just_before) == [PROMPTS[4]]
    naive_utc = jobs[5].created_at.astimezone(UTC).replace(tzinfo=None)
    assert _prompts(library, date_from=naive_utc) == [PROMPTS[5]]


def test_order_by_prompt_ignores_case(library: Library, jobs: list[JobRecord]) -> None:
    ascending = _prompts(library, order="prompt", descending=False)
    assert ascending == sorted(PROMPTS, key=str.lower)
    assert _prompts(library, order="prompt") == ascending[::-1]


def test_paging_and_the_three_views_agree(library: Library, jobs: list[JobRecord]) -> None:
    all_ids = [j.id for j in library.list_jobs()]
    assert library.job_ids() == all_ids
    assert library.job_ids(limit=2, offset=1) == all_ids[1:3]
    assert [j.id for j in library.list_jobs(offset=4)] == all_ids[4:]
    assert library.job_ids(limit=0) == []
    filters = {"search": "red", "favourites_only": True}
    assert library.job_ids(**filters) == [j.id for j in library.list_jobs(**filters)]  # type: ignore[arg-type]
    assert library.count_jobs(**filters) == 2  # type: ignore[arg-type]
    assert library.get_jobs([all_ids[2], 12345, all_ids[0]]) == [
        library.get_job(all_ids[2]),
        library.get_job(all_ids[0]),
    ]


def test_search_method_is_list_jobs_with_a_search(library: Library, jobs: list[JobRecord]) -> None:
    assert library.search("GLASSES", favourites_only=True, descending=False) == library.list_jobs(
        search="glasses", favourites_only=True, descending=False
    )
    assert [j.prompt for j in library.search("眼镜", limit=1)] == [PROMPTS[1]]
