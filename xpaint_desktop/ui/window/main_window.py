"""The editor window: the mask canvas in the middle, parameters and jobs beside it.

The window builds the widgets and wires them; the work is done elsewhere. `Session` owns the
settings, the API key, the library and the job worker; `ImageOpener` and `ResultFiles` read and
write files in the session's background pool, `MaskFiles` imports and exports masks;
`Generator` turns Generate into job requests; `JobFeedback` turns the worker's signals into
rows, results and banner messages; `WindowChrome` holds the menus, the tool bars and the status
bar; `DockLayout` places the docks and `HistoryDock` follows the library. Errors arrive in the
banner above the canvas instead of modal dialogs, so nothing typed is lost.

Shutting down goes gallery (it reads the library on the UI thread: stop making thumbnails),
then the session (stop the jobs, wait for file work, close the library).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QMainWindow, QWidget

from xpaint_desktop.paths import sample_image_path
from xpaint_desktop.ui.window import qsettings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from xpaint_desktop.imaging.masks import Colour
    from xpaint_desktop.library.models import ResultRecord
    from xpaint_desktop.library.store import Library
    from xpaint_desktop.spec import JobSpec
    from xpaint_desktop.ui.canvas.widget import MaskCanvas
    from xpaint_desktop.ui.gallery.dock import GalleryDock
    from xpaint_desktop.ui.jobs.choice import ChoiceDialog
    from xpaint_desktop.ui.jobs.list import JobListView
    from xpaint_desktop.ui.jobs.restore import JobInputs
    from xpaint_desktop.ui.jobs.results import CompareKey, ResultsStrip
    from xpaint_desktop.ui.params.panel import ParamPanel
    from xpaint_desktop.ui.preferences.dialog import PreferencesDialog
    from xpaint_desktop.ui.session import Session
    from xpaint_desktop.ui.shared.background import Background
    from xpaint_desktop.ui.window import layout
    from xpaint_desktop.ui.window.actions import EditorActions
    from xpaint_desktop.ui.window.banner import Banner, BannerAction
    from xpaint_desktop.ui.window.chrome import WindowChrome
    from xpaint_desktop.ui.window.generating import Generator
    from xpaint_desktop.ui.window.history import HistoryDock
    from xpaint_desktop.ui.window.job_feedback import JobFeedback
    from xpaint_desktop.ui.window.mask_view import MaskView
    from xpaint_desktop.ui.window.masks import MaskFiles
    from xpaint_desktop.ui.window.opening import ImageOpener
    from xpaint_desktop.ui.window.preferences_flow import PreferencesFlow
    from xpaint_desktop.ui.window.result_files import ResultFiles
    from xpaint_desktop.ui.window.run_again import RunAgain
    from xpaint_desktop.ui.worker import JobWorker

STATUS_MS = 6000


class _AfterNextFrame(QObject):
    """Calls `action` once, right after `window` has painted its next frame."""

    def __init__(self, window: QWidget, action: Callable[[], None]) -> None:
        super().__init__(window)
        self._action: Callable[[], None] | None = action
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._action is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # once the whole frame is drawn
        return False

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            action()

    def cancel(self) -> None:
        self._action = None


class MainWindow(QMainWindow):
    """The editor: open a photo, paint a mask, describe the change, get variants back.

    Built at once, or (`staged=True`, the way the program starts) in steps: the window itself
    is shown first, at its last place and size; its parts are built right after its first
    frame is on the screen, `before_build` first (`when_built` runs what needs them); the job
    worker starts and the key is looked up once the whole window has been drawn, so that their
    imports do not hold up that frame."""

    submit_job = Signal(object, QImage, QImage, str)  # JobSpec, base, mask, source name
    cancel_job = Signal(int)
    run_again_job = Signal(int)  # job id: the worker reads its inputs and queues a new job
    parameters_applied = Signal(object)  # JobSpec now in the parameter panel (from elsewhere)
    settings_saved = Signal()
    account_wanted = Signal()
    image_opened = Signal(str)  # source name
    built = Signal()  # the parts are in place (once)

    session: Session
    background: Background
    canvas: MaskCanvas
    compare_key: CompareKey
    banner: Banner
    results: ResultsStrip
    params: ParamPanel
    jobs: JobListView
    rerun: RunAgain
    mask_view: MaskView
    param_dock: QDockWidget
    results_dock: QDockWidget
    jobs_dock: QDockWidget
    docks: layout.DockLayout
    history: HistoryDock
    editor_actions: EditorActions
    chrome: WindowChrome
    opener: ImageOpener
    masks: MaskFiles
    result_files: ResultFiles
    generator: Generator
    feedback: JobFeedback
    preferences: PreferencesFlow

    def __init__(
        self,
        *,
        library_dir: Path | None = None,
        start_worker: bool = True,
        open_sample_on_first_start: bool = True,
        staged: bool = False,
        before_build: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("xpaint-desktop")
        self._source_name = ""
        self._is_built = False
        self._staged = staged
        had_geometry = qsettings.restore_geometry(self)  # the last place and size, once
        build = partial(
            self._build,
            library_dir,
            start_worker,
            open_sample_on_first_start,
            before_build,
            had_geometry,
        )
        if staged:
            self._after_first_frame = _AfterNextFrame(self, build)
        else:
            build()

    def is_built(self) -> bool:
        return self._is_built

    def when_built(self, action: Callable[[], None]) -> None:
        """Run `action` now if the parts are built, else as soon as they are (`built`)."""
        if self._is_built:
            action()
        else:
            self.built.connect(action)

    def _build(
        self,
        library_dir: Path | None,
        start_worker: bool,
        open_sample: bool,
        before_build: Callable[[], None] | None,
        had_geometry: bool,
    ) -> None:
        if before_build is not None:
            before_build()
        # the parts and what they import are loaded here, after the first frame of a start
        # (even `Qt`: its first use makes the Python enums of the whole namespace)
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QGridLayout

        from xpaint_desktop.ui.canvas.widget import MaskCanvas
        from xpaint_desktop.ui.jobs.list import JobListView
        from xpaint_desktop.ui.jobs.results import CompareKey, ResultsStrip
        from xpaint_desktop.ui.params.panel import ParamPanel
        from xpaint_desktop.ui.session import Session
        from xpaint_desktop.ui.window import layout
        from xpaint_desktop.ui.window.actions import build_actions
        from xpaint_desktop.ui.window.banner import Banner
        from xpaint_desktop.ui.window.chrome import WindowChrome
        from xpaint_desktop.ui.window.generating import Generator
        from xpaint_desktop.ui.window.history import HistoryDock
        from xpaint_desktop.ui.window.job_feedback import JobFeedback
        from xpaint_desktop.ui.window.mask_view import MaskView
        from xpaint_desktop.ui.window.masks import MaskFiles
        from xpaint_desktop.ui.window.opening import ImageOpener
        from xpaint_desktop.ui.window.preferences_flow import PreferencesFlow
        from xpaint_desktop.ui.window.result_files import ResultFiles
        from xpaint_desktop.ui.window.run_again import RunAgain

        self.setAcceptDrops(True)
        self.session = Session(library_dir=library_dir, parent=self)
        self.background = self.session.background

        self.canvas = MaskCanvas()
        self.compare_key = CompareKey(self.canvas.set_compare, self)  # hold backslash
        self.canvas.installEventFilter(self.compare_key)
        self.installEventFilter(self.compare_key)
        self.banner = Banner()
        self.results = ResultsStrip(self.background, library=lambda: self.library)
        self.params = ParamPanel()
        self.params.feather_spin.setValue(self.session.settings.feather)
        self.jobs = JobListView()
        self.rerun = RunAgain(self.jobs.model.status_of, self, allows=self._may_run_again)
        self.rerun.send.connect(self.run_again_job)
        self.session.library_failed.connect(
            lambda e: self.banner.show_error(e, context=self.tr("The job library cannot be opened"))
        )
        self.session.open_library()

        central = QWidget()
        grid = QGridLayout(central)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.canvas, 0, 0)
        # the banner lies over the top of the canvas instead of pushing it down
        grid.addWidget(self.banner, 0, 0, Qt.AlignmentFlag.AlignTop)
        self.setCentralWidget(central)
        self.mask_view = MaskView(self.canvas, self)

        self.param_dock = self._dock("params", self.params)
        self.results_dock = self._dock("results", self.results)
        self.jobs_dock = self._dock("jobs", self.jobs)
        self.docks = layout.DockLayout(self, self.param_dock, self.results_dock, self.jobs_dock)
        self.history = HistoryDock(
            self, self.session, lambda: self.chrome.view_menu, self._connect_gallery
        )
        self.history.build()
        self.editor_actions = a = build_actions(self)
        docks = (self.param_dock, self.results_dock, self.jobs_dock)
        self.chrome = c = WindowChrome(self, a, self.canvas, self.mask_view, docks)
        c.selection_bar.follow_feather(self.params.feather_spin)
        self.opener = ImageOpener(self, self.background, self.canvas.has_image)
        self.masks = MaskFiles(self)
        self.result_files = ResultFiles(self)
        self.generator = Generator(self)
        self.feedback = JobFeedback(self)
        self.preferences = PreferencesFlow(self)
        self.retranslate_ui()
        self._connect()
        self.docks.restore(self.gallery_dock, arrange=not had_geometry)
        self.update_editor_state()
        if self._staged:
            _AfterNextFrame(self, partial(self._start_background_work, start_worker))
        else:
            self._start_background_work(start_worker)
        if open_sample and qsettings.is_first_start():
            qsettings.mark_started()
            self.open_image(sample_image_path(), remember=False)
        self._is_built = True
        self.built.emit()

    # -- construction --------------------------------------------------------------------
    @property
    def library(self) -> Library | None:
        return self.session.library

    @property
    def worker(self) -> JobWorker | None:
        return self.session.worker

    @property
    def gallery_dock(self) -> GalleryDock | None:
        return self.history.dock

    @property
    def choice_dialog(self) -> ChoiceDialog | None:
        return self.feedback.choice_dialog

    def _dock(self, name: str, widget: QWidget) -> QDockWidget:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget

        from xpaint_desktop.ui.window import layout

        dock = layout.movable(QDockWidget(self))
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def retranslate_ui(self) -> None:
        """Every text the window itself sets; the panels and docks retranslate themselves."""
        self.param_dock.setWindowTitle(self.tr("Parameters"))
        self.results_dock.setWindowTitle(self.tr("Results"))
        self.jobs_dock.setWindowTitle(self.tr("Jobs"))
        self.chrome.retranslate()
        self.chrome.show_key_status(self.session.key_status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._is_built:
            self.retranslate_ui()
        super().changeEvent(event)

    def _connect(self) -> None:
        from xpaint_desktop.ui.window.banner import BannerLevel

        a, c = self.editor_actions, self.canvas
        a.open.triggered.connect(self.opener.choose_and_open)
        a.paste.triggered.connect(self.paste_image)
        a.save_result.triggered.connect(
            lambda: self.result_files.ask_and_save(self.results.current_result())
        )
        a.export_mask.triggered.connect(self.masks.export_mask)
        a.import_mask.triggered.connect(self.masks.import_mask)
        a.preferences.triggered.connect(self.show_preferences)
        a.quit.triggered.connect(self.close)
        recent = self.chrome.recent_menu
        recent.aboutToShow.connect(lambda: self.opener.fill_recent_menu(recent))
        self.chrome.key_label.linkActivated.connect(lambda _link: self.show_preferences())

        c.mask_changed.connect(self.update_editor_state)
        c.mask_changed.connect(self.generator.note_input_change)
        c.open_requested.connect(self.opener.choose_and_open)
        c.split_dragged.connect(self.results.set_split)
        self.banner.action_triggered.connect(self._on_banner_action)
        self.banner.run_again_requested.connect(self.run_job_again)
        self.params.generate_requested.connect(self.generate)
        self.params.spec_changed.connect(self.update_editor_state)
        self.jobs.cancel_requested.connect(self.cancel_job.emit)
        self.jobs.job_activated.connect(self.feedback.show_job_results)
        self.jobs.run_again_requested.connect(self.run_job_again)
        self.jobs.choose_requested.connect(self.choose_task)
        self.generator.job_created.connect(self.feedback.editor_jobs.add)
        self.history.wire()
        self.results.result_selected.connect(self.result_files.show)
        self.results.use_as_base_requested.connect(self.result_files.use_as_base)
        self.results.save_requested.connect(self.result_files.ask_and_save)
        self.results.compare_changed.connect(c.set_compare)
        self.results.split_changed.connect(c.set_compare_split)

        self.opener.failed.connect(
            lambda text: self.banner.show_message(text, level=BannerLevel.ERROR)
        )
        self.opener.opened.connect(self.set_base_image)
        self.opener.job_opened.connect(self._on_job_opened)
        self.opener.parameters_found.connect(self._apply_parameters)
        self.opener.no_image.connect(lambda text: self.banner.show_message(text))

    def _connect_gallery(self, gallery: GalleryDock) -> None:
        gallery.open_in_editor.connect(self.open_job_in_editor)
        gallery.reuse_parameters.connect(self.reuse_parameters)
        gallery.run_again.connect(self.run_job_again)
        gallery.status_message.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))
        gallery.account_wanted.connect(self.account_wanted)

    def _start_background_work(self, start_worker: bool) -> None:
        self.session.check_key()
        if start_worker and self.library is not None:
            self.start_worker()

    # -- jobs --------------------------------------------------------------------------------
    def start_worker(self) -> JobWorker | None:
        worker = self.session.start_worker()
        if worker is None:
            return None
        self.feedback.listen_to(worker)
        self.generator.listen_to(worker)
        self.submit_job.connect(worker.submit)
        self.cancel_job.connect(worker.cancel)
        self.run_again_job.connect(worker.run_again)
        worker.rerun_done.connect(self.rerun.done)
        self.settings_saved.connect(worker.reload_settings)
        self.account_wanted.connect(worker.check_account)
        return worker

    def generate(self) -> None:
        """Freeze the parameters, the image and the mask into a job and hand it over."""
        self.generator.generate()

    def run_job_again(self, job_id: int) -> None:
        """Queue a new job with the inputs and parameters of `job_id` (read by the worker)."""
        if self.worker is None:
            return
        from xpaint_desktop.ui.window.run_again import Rerun

        outcome = self.rerun.request(job_id)
        if outcome is Rerun.DECLINED:
            return
        if outcome is Rerun.SENT:
            text = self.tr("Job #{0} sent to the queue again").format(job_id)
        else:  # a second press: its re-run is on its way
            text = self.tr("Job #{0} is already being run again; nothing new was sent.")
            text = text.format(job_id)
        self.statusBar().showMessage(text, STATUS_MS)

    def _may_run_again(self, job_id: int) -> bool:
        """The session's one question before the first paid job, for running `job_id` again."""
        try:
            spec = self.library.get_job(job_id).spec if self.library is not None else None
        except KeyError:
            spec = None  # gone: the worker reports it, nothing is sent
        return spec is None or self.generator.paid_confirmation.allows(spec, self)

    def choose_task(self, job_id: int) -> ChoiceDialog | None:
        """Open the job's candidate tasks; the worker fills them in from the task list."""
        return self.feedback.choose_task(job_id)

    def open_job_in_editor(self, job_id: int, *, model: str | None = None) -> None:
        """Restore a stored job's image, exact mask and parameters, read off the UI thread
        (with `model` instead of its own, when given)."""
        self.opener.open_job(self.library, job_id, None if model is None else {"model": model})

    def _on_job_opened(self, inputs: JobInputs, changes: dict[str, object]) -> None:
        job = inputs.job
        self.set_base_image(inputs.base, job.source_name or f"job{job.id}.png")
        self.canvas.set_mask(inputs.mask)
        self.params.set_spec(job.spec.with_changes(**changes))
        self.feedback.editor_jobs.add(job.id)
        if job.results:
            self.results.show_results(job.id, job.results)  # shows its first good result
            self.results_dock.show()
            self.results_dock.raise_()
        self.statusBar().showMessage(
            self.tr("Job #{0} is in the editor with its mask and parameters").format(job.id),
            STATUS_MS,
        )
        self.parameters_applied.emit(job.spec)

    def reuse_parameters(self, spec: JobSpec) -> None:
        """Use a stored job's parameters on the image now in the editor."""
        self._apply_parameters(spec, self.tr("Parameters applied to the current image"))

    def _apply_parameters(self, spec: JobSpec, message: str) -> None:
        from xpaint_desktop.ui.jobs.restore import keep_lineage

        self.params.set_spec(keep_lineage(spec, self.params.spec()))
        self.param_dock.show()
        self.statusBar().showMessage(message, STATUS_MS)
        self.parameters_applied.emit(spec)

    # -- images, masks and results --------------------------------------------------------------
    def open_image(self, path: Path, *, remember: bool = True) -> None:
        """Decode `path` in the background; the canvas gets it when it is ready."""
        self.opener.open_image(path, remember=remember)

    def paste_image(self) -> None:
        self.opener.paste_image()

    def set_base_image(self, image: QImage, source_name: str, path: Path | None = None) -> None:
        """Start editing `image` (the mask starts empty, results of other images stay listed)."""
        from xpaint_desktop.ui.window.banner import BannerLevel

        self.canvas.set_image(image)
        self.canvas.set_overlay_image(None)
        self.generator.note_input_change()
        self.feedback.editor_jobs.clear()
        self._source_name = source_name
        self.params.set_parent(None, None)
        self.setWindowTitle(f"{source_name} — xpaint-desktop")
        self.chrome.size_label.setText(f"{image.width()} × {image.height()}")
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
        self.update_editor_state()
        self.image_opened.emit(source_name)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.opener.accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.opener.drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def import_mask_file(self, path: Path, mask_color: list[Colour] | None = None) -> None:
        """Import a mask file in the background (`masks.import_finished` tells how it went); a
        coloured picture first asks which colours mark the area, unless `mask_color` is given."""
        self.masks.import_file(path, mask_color)

    def save_result_to(self, record: ResultRecord, dest: Path) -> None:
        """Write the full-resolution composite to `dest` in the background."""
        self.result_files.save_to(record, dest)

    # -- preferences, the key and the library ------------------------------------------------------
    def show_preferences(self) -> PreferencesDialog:
        return self.preferences.show()

    def refresh_key_status(self) -> None:
        """Read again whether an API key is available (off the UI thread)."""
        self.session.check_key()

    def update_editor_state(self) -> None:
        from xpaint_desktop.settings import endpoint_region
        from xpaint_desktop.ui.params.panel import EditorState

        has_image = self.canvas.has_image()
        self.params.set_editor_state(
            EditorState(
                has_image=has_image,
                mask_empty=not has_image or self.canvas.is_mask_empty(),
                has_key=self.session.key_status.available,
                region=endpoint_region(self.session.settings),
            )
        )
        a = self.editor_actions
        for act in (a.export_mask, a.import_mask, *a.mask_edits):
            act.setEnabled(has_image)

    def _on_banner_action(self, action: BannerAction) -> None:
        from xpaint_desktop.ui.window.banner import BannerAction

        if action is BannerAction.OPEN_PREFERENCES:
            self.show_preferences()
        elif action is BannerAction.CHOOSE_TASK and self.feedback.choice_job is not None:
            self.choose_task(self.feedback.choice_job)
        elif action is BannerAction.EDIT_PROMPT:
            self.param_dock.show()
            self.params.focus_prompt()
        elif action is BannerAction.USE_SUCCESSOR:
            self.banner.hide()
            self.feedback.switch_to_successor()

    # -- window state ------------------------------------------------------------------------
    def arrange_docks(self, width: int) -> None:
        """Parameters above the results and the jobs (tabs) on the right; the history on the
        left, closed until asked for (F9), so the canvas keeps most of the window."""
        self.docks.arrange(width, self.gallery_dock)

    def show_history(self, on: bool = True) -> None:
        """Open (or close) the history beside the canvas, two columns wide."""
        self.docks.show_history(self.gallery_dock, on)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._is_built:
            self.docks.save()
            self.shutdown()
        else:  # closed before its parts were built: nothing was opened yet
            self._after_first_frame.cancel()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the gallery, the worker, pending file work, then the library; the process ends
        soon after, so a job that did not stop resumes on the next start."""
        self.history.release(remove=False)

    def source_name(self) -> str:
        return self._source_name
