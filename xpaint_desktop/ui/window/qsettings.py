"""What the window remembers between runs: recent files, the last folder, first start.

These are tiny values kept with `QSettings` (the window's geometry and dock layout too), not
in `settings.Settings`, because they belong to the desktop session rather than to the person's
choices. Everything goes through `QSettings()` with the application identity set by
`apply_identity`, so tests can point all of it at a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSize
from PySide6.QtWidgets import QMainWindow

from xpaint_desktop import APP_NAME

ORGANIZATION = "xpaint"
MAX_RECENT = 10

_RECENT_KEY = "files/recent"
_LAST_FOLDER_KEY = "files/last_folder"
_STARTED_KEY = "session/started_before"
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"  # the docks' layout (`layout.DockLayout`)
DEFAULT_SIZE = QSize(1400, 900)


def apply_identity() -> None:
    """Give QSettings its organization and application names (idempotent)."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)


def _string_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


def recent_files() -> list[Path]:
    """The most recently opened files, newest first."""
    return [Path(p) for p in _string_list(QSettings().value(_RECENT_KEY))]


def add_recent_file(path: Path) -> list[Path]:
    """Put `path` at the top of the recent list and return the new list."""
    text = str(path.resolve())
    items = [p for p in _string_list(QSettings().value(_RECENT_KEY)) if p != text]
    items.insert(0, text)
    del items[MAX_RECENT:]
    QSettings().setValue(_RECENT_KEY, items)
    return [Path(p) for p in items]


def clear_recent_files() -> None:
    QSettings().remove(_RECENT_KEY)


def last_folder() -> Path | None:
    value = QSettings().value(_LAST_FOLDER_KEY)
    return Path(str(value)) if value else None


def set_last_folder(folder: Path) -> None:
    QSettings().setValue(_LAST_FOLDER_KEY, str(folder))


def is_first_start() -> bool:
    """True until `mark_started` has been called once for this user."""
    value = QSettings().value(_STARTED_KEY, False)
    return not (value is True or str(value).lower() == "true")


def mark_started() -> None:
    QSettings().setValue(_STARTED_KEY, True)


def default_size(window: QMainWindow) -> QSize:
    """`DEFAULT_SIZE`, or less on a smaller screen."""
    screen = window.screen()
    if screen is None:
        return DEFAULT_SIZE
    return DEFAULT_SIZE.boundedTo(screen.availableGeometry().size())


def restore_geometry(window: QMainWindow) -> bool:
    """The window's last place and size (True), or the default size (False)."""
    geometry = QSettings().value(GEOMETRY_KEY)
    if geometry is not None:
        window.restoreGeometry(geometry)  # type: ignore[arg-type]
        return True
    window.resize(default_size(window))
    return False
