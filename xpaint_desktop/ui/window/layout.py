"""Where the window's docks go, and the geometry and dock layout kept between runs.

Parameters sit above the results and the jobs (tabs) on the right; the history sits on the
left, closed until asked for (F9), so the canvas keeps most of the window at any width.
Geometry and dock state live in `QSettings`, like the other small things the desktop session
remembers (`qsettings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from xpaint_desktop.ui.window import qsettings

if TYPE_CHECKING:
    from xpaint_desktop.ui.gallery.dock import GalleryDock

GALLERY_COLUMNS = 2
GALLERY_CHROME_PX = 40  # frames and margins of the dock, its tabs and the grid
DockT = TypeVar("DockT", bound=QDockWidget)


def movable(dock: DockT) -> DockT:
    """`dock`, movable, floatable and closable."""
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    return dock


def gallery_width(dock: GalleryDock) -> int:
    """Room for `GALLERY_COLUMNS` columns of jobs (the window gives less on small screens)."""
    from xpaint_desktop.ui.gallery.delegate import CELL_WIDTH

    view = dock.gallery.view
    cells = GALLERY_COLUMNS * (CELL_WIDTH + 2 * view.spacing())
    return cells + view.verticalScrollBar().sizeHint().width() + GALLERY_CHROME_PX


class DockLayout:
    """The docks of `window`: the parameters, the results and jobs, the history."""

    def __init__(
        self,
        window: QMainWindow,
        params: QDockWidget,
        results: QDockWidget,
        jobs: QDockWidget,
    ) -> None:
        self.window = window
        self.params = params
        self.results = results
        self.jobs = jobs

    def arrange(self, width: int, gallery: GalleryDock | None) -> None:
        """The default arrangement for a window `width` pixels wide."""
        w = self.window
        w.tabifyDockWidget(self.results, self.jobs)
        self.results.raise_()
        hint = self.params.widget().sizeHint().width()
        w.resizeDocks([self.params], [hint], Qt.Orientation.Horizontal)
        if gallery is not None:
            w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, gallery)
            gallery.hide()

    def show_history(self, gallery: GalleryDock | None, on: bool) -> None:
        """Open (or close) the history beside the canvas, two columns wide."""
        if gallery is None:
            return
        gallery.setVisible(on)
        if on:
            gallery.raise_()
            width = gallery_width(gallery)
            self.window.resizeDocks([gallery], [width], Qt.Orientation.Horizontal)

    def restore(self, gallery: GalleryDock | None, *, arrange: bool) -> None:
        """The last dock layout, after the docks are arranged for the window's width when
        `arrange` (no geometry was kept: `qsettings.restore_geometry` gave the default size)."""
        if arrange:
            self.arrange(self.window.width(), gallery)
        state = QSettings().value(qsettings.STATE_KEY)
        if state is not None:
            self.window.restoreState(state)  # type: ignore[arg-type]

    def save(self) -> None:
        s = QSettings()
        s.setValue(qsettings.GEOMETRY_KEY, self.window.saveGeometry())
        s.setValue(qsettings.STATE_KEY, self.window.saveState())
