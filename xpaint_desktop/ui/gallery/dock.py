"""The history dock: the gallery and the usage view as tabs, made when first wanted.

The dock itself is cheap and exists from the start, so the window's saved layout and the View
menu's toggle (F9) know it. What is inside (the gallery's model, its thumbnails and the usage
view, with the imaging they import) is built the first time the dock is shown or its parts are
asked for: most starts never open the history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from xpaint_desktop.library.store import Library
    from xpaint_desktop.ui.gallery.widget import GalleryWidget
    from xpaint_desktop.ui.jobs.usage import UsageView


class GalleryDock(QDockWidget):
    """The gallery and the usage view as tabs of one dock, for the main window."""

    open_in_editor = Signal(int)
    reuse_parameters = Signal(object)
    run_again = Signal(int)
    status_message = Signal(str)
    account_wanted = Signal()  # the usage view is shown: ask the service for the account's tasks

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GalleryDock")
        self._library = library
        self._parts: tuple[GalleryWidget, UsageView, QTabWidget] | None = None
        self.setWindowTitle(self.tr("History"))

    def is_built(self) -> bool:
        """Whether the gallery and the usage view exist yet."""
        return self._parts is not None

    def _built(self) -> tuple[GalleryWidget, UsageView, QTabWidget]:
        if self._parts is None:
            from PySide6.QtWidgets import QTabWidget

            from xpaint_desktop.ui.gallery.widget import GalleryWidget
            from xpaint_desktop.ui.jobs.usage import UsageView

            gallery = GalleryWidget(self._library, self)
            usage = UsageView(self._library, self)
            tabs = QTabWidget(self)
            tabs.addTab(gallery, "")
            tabs.addTab(usage, "")
            tabs.currentChanged.connect(lambda _i: usage.refresh())
            self._parts = (gallery, usage, tabs)
            self.setWidget(tabs)
            self.retranslate_ui()
            gallery.open_in_editor.connect(self.open_in_editor)
            gallery.reuse_parameters.connect(self.reuse_parameters)
            gallery.run_again.connect(self.run_again)
            gallery.status_message.connect(self.status_message)
            usage.account_wanted.connect(self.account_wanted)
        return self._parts

    @property
    def gallery(self) -> GalleryWidget:
        return self._built()[0]

    @property
    def usage(self) -> UsageView:
        return self._built()[1]

    @property
    def tabs(self) -> QTabWidget:
        return self._built()[2]

    def showEvent(self, event: QShowEvent) -> None:
        self._built()
        super().showEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("History"))
        if self._parts is not None:
            gallery, usage, tabs = self._parts
            tabs.setTabText(tabs.indexOf(gallery), self.tr("Gallery"))
            tabs.setTabText(tabs.indexOf(usage), self.tr("Usage"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def job_updated(self, job_id: int) -> None:
        """Connect the worker's per-job signal here (nothing to follow until it is built)."""
        if self._parts is not None:
            gallery, usage, _tabs = self._parts
            gallery.job_updated(job_id)
            usage.refresh()

    def shutdown(self) -> None:
        if self._parts is not None:
            self._parts[0].shutdown()
