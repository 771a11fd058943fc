"""The variants of a finished job as a row of thumbnails, with compare and reuse controls.

Clicking a thumbnail shows its full-resolution composite on the canvas; the compare button (or
holding the backslash key over the canvas) shows the original, and the before/after slider
splits the canvas between the two. "Use as new base" continues editing from a result, and
"Save as" writes its composite where the person chooses. Thumbnails are decoded off the UI
thread, scaled down while reading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QWidget,
)

from xpaint_desktop.library.models import ResultRecord
from xpaint_desktop.ui.shared.background import Background
from xpaint_desktop.ui.shared.image_io import result_image
from xpaint_desktop.ui.shared.service_text import failure_title, failure_tooltip

if TYPE_CHECKING:
    from xpaint_desktop.library.store import Library

THUMB_SIZE = QSize(96, 96)
_RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
_THUMB_ROLE = Qt.ItemDataRole.UserRole + 2
COMPARE_KEY = Qt.Key.Key_Backslash
SLIDER_MIN_WIDTH = 72


class ResultsStrip(QWidget):
    """Thumbnails of one job's results plus compare, split, reuse and save controls."""

    result_selected = Signal(object)  # ResultRecord
    use_as_base_requested = Signal(object)  # ResultRecord
    save_requested = Signal(object)  # ResultRecord
    compare_changed = Signal(bool)  # True while the original should be shown
    split_changed = Signal(object)  # float in 0..1, or None for no split

    def __init__(
        self,
        background: Background | None = None,
        parent: QWidget | None = None,
        *,
        library: Callable[[], Library | None] = lambda: None,
    ) -> None:
        """`library`: the library the results are in (their composites are made from it)."""
        super().__init__(parent)
        self._background = background or Background(self)
        self._library = library
        self._shown = 0  # which `show_results` call the thumbnails being read belong to
        self._job_id: int | None = None
        self._counts: tuple[int, int] | None = None  # good and all results of the job shown

        self.title = QLabel()
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)  # every variant in view, in rows under each other
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(THUMB_SIZE)
        self.list.setGridSize(THUMB_SIZE + QSize(24, 44))
        self.list.setMinimumHeight(THUMB_SIZE.height() // 2)  # scrolls in a short window
        self.list.currentItemChanged.connect(self._on_current_changed)

        self.compare_button = QPushButton()
        self.compare_button.pressed.connect(lambda: self.compare_changed.emit(True))
        self.compare_button.released.connect(lambda: self.compare_changed.emit(False))
        self.split_check = QCheckBox()
        self.split_slider = QSlider(Qt.Orientation.Horizontal)
        self.split_slider.setMinimumWidth(SLIDER_MIN_WIDTH)
        self.split_slider.setRange(0, 100)
        self.split_slider.setValue(50)
        self.split_slider.setEnabled(False)
        self.split_check.toggled.connect(self._on_split_toggled)
        self.split_slider.valueChanged.connect(self._emit_split)
        self.use_button = QPushButton()
        self.use_button.clicked.connect(lambda: self._emit_for_current(self.use_as_base_requested))
        self.save_button = QPushButton()
        self.save_button.clicked.connect(lambda: self._emit_for_current(self.save_requested))

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(self.list, 1, 0, 1, 2)
        grid.addWidget(self.compare_button, 2, 0)
        split_row = QHBoxLayout()
        split_row.addWidget(self.split_check)
        split_row.addWidget(self.split_slider, 1)
        grid.addLayout(split_row, 2, 1)
        grid.addWidget(self.use_button, 3, 0)
        grid.addWidget(self.save_button, 3, 1)
        grid.setRowStretch(1, 1)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        """Every text of the strip, the title and the failed results' tooltips included."""
        self.compare_button.setText(self.tr("Hold to compare ( \\ )"))
        self.compare_button.setToolTip(
            self.tr("Shows the original while held; over the canvas, hold the \\ key")
        )
        self.split_check.setText(self.tr("Before / after"))
        self.split_slider.setToolTip(self.tr("Left of the line: original; right: result"))
        self.use_button.setText(self.tr("Use as new base"))
        self.use_button.setToolTip(self.tr("Continue editing from this result"))
        self.save_button.setText(self.tr("Save as…"))
        self._update_title()
        for i in range(self.list.count()):
            item = self.list.item(i)
            record = item.data(_RESULT_ROLE)
            if isinstance(record, ResultRecord) and not record.ok:
                item.setToolTip(self._failed_tip(record))
                item.setText(self._item_text(record))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_title(self) -> None:
        if self._job_id is None or self._counts is None:
            self.title.setText(self.tr("Results appear here when a job finishes."))
        else:
            ok, total = self._counts
            self.title.setText(
                self.tr("Job #{0}: {1} of {2} images").format(self._job_id, ok, total)
            )

    def _item_text(self, record: ResultRecord) -> str:
        """The number under a thumbnail; a failed variant says why in words."""
        if record.ok:
            return str(record.index + 1)
        return f"{record.index + 1}: {self._failed_label(record)}"

    def _failed_label(self, record: ResultRecord) -> str:
        return self.tr("Failed: {0}").format(failure_title(record.code, record.message))

    def _failed_tip(self, record: ResultRecord) -> str:
        """The reason in full: what happened, what to do, and the service's own words."""
        return self.tr("Failed: {0}").format(failure_tooltip(record.code, record.message))

    # -- content -------------------------------------------------------------------------
    def show_results(self, job_id: int, results: tuple[ResultRecord, ...]) -> None:
        """Replace the strip's content with one job's results and select the first good one."""
        self._job_id = job_id
        self._shown += 1
        self.list.clear()
        ok = [r for r in results if r.ok]
        self._counts = (len(ok), len(results))
        self._update_title()
        placeholder = _placeholder_icon()
        for record in sorted(results, key=lambda r: r.index):
            item = QListWidgetItem(placeholder, self._item_text(record))
            item.setData(_RESULT_ROLE, record)
            if record.ok:
                self._load_thumbnail(item, record)
                item.setToolTip(str(record.composite_path or record.path))
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(self._failed_tip(record))
            self.list.addItem(item)
        for i in range(self.list.count()):
            if self.list.item(i).flags() & Qt.ItemFlag.ItemIsSelectable:
                self.list.setCurrentRow(i)
                break
        self._update_buttons()

    def clear(self) -> None:
        self._job_id = None
        self._counts = None
        self._shown += 1
        self.list.clear()
        self._update_title()
        self._update_buttons()

    def job_id(self) -> int | None:
        return self._job_id

    def current_result(self) -> ResultRecord | None:
        item = self.list.currentItem()
        record = item.data(_RESULT_ROLE) if item is not None else None
        return record if isinstance(record, ResultRecord) and record.ok else None

    def results(self) -> list[ResultRecord]:
        return [self.list.item(i).data(_RESULT_ROLE) for i in range(self.list.count())]

    def thumbnails_loaded(self) -> int:
        """How many thumbnails have arrived (for tests and the screenshot)."""
        return sum(1 for i in range(self.list.count()) if self.list.item(i).data(_THUMB_ROLE))

    def select_index(self, index: int) -> None:
        for i in range(self.list.count()):
            record = self.list.item(i).data(_RESULT_ROLE)
            if isinstance(record, ResultRecord) and record.index == index:
                self.list.setCurrentRow(i)
                return

    def set_split(self, fraction: float) -> None:
        """Follow the divider dragged on the canvas (without sending it back)."""
        self.split_slider.blockSignals(True)
        self.split_slider.setValue(round(fraction * 100))
        self.split_slider.blockSignals(False)

    def split(self) -> float | None:
        return self.split_slider.value() / 100 if self.split_check.isChecked() else None

    # -- internals -----------------------------------------------------------------------
    def _load_thumbnail(self, item: QListWidgetItem, record: ResultRecord) -> None:
        shown = self._shown
        library = self._library()
        if library is None:
            return

        def done(image: QImage) -> None:
            if shown == self._shown:  # the strip still shows the same job's items
                self._on_thumb_loaded(item, image)

        self._background.run(lambda: result_image(library, record, THUMB_SIZE), done)

    def _on_thumb_loaded(self, item: QListWidgetItem, image: QImage) -> None:
        item.setIcon(QIcon(QPixmap.fromImage(image)))
        item.setData(_THUMB_ROLE, True)
        # the real thumbnail is shorter than the placeholder: repaint the whole cell, or
        # the label drawn below the placeholder stays on screen
        self.list.viewport().update()

    def _on_current_changed(self, current: QListWidgetItem | None, _prev: object) -> None:
        self._update_buttons()
        record = current.data(_RESULT_ROLE) if current is not None else None
        if isinstance(record, ResultRecord) and record.ok:
            self.result_selected.emit(record)

    def _on_split_toggled(self, on: bool) -> None:
        self.split_slider.setEnabled(on)
        self._emit_split()

    def _emit_split(self) -> None:
        self.split_changed.emit(self.split())

    def _emit_for_current(self, signal: SignalInstance) -> None:
        record = self.current_result()
        if record is not None:
            signal.emit(record)

    def _update_buttons(self) -> None:
        has = self.current_result() is not None
        for w in (self.use_button, self.save_button, self.compare_button, self.split_check):
            w.setEnabled(has)
        self.split_slider.setEnabled(has and self.split_check.isChecked())


def _placeholder_icon() -> QIcon:
    pixmap = QPixmap(THUMB_SIZE)
    pixmap.fill(QColor("#d0d0d0"))
    return QIcon(pixmap)


class CompareKey(QObject):
    """Holding `COMPARE_KEY` over the watched widgets shows the original (`compare(True)`)."""

    def __init__(self, compare: Callable[[bool], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._compare = compare

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
        if event.type() in kinds and isinstance(event, QKeyEvent) and event.key() == COMPARE_KEY:
            if not event.isAutoRepeat():
                self._compare(event.type() == QEvent.Type.KeyPress)
            return True
        return super().eventFilter(watched, event)
