"""The editor window: the mask canvas in the middle, parameters and jobs beside it.

The window wires the parts together and keeps the UI thread light: images are decoded and
results written on the thread pool (`ImageIO`), jobs go to the `JobWorker` thread through
queued signals, and errors arrive in the banner above the canvas instead of modal dialogs, so
nothing typed is lost. Geometry, dock layout, recent files and the last folder live in
`QSettings`.

The window owns the `Library`: the history gallery reads it on the UI thread and the worker
writes it on its threads (each thread gets its own connection). Shutting down therefore goes
gallery (stop making thumbnails), worker (stop the jobs), pending file work, then the library.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSlider,
    QSpinBox,
    QToolBar,
    QWidget,
)

from xpaint_desktop import __version__
from xpaint_desktop.config import ApiKeyStore, Settings, sample_image_path
from xpaint_desktop.engines.cloud import endpoint_region
from xpaint_desktop.engines.local import PROMPT_NOTICE
from xpaint_desktop.errors import XPaintError
from xpaint_desktop.imaging.limits import READABLE_EXTENSIONS, SUCCESSOR
from xpaint_desktop.library.models import JobStatus, ResultRecord
from xpaint_desktop.library.pngmeta import read_png_parameters
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import EngineKind, JobSpec
from xpaint_desktop.ui.canvas.selection_bar import SelectionOptionsBar
from xpaint_desktop.ui.canvas.tools import MAX_BRUSH_SIZE, MIN_BRUSH_SIZE, Tool
from xpaint_desktop.ui.canvas.widget import MaskCanvas
from xpaint_desktop.ui.crash import open_log_folder_action, retranslate_open_log_folder_action
from xpaint_desktop.ui.gallery.delegate import CELL_WIDTH
from xpaint_desktop.ui.gallery.widget import GalleryDock
from xpaint_desktop.ui.jobs.choice import ChoiceDialog
from xpaint_desktop.ui.jobs.list import JobListView
from xpaint_desktop.ui.jobs.restore import JobInputs, keep_lineage, read_job_inputs
from xpaint_desktop.ui.jobs.results import COMPARE_KEY, ResultsStrip
from xpaint_desktop.ui.params.cost import PaidJobConfirmation
from xpaint_desktop.ui.params.panel import EditorState, ParamPanel
from xpaint_desktop.ui.preferences.dialog import PreferencesDialog
from xpaint_desktop.ui.shared.background import run_in_background
from xpaint_desktop.ui.shared.image_io import ImageIO
from xpaint_desktop.ui.window import qsettings
from xpaint_desktop.ui.window.actions import (
    GROW_STEP_PX,
    build_actions,
    retranslate_actions,
    shortcuts_help_html,
)
from xpaint_desktop.ui.window.banner import Banner, BannerAction, BannerLevel
from xpaint_desktop.ui.window.mask_view import MaskView
from xpaint_desktop.ui.worker import JobSummary, JobWorker

if TYPE_CHECKING:
    from xpaint_desktop.api.tasklist import TaskSummary
    from xpaint_desktop.imaging.masks import GreyReading
    from xpaint_desktop.jobs.runner import JobEvent

log = logging.getLogger(__name__)

IMAGE_FILTER_EXTS = " ".join(f"*{e}" for e in READABLE_EXTENSIONS)
SLIDER_MAX_BRUSH = 500
_FAILED = (JobStatus.FAILED, JobStatus.INTERRUPTED)
DEFAULT_SIZE = QSize(1400, 900)
STATUS_MS = 6000
GALLERY_COLUMNS = 2
HISTORY_KEY = "F9"
GALLERY_CHROME_PX = 40  # frames and margins of the dock, its tabs and the grid


def _is_image_file(path: Path) -> bool:
    return path.suffix.lower() in READABLE_EXTENSIONS


def _dock_features(dock: QDockWidget) -> None:
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )


def _gallery_width(dock: GalleryDock) -> int:
    """Room for `GALLERY_COLUMNS` columns of jobs (the window gives less on small screens)."""
    view = dock.gallery.view
    cells = GALLERY_COLUMNS * (CELL_WIDTH + 2 * view.spacing())
    return cells + view.verticalScrollBar().sizeHint().width() + GALLERY_CHROME_PX


class MainWindow(QMainWindow):
    """The editor: open a photo, paint a mask, describe the change, get variants back."""

    submit_job = Signal(object, QImage, QImage, str)  # JobSpec, base, mask, source name
    submit_request = Signal(int, object, QImage, QImage, str)  # request token, then as above
    cancel_job = Signal(int)
    run_again_job = Signal(int)  # job id: the worker reads its inputs and queues a new job
    find_candidates = Signal(int)  # job id AWAITING_CHOICE: the worker asks the task list
    parameters_applied = Signal(object)  # JobSpec now in the parameter panel (from elsewhere)
    settings_saved = Signal()
    account_wanted = Signal()
    image_opened = Signal(str)  # source name

    def __init__(
        self,
        *,
        library_dir: Path | None = None,
        start_worker: bool = True,
        open_sample_on_first_start: bool = True,
    ) -> None:
        super().__init__()
        self.setWindowTitle("xpaint-desktop")
        self.setAcceptDrops(True)
        self._settings = Settings.load()
        self._key_store = ApiKeyStore(self._settings)
        self._has_key = self._key_store.get() is not None
        self._source_name = ""
        self._source_path: Path | None = None
        self._open_token = 0
        self._open_changes: dict[str, object] = {}  # applied to the next job opened
        self._open_paths: dict[int, Path] = {}
        self.paid_confirmation = PaidJobConfirmation()
        self._quota_job: int | None = None  # the job that found the free trial used up
        self._result_token = 0
        self._result_requests: dict[int, tuple[ResultRecord, bool]] = {}
        self._save_token = 0
        self._input_revision = 0  # the image or the mask changed: a new job is a new request
        self._last_request: tuple[JobSpec, int] | None = None
        self._last_request_job: int | None = None  # its job, once the worker wrote it
        self._request_token = 0
        self._editor_jobs: set[int] = set()  # jobs made from the image now in the editor

        self.open_io = ImageIO(self)
        self.open_io.loaded.connect(self._on_image_loaded)
        self.open_io.load_failed.connect(self._on_image_failed)
        self.result_io = ImageIO(self)
        self.result_io.loaded.connect(self._on_result_loaded)
        self.result_io.load_failed.connect(self._on_result_failed)
        self.result_io.saved.connect(self._on_saved)
        self.result_io.save_failed.connect(self._on_result_failed)

        self.canvas = MaskCanvas()
        self.canvas.installEventFilter(self)
        self.banner = Banner()
        self.banner.action_triggered.connect(self._on_banner_action)
        self.results = ResultsStrip()
        self.params = ParamPanel()
        engine = EngineKind(self._settings.default_engine)
        self.params.set_engine(EngineKind.LOCAL if not self._has_key else engine)
        self.params.feather_spin.setValue(self._settings.feather)
        self.jobs = JobListView()
        self.library = self._open_library(library_dir)

        central = QWidget()
        layout = QGridLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 0, 0)
        # the banner lies over the top of the canvas instead of pushing it down
        layout.addWidget(self.banner, 0, 0, Qt.AlignmentFlag.AlignTop)
        self.setCentralWidget(central)
        self.mask_view = MaskView(self.canvas, self)

        self.param_dock = self._dock("params", self.params)
        self.results_dock = self._dock("results", self.results)
        self.jobs_dock = self._dock("jobs", self.jobs)
        self.gallery_dock = self._gallery_dock()
        self.editor_actions = build_actions(self)
        self._build_menus()
        self._build_tool_bar()
        self._build_status_bar()
        self.retranslate_ui()
        self._connect()
        self._restore_state()
        self._update_editor_state()

        self.worker: JobWorker | None = None
        self.choice_dialog: ChoiceDialog | None = None
        self._choice_job_id: int | None = None
        if start_worker and self.library is not None:
            self.start_worker(library_dir)
        if open_sample_on_first_start and qsettings.is_first_start():
            qsettings.mark_started()
            self.open_image(sample_image_path(), remember=False)

    # -- construction --------------------------------------------------------------------
    def _dock(self, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        _dock_features(dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _open_library(self, library_dir: Path | None) -> Library | None:
        root = library_dir or self._settings.library_path()
        try:
            return Library(root)
        except XPaintError as e:
            log.error("library at %s unusable: %s", root, e.code)
            self.banner.show_error(e, context=self.tr("The job library cannot be opened"))
            return None

    def _gallery_dock(self) -> GalleryDock | None:
        """The history dock; `arrange_docks` decides where it goes by default."""
        if self.library is None:
            return None
        dock = GalleryDock(self.library, self)
        _dock_features(dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.editor_actions
        bar = self.menuBar()
        file_menu = bar.addMenu("")
        file_menu.addAction(a.open)
        self.recent_menu = QMenu(self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(a.paste)
        file_menu.addSeparator()
        file_menu.addAction(a.save_result)
        file_menu.addSeparator()
        file_menu.addAction(a.import_mask)
        file_menu.addAction(a.export_mask)
        file_menu.addSeparator()
        file_menu.addAction(a.preferences)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)

        edit_menu = bar.addMenu("")
        self._build_undo_actions()
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for act in (a.fill, a.clear, a.invert, a.grow, a.shrink):
            edit_menu.addAction(act)

        view_menu = bar.addMenu("")
        for act in (a.zoom_in, a.zoom_out, a.zoom_fit, a.zoom_100):
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.mask_view.show_mask)
        view_menu.addAction(self.mask_view.choose_color)
        view_menu.addSeparator()
        view_menu.addAction(self.param_dock.toggleViewAction())
        view_menu.addAction(self.results_dock.toggleViewAction())
        view_menu.addAction(self.jobs_dock.toggleViewAction())
        self._view_menu = view_menu
        if self.gallery_dock is not None:
            view_menu.addAction(self._history_toggle(self.gallery_dock))

        tools_menu = bar.addMenu("")
        for act in a.tools.values():
            tools_menu.addAction(act)

        help_menu = bar.addMenu("")
        help_menu.addAction(a.shortcuts_help)
        self.open_log_folder_action = open_log_folder_action(self)
        help_menu.addAction(self.open_log_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(a.about)
        self._menus = (file_menu, edit_menu, view_menu, tools_menu, help_menu)

    @staticmethod
    def _history_toggle(dock: GalleryDock) -> QAction:
        action = dock.toggleViewAction()
        action.setShortcut(QKeySequence(HISTORY_KEY))
        return action

    def _build_undo_actions(self) -> None:
        """Undo and redo of the canvas's stack, named in the language of the moment.

        `QUndoStack.createUndoAction` would fix the "Undo" prefix in the language at start-up.
        """
        stack = self.canvas.undo_stack()
        self.undo_action = QAction(self)
        self.undo_action.setShortcuts(self._std_keys("Undo"))
        self.undo_action.setEnabled(stack.canUndo())
        self.undo_action.triggered.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.redo_action = QAction(self)
        redo_keys = self._std_keys("Redo")
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo_action.setShortcuts(redo_keys)
        self.redo_action.setEnabled(stack.canRedo())
        self.redo_action.triggered.connect(stack.redo)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._update_undo_texts)
        stack.redoTextChanged.connect(self._update_undo_texts)

    def _update_undo_texts(self) -> None:
        stack = self.canvas.undo_stack()
        for action, prefix, step in (
            (self.undo_action, self.tr("Undo"), stack.undoText()),
            (self.redo_action, self.tr("Redo"), stack.redoText()),
        ):
            action.setText(prefix)  # the step's name goes in the tooltip: a fixed-width button
            action.setToolTip(f"{prefix}: {step}" if step else prefix)

    @staticmethod
    def _std_keys(name: str) -> list[QKeySequence]:
        return QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, name))

    def _build_tool_bar(self) -> None:
        a = self.editor_actions
        bar = QToolBar(self)
        bar.setObjectName("toolbar-tools")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in a.tools.values():
            bar.addAction(act)
        bar.addSeparator()
        self._size_caption = QLabel()
        bar.addWidget(self._size_caption)
        self.brush_slider = QSlider(Qt.Orientation.Horizontal)
        self.brush_slider.setRange(MIN_BRUSH_SIZE, SLIDER_MAX_BRUSH)
        self.brush_slider.setFixedWidth(140)
        self.brush_spin = QSpinBox()
        self.brush_spin.setRange(MIN_BRUSH_SIZE, MAX_BRUSH_SIZE)
        bar.addWidget(self.brush_slider)
        bar.addWidget(self.brush_spin)
        m = self.mask_view
        bar.addWidget(m.hardness_caption)
        bar.addWidget(m.hardness_spin)
        bar.addSeparator()
        bar.addAction(m.show_mask)
        bar.addWidget(m.opacity_slider)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        # last, as they fold first into the bar's » menu on a small screen (and are in Edit)
        for act in (a.fill, a.clear, a.invert, a.grow, a.shrink):
            bar.addAction(act)
        for act in (self.undo_action, self.redo_action):
            # the step's name is in the tooltip: a button that changes width moves the bar
            button = bar.widgetForAction(act)
            if button is not None:
                button.setFixedWidth(button.fontMetrics().horizontalAdvance("M" * 7))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.tool_bar = bar
        self._set_brush_widgets(self.canvas.brush_size())
        self.selection_bar = SelectionOptionsBar(self.canvas, self)
        self.selection_bar.follow_feather(self.params.feather_spin)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.selection_bar)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.zoom_label = QLabel()
        self.cursor_label = QLabel()
        self.size_label = QLabel()
        self.key_label = QLabel()
        self.key_label.setTextFormat(Qt.TextFormat.RichText)
        self.key_label.linkActivated.connect(lambda _link: self.show_preferences())
        for w in (self.cursor_label, self.size_label, self.zoom_label, self.key_label):
            status.addPermanentWidget(w)
        self._on_zoom_changed(self.canvas.zoom())

    def retranslate_ui(self) -> None:
        """Every text the window itself sets; the panels and docks retranslate themselves."""
        self.param_dock.setWindowTitle(self.tr("Parameters"))
        self.results_dock.setWindowTitle(self.tr("Results"))
        self.jobs_dock.setWindowTitle(self.tr("Jobs"))
        self.mask_view.retranslate_ui()
        titles = (
            self.tr("&File"),
            self.tr("&Edit"),
            self.tr("&View"),
            self.tr("&Tools"),
            self.tr("&Help"),
        )
        for menu, title in zip(self._menus, titles, strict=True):
            menu.setTitle(title)
        self.recent_menu.setTitle(self.tr("Open &recent"))
        retranslate_actions(self.editor_actions)
        retranslate_open_log_folder_action(self.open_log_folder_action)
        self._update_undo_texts()
        self.tool_bar.setWindowTitle(self.tr("Tools"))
        self._size_caption.setText(self.tr(" Size "))
        self.brush_spin.setSuffix(self.tr(" px"))
        self.brush_spin.setToolTip(self.tr("Brush diameter in image pixels ([ and ] change it)"))
        self._update_key_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _connect(self) -> None:
        a = self.editor_actions
        c = self.canvas
        a.open.triggered.connect(self.choose_and_open)
        a.paste.triggered.connect(self.paste_image)
        a.save_result.triggered.connect(lambda: self.save_result_as(self.results.current_result()))
        a.export_mask.triggered.connect(self.export_mask)
        a.import_mask.triggered.connect(self.import_mask)
        a.preferences.triggered.connect(self.show_preferences)
        a.quit.triggered.connect(self.close)
        a.zoom_in.triggered.connect(c.zoom_in)
        a.zoom_out.triggered.connect(c.zoom_out)
        a.zoom_fit.triggered.connect(c.zoom_fit)
        a.zoom_100.triggered.connect(c.zoom_100)
        a.fill.triggered.connect(c.fill_all)
        a.clear.triggered.connect(c.clear_mask)
        a.invert.triggered.connect(c.invert_mask)
        a.grow.triggered.connect(lambda: c.grow_mask(GROW_STEP_PX))
        a.shrink.triggered.connect(lambda: c.shrink_mask(GROW_STEP_PX))
        a.shortcuts_help.triggered.connect(self._show_shortcuts)
        a.about.triggered.connect(self._show_about)
        a.tool_group.triggered.connect(lambda act: c.set_tool(Tool(act.data())))

        c.mask_changed.connect(self._update_editor_state)
        c.mask_changed.connect(self._note_input_change)
        c.open_requested.connect(self.choose_and_open)
        c.split_dragged.connect(self.results.set_split)
        c.zoom_changed.connect(self._on_zoom_changed)
        c.cursor_moved.connect(self._on_cursor_moved)
        c.brush_size_changed.connect(self._set_brush_widgets)
        c.tool_changed.connect(self._on_tool_changed)
        self.brush_slider.valueChanged.connect(c.set_brush_size)
        self.brush_spin.valueChanged.connect(c.set_brush_size)

        self.params.generate_requested.connect(self.generate)
        self.params.spec_changed.connect(self._update_editor_state)
        self.jobs.cancel_requested.connect(self.cancel_job.emit)
        self.jobs.job_activated.connect(self._show_job_results)
        self.jobs.run_again_requested.connect(self.run_job_again)
        self.jobs.choose_requested.connect(self.choose_task)
        if self.gallery_dock is not None:
            self._connect_gallery(self.gallery_dock)
        self.results.result_selected.connect(self._on_result_selected)
        self.results.use_as_base_requested.connect(self._use_as_base)
        self.results.save_requested.connect(self.save_result_as)
        self.results.compare_changed.connect(c.set_compare)
        self.results.split_changed.connect(c.set_compare_split)

    def _connect_gallery(self, gallery: GalleryDock) -> None:
        gallery.open_in_editor.connect(self.open_job_in_editor)
        gallery.reuse_parameters.connect(self.reuse_parameters)
        gallery.run_again.connect(self.run_job_again)
        gallery.status_message.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))
        gallery.usage.account_wanted.connect(self.account_wanted)

    def _on_account_tasks(self, started: list[object]) -> None:
        if self.gallery_dock is not None:
            self.gallery_dock.usage.set_tasks_elsewhere(started)  # type: ignore[arg-type]

    # -- the worker ------------------------------------------------------------------------
    def start_worker(self, library_dir: Path | None = None) -> JobWorker:
        worker = JobWorker(library_dir, library=self.library)
        worker.job_event.connect(self._on_job_event)
        worker.job_summary.connect(self._on_job_summary)
        worker.submit_failed.connect(self._on_submit_failed)
        worker.cancel_refused.connect(self._on_cancel_refused)
        worker.request_done.connect(self._on_request_done)
        worker.resumed.connect(self._on_resumed)
        self.submit_job.connect(worker.submit)
        self.submit_request.connect(worker.submit_request)
        self.cancel_job.connect(worker.cancel)
        self.run_again_job.connect(worker.run_again)
        self.find_candidates.connect(worker.find_candidates)
        worker.candidates_found.connect(self._on_candidates_found)
        worker.choice_failed.connect(self._on_choice_failed)
        self.settings_saved.connect(worker.reload_settings)
        self.account_wanted.connect(worker.check_account)
        worker.account_tasks.connect(self._on_account_tasks)
        worker.start_in_thread()
        self.worker = worker
        return worker

    def generate(self) -> None:
        """Freeze the parameters, the image and the mask into a job and hand it over."""
        reason = self.params.invalid_reason()
        if reason is not None:
            self.banner.show_message(reason, level=BannerLevel.WARNING)
            return
        if self.worker is None:
            return
        spec = self.params.spec()
        if not self.paid_confirmation.allows(spec, self):
            return
        request = (spec, self._input_revision)
        if request == self._last_request and self._request_in_flight():
            job = self._last_request_job
            if job is not None:
                self.jobs.select_job(job)
            self.statusBar().showMessage(
                self.tr("These inputs are already being generated; nothing new was sent."),
                STATUS_MS,
            )
            return
        self._last_request = request
        self._last_request_job = None
        self._request_token += 1
        image = self.canvas.image()
        # in the list at once; the worker thread writes the inputs and queues the job
        self.jobs.model.add_placeholder(
            self._request_token,
            prompt=spec.prompt,
            source_name=self._source_name,
            engine=EngineKind(spec.engine),
            n=spec.n,
            image_size=(image.width(), image.height()),
        )
        self.jobs_dock.raise_()
        self.submit_request.emit(
            self._request_token, spec, image, self.canvas.mask(), self._source_name
        )

    def _request_in_flight(self) -> bool:
        """Whether the last request is still being written or its job has not finished."""
        job = self._last_request_job
        if job is None:
            return self._last_request is not None
        row = self.jobs.model.job(job)
        return row is not None and not row.status.is_finished

    def _note_input_change(self) -> None:
        self._input_revision += 1

    def _on_request_done(self, token: int, job_id: int) -> None:
        """The worker wrote (job_id > 0) or refused (0) the job of request `token`."""
        self.jobs.model.claim_placeholder(token, job_id)
        if token == self._request_token:
            if job_id > 0:
                self._last_request_job = job_id
            else:
                self._last_request = None
        if job_id > 0:
            self._editor_jobs.add(job_id)
            self.jobs.select_job(job_id)

    def _on_resumed(self, count: int) -> None:
        if count == 1:
            text = self.tr("Continuing 1 unfinished job from the last session.")
        else:
            text = self.tr("Continuing {0} unfinished jobs from the last session.").format(count)
        if count > 0:
            self.banner.show_message(text, level=BannerLevel.INFO)

    def _on_job_summary(self, summary: JobSummary) -> None:
        self.jobs.model.add_job(
            summary.job_id,
            prompt=summary.prompt,
            source_name=summary.source_name,
            engine=summary.engine,
            n=summary.n,
            status=JobStatus(summary.status),
            image_size=summary.image_size,
        )

    def _on_job_event(self, event: JobEvent) -> None:
        row = self.jobs.model.apply_event(event)
        if self.gallery_dock is not None:
            self.gallery_dock.job_updated(event.job_id)
        # made from the picture in the editor, or nothing is open (a job resumed at start)
        mine = row.job_id in self._editor_jobs or not self.canvas.has_image()
        if not mine:
            size = self.canvas.image().size()
            mine = row.source_name == self._source_name and row.image_size == (
                size.width(),
                size.height(),
            )
        if row.status in (JobStatus.DONE, JobStatus.PARTIAL) and row.results and mine:
            self.results.show_results(row.job_id, row.results)
            self.results_dock.raise_()
            self.jobs.select_job(row.job_id)
            if row.notice:
                self.banner.show_message(
                    self.tr("Job #{0}: {1}").format(row.job_id, self._notice_text(row.notice)),
                    level=BannerLevel.INFO,
                )
        if row.status in _FAILED:
            error = row.error or XPaintError(row.message or self.tr("The job failed."))
            advice = self.banner.show_error(error, context=self.tr("Job #{0}").format(row.job_id))
            if advice.action is BannerAction.USE_SUCCESSOR:
                self._quota_job = row.job_id
        elif row.status is JobStatus.AWAITING_CHOICE:
            self._choice_job_id = row.job_id
            self.banner.show_message(
                self.tr(
                    "Job #{0}: the service's answer was lost and several of the account's tasks "
                    "could be its own. Choose its task, or send it again."
                ).format(row.job_id),
                level=BannerLevel.WARNING,
                action=BannerAction.CHOOSE_TASK,
            )
        elif row.status is JobStatus.EXPIRED:
            self.banner.show_message(
                self.tr(
                    "Job #{0} expired on the service (it keeps tasks for 24 hours). Its image, "
                    "mask and parameters are kept: choose “Run again” in the job list or the "
                    "History."
                ).format(row.job_id),
                level=BannerLevel.WARNING,
            )

    # -- choosing a job's task after a lost creation answer ---------------------------------
    def choose_task(self, job_id: int) -> ChoiceDialog | None:
        """Open the job's candidate tasks; the worker fills them in from the task list."""
        if self.worker is None:
            return None
        if self.choice_dialog is not None:
            self.choice_dialog.close()
        dialog = ChoiceDialog(job_id, self)
        dialog.adopt_requested.connect(self.worker.adopt)
        dialog.send_again_requested.connect(self.worker.send_again)
        self.choice_dialog = dialog
        dialog.show()
        self.find_candidates.emit(job_id)
        return dialog

    def _on_candidates_found(self, job_id: int, candidates: tuple[TaskSummary, ...]) -> None:
        if self.choice_dialog is not None and self.choice_dialog.job_id == job_id:
            self.choice_dialog.set_candidates(candidates)

    def _on_choice_failed(self, job_id: int, error: XPaintError) -> None:
        if self.choice_dialog is not None and self.choice_dialog.job_id == job_id:
            self.choice_dialog.show_error(str(error))
        self.banner.show_error(error, context=self.tr("Job #{0}").format(job_id))

    def _on_submit_failed(self, error: XPaintError) -> None:
        self.banner.show_error(error, context=self.tr("The job was not created"))

    def _on_cancel_refused(self, job_id: int) -> None:
        self.banner.show_message(
            self.tr(
                "Job #{0} can no longer be cancelled: the service is already working on it."
            ).format(job_id),
            level=BannerLevel.INFO,
        )

    def _show_job_results(self, job_id: int) -> None:
        row = self.jobs.model.job(job_id)
        if row is not None and row.results:
            self.results.show_results(job_id, row.results)

    # -- jobs from the history -------------------------------------------------------------
    def run_job_again(self, job_id: int) -> None:
        """Queue a new job with the inputs and parameters of `job_id` (read by the worker)."""
        if self.worker is None:
            return
        self.run_again_job.emit(job_id)
        self.statusBar().showMessage(
            self.tr("Job #{0} sent to the queue again").format(job_id), STATUS_MS
        )

    def switch_to_successor(self) -> None:
        """The job that found the free trial used up, in the editor again (image, mask,
        prompt), set to the successor model; the person sees its cost and generates."""
        job_id = self._quota_job
        if job_id is None:
            self.params.set_model(SUCCESSOR.get(self.params.limits.model, self.params.limits.model))
            return
        try:
            model = self.library.get_job(job_id).spec.model if self.library else ""
        except KeyError:
            model = self.params.limits.model
        self.open_job_in_editor(job_id, model=SUCCESSOR.get(model, model))

    def open_job_in_editor(self, job_id: int, *, model: str | None = None) -> None:
        """Restore a stored job's image, exact mask and parameters, read off the UI thread
        (with `model` instead of its own, when given)."""
        if self.library is None:
            return
        self._open_changes = {} if model is None else {"model": model}
        try:
            job = self.library.get_job(job_id)
        except KeyError:
            self.banner.show_message(
                self.tr("Job #{0} is no longer in the library.").format(job_id),
                level=BannerLevel.ERROR,
            )
            return
        self._open_token += 1
        token = self._open_token

        def load() -> tuple[int, JobInputs | str]:
            try:
                return token, read_job_inputs(job)
            except (ValueError, OSError) as e:
                return token, str(e)

        self.statusBar().showMessage(self.tr("Opening job #{0}…").format(job_id))
        run_in_background(load, self._on_job_inputs, self._on_background_error)

    def _on_job_inputs(self, answer: tuple[int, JobInputs | str]) -> None:
        token, inputs = answer
        if not isinstance(inputs, JobInputs):
            self._on_image_failed(token, inputs)
            return
        if token != self._open_token:
            return
        job = inputs.job
        self.statusBar().clearMessage()
        self.set_base_image(inputs.base, job.source_name or f"job{job.id}.png")
        self.canvas.set_mask(inputs.mask)
        self.params.set_spec(job.spec.with_changes(**self._open_changes))
        self._editor_jobs.add(job.id)
        if job.results:
            self.results.show_results(job.id, job.results)  # shows its first good result
            self.results_dock.show()
            self.results_dock.raise_()
        self.statusBar().showMessage(
            self.tr("Job #{0} is in the editor with its mask and parameters").format(job.id),
            STATUS_MS,
        )
        self.parameters_applied.emit(job.spec)

    def _on_background_error(self, error: Exception) -> None:
        log.warning("background step failed: %s", type(error).__name__)
        self.banner.show_message(str(error), level=BannerLevel.ERROR)

    def reuse_parameters(self, spec: JobSpec) -> None:
        """Use a stored job's parameters on the image now in the editor."""
        self._apply_parameters(spec, self.tr("Parameters applied to the current image"))

    def _apply_parameters(self, spec: JobSpec, message: str) -> None:
        self.params.set_spec(keep_lineage(spec, self.params.spec()))
        self.param_dock.show()
        self.statusBar().showMessage(message, STATUS_MS)
        self.parameters_applied.emit(spec)

    # -- opening images --------------------------------------------------------------------
    def _ask_image_file(self, title: str) -> Path | None:
        start = qsettings.last_folder() or Path.home()
        name, _ = QFileDialog.getOpenFileName(
            self,
            title,
            str(start),
            self.tr("Images ({0});;All files (*)").format(IMAGE_FILTER_EXTS),
        )
        return Path(name) if name else None

    def choose_and_open(self) -> None:
        path = self._ask_image_file(self.tr("Open image"))
        if path is not None:
            self.open_image(path)

    def open_image(self, path: Path, *, remember: bool = True) -> None:
        """Decode `path` on the thread pool; the canvas gets it when it is ready."""
        self._open_token += 1
        self._open_paths[self._open_token] = path
        if remember:
            qsettings.set_last_folder(path.parent)
        self.statusBar().showMessage(self.tr("Opening {0}…").format(path.name))
        self.open_io.load(path, self._open_token)

    def _on_image_loaded(self, token: int, image: QImage) -> None:
        path = self._open_paths.pop(token, None)
        if token != self._open_token or path is None:
            return
        self.statusBar().clearMessage()
        if path != sample_image_path():
            self._update_recent(path)
        self.set_base_image(image, path.name, path)

    def _on_image_failed(self, token: int, message: str) -> None:
        self._open_paths.pop(token, None)
        if token == self._open_token:
            self.statusBar().clearMessage()
            self.banner.show_message(message, level=BannerLevel.ERROR)

    def set_base_image(self, image: QImage, source_name: str, path: Path | None = None) -> None:
        """Start editing `image` (the mask starts empty, results of other images stay listed)."""
        self.canvas.set_image(image)
        self.canvas.set_overlay_image(None)
        self._input_revision += 1
        self._editor_jobs.clear()
        self._source_name = source_name
        self._source_path = path
        self.params.set_parent(None, None)
        self.setWindowTitle(f"{source_name} — xpaint-desktop")
        self.size_label.setText(f"{image.width()} × {image.height()}")
        self.banner.hide()
        limits = self.params.limits
        if min(image.width(), image.height()) <= limits.min_side:
            self.banner.show_message(
                self.tr(
                    "“{0}” is {1} × {2} px; the cloud service needs more than {3} px on each "
                    "side. The offline engine works, or open a larger image."
                ).format(source_name, image.width(), image.height(), limits.min_side),
                level=BannerLevel.WARNING,
            )
        self._update_editor_state()
        self.image_opened.emit(source_name)

    def paste_image(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasImage():
            image = clipboard.image()
            if not image.isNull():
                self.set_base_image(image, self.tr("pasted image"))
                return
        if mime is not None and mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile() and _is_image_file(Path(url.toLocalFile())):
                    self.open_image(Path(url.toLocalFile()))
                    return
        self.banner.show_message(
            self.tr("The clipboard holds no image. Copy an image (or an image file) first."),
            level=BannerLevel.INFO,
        )

    def _update_recent(self, path: Path) -> None:
        qsettings.add_recent_file(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = qsettings.recent_files()
        for path in files:
            act = self.recent_menu.addAction(path.name)
            act.setToolTip(str(path))
            act.setStatusTip(str(path))
            act.triggered.connect(lambda _checked=False, p=path: self.open_image(p))
        if not files:
            none = self.recent_menu.addAction(self.tr("No recent files"))
            none.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(qsettings.clear_recent_files)

    # -- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage() or any(
            u.isLocalFile() and _is_image_file(Path(u.toLocalFile())) for u in mime.urls()
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        for url in mime.urls():
            if url.isLocalFile() and _is_image_file(Path(url.toLocalFile())):
                self.drop_file(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self.set_base_image(image, self.tr("dropped image"))
                event.acceptProposedAction()
                return
        event.ignore()

    def drop_file(self, path: Path) -> None:
        """A PNG exported with its parameters restores them; any other image is opened."""
        if path.suffix.lower() != ".png":
            self.open_image(path)
            return

        def read() -> tuple[Path, JobSpec | None]:
            try:
                return path, read_png_parameters(path)
            except XPaintError:
                return path, None  # unreadable: open_image says why

        run_in_background(read, self._on_dropped_png, self._on_background_error)

    def _on_dropped_png(self, answer: tuple[Path, JobSpec | None]) -> None:
        path, spec = answer
        if spec is None:
            self.open_image(path)
            return
        self._apply_parameters(
            spec, self.tr("Prompt and parameters restored from {0}").format(path.name)
        )
        if not self.canvas.has_image():
            self.open_image(path)

    # -- masks -------------------------------------------------------------------------------
    def export_mask(self) -> None:
        if not self.canvas.has_image():
            return
        stem = Path(self._source_name).stem or "image"
        start = (qsettings.last_folder() or Path.home()) / f"{stem}-mask.png"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export mask"), str(start), self.tr("PNG image (*.png)")
        )
        if not name:
            return
        try:
            self.canvas.export_mask(name)
        except (OSError, ValueError) as e:
            self.banner.show_message(
                self.tr("Could not export the mask: {0}").format(e), level=BannerLevel.ERROR
            )
            return
        self.statusBar().showMessage(self.tr("Mask saved to {0}").format(name), 5000)

    def import_mask(self) -> None:
        if not self.canvas.has_image():
            return
        path = self._ask_image_file(self.tr("Import mask"))
        if path is not None:
            self.import_mask_file(path)

    def import_mask_file(
        self, path: Path, mask_color: list[tuple[int, int, int]] | None = None
    ) -> bool:
        """Import a mask file; a coloured picture first asks which colours mark the area
        (the service's `mask_color`), unless `mask_color` is given."""
        try:
            if mask_color is None:
                mask_color = self._ask_mask_colors(path)
                if mask_color == []:
                    return False  # the person cancelled
            reading = self.canvas.import_mask(str(path), mask_color or None)
        except (ValueError, OSError) as e:
            self.banner.show_message(str(e), level=BannerLevel.ERROR)
            return False
        if reading is not None:
            self.banner.show_message(self._grey_reading_text(path, reading))
        return True

    def _grey_reading_text(self, path: Path, reading: GreyReading) -> str:
        """The command line's note on a mask with grey areas, in the person's language."""
        template = self.tr(
            "{grey} of its pixels are {source} values between black and white; they were read "
            "with threshold {threshold} (lighter than {threshold} = repaint), so {painted} of "
            "the picture will be repainted"
        )
        source = self.tr("grey") if reading.source == "grey" else self.tr("transparency")
        return self.tr("Mask {0}: {1}").format(path.name, reading.describe(template, source))

    def _ask_mask_colors(self, path: Path) -> list[tuple[int, int, int]] | None:
        """None for a black-and-white mask; the ticked colours, or [] when cancelled."""
        from PIL import Image, UnidentifiedImageError

        from xpaint_desktop.imaging.masks import mask_palette
        from xpaint_desktop.ui.canvas.mask_colors import MaskColorDialog

        try:
            with Image.open(path) as img:
                palette = mask_palette(img)
        except (OSError, UnidentifiedImageError):
            return None  # the canvas reports what is wrong with the file
        if palette is None:
            return None
        dialog = MaskColorDialog(path.name, palette, self)
        self._mask_color_dialog = dialog
        accepted = dialog.exec() == MaskColorDialog.DialogCode.Accepted
        return dialog.selected_colors() if accepted else []

    # -- results ---------------------------------------------------------------------------
    def _on_result_selected(self, record: ResultRecord) -> None:
        self._load_result(record, as_base=False)

    def _use_as_base(self, record: ResultRecord) -> None:
        self._load_result(record, as_base=True)

    def _load_result(self, record: ResultRecord, *, as_base: bool) -> None:
        if record.composite_path is None:
            return
        self._result_token += 1
        self._result_requests[self._result_token] = (record, as_base)
        self.result_io.load(record.composite_path, self._result_token)

    def _on_result_loaded(self, token: int, image: QImage) -> None:
        request = self._result_requests.pop(token, None)
        if request is None:
            return
        record, as_base = request
        if as_base:
            stem = Path(self._source_name).stem or "image"
            self.set_base_image(image, f"{stem}-job{record.job_id}-{record.index + 1}.png")
            self.params.set_parent(record.job_id, record.index)
            return
        if token != self._result_token:
            return
        if not self.canvas.has_image():  # e.g. a job resumed at start: open it with its inputs
            self.open_job_in_editor(record.job_id)
            return
        current = self.canvas.image() if self.canvas.has_image() else None
        if current is not None and current.size() == image.size():
            self.canvas.set_overlay_image(image)
        else:
            self.banner.show_message(
                self.tr(
                    "This result belongs to another image. Use “Use as new base” to continue "
                    "from it."
                ),
                level=BannerLevel.INFO,
            )

    def _on_result_failed(self, token: int, message: str) -> None:
        if self.sender() is self.result_io:
            self._result_requests.pop(token, None)
        self.banner.show_message(message, level=BannerLevel.ERROR)

    def save_result_as(self, record: ResultRecord | None) -> None:
        if record is None or record.composite_path is None:
            self.banner.show_message(self.tr("Select a result first."), level=BannerLevel.INFO)
            return
        stem = Path(self._source_name).stem or "result"
        suffix = record.composite_path.suffix or ".png"
        start = (qsettings.last_folder() or Path.home()) / (
            f"{stem}-job{record.job_id}-{record.index + 1}{suffix}"
        )
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save result as"),
            str(start),
            self.tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg);;All files (*)"),
        )
        if name:
            self.save_result_to(record, Path(name))

    def save_result_to(self, record: ResultRecord, dest: Path) -> None:
        """Write the full-resolution composite to `dest` on the thread pool."""
        if record.composite_path is None:
            return
        if not dest.suffix:
            dest = dest.with_suffix(record.composite_path.suffix or ".png")
        qsettings.set_last_folder(dest.parent)
        self._save_token += 1
        self.result_io.save_copy(record.composite_path, dest, self._save_token)

    def _on_saved(self, _token: int, path: str) -> None:
        self.statusBar().showMessage(self.tr("Saved {0}").format(path), 5000)

    # -- preferences and state -------------------------------------------------------------
    def show_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(
            Settings.load(),
            parent=self,
            library_root=self.library.root if self.library is not None else None,
            library_busy=self._library_busy_reason,
        )
        dialog.settings_changed.connect(self._on_settings_changed)
        dialog.library_move_started.connect(lambda _old: self._release_library(remove_gallery=True))
        dialog.library_moved.connect(self._attach_library)
        dialog.library_move_failed.connect(lambda _why: self._attach_library(None))
        dialog.setModal(True)
        dialog.show()
        self._preferences = dialog
        return dialog

    def _notice_text(self, notice: str) -> str:
        """An engine's notice in the person's language (engines speak English)."""
        if notice == PROMPT_NOTICE:
            return self.tr(
                "The offline engine fills the painted area from its surroundings; "
                "it ignores the prompt."
            )
        return notice

    def _library_busy_reason(self) -> str | None:
        """Why the library cannot move now: a job still queued or running writes to it."""
        if any(
            not row.status.is_finished and row.status is not JobStatus.INTERRUPTED
            for row in self.jobs.model.rows()
        ):
            return self.tr("Jobs are still queued or running: wait for them or cancel them first.")
        return None

    def _release_library(self, *, remove_gallery: bool) -> bool:
        """Stop the gallery and the worker (a running job stays resumable), then the library.

        A job that does not stop in time keeps the library open: its thread still writes to it.
        `remove_gallery` takes the history dock out of the window (the library is moving and a
        new dock follows); otherwise it is only hidden. True when the library was closed.
        """
        if self.gallery_dock is not None:
            self.gallery_dock.shutdown()
            if remove_gallery:
                self._view_menu.removeAction(self.gallery_dock.toggleViewAction())
                self.removeDockWidget(self.gallery_dock)
                self.gallery_dock.deleteLater()
            else:
                self.gallery_dock.hide()  # nothing may read the library once it closes
            self.gallery_dock = None
        stopped = True
        if self.worker is not None:
            stopped = self.worker.shutdown()
            self.worker = None
        self.open_io.wait()
        self.result_io.wait()
        if self.library is not None and stopped:
            self.library.close()
            self.library = None
        return stopped

    def _attach_library(self, root: Path | None) -> None:
        """Open the library (at its new place after a move) and start what uses it again."""
        self._settings = Settings.load()
        self.library = self._open_library(root)
        if self.library is None:
            return
        self.gallery_dock = self._gallery_dock()
        if self.gallery_dock is not None:
            self._connect_gallery(self.gallery_dock)
            self._view_menu.addAction(self._history_toggle(self.gallery_dock))
            self.arrange_docks(self.width())
        self.start_worker(self.library.root)

    def _on_settings_changed(self) -> None:
        self._settings = Settings.load()
        self._key_store = ApiKeyStore(self._settings)
        self._has_key = self._key_store.get() is not None
        self._update_key_label()
        self._update_editor_state()
        self.settings_saved.emit()

    def refresh_key_status(self) -> None:
        """Re-read whether an API key is available (after the environment changed)."""
        self._on_settings_changed()

    def _update_key_label(self) -> None:
        if self._has_key:
            source = self._key_source_name(self._key_store.source())
            self.key_label.setText(self.tr("API key: {0}").format(source))
        else:
            self.key_label.setText(
                self.tr('No API key — <a href="prefs">set one</a> or use the offline engine')
            )

    def _key_source_name(self, source: str) -> str:
        """Where the key comes from, in the person's language."""
        names = {
            "environment": self.tr("environment variable"),
            "keyring": self.tr("system keyring"),
            "file": self.tr("private file"),
            "session": self.tr("this session only"),
        }
        return names.get(source, source)

    def _update_editor_state(self) -> None:
        has_image = self.canvas.has_image()
        self.params.set_editor_state(
            EditorState(
                has_image=has_image,
                mask_empty=not has_image or self.canvas.is_mask_empty(),
                has_key=self._has_key,
                region=endpoint_region(self._settings),
            )
        )
        for act in (
            self.editor_actions.export_mask,
            self.editor_actions.import_mask,
            self.editor_actions.fill,
            self.editor_actions.clear,
            self.editor_actions.invert,
            self.editor_actions.grow,
            self.editor_actions.shrink,
        ):
            act.setEnabled(has_image)

    def _on_banner_action(self, action: BannerAction) -> None:
        if action is BannerAction.OPEN_PREFERENCES:
            self.show_preferences()
        elif action is BannerAction.CHOOSE_TASK and self._choice_job_id is not None:
            self.choose_task(self._choice_job_id)
        elif action is BannerAction.EDIT_PROMPT:
            self.param_dock.show()
            self.params.focus_prompt()
        elif action is BannerAction.USE_SUCCESSOR:
            self.banner.hide()
            self.switch_to_successor()

    def _on_zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def _on_cursor_moved(self, pos: QPoint) -> None:
        self.cursor_label.setText(f"{pos.x()}, {pos.y()}")

    def _set_brush_widgets(self, size: int) -> None:
        for w in (self.brush_slider, self.brush_spin):
            w.blockSignals(True)
            w.setValue(size)
            w.blockSignals(False)

    def _on_tool_changed(self, *args: object) -> None:
        tool = args[0] if args else None
        if isinstance(tool, Tool) and tool in self.editor_actions.tools:
            self.editor_actions.tools[tool].setChecked(True)

    def _show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard and mouse"), shortcuts_help_html())

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About xpaint-desktop"),
            self.tr(
                "xpaint-desktop {0}\nPaint over part of a photo, say what should be there, "
                "get it back."
            ).format(__version__),
        )

    # -- compare key (hold backslash over the canvas) ----------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_key = event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
        if watched is self.canvas and is_key and isinstance(event, QKeyEvent):
            return self._compare_key(event) or super().eventFilter(watched, event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._compare_key(event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if not self._compare_key(event):
            super().keyReleaseEvent(event)

    def _compare_key(self, event: QKeyEvent) -> bool:
        if event.key() != COMPARE_KEY:
            return False
        if not event.isAutoRepeat():
            self.canvas.set_compare(event.type() == QEvent.Type.KeyPress)
        return True

    # -- window state ------------------------------------------------------------------------
    def _restore_state(self) -> None:
        s = QSettings()
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]
        else:
            size = self._default_size()
            self.resize(size)
            self.arrange_docks(size.width())
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)  # type: ignore[arg-type]

    def arrange_docks(self, width: int) -> None:
        """Parameters above the results and the jobs (tabs) on the right; the history on the
        left, closed until asked for (F9), so the canvas keeps most of the window at any
        `width`."""
        self.tabifyDockWidget(self.results_dock, self.jobs_dock)
        self.results_dock.raise_()
        hint = self.param_dock.widget().sizeHint().width()
        self.resizeDocks([self.param_dock], [hint], Qt.Orientation.Horizontal)
        dock = self.gallery_dock
        if dock is not None:
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            dock.hide()

    def show_history(self, on: bool = True) -> None:
        """Open (or close) the history beside the canvas, two columns wide."""
        dock = self.gallery_dock
        if dock is None:
            return
        dock.setVisible(on)
        if on:
            dock.raise_()
            self.resizeDocks([dock], [_gallery_width(dock)], Qt.Orientation.Horizontal)

    def _default_size(self) -> QSize:
        screen = self.screen()
        if screen is None:
            return DEFAULT_SIZE
        return DEFAULT_SIZE.boundedTo(screen.availableGeometry().size())

    def closeEvent(self, event: QCloseEvent) -> None:
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the gallery and the worker, then the library (see `_release_library`); the
        process ends soon after, so a job that did not stop resumes on the next start."""
        self._release_library(remove_gallery=False)

    # -- for the tests and the screenshot -------------------------------------------------
    def source_name(self) -> str:
        return self._source_name
