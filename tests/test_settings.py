"""Settings: typed, checked when loaded, owned by one store that tells its listeners."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from xpaint_desktop import paths
from xpaint_desktop.atomic import write_bytes_atomic
from xpaint_desktop.imaging.limits import FEATHER_MAX_PX
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.settings import (
    KeyStorage,
    Region,
    Settings,
    SettingsStore,
    load_settings,
    save_settings,
)
from xpaint_desktop.spec import EngineKind


def _write(data: object) -> Path:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_values_are_enums_and_survive_a_round_trip() -> None:
    save_settings(
        Settings(region=Region.CUSTOM, default_engine=EngineKind.LOCAL, key_storage=KeyStorage.FILE)
    )
    loaded = load_settings()
    assert loaded.region is Region.CUSTOM
    assert loaded.default_engine is EngineKind.LOCAL
    assert loaded.key_storage is KeyStorage.FILE
    assert json.loads(paths.settings_file().read_text("utf-8"))["region"] == "custom"


def test_bad_values_fall_back_to_their_defaults_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    _write(
        {
            "region": "moon",
            "feather": FEATHER_MAX_PX + 36,
            "tasks_in_progress": "two",
            "creations_per_second": True,
            "proxy": 8080,
            "language": "zh_CN",
            "unknown": 1,
        }
    )
    with caplog.at_level(logging.WARNING, logger="xpaint_desktop.settings"):
        loaded = load_settings()
    defaults = Settings()
    assert loaded.region is defaults.region
    assert loaded.feather == defaults.feather
    assert loaded.tasks_in_progress == defaults.tasks_in_progress
    assert loaded.creations_per_second == defaults.creations_per_second
    assert loaded.proxy == defaults.proxy
    assert loaded.language == "zh_CN"  # a good value next to bad ones is kept
    text = caplog.text
    assert "region='moon'" in text and f"feather={FEATHER_MAX_PX + 36}" in text
    assert "outside 0..64" in text


def test_a_file_that_holds_no_settings_gives_the_defaults() -> None:
    _write(["not", "a", "mapping"])
    assert load_settings() == Settings()


def test_the_store_tells_its_listeners_what_changed() -> None:
    store = SettingsStore.load()
    shared = store.settings
    heard: list[tuple[int, frozenset[str]]] = []
    stop = store.subscribe(lambda s, changed: heard.append((s.tasks_in_progress, changed)))
    store.update(tasks_in_progress=3)
    store.update(tasks_in_progress=3)  # no change: nobody is told
    assert heard == [(3, frozenset({"tasks_in_progress"}))]
    assert shared.tasks_in_progress == 3  # the object everyone holds follows
    assert load_settings().tasks_in_progress == 3  # and it was saved
    stop()
    store.update(tasks_in_progress=2)
    assert len(heard) == 1


def test_the_store_refuses_out_of_range_values_on_apply() -> None:
    store = SettingsStore.load()
    changed = store.update(feather=FEATHER_MAX_PX + 1)
    assert changed == frozenset() and store.settings.feather == Settings().feather


def test_reload_takes_what_another_process_saved() -> None:
    store = SettingsStore.load()
    heard: list[frozenset[str]] = []
    store.subscribe(lambda _s, changed: heard.append(changed))
    save_settings(Settings(language="zh_CN"))
    assert store.reload() == frozenset({"language"})
    assert store.settings.language == "zh_CN" and heard == [frozenset({"language"})]


def test_the_key_store_records_the_storage_through_the_store() -> None:
    store = SettingsStore.load()
    heard: list[frozenset[str]] = []
    store.subscribe(lambda _s, changed: heard.append(changed))
    ApiKeyStore(store).set("sk-0123456789abcdef", KeyStorage.FILE)
    assert store.settings.key_storage is KeyStorage.FILE
    assert heard == [frozenset({"key_storage"})]
    assert "sk-0123456789abcdef" not in paths.settings_file().read_text("utf-8")
    assert os.stat(paths.key_file_path()).st_mode & 0o777 == 0o600


def test_xpaint_home_decides_library_cache_and_logs(tmp_path: Path) -> None:
    home = Path(os.environ["XPAINT_HOME"])
    assert paths.home_from_environment() == home
    assert Settings(library_dir=str(tmp_path / "elsewhere")).library_path() == home
    assert paths.cache_dir() == home / "cache" and paths.log_dir() == home / "logs"


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_stray(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old", encoding="utf-8")

    class Boom(Exception):
        pass

    def explode(f: object) -> None:
        raise Boom

    from xpaint_desktop.atomic import write_atomic

    with pytest.raises(Boom):
        write_atomic(target, explode)  # type: ignore[arg-type]
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
