"""Where the library lives, and moving it to another folder without losing a job.

Years of results may need a bigger disk. `Library.move_to` copies everything, verifies the copy
and only then removes the old files; it runs here in a pool thread while a busy bar shows, and
the settings are switched in that same thread, so a closed dialog can never leave the settings
pointing at a folder that no longer holds the library. The move is refused up front when
`XPAINT_HOME` decides the folder anyway, when the target is not empty, or when the window says a
job is running (`busy_reason`).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.errors import XPaintError
from xpaint_desktop.paths import library_dir_from_environment
from xpaint_desktop.settings import SettingsStore
from xpaint_desktop.ui.preferences.section import PreferencesSection
from xpaint_desktop.ui.shared.background import Background

log = logging.getLogger(__name__)


def move_library(root: Path, new_root: Path) -> Path:
    """Move the library at `root` to `new_root` and record it in the settings file (any thread).

    Raises `LibraryError` (the old library untouched) when the copy cannot be made or verified.
    """
    from xpaint_desktop.library.store import Library

    library = Library(root)
    try:
        moved = library.move_to(new_root)
    finally:
        library.close()
    moved.close()
    SettingsStore.load().update(library_dir=str(moved.root))
    return moved.root


class LibrarySection(PreferencesSection):
    """Shows the library folder and moves it on request."""

    moved = Signal(Path)  # the new folder, after the files were moved and the setting saved
    move_started = Signal(Path)  # the old folder, just before copying starts
    move_failed = Signal(str)  # why; the library stays where it was
    busy_changed = Signal(bool)

    def __init__(
        self,
        root: Path,
        busy_reason: Callable[[], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._background = Background(self)
        self.root = root
        self._busy_reason = busy_reason
        self._moving = False
        self._message = ""
        self._failed = False
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.move_button = QPushButton()
        self.move_button.clicked.connect(self._choose_folder)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.move_button)
        row.addWidget(self.progress)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.folder_label)
        layout.addLayout(row)
        layout.addWidget(self.note_label)
        layout.addWidget(self.status_label)
        self.retranslate_ui()

    def is_moving(self) -> bool:
        return self._moving

    def refusal(self, new_root: Path | None = None) -> str | None:
        """Why the library cannot be moved (to `new_root`) now, or None."""
        forced = library_dir_from_environment()
        if forced is not None:
            return self.tr(
                "The environment variable XPAINT_HOME is set to {0}; it decides where the "
                "library is, so it cannot be moved here. Unset it first."
            ).format(forced)
        reason = self._busy_reason() if self._busy_reason else None
        if reason:
            return reason
        if new_root is None:
            return None
        from xpaint_desktop.library import relocate

        try:
            relocate.check_target(self.root.absolute(), new_root.absolute())
        except XPaintError as exc:
            return exc.message
        return None

    def move_to(self, new_root: Path) -> bool:
        """Start moving the library to `new_root`; False (reason shown) when refused."""
        if self._moving:
            return False
        problem = self.refusal(new_root)
        if problem:
            self._show(problem, failed=True)
            return False
        old = self.root
        self._set_moving(True)
        self._show(self.tr("Moving the library to {0}…").format(new_root), failed=False)
        self.move_started.emit(old)
        self._background.run(lambda: move_library(old, new_root), self._on_moved, self._on_failed)
        return True

    def _choose_folder(self) -> None:
        problem = self.refusal()
        if problem:
            self._show(problem, failed=True)
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose an empty folder for the library"), str(self.root.parent)
        )
        if folder:
            self.move_to(Path(folder))

    def _on_moved(self, new_root: object) -> None:
        assert isinstance(new_root, Path)
        self.root = new_root
        self._set_moving(False)
        self._show(self.tr("The library was moved to {0}.").format(new_root), failed=False)
        self.retranslate_ui()
        self.moved.emit(new_root)

    def _on_failed(self, exc: Exception) -> None:
        self._set_moving(False)
        if isinstance(exc, XPaintError):
            text = exc.message
        else:
            log.warning("library move failed: %s", exc)
            text = self.tr("The library could not be moved: {0}").format(exc)
        self._show(text, failed=True)
        self.move_failed.emit(text)

    def _set_moving(self, moving: bool) -> None:
        self._moving = moving
        self.progress.setVisible(moving)
        self.move_button.setEnabled(not moving and library_dir_from_environment() is None)
        self.busy_changed.emit(moving)

    def _show(self, text: str, *, failed: bool) -> None:
        self._message, self._failed = text, failed
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b00020;" if failed else "")
        self.status_label.setVisible(bool(text))

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Library"))
        self.intro_label.setText(self.tr("Every job, with its inputs and results, is kept in:"))
        self.folder_label.setText(f"<b>{html.escape(str(self.root))}</b>")
        self.move_button.setText(self.tr("Move…"))
        self.move_button.setToolTip(
            self.tr("Copy the library to an empty folder, check the copy, then remove the old one")
        )
        forced = library_dir_from_environment()
        self.move_button.setEnabled(forced is None and not self._moving)
        self.note_label.setText(
            self.tr("The move happens at once, whether or not you press OK.")
            if forced is None
            else self.tr(
                "The environment variable XPAINT_HOME sets the library folder; it cannot be "
                "moved here."
            )
        )
        self._show(self._message, failed=self._failed)
