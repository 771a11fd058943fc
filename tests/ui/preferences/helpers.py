"""Shared set-up for the Preferences tests: building the dialog and looking for a leaked key."""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from xpaint_desktop.settings import Region
from xpaint_desktop.ui.preferences.dialog import PreferencesDialog
from xpaint_desktop.ui.shared.widgets import select_data

WAIT_MS = 10_000


def make_dialog(qtbot: QtBot, **kwargs: object) -> PreferencesDialog:
    """A shown dialog whose key section has heard from the keyring (read off the UI thread)."""
    dialog = PreferencesDialog(**kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.key_section.is_loaded, timeout=WAIT_MS)
    return dialog


def save(qtbot: QtBot, dialog: PreferencesDialog, button: QPushButton | None = None) -> bool:
    """Press `button` (Apply by default) and wait for the save, done off the UI thread, to end;
    True when it succeeded."""
    with qtbot.waitSignal(dialog.save_finished, timeout=WAIT_MS) as finished:
        (button or dialog.apply_button).click()
    return bool(finished.args[0])


def use_custom_url(dialog: PreferencesDialog, url: str) -> None:
    select_data(dialog.region_combo, Region.CUSTOM.value)
    dialog.custom_url_edit.setText(url)


def closed_port_url() -> str:
    """An http:// URL on loopback where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v1"


def files_containing(root: Path, secret: str) -> list[Path]:
    """Every file under `root` whose bytes contain `secret`."""
    needle = secret.encode()
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]
