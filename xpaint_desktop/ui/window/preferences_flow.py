"""Preferences and what follows from them: the key status, the engine shown, a moved library.

The Preferences dialog is imported when it is first opened. It saves through the session's
settings store, whose listeners (the worker's runner) hear of each change; whether an API key
is available is read again off the UI thread. The dialog itself reads and writes the key off the
UI thread; a save finishes (and is heard here) even when the dialog was closed meanwhile, and a
dialog opened again while it ran reads the key's place again when it is done. Moving the
library takes the history dock and the session's library down first and brings both up again
at the new place (or the old one, if the move failed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from xpaint_desktop.spec import EngineKind

if TYPE_CHECKING:
    from xpaint_desktop.ui.preferences.dialog import PreferencesDialog
    from xpaint_desktop.ui.window.main_window import MainWindow


class PreferencesFlow(QObject):
    """Opens Preferences for `window` and carries out what its changes mean."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.dialog: PreferencesDialog | None = None
        # without a key the offline engine, until the key is found (read off the UI thread)
        self._engine_follows_key = not self.session.key_status.available
        self.set_default_engine()
        self.session.key_status_changed.connect(lambda _status: self._on_key_status())

    def set_default_engine(self) -> None:
        engine = EngineKind(self.session.settings.default_engine)
        self.window.params.set_engine(
            engine if self.session.key_status.available else EngineKind.LOCAL
        )

    def _on_key_status(self) -> None:
        if self._engine_follows_key:  # the first answer: the key decides the engine shown
            self._engine_follows_key = False
            self.set_default_engine()
        self.window.chrome.show_key_status(self.session.key_status)
        self.window.update_editor_state()

    def show(self) -> PreferencesDialog:
        from xpaint_desktop.ui.preferences.dialog import PreferencesDialog

        w = self.window
        library = self.session.library
        dialog = PreferencesDialog(
            self.session.settings_store,
            self.session.key_store,
            parent=w,
            library_root=library.root if library is not None else None,
            library_busy=w.feedback.library_busy_reason,
        )
        dialog.settings_changed.connect(self._on_settings_changed)
        dialog.library_move_started.connect(lambda _old: w.history.release(remove=True))
        dialog.library_moved.connect(self._attach_library)
        dialog.library_move_failed.connect(lambda _why: self._attach_library(None))
        dialog.setModal(True)
        dialog.show()
        self.dialog = dialog
        return dialog

    def _attach_library(self, root: Path | None) -> None:
        """Open the library (at its new place after a move) and start what uses it again."""
        w = self.window
        if self.session.reopen_library(root) is None:
            return
        if w.history.build() is not None:
            w.history.wire()
            w.arrange_docks(w.width())
        w.start_worker()

    def _on_settings_changed(self) -> None:
        # the dialog saved through the session's store, whose listeners (the worker) heard it
        self.session.check_key()
        shown = self.dialog
        if shown is not None and shown is not self.sender() and not shown.is_saving():
            shown.key_section.load()  # opened again while an earlier dialog still saved
        self.window.update_editor_state()
        self.window.settings_saved.emit()
