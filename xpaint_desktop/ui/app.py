"""Starting the editor: the GUI entry point and what every start needs.

`run_gui` is what `xpaint-desktop` runs on a desktop. `ensure_application` sets up what every
start needs whichever way it came in (the window, the screenshot, the self-test): the log file,
the crash handler (both once; the command line may have done it already), the translations and
the window icon. The screenshot and the self-test are staged in `staging`.

A desktop start puts the window on the screen first and builds its parts after its first
frame (`MainWindow(staged=True)`), so this module and what it imports before that frame are
kept small: the translations (they read the settings) are installed just before the parts are
built, since the first frame shows no text of its own.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from xpaint_desktop.logs import current_log_file, setup_logging
from xpaint_desktop.paths import resources_dir
from xpaint_desktop.ui.window import qsettings

log = logging.getLogger(__name__)

ICON_NAME = "xpaint-desktop.png"


def app_icon() -> QIcon:
    """The program's icon in every size under resources/icons/hicolor/<size>/apps/."""
    icon = QIcon()
    for path in sorted((resources_dir() / "icons" / "hicolor").glob(f"*/apps/{ICON_NAME}")):
        icon.addFile(str(path))
    return icon


def _logging_ready() -> bool:
    """Whether `setup_logging` has already put its file handler on the root logger."""
    path = current_log_file()
    return any(
        isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path
        for h in logging.getLogger().handlers
    )


def install_diagnostics() -> None:
    """The log file and the crash handler, once; an exception hook set by others stays."""
    from xpaint_desktop.crash import CrashHandler
    from xpaint_desktop.ui.crash import install_crash_dialog

    if not _logging_ready():
        setup_logging()
    hook = sys.excepthook
    if hook is sys.__excepthook__ or isinstance(getattr(hook, "__self__", None), CrashHandler):
        install_crash_dialog()


def ensure_application(
    argv: list[str] | None = None, lang: str | None = None, *, translate: bool = True
) -> QApplication:
    """The running QApplication, or a new one with our identity, translations (unless
    `translate` is False: `install_translators` is then the caller's) and icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    qsettings.apply_identity()
    install_diagnostics()
    if translate:
        install_translators(lang)
    app.setWindowIcon(app_icon())
    return app


def install_translators(lang: str | None) -> None:
    """The translators for `lang` (the `--lang` override), else the preference."""
    from xpaint_desktop.ui import i18n

    i18n.install_translators(lang)


def run_gui(argv: list[str], lang: str | None = None) -> int:
    """Open the editor (with the image named in `argv[1]`, if any) and run until it closes."""
    from xpaint_desktop.ui.window.main_window import MainWindow

    app = ensure_application(argv, lang, translate=False)
    # the window is on the screen first; its parts are built right after its first frame
    window = MainWindow(
        open_sample_on_first_start=len(argv) < 2,
        staged=True,
        before_build=lambda: install_translators(lang),
    )
    window.show()
    if len(argv) > 1:
        path = Path(argv[1])
        window.when_built(lambda: window.open_image(path))
    return app.exec()
