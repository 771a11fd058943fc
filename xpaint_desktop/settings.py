"""What the person chose: region, proxy, library folder, engine, language, key storage, limits.

`Settings` is a small typed record kept as JSON (`paths.settings_file()`); unknown keys are
ignored, missing ones take their default, and a value that is the wrong type or out of range is
replaced by its default with a warning in the log, so a hand-edited file can never start the
program in a state the window would refuse. `SettingsStore` is the one owner of the settings of a
running program: everything reads its `settings`, and `apply()` saves a changed copy, updates
that shared object in place and tells every listener which fields changed (the runner follows
`tasks_in_progress` this way). The API key is never part of the settings (see `keys`).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import MISSING, Field, asdict, dataclass, fields, replace
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from xpaint_desktop import paths
from xpaint_desktop.atomic import write_text_atomic
from xpaint_desktop.imaging.limits import FEATHER_MAX_PX, FEATHER_MIN_PX
from xpaint_desktop.spec import DEFAULT_FEATHER_PX, EngineKind

log = logging.getLogger(__name__)

ENV_BASE_URL = "DASHSCOPE_HTTP_BASE_URL"
TASKS_IN_PROGRESS_SETTING_MAX = 8  # what the runner makes of it: `limits.tasks_in_progress_allowed`


class Region(StrEnum):
    BEIJING = "beijing"
    INTERNATIONAL = "international"
    CUSTOM = "custom"


BASE_URLS: dict[Region, str] = {
    Region.BEIJING: "https://dashscope.aliyuncs.com/api/v1",
    Region.INTERNATIONAL: "https://dashscope-intl.aliyuncs.com/api/v1",
}


class KeyStorage(StrEnum):
    KEYRING = "keyring"
    FILE = "file"  # a 0600 file in the config folder, chosen by the person
    SESSION = "session"  # memory only


def base_url_from_environment() -> str | None:
    """The service URL `DASHSCOPE_HTTP_BASE_URL` forces over the region setting, if set."""
    env = os.environ.get(ENV_BASE_URL, "").strip()
    return env.rstrip("/") if env else None


def endpoint_region(settings: Settings) -> str:
    """The region whose models the chosen endpoint offers; "custom" when that is not known
    (a custom URL, or `DASHSCOPE_HTTP_BASE_URL` pointing at a compatible server)."""
    if base_url_from_environment():
        return Region.CUSTOM.value
    return settings.region


@dataclass
class Settings:
    """The person's choices. Build it with `load_settings()`; change it through a store."""

    region: Region = Region.BEIJING
    custom_base_url: str = ""
    proxy: str = ""
    library_dir: str = ""  # empty: paths.default_library_dir()
    default_engine: EngineKind = EngineKind.CLOUD
    language: str = ""  # empty: follow the system locale
    key_storage: KeyStorage = KeyStorage.KEYRING
    creations_per_second: float = 2.0
    tasks_in_progress: int = 1
    feather: int = DEFAULT_FEATHER_PX

    def library_path(self) -> Path:
        """`XPAINT_HOME` wins, then the chosen folder, then the platform's data folder."""
        if paths.home_from_environment() is not None or not self.library_dir:
            return paths.default_library_dir()
        return Path(self.library_dir)

    def base_url(self) -> str:
        """`DASHSCOPE_HTTP_BASE_URL` wins, then the region preset or the custom URL."""
        forced = base_url_from_environment()
        if forced:
            return forced
        if self.region is Region.CUSTOM and self.custom_base_url:
            return self.custom_base_url.rstrip("/")
        return BASE_URLS.get(self.region, BASE_URLS[Region.BEIJING])

    def copy(self) -> Settings:
        return replace(self)


# Checks beyond the type: a value outside them is replaced by the field's default.
_RANGES: dict[str, tuple[float, float]] = {
    "creations_per_second": (0.1, 100.0),
    "tasks_in_progress": (1, TASKS_IN_PROGRESS_SETTING_MAX),
    "feather": (FEATHER_MIN_PX, FEATHER_MAX_PX),
}


def _default(f: Field[Any]) -> Any:
    return f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc,operator]


def _coerce(f: Field[Any], value: object) -> Any:
    """`value` as the field's type, or raises ValueError saying why not."""
    default = _default(f)
    if isinstance(default, Enum):
        return type(default)(value)
    if isinstance(default, bool) or isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(default, int):
        if not isinstance(value, int):
            raise ValueError("not a whole number")
    elif isinstance(default, float):
        if not isinstance(value, int | float):
            raise ValueError("not a number")
        value = float(value)
    elif isinstance(default, str) and not isinstance(value, str):
        raise ValueError("not text")
    bounds = _RANGES.get(f.name)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:  # type: ignore[operator]
        raise ValueError(f"outside {bounds[0]:g}..{bounds[1]:g}")
    return value


def settings_from_dict(data: dict[str, object], source: str = "settings") -> Settings:
    """Typed and checked settings from parsed JSON; bad values fall back to their defaults."""
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in data:
            continue
        try:
            values[f.name] = _coerce(f, data[f.name])
        except ValueError as e:
            log.warning(
                "%s: %s=%r refused (%s); using %r", source, f.name, data[f.name], e, _default(f)
            )
    return Settings(**values)


def load_settings(path: Path | None = None) -> Settings:
    """The settings saved at `path` (the settings file by default), checked; defaults if none."""
    p = path or paths.settings_file()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as e:
        log.warning("settings file %s unreadable (%s); using defaults", p, e)
        return Settings()
    if not isinstance(data, dict):
        log.warning("settings file %s holds no settings; using defaults", p)
        return Settings()
    return settings_from_dict(data, str(p))


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Writes `settings` atomically: the old file stays whole until the new one is complete."""
    target = path or paths.settings_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, json.dumps(asdict(settings), indent=2, ensure_ascii=False))


# Called with the shared settings object and the names of the fields that changed.
SettingsListener = Callable[[Settings, frozenset[str]], None]


class SettingsStore:
    """The one owner of a running program's settings; tells its listeners about changes.

    `settings` is a single object shared by everything that reads settings (engines, the
    runner, the window); `apply()` and `reload()` update it in place, so a reader never holds
    stale values, then call the listeners in the calling thread. Safe to use from any thread.
    """

    def __init__(self, settings: Settings | None = None, path: Path | None = None) -> None:
        self._path = path
        self.settings = settings if settings is not None else load_settings(path)
        self._listeners: list[SettingsListener] = []
        self._lock = threading.RLock()

    @classmethod
    def load(cls, path: Path | None = None) -> SettingsStore:
        return cls(load_settings(path), path)

    def snapshot(self) -> Settings:
        """A copy to edit; give it back through `apply()`."""
        with self._lock:
            return self.settings.copy()

    def subscribe(self, listener: SettingsListener) -> Callable[[], None]:
        """Calls `listener` after every change; returns the function that stops it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def apply(self, new: Settings) -> frozenset[str]:
        """Saves `new` (checked again), makes it current and tells the listeners what changed."""
        checked = settings_from_dict(asdict(new), "new settings")
        with self._lock:
            save_settings(checked, self._path)
            return self._take(checked)

    def update(self, **changes: Any) -> frozenset[str]:
        """`apply()` with some fields changed, e.g. `store.update(feather=12)`."""
        with self._lock:
            return self.apply(replace(self.settings, **changes))

    def reload(self) -> frozenset[str]:
        """Takes what the settings file holds now (another process may have written it)."""
        with self._lock:
            return self._take(load_settings(self._path))

    def _take(self, new: Settings) -> frozenset[str]:
        old = self.settings
        changed = frozenset(
            f.name for f in fields(Settings) if getattr(new, f.name) != getattr(old, f.name)
        )
        for name in changed:
            setattr(self.settings, name, getattr(new, name))
        listeners = list(self._listeners)
        if changed:
            for listener in listeners:
                listener(self.settings, changed)
        return changed
