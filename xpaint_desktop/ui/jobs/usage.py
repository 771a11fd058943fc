"""How many images the service has made for this person, how much of the free trial is left,
and what the paid model has cost.

The count is the service's own `usage.image_count` as each job recorded it (offline jobs record
none), summed by the library per model: wanx-x-painting's images count against its 500-image
trial, wanx2.1-imageedit's are shown with their cost at the price (and its date) in the model's
limits. It is counted from
this library only, so images made with the same key elsewhere are not included, and the view says
so. The bar chart is painted with QPainter: QtCharts is not part of PySide6-Essentials.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.imaging.limits import MODELS, X_PAINTING
from xpaint_desktop.library.store import Library
from xpaint_desktop.ui.params.cost import cost_text
from xpaint_desktop.ui.shared.retranslate import set_combo_items

BAR_COLOUR = "#1565c0"
_PAD = 6


def daily_series(
    per_day: list[tuple[date, int]], last_day: date, days: int
) -> list[tuple[date, int]]:
    """One (day, images) pair for each of the `days` days ending on `last_day`, zeros included."""
    counts = dict(per_day)
    first = last_day - timedelta(days=days - 1)
    return [
        (first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in range(days)
    ]


class DailyBarChart(QWidget):
    """Images per day as bars; hovering a bar tells its day and count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[tuple[date, int]] = []
        self.setMinimumHeight(140)

    def set_series(self, series: list[tuple[date, int]]) -> None:
        self.series = series
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()  # its words are translated while painting
        super().changeEvent(event)

    def _plot(self) -> QRect:
        label_h = QFontMetrics(self.font()).height()
        return self.rect().adjusted(_PAD, _PAD + label_h, -_PAD, -(_PAD + label_h))

    def bar_at(self, pos: QPoint) -> int | None:
        """Index in `series` of the bar under `pos`, if any."""
        plot = self._plot()
        if not self.series or not plot.contains(pos):
            return None
        i = (pos.x() - plot.left()) * len(self.series) // max(1, plot.width())
        return min(max(i, 0), len(self.series) - 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.Text)
        plot = self._plot()
        painter.setPen(text)
        if not self.series:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No usage yet"))
            return
        peak = max(n for _d, n in self.series)
        painter.drawText(
            QRect(plot.left(), _PAD, plot.width(), plot.top() - _PAD),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("Most in one day: {0}").format(peak),
        )
        width = plot.width() / len(self.series)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BAR_COLOUR))
        for i, (_day, count) in enumerate(self.series):
            if count and peak:
                height = max(1, round(plot.height() * count / peak))
                left = plot.left() + round(i * width)
                bar = QRect(left, plot.bottom() - height + 1, max(1, round(width) - 1), height)
                painter.drawRect(bar)
        painter.setPen(text)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        below = QRect(plot.left(), plot.bottom() + 2, plot.width(), self.height() - plot.bottom())
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, self.series[0][0].isoformat())
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, self.series[-1][0].isoformat())

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            i = self.bar_at(event.pos())
            if i is None:
                QToolTip.hideText()
            else:
                day, count = self.series[i]
                QToolTip.showText(
                    event.globalPos(),
                    self.tr("{0}: %n image(s)", "", count).format(day.isoformat()),
                )
            return True
        return super().event(event)  # type: ignore[arg-type]


class UsageView(QWidget):
    """Images per day, in total, the share of the free quota used, and the account's tasks in
    progress elsewhere (asked of the service's task list through `account_wanted`)."""

    account_wanted = Signal()  # shown: the window asks the worker for the account's tasks

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.quota = X_PAINTING.free_quota_images or 0
        self._dirty = True  # read on first show
        self.days = QComboBox(self)
        self.chart = DailyBarChart(self)
        self.total_label = QLabel(self)
        self.quota_bar = QProgressBar(self)
        self.quota_bar.setRange(0, max(1, self.quota))
        self.paid_label = QLabel(self)
        self.paid_label.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.elsewhere = QLabel(self)
        self.elsewhere.setWordWrap(True)
        self.elsewhere.hide()
        self._elsewhere: list[datetime | None] = []
        self.heading = QLabel(self)
        self.retranslate_ui()
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.days)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.quota_bar)
        layout.addWidget(self.paid_label)
        layout.addWidget(self.note)
        layout.addWidget(self.elsewhere)
        self.days.currentIndexChanged.connect(self.refresh)

    def retranslate_ui(self) -> None:
        """Every text of the view; the totals are formatted again when shown."""
        set_combo_items(
            self.days,
            [
                (self.tr("Last 30 days"), 30),
                (self.tr("Last 90 days"), 90),
                (self.tr("Last 365 days"), 365),
            ],
        )
        self.heading.setText(self.tr("Images generated per day"))
        self.note.setText(
            self.tr(
                "Counted from this library (cloud jobs only). Images made with the same API key "
                "elsewhere are not included."
            )
        )
        self.set_tasks_elsewhere(self._elsewhere)
        if not self._dirty:
            self.refresh()

    def set_tasks_elsewhere(self, started: list[datetime | None]) -> None:
        """The creation times of the account's tasks in progress on other devices or keys."""
        self._elsewhere = list(started)
        times = ", ".join(t.astimezone().strftime("%H:%M") for t in started if t is not None)
        self.elsewhere.setText(
            self.tr(
                "Tasks of this account in progress elsewhere (other devices or keys): {0}, "
                "started {1}. They count against the tasks-in-progress limit of the account."
            ).format(len(started), times or "?")
        )
        self.elsewhere.setVisible(bool(started))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def total(self) -> int:
        return self.library.total_images()

    def refresh(self) -> None:
        """Read the counts again (one indexed query), or on the next show while hidden."""
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def reload(self) -> None:
        self._dirty = False
        self.account_wanted.emit()
        days = int(self.days.currentData())
        self.chart.set_series(daily_series(self.library.usage_by_day(), date.today(), days))
        total = self.total()
        self.total_label.setText(self.tr("%n image(s) generated in total.", "", total))
        used = min(self.library.total_images(X_PAINTING.model), self.quota)
        self.quota_bar.setValue(used)
        self.quota_bar.setFormat(
            self.tr("{0}: {1} of {2} free trial images used ({3}%)").format(
                X_PAINTING.model,
                used,
                self.quota,
                round(100 * used / self.quota) if self.quota else 0,
            )
        )
        paid = []
        for limits in MODELS.values():
            if limits.price is not None:
                count = self.library.total_images(limits.model)
                paid.append(
                    self.tr("{0}: images made {1}, cost {2}").format(
                        limits.model, count, cost_text(limits, count)
                    )
                )
        self.paid_label.setText("\n".join(paid))

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self.reload()
        super().showEvent(event)
