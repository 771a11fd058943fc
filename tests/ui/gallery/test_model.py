"""The gallery over a generated library of 10,000 jobs: opening, painting, search, filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QThreadPool
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.ui.gallery.test_support import (
    PROMPTS,
    PoolGate,
    created_of,
    engine_of,
    generate_library,
    is_favourite,
    prompt_of,
    status_of,
    style_of,
)
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.library.thumbnails import THUMBNAILS_DIR
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.gallery.delegate import MARGIN, PLACEHOLDER_COLOUR, THUMB_SIZE
from xpaint_desktop.ui.gallery.model import Badge, GalleryFilters, GalleryRole, GallerySort
from xpaint_desktop.ui.gallery.thumbs import ThumbnailLoader
from xpaint_desktop.ui.gallery.widget import GalleryWidget

COUNT = 10_000


@pytest.fixture(scope="session")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """Generated once per session (about 9 s on two cores), read-only for the tests."""
    library = generate_library(
        tmp_path_factory.mktemp("gallery") / "library", COUNT, results_every=25
    )
    yield library
    library.close()


@pytest.fixture
def held_pool() -> Iterator[tuple[QThreadPool, PoolGate]]:
    pool = QThreadPool()
    gate = PoolGate.hold(pool)
    yield pool, gate
    gate.release.set()
    pool.waitForDone()


def _gallery(qtbot: QtBot, library: Library, pool: QThreadPool | None = None) -> GalleryWidget:
    widget = GalleryWidget(library, loader=ThumbnailLoader(pool=pool))
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _thumb_probe(widget: GalleryWidget, row: int) -> QPoint:
    """A point inside the row's thumbnail, off the badge and the loading glyph."""
    rect = widget.view.visualRect(widget.model.index(row))
    centre_x = rect.left() + rect.width() // 2
    centre_y = rect.top() + MARGIN + THUMB_SIZE // 2
    return QPoint(centre_x + THUMB_SIZE * 2 // 5, centre_y + THUMB_SIZE // 4)


def _thumbnail_files() -> list[Path]:
    from xpaint_desktop import paths

    return [p for p in (paths.cache_dir() / THUMBNAILS_DIR).rglob("*.jpg")]


def test_first_screen_paints_without_waiting_for_thumbnails(
    qtbot: QtBot, big_library: Library, held_pool: tuple[QThreadPool, PoolGate]
) -> None:
    pool, gate = held_pool
    widget = _gallery(qtbot, big_library, pool)
    assert widget.model.rowCount() == COUNT
    shot = widget.view.viewport().grab().toImage()
    visible = [r for r in range(40) if widget.view.visualRect(widget.model.index(r)).isValid()]
    on_screen = [
        r for r in visible if widget.view.viewport().rect().contains(_thumb_probe(widget, r))
    ]
    assert len(on_screen) >= 8
    # Painted with placeholders: nothing was made during the paint, the loads are queued.
    assert _thumbnail_files() == []
    assert widget.model.loader.pending() >= len(on_screen)
    placeholder = QColor(PLACEHOLDER_COLOUR)
    for row in on_screen:
        assert shot.pixelColor(_thumb_probe(widget, row)) == placeholder
    # Only a few pages of the 10,000 records were read to paint the screen.
    assert widget.model.loaded_records() < 200
    assert widget.count_label.text().startswith("10000")

    gate.release.set()
    qtbot.waitUntil(lambda: widget.model.loader.pending() == 0, timeout=10_000)
    assert len(_thumbnail_files()) >= len(on_screen)
    shot = widget.view.viewport().grab().toImage()
    for row in on_screen:
        assert shot.pixelColor(_thumb_probe(widget, row)) != placeholder
    widget.shutdown()


def test_thumbnails_are_reused_from_disk_by_a_new_gallery(
    qtbot: QtBot, big_library: Library
) -> None:
    first = _gallery(qtbot, big_library)
    first.view.viewport().grab()
    qtbot.waitUntil(lambda: first.model.loader.pending() == 0, timeout=10_000)
    files = {p: p.stat().st_mtime_ns for p in _thumbnail_files()}
    assert files
    first.shutdown()
    second = _gallery(qtbot, big_library)
    second.view.viewport().grab()
    qtbot.waitUntil(lambda: second.model.loader.pending() == 0, timeout=10_000)
    assert {p: p.stat().st_mtime_ns for p in _thumbnail_files()} == files
    row = 0
    assert second.model.data(second.model.index(row), GalleryRole.THUMBNAIL) is not None
    second.shutdown()


def _prompts(widget: GalleryWidget) -> list[str]:
    model = widget.model
    return [str(model.data(model.index(r), GalleryRole.PROMPT)) for r in range(model.rowCount())]


def test_newest_first_and_sort_by_prompt(qtbot: QtBot, big_library: Library) -> None:
    widget = _gallery(qtbot, big_library)
    model = widget.model
    assert model.data(model.index(0), GalleryRole.PROMPT) == prompt_of(COUNT - 1)
    assert model.data(model.index(COUNT - 1), GalleryRole.PROMPT) == prompt_of(0)
    widget.filter_bar.sort_box.setCurrentIndex(
        widget.filter_bar.sort_box.findData(GallerySort.PROMPT_AZ)
    )
    firsts = [str(model.data(model.index(r), GalleryRole.PROMPT)) for r in range(50)]
    assert [p.casefold() for p in firsts] == sorted(p.casefold() for p in firsts)
    assert firsts[0].startswith(min(PROMPTS, key=str.casefold))
    widget.shutdown()


def test_search_returns_the_right_rows(qtbot: QtBot, big_library: Library) -> None:
    widget = _gallery(qtbot, big_library)
    bar = widget.filter_bar
    with qtbot.waitSignal(bar.filters_changed, timeout=2000) as blocker:
        qtbot.keyClicks(bar.search_box, "cat")  # typed: one search after the pause
    assert blocker.args is not None and blocker.args[0].search == "cat"
    with qtbot.waitSignal(bar.filters_changed, timeout=2000):
        bar.search_box.setText("橘猫")  # as an input method commits it
    expected = {prompt_of(i) for i in range(COUNT) if "橘猫" in prompt_of(i)}
    assert len(expected) == COUNT // 12 + 1
    assert set(_prompts(widget)) == expected
    bar.search_box.setText("horse #1236")
    bar.flush()
    assert _prompts(widget) == [prompt_of(1236)]
    bar.search_box.setText("no such thing anywhere")
    bar.flush()
    assert widget.model.rowCount() == 0
    widget.shutdown()


def test_filters(qtbot: QtBot, big_library: Library) -> None:
    widget = _gallery(qtbot, big_library)
    model = widget.model

    def rows_for(filters: GalleryFilters) -> set[str]:
        model.set_filters(filters)
        return set(_prompts(widget))

    failed = rows_for(GalleryFilters(badges=frozenset({Badge.FAILED})))
    assert failed == {prompt_of(i) for i in range(COUNT) if status_of(i) is JobStatus.FAILED}
    unfinished = rows_for(GalleryFilters(badges=frozenset({Badge.UNFINISHED})))
    assert unfinished == {prompt_of(i) for i in range(COUNT) if status_of(i) is JobStatus.PENDING}
    oil_offline = rows_for(
        GalleryFilters(styles=frozenset({"<oil painting>"}), engines=frozenset({EngineKind.LOCAL}))
    )
    assert oil_offline == {
        prompt_of(i)
        for i in range(COUNT)
        if style_of(i) == "<oil painting>" and engine_of(i) is EngineKind.LOCAL
    }
    assert oil_offline
    favourites = rows_for(GalleryFilters(favourites_only=True))
    assert favourites == {prompt_of(i) for i in range(COUNT) if is_favourite(i)}

    day = created_of(5000).astimezone().date()
    week = rows_for(GalleryFilters(date_from=day, date_to=day + timedelta(days=6)))
    expected = {
        prompt_of(i)
        for i in range(COUNT)
        if day <= created_of(i).astimezone().date() <= day + timedelta(days=6)
    }
    assert week == expected and 200 < len(week) < 400
    widget.shutdown()


def test_filter_bar_controls_set_the_model(qtbot: QtBot, big_library: Library) -> None:
    widget = _gallery(qtbot, big_library)
    bar = widget.filter_bar
    bar.status_box.setCurrentIndex(bar.status_box.findData(Badge.EXPIRED))
    bar.favourites_box.setChecked(True)
    assert widget.model.filters.badges == frozenset({Badge.EXPIRED})
    assert set(_prompts(widget)) == {
        prompt_of(i) for i in range(COUNT) if status_of(i) is JobStatus.EXPIRED and is_favourite(i)
    }
    from xpaint_desktop.ui.gallery.filters import DateRange

    bar.dates_box.setCurrentIndex(bar.dates_box.findData(DateRange.BETWEEN))
    assert bar.date_from.isVisibleTo(bar)
    first = created_of(0).astimezone().date()
    bar.date_from.setDate(first)
    bar.date_to.setDate(first)
    filters = widget.model.filters
    assert (filters.date_from, filters.date_to) == (first, first)
    assert isinstance(filters.date_from, date) and not isinstance(filters.date_from, datetime)
    widget.shutdown()
