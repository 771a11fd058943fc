"""The running program's state: its settings, the API key, the job library and the job worker.

`Session` is the window layer's composition root (in the spirit of Krita AI Diffusion's `Root`):
it owns the `SettingsStore` (one shared `Settings` object whose listeners hear of every change),
the `ApiKeyStore`, the `Library` and the `JobWorker`, and it is the one place that opens,
releases and moves the library. The main window asks it for these and builds
widgets around them.

Releasing the library goes worker (stop the jobs; a running one stays resumable), pending file
work of the session's background pool, then the library; the window stops the gallery first,
since the gallery reads the library on the UI thread.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from xpaint_desktop.errors import XPaintError
from xpaint_desktop.keys import ENV_API_KEY, ApiKeyStore
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import Settings, SettingsStore
from xpaint_desktop.ui.shared.background import Background
from xpaint_desktop.ui.worker import JobWorker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeyStatus:
    """Whether an API key is available, and where it comes from ("keyring", "environment"…)."""

    available: bool
    source: str


NO_KEY = KeyStatus(False, "none")


class Session(QObject):
    """Owns the settings, the key store, the library and the job worker of one window."""

    key_status_changed = Signal(object)  # KeyStatus
    library_failed = Signal(object)  # XPaintError: the library cannot be opened

    def __init__(self, *, library_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings_store = SettingsStore.load()
        self.key_store = ApiKeyStore(self.settings_store)
        self.background = Background(self)
        self.library_dir = library_dir
        self.library: Library | None = None
        self.worker: JobWorker | None = None
        self.key_status = self._quick_key_status()

    # -- settings and the API key --------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """The one shared settings object (the engines read it too); change it through the
        store."""
        return self.settings_store.settings

    def reload_settings(self) -> None:
        """Read the settings file again (another process or a library move wrote it); the
        store tells its listeners what changed."""
        self.settings_store.reload()

    @staticmethod
    def _quick_key_status() -> KeyStatus:
        """What is known without the keyring: a key in the environment, else not yet."""
        if os.environ.get(ENV_API_KEY, "").strip():
            return KeyStatus(True, "environment")
        return NO_KEY

    def check_key(self) -> None:
        """Read where the key is kept in the session's pool; `key_status_changed` answers
        (at once for a key in the environment, which needs no reading)."""
        quick = self._quick_key_status()
        if quick.available:
            self._on_key_status(quick)
            return
        store = self.key_store

        def read() -> KeyStatus:
            source = store.source()  # reads the key (keyring, file) once
            return KeyStatus(source != "none", source)

        self.background.run(read, self._on_key_status, self._on_key_failed)

    def _on_key_status(self, status: KeyStatus) -> None:
        self.key_status = status
        self.key_status_changed.emit(status)

    def _on_key_failed(self, error: Exception) -> None:
        log.warning("reading the API key failed: %s", type(error).__name__)
        self._on_key_status(NO_KEY)

    # -- the library and the worker ----------------------------------------------------------------
    def open_library(self, root: Path | None = None) -> Library | None:
        """Open the library at `root` (the settings' folder by default); None when unusable."""
        root = root or self.library_dir or self.settings.library_path()
        try:
            self.library = Library(root)
        except XPaintError as e:
            log.error("library at %s unusable: %s", root, e.code)
            self.library = None
            self.library_failed.emit(e)
        return self.library

    def start_worker(self) -> JobWorker | None:
        """Start the job worker on the open library (None without one)."""
        if self.library is None:
            return None
        worker = JobWorker(self.library.root, library=self.library, settings=self.settings_store)
        worker.start_in_thread()
        self.worker = worker
        return worker

    def release_library(self) -> bool:
        """Stop the worker (a running job stays resumable), wait for file work, close the library.

        A job that does not stop in time keeps the library open: its thread still writes to it.
        True when the library was closed.
        """
        stopped = True
        if self.worker is not None:
            stopped = self.worker.shutdown()
            self.worker = None
        self.background.wait()
        if self.library is not None and stopped:
            self.library.close()
            self.library = None
        return stopped

    def reopen_library(self, root: Path | None) -> Library | None:
        """Open the library again (at its new place after a move: `root`, else the settings')."""
        self.reload_settings()  # a move recorded the new folder
        if root is not None:
            self.library_dir = root
        return self.open_library(root)
