"""The history dock over the session's library: built when the library opens, taken out first.

The gallery reads the library on the UI thread, so it must stop (no more thumbnails) before the
session closes the library, and a new dock follows a library that moved. `release()` keeps
that order for the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from xpaint_desktop.ui.gallery.dock import GalleryDock
from xpaint_desktop.ui.session import Session
from xpaint_desktop.ui.window import layout

HISTORY_KEY = "F9"


class HistoryDock:
    """Makes, lists and removes the window's `GalleryDock` as the library comes and goes."""

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        view_menu: Callable[[], QMenu],
        connect: Callable[[GalleryDock], None],
    ) -> None:
        self.window = window
        self.session = session
        self._view_menu = view_menu
        self._connect = connect
        self.dock: GalleryDock | None = None

    def build(self) -> GalleryDock | None:
        """A dock over the open library (None without one); the layout places it."""
        library = self.session.library
        if library is None:
            return None
        dock = layout.movable(GalleryDock(library, self.window))
        self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.dock = dock
        return dock

    def wire(self) -> None:
        """Connect the dock and list it in the View menu (F9) once the menus exist."""
        if self.dock is not None:
            self._connect(self.dock)
            action = self.dock.toggleViewAction()
            action.setShortcut(QKeySequence(HISTORY_KEY))
            self._view_menu().addAction(action)

    def release(self, *, remove: bool) -> bool:
        """Stop the dock, then the session's worker and library; True when the library closed.

        `remove` takes the dock out of the window (the library is moving and a new dock
        follows); otherwise it is only hidden, since nothing may read a closed library.
        """
        dock = self.dock
        if dock is not None:
            dock.shutdown()
            if remove:
                self._view_menu().removeAction(dock.toggleViewAction())
                self.window.removeDockWidget(dock)
                dock.deleteLater()
            else:
                dock.hide()
            self.dock = None
        return self.session.release_library()
