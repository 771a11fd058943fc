"""Moving the library from Preferences: the files arrive, the setting follows, refusals say why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from tests.library.helpers import make_spec
from tests.ui.preferences.helpers import make_dialog, save
from xpaint_desktop import paths
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import DB_NAME, Library
from xpaint_desktop.settings import Settings, load_settings, save_settings

TIMEOUT_MS = 30_000


@pytest.fixture
def no_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """No XPAINT_HOME, so the library folder is the person's setting (config stays private)."""
    monkeypatch.delenv("XPAINT_HOME")


def _library_with_jobs(root: Path, data_dir: Path) -> list[int]:
    with Image.open(data_dir / "chelsea.png") as opened:
        photo = opened.convert("RGB")
    mask = Image.new("L", photo.size, 0)
    mask.paste(255, (100, 50, 300, 200))
    with Library(root) as lib:
        ids = []
        for i in range(2):
            job = lib.create_job(make_spec(f"a cat {i}"), photo, mask, "chelsea.png")
            lib.save_result(job.id, 0, photo.rotate(90), composite=photo)
            lib.set_status(job.id, JobStatus.DONE)
            ids.append(job.id)
    return ids


def test_move_moves_the_files_saves_the_setting_and_emits(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, no_home: None
) -> None:
    old, new = tmp_path / "old-library", tmp_path / "disk2" / "library"
    ids = _library_with_jobs(old, data_dir)
    save_settings(Settings(library_dir=str(old)))
    dialog = make_dialog(qtbot)
    section = dialog.library
    assert str(old) in section.folder_label.text() and section.move_button.isEnabled()
    dialog.proxy_edit.setText("http://127.0.0.1:3128")  # an unsaved edit

    started: list[Path] = []
    dialog.library_move_started.connect(started.append)
    with qtbot.waitSignal(dialog.library_moved, timeout=TIMEOUT_MS) as moved:
        assert section.move_to(new)
        assert section.is_moving() and not section.progress.isHidden()
        assert not dialog.ok_button.isEnabled()
        dialog.reject()  # cannot close mid-move
        assert dialog.isVisible()
    assert started == [old.absolute()] and moved.args == [new.absolute()]
    assert not section.is_moving() and dialog.ok_button.isEnabled()
    assert str(new) in section.folder_label.text()
    assert "was moved" in section.status_label.text()

    saved = load_settings()
    assert Path(saved.library_dir) == new.absolute() and saved.proxy == ""  # only the move
    assert not (old / DB_NAME).exists() and not (old / "jobs").exists()
    with Library(new) as lib:
        jobs = [lib.get_job(i) for i in ids]
        assert [j.spec.prompt for j in jobs] == ["a cat 0", "a cat 1"]
        assert all(j.results[0].path is not None and j.results[0].path.is_file() for j in jobs)
        assert all(j.base_path.is_relative_to(new.absolute()) for j in jobs)
    assert save(qtbot, dialog, dialog.ok_button)
    saved = load_settings()
    assert Path(saved.library_dir) == new.absolute() and saved.proxy == "http://127.0.0.1:3128"


def test_a_folder_that_is_not_empty_is_refused(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, no_home: None
) -> None:
    old, target = tmp_path / "old-library", tmp_path / "full"
    _library_with_jobs(old, data_dir)
    target.mkdir()
    (target / "holiday.jpg").write_bytes(b"not ours")
    dialog = make_dialog(qtbot, library_root=old)
    with qtbot.assertNotEmitted(dialog.library_move_started):
        assert not dialog.library.move_to(target)
    assert "not an empty folder" in dialog.library.status_label.text()
    assert (old / DB_NAME).is_file() and not paths.settings_file().exists()


def test_a_running_job_refuses_the_move(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, no_home: None
) -> None:
    old = tmp_path / "old-library"
    _library_with_jobs(old, data_dir)
    dialog = make_dialog(
        qtbot, library_root=old, library_busy=lambda: "A job is running; wait for it to end."
    )
    assert not dialog.library.move_to(tmp_path / "elsewhere")
    assert "A job is running" in dialog.library.status_label.text()
    assert not (tmp_path / "elsewhere").exists()


def test_xpaint_home_forbids_the_move(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot)  # the test set-up sets XPAINT_HOME
    section = dialog.library
    assert not section.move_button.isEnabled()
    assert "XPAINT_HOME" in section.note_label.text()
    assert not section.move_to(tmp_path / "elsewhere")
    assert "XPAINT_HOME" in section.status_label.text()
    assert not (tmp_path / "elsewhere").exists()
