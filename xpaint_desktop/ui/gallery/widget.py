"""The history gallery: every job ever run, found by its prompt, acted on in one click.

The view is a `QListView` in icon mode with uniform cells over `GalleryModel`, so a library of
ten thousand jobs opens at once. The actions that change the library (favourite, note, delete)
happen here; the ones that need the editor (open, reuse the parameters, run again) are signals
the main window carries out, so the gallery knows nothing about the canvas.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.library.models import JobRecord
from xpaint_desktop.library.pngmeta import export_png
from xpaint_desktop.library.store import Library
from xpaint_desktop.ui.gallery.delegate import GalleryDelegate
from xpaint_desktop.ui.gallery.filters import GalleryFilterBar
from xpaint_desktop.ui.gallery.model import GalleryFilters, GalleryModel
from xpaint_desktop.ui.gallery.thumbs import ThumbnailLoader
from xpaint_desktop.ui.shared.background import Background
from xpaint_desktop.ui.shared.retranslate import announce_texts_changed

log = logging.getLogger(__name__)


def export_jobs(jobs: list[JobRecord], folder: Path) -> list[Path]:
    """Export every successful variant of `jobs` into `folder` (runs in a pool thread)."""
    written: list[Path] = []
    for job in jobs:
        for result in job.results:
            if result.ok:
                written.append(export_png(job, result.index, folder))
    return written


class GalleryView(QListView):
    """Icon-mode list with fixed cells that re-flows as the dock is resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setSpacing(4)
        self.setWordWrap(True)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegate(GalleryDelegate(self))


class GalleryWidget(QWidget):
    """Filter bar, the job grid, and the actions on the selected jobs."""

    open_in_editor = Signal(int)  # job id: restore base image, mask and every parameter
    reuse_parameters = Signal(object)  # JobSpec, applied to the image now in the editor
    run_again = Signal(int)  # job id: the same inputs and parameters, as a new job
    job_deleted = Signal(int)
    status_message = Signal(str)

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        loader: ThumbnailLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self._background = Background(self)
        self.library = library
        self.filter_bar = GalleryFilterBar(self)
        self.model = GalleryModel(library, loader, self)
        self.view = GalleryView(self)
        self.view.setModel(self.model)
        self.count_label = QLabel(self)
        self._make_actions()
        self._layout()
        self.filter_bar.filters_changed.connect(self.set_filters)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.view.customContextMenuRequested.connect(self._context_menu)
        # a double-click opens the job in the editor, results included (Details: Enter / menu)
        self.view.doubleClicked.connect(lambda _index: self._open_current())
        self.retranslate_ui()
        self._update_actions()

    # -- building ----------------------------------------------------------------------------

    def _action(self, slot: object, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.act_open = self._action(self._open_current)
        self.act_reuse = self._action(self._reuse_current)
        self.act_run = self._action(self._run_current)
        self.act_favourite = self._action(self.toggle_favourite)
        self.act_favourite.setCheckable(True)
        self.act_note = self._action(self.edit_note)
        self.act_details = self._action(self.show_details)
        self.act_export = self._action(self.export_selected)
        self.act_reveal = self._action(self.reveal_folder)
        self.act_delete = self._action(
            self.delete_selected, QKeySequence(QKeySequence.StandardKey.Delete)
        )
        self.act_find = self._action(
            self.filter_bar.search_box.setFocus, QKeySequence(QKeySequence.StandardKey.Find)
        )

    def retranslate_ui(self) -> None:
        """The actions, the job count, and the cells (translated when the model is asked)."""
        for action, text in (
            (self.act_open, self.tr("Open in editor")),
            (self.act_reuse, self.tr("Reuse parameters")),
            (self.act_run, self.tr("Run again")),
            (self.act_favourite, self.tr("Favourite")),
            (self.act_note, self.tr("Note…")),
            (self.act_details, self.tr("Details and lineage…")),
            (self.act_export, self.tr("Export as PNG…")),
            (self.act_reveal, self.tr("Show folder")),
            (self.act_delete, self.tr("Delete…")),
            (self.act_find, self.tr("Find")),
        ):
            action.setText(text)
        self._update_count()
        announce_texts_changed(self.model)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _layout(self) -> None:
        # Two rows of buttons, so every action stays visible in a two-column-wide dock instead
        # of folding into a » menu.
        self.action_bar = QToolBar(self)
        self.action_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.action_bar.addActions([self.act_open, self.act_reuse, self.act_run])
        self.action_bar_2 = QToolBar(self)
        self.action_bar_2.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.action_bar_2.addActions(
            [self.act_favourite, self.act_details, self.act_export, self.act_delete]
        )
        first = QHBoxLayout()
        first.addWidget(self.action_bar, 1)
        first.addWidget(self.count_label)
        outer = QVBoxLayout(self)
        outer.addWidget(self.filter_bar)
        outer.addWidget(self.view, 1)
        outer.addLayout(first)
        outer.addWidget(self.action_bar_2)

    # -- state -------------------------------------------------------------------------------

    def set_filters(self, filters: GalleryFilters) -> None:
        self.model.set_filters(filters)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        ids = self.model.job_ids()
        return [ids[r] for r in rows]

    def current_job(self) -> JobRecord | None:
        index = self.view.currentIndex()
        if index.isValid() and self.view.selectionModel().isSelected(index):
            return self.model.job_at(index.row())
        ids = self.selected_ids()
        return self.model.job(ids[0]) if ids else None

    def select_job(self, job_id: int) -> bool:
        """Select and show one job; False if the filters hide it."""
        row = self.model.row_of(job_id)
        if row is None:
            return False
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        return True

    def job_updated(self, job_id: int) -> None:
        """Connect to the worker's job events: the job's cell shows its new state."""
        self.model.refresh_job(job_id)
        self._update_actions()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n job(s)", "", self.model.rowCount()))

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        job = self.current_job()
        for action in (self.act_open, self.act_reuse, self.act_run, self.act_note):
            action.setEnabled(job is not None)
        for action in (self.act_details, self.act_reveal):
            action.setEnabled(job is not None)
        for action in (self.act_export, self.act_delete, self.act_favourite):
            action.setEnabled(bool(ids))
        self.act_favourite.setChecked(bool(job and job.favourite))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        if not self.view.selectionModel().isSelected(index):
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        menu = QMenu(self)
        menu.addActions([self.act_open, self.act_reuse, self.act_run])
        menu.addSeparator()
        menu.addActions([self.act_favourite, self.act_note, self.act_details])
        menu.addSeparator()
        menu.addActions([self.act_export, self.act_reveal])
        menu.addSeparator()
        menu.addAction(self.act_delete)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # -- actions -----------------------------------------------------------------------------

    def _open_current(self) -> None:
        job = self.current_job()
        if job is not None:
            self.open_in_editor.emit(job.id)

    def _reuse_current(self) -> None:
        job = self.current_job()
        if job is not None:
            self.reuse_parameters.emit(job.spec)

    def _run_current(self) -> None:
        job = self.current_job()
        if job is not None:
            self.run_again.emit(job.id)

    def toggle_favourite(self) -> None:
        """Mark the selected jobs as favourites, or unmark them if the current one is one."""
        job = self.current_job()
        ids = self.selected_ids()
        if job is None or not ids:
            return
        favourite = not job.favourite
        for job_id in ids:
            self.library.set_favourite(job_id, favourite)
            self.model.refresh_job(job_id)
        self._update_actions()

    def edit_note(self) -> None:
        job = self.current_job()
        if job is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Note"), self.tr("Note for job {0}:").format(job.id), job.note
        )
        if ok:
            self.set_note(job.id, text.strip())

    def set_note(self, job_id: int, note: str) -> None:
        self.library.set_note(job_id, note)
        self.model.refresh_job(job_id)

    def show_details(self) -> None:
        job = self.current_job()
        if job is None:
            return
        from xpaint_desktop.ui.jobs.detail import JobDetailDialog

        dialog = JobDetailDialog(self.library, job.id, self)
        dialog.open_in_editor.connect(self.open_in_editor)
        dialog.reuse_parameters.connect(self.reuse_parameters)
        dialog.job_shown.connect(self.select_job)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def reveal_folder(self) -> None:
        job = self.current_job()
        if job is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(job.folder)))

    def export_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export results to"))
        if folder:
            self.export_to(ids, Path(folder))

    def export_to(self, job_ids: list[int], folder: Path) -> None:
        """Export the jobs' results as PNG with parameters, in the background."""
        jobs = self.library.get_jobs(job_ids)
        self.status_message.emit(self.tr("Exporting…"))
        self._background.run(lambda: export_jobs(jobs, folder), self._exported, self._export_failed)

    def _exported(self, written: object) -> None:
        count = len(written) if isinstance(written, list) else 0
        self.status_message.emit(self.tr("Exported %n picture(s).", "", count))

    def _export_failed(self, exc: Exception) -> None:
        log.warning("export failed: %s", exc)
        self.status_message.emit(self.tr("Export failed: {0}").format(exc))

    def delete_selected(self) -> None:
        """Ask, then delete the selected jobs with their files."""
        ids = self.selected_ids()
        if not ids:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete jobs"),
            self.tr("Delete %n job(s) with their pictures? This cannot be undone.", "", len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.delete_jobs(ids)

    def delete_jobs(self, job_ids: list[int]) -> None:
        """Delete without asking (the confirmation is the caller's), in the background:
        removing a job's folder of full-size pictures can take a while."""
        library = self.library

        def delete() -> list[tuple[int, OSError | None]]:
            outcomes: list[tuple[int, OSError | None]] = []
            for job_id in job_ids:
                try:
                    library.delete_job(job_id)
                except KeyError:
                    pass  # already gone: it leaves the view all the same
                except OSError as exc:
                    outcomes.append((job_id, exc))
                    continue
                outcomes.append((job_id, None))
            return outcomes

        self._background.run(delete, self._deleted, self._delete_failed)

    def _deleted(self, outcomes: list[tuple[int, OSError | None]]) -> None:
        for job_id, error in outcomes:
            if error is not None:
                self.status_message.emit(
                    self.tr("Could not delete job {0}: {1}").format(job_id, error)
                )
                continue
            self.model.remove_job(job_id)
            self.job_deleted.emit(job_id)
        self._update_actions()

    def _delete_failed(self, exc: Exception) -> None:
        log.warning("deleting jobs failed: %s", exc)
        self.status_message.emit(str(exc))

    def shutdown(self) -> None:
        """Stop making thumbnails and finish deleting; call before the library closes."""
        self.model.loader.shutdown()
        self._background.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
