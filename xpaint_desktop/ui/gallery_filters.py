"""The row of controls above the gallery: search, filters and order.

The controls produce one `GalleryFilters` value; the model turns it into a library query. Typing
in the search box waits ~200 ms for a pause before asking, so a long library is not searched once
per keystroke; every other control applies at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.gallery_delegate import badge_text
from xpaint_desktop.ui.gallery_model import Badge, GalleryFilters, GallerySort
from xpaint_desktop.ui.names import style_name

SEARCH_DELAY_MS = 200
MIN_COMBO_CHARS = 5


class DateRange(Enum):
    ANY = "any"
    TODAY = "today"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    BETWEEN = "between"


_RANGE_DAYS = {DateRange.TODAY: 0, DateRange.WEEK: 6, DateRange.MONTH: 29}


def range_bounds(
    choice: DateRange, today: date, between: tuple[date, date]
) -> tuple[date | None, date | None]:
    """First and last day (both inclusive) of a date-range choice."""
    if choice is DateRange.ANY:
        return None, None
    if choice is DateRange.BETWEEN:
        first, last = between
        return (first, last) if first <= last else (last, first)
    if choice is DateRange.YEAR:
        return date(today.year, 1, 1), today
    return today - timedelta(days=_RANGE_DAYS[choice]), today


class GalleryFilterBar(QWidget):
    """Search box, status/style/engine/favourite/date filters and the sort order."""

    filters_changed = Signal(object)  # GalleryFilters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search prompts and notes"))
        self.search_box.setClearButtonEnabled(True)
        self.sort_box = QComboBox(self)
        for text, sort in (
            (self.tr("Newest first"), GallerySort.NEWEST),
            (self.tr("Oldest first"), GallerySort.OLDEST),
            (self.tr("Prompt A–Z"), GallerySort.PROMPT_AZ),
            (self.tr("Prompt Z–A"), GallerySort.PROMPT_ZA),
        ):
            self.sort_box.addItem(text, sort)
        self.status_box = QComboBox(self)
        self.status_box.addItem(self.tr("Any status"), None)
        for badge in Badge:
            self.status_box.addItem(badge_text(badge), badge)
        self.style_box = QComboBox(self)
        self.style_box.addItem(self.tr("Any style"), None)
        for style in X_PAINTING.styles:
            self.style_box.addItem(style_name(style), style.value)
        self.engine_box = QComboBox(self)
        self.engine_box.addItem(self.tr("Any engine"), None)
        self.engine_box.addItem(self.tr("Cloud"), EngineKind.CLOUD)
        self.engine_box.addItem(self.tr("Offline"), EngineKind.LOCAL)
        self.favourites_box = QCheckBox(self.tr("Favourites"), self)
        self.dates_box = QComboBox(self)
        for text, choice in (
            (self.tr("Any date"), DateRange.ANY),
            (self.tr("Today"), DateRange.TODAY),
            (self.tr("Last 7 days"), DateRange.WEEK),
            (self.tr("Last 30 days"), DateRange.MONTH),
            (self.tr("This year"), DateRange.YEAR),
            (self.tr("Between…"), DateRange.BETWEEN),
        ):
            self.dates_box.addItem(text, choice)
        today = QDate.currentDate()
        self.date_from = self._date_edit(today.addDays(-30), self.tr("From"))
        self.date_to = self._date_edit(today, self.tr("To"))
        self._layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search_box.textChanged.connect(self._timer.start)
        self.search_box.returnPressed.connect(self.flush)
        for combo in (
            self.sort_box,
            self.status_box,
            self.style_box,
            self.engine_box,
            self.dates_box,
        ):
            combo.currentIndexChanged.connect(self._emit)
        self.favourites_box.toggled.connect(self._emit)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self._show_date_edits()

    def _date_edit(self, value: QDate, tip: str) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setCalendarPopup(True)
        edit.setToolTip(tip)
        return edit

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.sort_box)
        # Two filters a row, so the gallery fits in a dock beside the canvas.
        grid = QGridLayout()
        for i, w in enumerate(
            (
                self.status_box,
                self.style_box,
                self.engine_box,
                self.dates_box,
                self.date_from,
                self.date_to,
            )
        ):
            if isinstance(w, QComboBox):  # may narrow (eliding) in a narrow dock
                w.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                w.setMinimumContentsLength(MIN_COMBO_CHARS)
            grid.addWidget(w, i // 2, i % 2)
        grid.addWidget(self.favourites_box, 3, 0, 1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(top)
        outer.addLayout(grid)

    def _show_date_edits(self) -> None:
        between = self.dates_box.currentData() is DateRange.BETWEEN
        self.date_from.setVisible(between)
        self.date_to.setVisible(between)

    def filters(self) -> GalleryFilters:
        """The filters the controls show now (the search text even before its delay ends)."""
        badge = self.status_box.currentData()
        style = self.style_box.currentData()
        engine = self.engine_box.currentData()
        first, last = range_bounds(
            self.dates_box.currentData(),
            date.today(),
            (self.date_from.date().toPython(), self.date_to.date().toPython()),  # type: ignore[arg-type]
        )
        return GalleryFilters(
            search=self.search_box.text(),
            badges=frozenset({badge}) if badge is not None else None,
            styles=frozenset({style}) if style is not None else None,
            engines=frozenset({engine}) if engine is not None else None,
            favourites_only=self.favourites_box.isChecked(),
            date_from=first,
            date_to=last,
            sort=self.sort_box.currentData(),
        )

    def flush(self) -> None:
        """Apply a pending search at once (Enter in the box, or a test that will not wait)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    def _emit(self) -> None:
        self._show_date_edits()
        self.filters_changed.emit(self.filters())
