"""The window's menus, tool bars and status bar, built from the editor's actions.

The chrome also carries out what concerns only itself and the canvas (zoom, mask commands,
tools, brush size, the status bar's readings, the help dialogs); the main window wires the rest.
Undo and redo are actions of their own over the canvas's `QUndoStack` (its `createUndoAction`
would fix the "Undo" prefix in the language at start-up).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSlider,
    QSpinBox,
    QToolBar,
)

from xpaint_desktop import __version__
from xpaint_desktop.ui.canvas.selection_bar import SelectionOptionsBar
from xpaint_desktop.ui.canvas.tools import MAX_BRUSH_SIZE, MIN_BRUSH_SIZE, Tool
from xpaint_desktop.ui.canvas.widget import MaskCanvas
from xpaint_desktop.ui.crash import open_log_folder_action, retranslate_open_log_folder_action
from xpaint_desktop.ui.session import KeyStatus
from xpaint_desktop.ui.window.actions import (
    GROW_STEP_PX,
    EditorActions,
    retranslate_actions,
    shortcuts_help_html,
)
from xpaint_desktop.ui.window.mask_view import MaskView

SLIDER_MAX_BRUSH = 500


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _std_keys(name: str) -> list[QKeySequence]:
    return QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, name))


class WindowChrome:
    """Menus, tool bars and status bar of `window`; `retranslate()` sets every text again."""

    def __init__(
        self,
        window: QMainWindow,
        actions: EditorActions,
        canvas: MaskCanvas,
        mask_view: MaskView,
        docks: tuple[QDockWidget, ...],
    ) -> None:
        self.window = window
        self.actions = actions
        self.canvas = canvas
        self.mask_view = mask_view
        self._build_undo_actions()
        self._build_menus(docks)
        self._build_tool_bar()
        self._build_status_bar()
        actions.shortcuts_help.triggered.connect(self.show_shortcuts)
        actions.about.triggered.connect(self.show_about)
        self._connect_canvas()

    def _connect_canvas(self) -> None:
        """The canvas commands the menus and the tool bar carry."""
        a, c = self.actions, self.canvas
        for action, slot in (
            (a.zoom_in, c.zoom_in),
            (a.zoom_out, c.zoom_out),
            (a.zoom_fit, c.zoom_fit),
            (a.zoom_100, c.zoom_100),
            (a.fill, c.fill_all),
            (a.clear, c.clear_mask),
            (a.invert, c.invert_mask),
        ):
            action.triggered.connect(slot)
        a.grow.triggered.connect(lambda: c.grow_mask(GROW_STEP_PX))
        a.shrink.triggered.connect(lambda: c.shrink_mask(GROW_STEP_PX))
        a.tool_group.triggered.connect(lambda act: c.set_tool(Tool(act.data())))
        c.tool_changed.connect(self._on_tool_changed)

    def _on_tool_changed(self, *args: object) -> None:
        tool = args[0] if args else None
        if isinstance(tool, Tool) and tool in self.actions.tools:
            self.actions.tools[tool].setChecked(True)

    # -- menus -------------------------------------------------------------------------------
    def _build_menus(self, docks: tuple[QDockWidget, ...]) -> None:
        a = self.actions
        bar = self.window.menuBar()
        file_menu = bar.addMenu("")
        file_menu.addAction(a.open)
        self.recent_menu = QMenu(self.window)
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
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for act in a.mask_edits:
            edit_menu.addAction(act)

        view_menu = bar.addMenu("")
        for act in (a.zoom_in, a.zoom_out, a.zoom_fit, a.zoom_100):
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.mask_view.show_mask)
        view_menu.addAction(self.mask_view.choose_color)
        view_menu.addSeparator()
        for dock in docks:
            view_menu.addAction(dock.toggleViewAction())
        self.view_menu = view_menu

        tools_menu = bar.addMenu("")
        for act in a.tools.values():
            tools_menu.addAction(act)

        help_menu = bar.addMenu("")
        help_menu.addAction(a.shortcuts_help)
        self.open_log_folder_action = open_log_folder_action(self.window)
        help_menu.addAction(self.open_log_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(a.about)
        self.menus = (file_menu, edit_menu, view_menu, tools_menu, help_menu)

    def _build_undo_actions(self) -> None:
        stack = self.canvas.undo_stack()
        self.undo_action = QAction(self.window)
        self.undo_action.setShortcuts(_std_keys("Undo"))
        self.undo_action.setEnabled(stack.canUndo())
        self.undo_action.triggered.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.redo_action = QAction(self.window)
        redo_keys = _std_keys("Redo")
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo_action.setShortcuts(redo_keys)
        self.redo_action.setEnabled(stack.canRedo())
        self.redo_action.triggered.connect(stack.redo)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self.update_undo_texts)
        stack.redoTextChanged.connect(self.update_undo_texts)

    def update_undo_texts(self) -> None:
        try:
            stack = self.canvas.undo_stack()
            steps = (stack.undoText(), stack.redoText())
        except RuntimeError:  # the stack announces its last change while the window closes
            return
        for action, prefix, step in (
            (self.undo_action, _tr("Undo"), steps[0]),
            (self.redo_action, _tr("Redo"), steps[1]),
        ):
            action.setText(prefix)  # the step's name goes in the tooltip: a fixed-width button
            action.setToolTip(f"{prefix}: {step}" if step else prefix)

    # -- tool bars and status bar --------------------------------------------------------------
    def _build_tool_bar(self) -> None:
        a = self.actions
        bar = QToolBar(self.window)
        bar.setObjectName("toolbar-tools")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in a.tools.values():
            bar.addAction(act)
        bar.addSeparator()
        self.size_caption = QLabel()
        bar.addWidget(self.size_caption)
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
        for act in (self.undo_action, self.redo_action):
            # the step's name is in the tooltip: a button that changes width moves the bar
            button = bar.widgetForAction(act)
            if button is not None:
                button.setFixedWidth(button.fontMetrics().horizontalAdvance("M" * 7))
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.tool_bar = bar
        self.set_brush_size(self.canvas.brush_size())
        self.brush_slider.valueChanged.connect(self.canvas.set_brush_size)
        self.brush_spin.valueChanged.connect(self.canvas.set_brush_size)
        self.canvas.brush_size_changed.connect(self.set_brush_size)
        self.selection_bar = SelectionOptionsBar(self.canvas, self.window)
        # its own row: beside the tools it was squeezed to a » at 1366 px and less
        self.window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.selection_bar)
        # the mask's own edits share the second row: on the first they folded into a » menu
        self.mask_bar = QToolBar(self.window)
        self.mask_bar.setObjectName("toolbar-mask")
        self.mask_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in a.mask_edits:
            self.mask_bar.addAction(act)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.mask_bar)

    def set_brush_size(self, size: int) -> None:
        """Show `size` in the slider and the box without sending it back to the canvas."""
        for w in (self.brush_slider, self.brush_spin):
            w.blockSignals(True)
            w.setValue(size)
            w.blockSignals(False)

    def _build_status_bar(self) -> None:
        status = self.window.statusBar()
        self.zoom_label = QLabel()
        self.cursor_label = QLabel()
        self.size_label = QLabel()
        self.key_label = QLabel()
        self.key_label.setTextFormat(Qt.TextFormat.RichText)
        for w in (self.cursor_label, self.size_label, self.zoom_label, self.key_label):
            status.addPermanentWidget(w)
        self.show_zoom(self.canvas.zoom())
        self.canvas.zoom_changed.connect(self.show_zoom)
        self.canvas.cursor_moved.connect(
            lambda pos: self.cursor_label.setText(f"{pos.x()}, {pos.y()}")
        )

    def show_key_status(self, status: KeyStatus) -> None:
        if status.available:
            self.key_label.setText(_tr("API key: {0}").format(_key_source_name(status.source)))
        else:
            self.key_label.setText(
                _tr('No API key — <a href="prefs">set one</a> or use the offline engine')
            )

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    # -- help --------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        QMessageBox.information(self.window, _tr("Keyboard and mouse"), shortcuts_help_html())

    def show_about(self) -> None:
        QMessageBox.about(
            self.window,
            _tr("About xpaint-desktop"),
            _tr(
                "xpaint-desktop {0}\nPaint over part of a photo, say what should be there, "
                "get it back."
            ).format(__version__),
        )

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.mask_view.retranslate_ui()
        titles = (_tr("&File"), _tr("&Edit"), _tr("&View"), _tr("&Tools"), _tr("&Help"))
        for menu, title in zip(self.menus, titles, strict=True):
            menu.setTitle(title)
        self.recent_menu.setTitle(_tr("Open &recent"))
        retranslate_actions(self.actions)
        retranslate_open_log_folder_action(self.open_log_folder_action)
        self.update_undo_texts()
        self.tool_bar.setWindowTitle(_tr("Tools"))
        self.mask_bar.setWindowTitle(_tr("Mask"))
        self.size_caption.setText(_tr(" Size "))
        self.brush_spin.setSuffix(_tr(" px"))
        self.brush_spin.setToolTip(_tr("Brush diameter in image pixels ([ and ] change it)"))


def _key_source_name(source: str) -> str:
    """Where the key comes from, in the person's language."""
    names = {
        "environment": _tr("environment variable"),
        "keyring": _tr("system keyring"),
        "file": _tr("private file"),
        "session": _tr("this session only"),
    }
    return names.get(source, source)
