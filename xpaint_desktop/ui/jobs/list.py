"""The jobs of this session: what waits, what runs (and for how long), what finished.

A `QAbstractListModel` holds one `JobRow` per job, fed by the worker's signals; a delegate
draws the prompt, the translated stage and the elapsed time, which ticks once a second while a
job is active. Jobs that have not finished can be cancelled from a button or the context menu;
several can wait while one runs, and a finished one can be run again from the context menu. A job
whose task expired on the service says that its inputs are kept, since running it again is the
way on.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.errors import Cancellation
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.jobs.rows import WAITS_FOR_PERSON, JobRole, JobRow, moves_forward
from xpaint_desktop.ui.shared.names import format_elapsed, stage_name
from xpaint_desktop.ui.shared.note_text import note_text, notice_text
from xpaint_desktop.ui.shared.retranslate import announce_texts_changed
from xpaint_desktop.ui.shared.service_text import (
    ServiceText,
    error_service_text,
    service_text,
)

if TYPE_CHECKING:
    from xpaint_desktop.jobs.runner import JobEvent

__all__ = [
    "JobListModel",
    "JobListView",
    "JobRole",
    "JobRow",
    "moves_forward",
    "said_text",
    "stage_line",
]

TICK_MS = 1000
_Index = QModelIndex | QPersistentModelIndex


_STATUS_COLOURS = {
    JobStatus.DONE: "#2e7d32",
    JobStatus.PARTIAL: "#9e7b00",
    JobStatus.FAILED: "#c62828",
    JobStatus.EXPIRED: "#c62828",
    JobStatus.INTERRUPTED: "#c62828",
    JobStatus.AWAITING_CHOICE: "#ef6c00",
    JobStatus.CANCELLED: "#757575",
    JobStatus.QUEUED: "#90a4ae",
}
_ACTIVE_COLOUR = "#1565c0"
# Stages whose row also says why (the service's answer, or what is being checked).
_SAYS_WHY = (JobStatus.FAILED, JobStatus.UNCERTAIN, *WAITS_FOR_PERSON)


_ON_THE_SERVICE = (JobStatus.RUNNING, JobStatus.SUSPENDED, JobStatus.DOWNLOADING)


def status_colour(status: JobStatus) -> QColor:
    return QColor(_STATUS_COLOURS.get(status, _ACTIVE_COLOUR))


def expired_note() -> str:
    """What an expired job's row says after its stage: nothing is lost, run it again."""
    return QCoreApplication.translate("JobList", "image, mask and parameters kept; run it again")


def row_service_text(row: JobRow) -> ServiceText | None:
    """The service's error a finished row stands for: its error, or its first failed image."""
    if row.status not in (JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.EXPIRED):
        return None
    if row.error is not None:
        return error_service_text(row.error)
    failed = next((r for r in row.results if not r.ok and r.code), None)
    return service_text(failed.code, failed.message) if failed is not None else None


def said_text(row: JobRow) -> str:
    """What the runner last said about the job, in the person's language (its note; an
    error's own words when it has none)."""
    return note_text(row.note) if row.note is not None else row.message


def not_waited_note() -> str:
    """What a row says once the person stopped waiting for its running task."""
    return QCoreApplication.translate("JobList", "not waited for; its image still arrives")


def waiting_notice(row: JobRow, event: JobEvent) -> str | None:
    """The banner's words when the person stops waiting for a job, and when its image arrives."""
    if event.cancellation is Cancellation.STOPPED_WAITING:
        return QCoreApplication.translate(
            "JobList",
            "Job #{0} keeps running on the service, which bills it; the window no longer waits "
            "for it. Its image is downloaded into the History when it is ready.",
        ).format(row.job_id)
    if row.stopped_waiting and row.status in (JobStatus.DONE, JobStatus.PARTIAL):
        return QCoreApplication.translate(
            "JobList", "Job #{0}: the image you stopped waiting for has arrived in the History."
        ).format(row.job_id)
    return None


def stage_line(row: JobRow) -> str:
    """The second line of a job's row: the translated stage and, when it ended badly, why."""
    stage = stage_name(row.status)
    if row.stopped_waiting and not row.status.is_finished:
        return f"{stage}: {not_waited_note()}"
    if row.status is JobStatus.EXPIRED:
        return f"{stage}: {expired_note()}"
    if row.status in _SAYS_WHY and (described := row_service_text(row)) is not None:
        return f"{stage}: {described.title}"
    if row.status in _SAYS_WHY and (said := said_text(row)):
        return f"{stage}: {said}"
    return stage


class JobListModel(QAbstractListModel):
    """Every job of this session, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[JobRow] = []
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.label} {row.prompt}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == JobRole.ROW:
            return row
        if role == JobRole.JOB_ID:
            return row.job_id
        if role == JobRole.STAGE:
            return stage_name(row.status)
        if role == JobRole.ELAPSED:
            return format_elapsed(row.elapsed()) if row.status is not JobStatus.QUEUED else ""
        return None

    # -- feeding -------------------------------------------------------------------------
    def add_job(
        self,
        job_id: int,
        *,
        prompt: str = "",
        source_name: str = "",
        engine: EngineKind | None = None,
        n: int = 1,
        status: JobStatus = JobStatus.QUEUED,
        image_size: tuple[int, int] | None = None,
    ) -> None:
        """Add a job (or fill in the details of one already announced by an event)."""
        existing = self.row_of(job_id)
        if existing is not None:
            old = self._rows[existing]
            self._set_row(
                existing,
                replace(
                    old,
                    prompt=prompt,
                    source_name=source_name,
                    engine=engine,
                    n=n,
                    image_size=image_size,
                ),
            )
            return
        row = JobRow(job_id, prompt, source_name, engine, n, status, image_size=image_size)
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()
        self._update_timer()

    def apply_event(self, event: JobEvent) -> JobRow:
        """Apply a `JobEvent`; returns the updated row."""
        if self.row_of(event.job_id) is None:
            self.add_job(event.job_id)
        index = self.row_of(event.job_id)
        assert index is not None
        old = self._rows[index]
        status = JobStatus(event.status)
        row = replace(
            old,
            status=status if moves_forward(old.status, status) else old.status,
            message=event.message,
            note=event.note,
            elapsed_s=event.elapsed_s,
            reported_at=time.monotonic(),
            results=tuple(event.results) or old.results,
            error=event.error,
            notice=event.notice or old.notice,
            stopped_waiting=old.stopped_waiting
            or event.cancellation is Cancellation.STOPPED_WAITING,
        )
        self._set_row(index, row)
        self._update_timer()
        return row

    def add_placeholder(
        self,
        token: int,
        *,
        prompt: str,
        source_name: str,
        engine: EngineKind | None,
        n: int,
        image_size: tuple[int, int] | None,
    ) -> None:
        """A row for a job being written (Generate answers at once); see `claim_placeholder`."""
        self.add_job(
            -token,
            prompt=prompt,
            source_name=source_name,
            engine=engine,
            n=n,
            status=JobStatus.PREPARING,
            image_size=image_size,
        )

    def claim_placeholder(self, token: int, job_id: int) -> None:
        """The job of request `token` was written as `job_id` (0: it was not)."""
        i = self.row_of(-token)
        if i is None:
            return
        if job_id <= 0 or self.row_of(job_id) is not None:
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()
        else:
            self._set_row(i, replace(self._rows[i], job_id=job_id, status=JobStatus.QUEUED))
        self._update_timer()

    # -- queries ---------------------------------------------------------------------------
    def row_of(self, job_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.job_id == job_id:
                return i
        return None

    def job(self, job_id: int) -> JobRow | None:
        i = self.row_of(job_id)
        return self._rows[i] if i is not None else None

    def rows(self) -> list[JobRow]:
        return list(self._rows)

    def status_of(self, job_id: int) -> JobStatus | None:
        row = self.job(job_id)
        return row.status if row is not None else None

    def is_ticking(self) -> bool:
        return self._timer.isActive()

    # -- internals -------------------------------------------------------------------------
    def _set_row(self, i: int, row: JobRow) -> None:
        self._rows[i] = row
        idx = self.index(i)
        self.dataChanged.emit(idx, idx)

    def _update_timer(self) -> None:
        active = any(r.status.is_active for r in self._rows)
        if active and not self._timer.isActive():
            self._timer.start()
        elif not active:
            self._timer.stop()

    def _tick(self) -> None:
        for i, row in enumerate(self._rows):
            if row.status.is_active:
                idx = self.index(i)
                self.dataChanged.emit(idx, idx, [JobRole.ELAPSED])

    def _tooltip(self, row: JobRow) -> str:
        lines = [f"{row.label} · {row.source_name}" if row.source_name else row.label]
        if row.prompt:
            lines.append(row.prompt)
        described = row_service_text(row)
        if described is not None:
            lines += [f"{stage_name(row.status)}: {described.title}", described.full()]
        else:
            # no longer waited for: the note below says it in the person's language
            said = said_text(row)
            if row.stopped_waiting and not row.status.is_finished:
                said = ""
            lines.append(stage_name(row.status) + (f": {said}" if said else ""))
        if row.status is JobStatus.EXPIRED:
            lines.append(expired_note())
        if row.stopped_waiting and not row.status.is_finished:
            lines.append(not_waited_note())
        if row.notice:
            lines.append(notice_text(row.notice))
        return "\n".join(lines)


class JobDelegate(QStyledItemDelegate):
    """Two lines per job: "#id prompt" and "stage · elapsed", with a status colour bar."""

    PADDING = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        fm = QFontMetrics(option.font)  # type: ignore[attr-defined]
        return QSize(200, 2 * fm.height() + 2 * self.PADDING + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row = index.data(JobRole.ROW)
        if not isinstance(row, JobRow):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        if selected:
            painter.fillRect(rect, palette.highlight())
        painter.fillRect(
            QRect(rect.left(), rect.top() + 2, 4, rect.height() - 4), status_colour(row.status)
        )
        fm = QFontMetrics(option.font)  # type: ignore[attr-defined]
        text_rect = rect.adjusted(12, self.PADDING, -self.PADDING, -self.PADDING)
        line1 = QRect(text_rect.left(), text_rect.top(), text_rect.width(), fm.height())
        line2 = line1.translated(0, fm.height() + 2)
        fg = palette.highlightedText().color() if selected else palette.text().color()
        painter.setPen(fg)
        title = f"{row.label}  {row.prompt or row.source_name}"
        painter.drawText(
            line1,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(title, Qt.TextElideMode.ElideRight, line1.width()),
        )
        elapsed = str(index.data(JobRole.ELAPSED) or "")
        stage = stage_line(row)
        elapsed_w = fm.horizontalAdvance(elapsed) + 4 if elapsed else 0
        painter.setPen(fg if selected else status_colour(row.status))
        stage_rect = QRect(line2.left(), line2.top(), line2.width() - elapsed_w, line2.height())
        painter.drawText(
            stage_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(stage, Qt.TextElideMode.ElideRight, stage_rect.width()),
        )
        if elapsed:
            painter.setPen(fg)
            painter.drawText(
                line2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elapsed
            )
        painter.restore()


class JobListView(QWidget):
    """The list, a Cancel button and a context menu; emits what the person asked for."""

    cancel_requested = Signal(int)
    job_activated = Signal(int)
    run_again_requested = Signal(int)
    choose_requested = Signal(int)

    def __init__(self, model: JobListModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model or JobListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(JobDelegate(self.view))
        self.view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.clicked.connect(
            lambda idx: self.job_activated.emit(int(idx.data(JobRole.JOB_ID)))
        )
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.choose_button = QPushButton()
        self.choose_button.setEnabled(False)
        self.choose_button.clicked.connect(self.choose_selected)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._on_rows_inserted)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The button's text, and the rows (stages are translated when the model is asked)."""
        self.choose_button.setText(self.tr("Choose its task…"))
        self._update_buttons()
        announce_texts_changed(self.model)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def selected_job(self) -> JobRow | None:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            return None
        row = indexes[0].data(JobRole.ROW)
        return row if isinstance(row, JobRow) else None

    def select_job(self, job_id: int) -> None:
        i = self.model.row_of(job_id)
        if i is not None:
            self.view.setCurrentIndex(self.model.index(i))

    def cancel_selected(self) -> None:
        row = self.selected_job()
        if row is not None and row.cancellable:
            self.cancel_requested.emit(row.job_id)

    def choose_selected(self) -> None:
        row = self.selected_job()
        if row is not None and row.needs_choice:
            self.choose_requested.emit(row.job_id)

    def _update_buttons(self) -> None:
        row = self.selected_job()
        self.cancel_button.setEnabled(row is not None and row.cancellable)
        if row is not None and row.status in _ON_THE_SERVICE:
            # the service cannot stop a running task: stop waiting, keep its paid result
            self.cancel_button.setText(self.tr("Stop waiting"))
            self.cancel_button.setToolTip(
                self.tr(
                    "The service is already making this image (and bills it); it cannot be "
                    "stopped there. The window stops waiting; the image still arrives in the "
                    "History when it is ready."
                )
            )
        else:
            self.cancel_button.setText(self.tr("Cancel job"))
            self.cancel_button.setToolTip(
                self.tr("A queued job is removed; a job waiting on the service is cancelled there.")
            )
        self.choose_button.setEnabled(row is not None and row.needs_choice)

    def _on_rows_inserted(self, _parent: QModelIndex, _first: int, last: int) -> None:
        self.view.scrollTo(self.model.index(last))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        row = index.data(JobRole.ROW) if index.isValid() else None
        if not isinstance(row, JobRow):
            return
        menu = QMenu(self)
        cancel = menu.addAction(self.tr("Cancel job #{0}").format(row.job_id))
        cancel.setEnabled(row.cancellable)
        cancel.triggered.connect(lambda: self.cancel_requested.emit(row.job_id))
        choose = menu.addAction(self.tr("Choose its task…"))
        choose.setEnabled(row.needs_choice)
        choose.triggered.connect(lambda: self.choose_requested.emit(row.job_id))
        show = menu.addAction(self.tr("Show results"))
        show.setEnabled(bool(row.results))
        show.triggered.connect(lambda: self.job_activated.emit(row.job_id))
        again = menu.addAction(self.tr("Run again"))
        again.setEnabled(row.can_run_again)
        again.triggered.connect(lambda: self.run_again_requested.emit(row.job_id))
        menu.exec(self.view.viewport().mapToGlobal(pos))
