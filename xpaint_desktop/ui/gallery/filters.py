"""The row of controls above the gallery: search, filters and order.

The controls produce one `GalleryFilters` value; the model turns it into a library query. Typing
in the search box waits ~200 ms for a pause before asking, so a long library is not searched once
per keystroke; every other control applies at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

from PySide6.QtCore import QDate, QEvent, QTimer, Signal
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

from xpaint_desktop.imaging.limits import MODELS, X_PAINTING
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.gallery.delegate import badge_text
from xpaint_desktop.ui.gallery.model import Badge, GalleryFilters, GallerySort
from xpaint_desktop.ui.shared.names import model_name, style_name
from xpaint_desktop.ui.shared.retranslate import set_combo_items

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
        self.search_box.setClearButtonEnabled(True)
        self.sort_box = QComboBox(self)
        self.status_box = QComboBox(self)
        self.style_box = QComboBox(self)
        self.engine_box = QComboBox(self)
        self.model_box = QComboBox(self)
        self.favourites_box = QCheckBox(self)
        self.dates_box = QComboBox(self)
        today = QDate.currentDate()
        self.date_from = self._date_edit(today.addDays(-30))
        self.date_to = self._date_edit(today)
        self.retranslate_ui()
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
            self.model_box,
            self.dates_box,
        ):
            combo.currentIndexChanged.connect(self._emit)
        self.favourites_box.toggled.connect(self._emit)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self._show_date_edits()

    def retranslate_ui(self) -> None:
        """Every text of the bar; each control keeps the choice made in it."""
        self.search_box.setPlaceholderText(self.tr("Search prompts and notes"))
        set_combo_items(
            self.sort_box,
            [
                (self.tr("Newest first"), GallerySort.NEWEST),
                (self.tr("Oldest first"), GallerySort.OLDEST),
                (self.tr("Prompt A–Z"), GallerySort.PROMPT_AZ),
                (self.tr("Prompt Z–A"), GallerySort.PROMPT_ZA),
            ],
        )
        set_combo_items(
            self.status_box,
            [(self.tr("Any status"), None)] + [(badge_text(b), b) for b in Badge],
        )
        set_combo_items(
            self.style_box,
            [(self.tr("Any style"), None)]
            + [(style_name(style), style.value) for style in X_PAINTING.styles],
        )
        set_combo_items(
            self.engine_box,
            [
                (self.tr("Any engine"), None),
                (self.tr("Cloud"), EngineKind.CLOUD),
                (self.tr("Offline"), EngineKind.LOCAL),
            ],
        )
        set_combo_items(
            self.model_box,
            [(self.tr("Any model"), None)] + [(model_name(m), m.model) for m in MODELS.values()],
        )
        self.favourites_box.setText(self.tr("Favourites"))
        set_combo_items(
            self.dates_box,
            [
                (self.tr("Any date"), DateRange.ANY),
                (self.tr("Today"), DateRange.TODAY),
                (self.tr("Last 7 days"), DateRange.WEEK),
                (self.tr("Last 30 days"), DateRange.MONTH),
                (self.tr("This year"), DateRange.YEAR),
                (self.tr("Between…"), DateRange.BETWEEN),
            ],
        )
        self.date_from.setToolTip(self.tr("From"))
        self.date_to.setToolTip(self.tr("To"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setCalendarPopup(True)
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
                self.model_box,
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
        grid.addWidget(self.favourites_box, 4, 0, 1, 2)
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
        model = self.model_box.currentData()
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
            models=frozenset({model}) if model is not None else None,
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
