"""Moving the library from Preferences while the window is open: history follows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import Settings, save_settings
from xpaint_desktop.spec import EngineKind, JobSpec
from xpaint_desktop.ui.window.main_window import MainWindow

TIMEOUT_MS = 30_000


@pytest.fixture
def no_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XPAINT_HOME")


def test_moving_the_library_reattaches_gallery_and_worker(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, no_home: None
) -> None:
    old, new = tmp_path / "old-library", tmp_path / "disk2" / "library"
    photo = Image.open(data_dir / "chelsea.png").convert("RGB")
    mask = Image.new("L", photo.size, 0)
    mask.paste(255, (100, 50, 300, 200))
    with Library(old) as lib:
        job = lib.create_job(JobSpec(prompt="a cat", engine=EngineKind.LOCAL), photo, mask, "c")
        lib.save_result(job.id, 0, photo, composite=photo)
        lib.set_status(job.id, JobStatus.DONE)
    save_settings(Settings(library_dir=str(old)))

    window = MainWindow(open_sample_on_first_start=False)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.library is not None and window.library.root == old.absolute()
        dialog = window.show_preferences()
        with qtbot.waitSignal(dialog.library_moved, timeout=TIMEOUT_MS):
            assert dialog.library.move_to(new)
        assert window.library is not None and window.library.root == new.absolute()
        assert window.library.get_job(job.id).base_path.is_relative_to(new.absolute())
        gallery = window.gallery_dock
        assert gallery is not None and gallery.gallery.library is window.library
        qtbot.waitUntil(lambda: gallery.gallery.model.rowCount() == 1, timeout=TIMEOUT_MS)
        assert window.worker is not None
        worker = window.worker
        qtbot.waitUntil(lambda: worker.runner() is not None, timeout=TIMEOUT_MS)
        assert worker.runner().library.root == new.absolute()  # type: ignore[union-attr]
        dialog.reject()
    finally:
        window.shutdown()
