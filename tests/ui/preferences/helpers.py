"""Shared set-up for the Preferences tests: building the dialog and looking for a leaked key."""

from __future__ import annotations

import socket
from pathlib import Path

from pytestqt.qtbot import QtBot

from xpaint_desktop.settings import Region
from xpaint_desktop.ui.preferences.dialog import PreferencesDialog
from xpaint_desktop.ui.shared.widgets import select_data


def make_dialog(qtbot: QtBot, **kwargs: object) -> PreferencesDialog:
    dialog = PreferencesDialog(**kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


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
