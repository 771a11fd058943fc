"""Where things live, what the person chose, and the API key.

Paths come from platformdirs (overridable with `XPAINT_HOME` for the library and
`XPAINT_CONFIG_DIR` for settings, which tests and portable installs use). Settings are a small
JSON file. The API key is read from `DASHSCOPE_API_KEY` first, then from the system keyring;
it is never written to the settings file. Where no keyring exists the person may keep the key
for the session only, or in a file readable only by them (`api-key` in the config folder,
mode 0600); that choice is explicit.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from pathlib import Path

import platformdirs

from xpaint_desktop import APP_NAME

log = logging.getLogger(__name__)

KEYRING_SERVICE = APP_NAME
KEYRING_USER = "dashscope-api-key"
ENV_API_KEY = "DASHSCOPE_API_KEY"
ENV_BASE_URL = "DASHSCOPE_HTTP_BASE_URL"


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


def resources_dir() -> Path:
    """The `resources/` folder, in a source tree or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample_image_path() -> Path:
    return resources_dir() / "sample.png"


def config_dir() -> Path:
    env = os.environ.get("XPAINT_CONFIG_DIR")
    return Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def key_file_path() -> Path:
    """The 0600 file that holds the API key when the person chose a file over the keyring."""
    return config_dir() / "api-key"


def library_dir_from_environment() -> Path | None:
    """The library folder `XPAINT_HOME` forces (it overrides `Settings.library_dir`), if set."""
    env = os.environ.get("XPAINT_HOME")
    return Path(env) if env else None


def base_url_from_environment() -> str | None:
    """The service URL `DASHSCOPE_HTTP_BASE_URL` forces over the region setting, if set."""
    env = os.environ.get(ENV_BASE_URL, "").strip()
    return env.rstrip("/") if env else None


def default_library_dir() -> Path:
    forced = library_dir_from_environment()
    return forced or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    env = os.environ.get("XPAINT_HOME")
    if env:
        return Path(env) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    env = os.environ.get("XPAINT_HOME")
    if env:
        return Path(env) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


@dataclass
class Settings:
    """The person's choices. Stored as JSON; unknown keys are ignored, missing ones default."""

    region: str = Region.BEIJING.value
    custom_base_url: str = ""
    proxy: str = ""
    library_dir: str = ""  # empty: default_library_dir()
    default_engine: str = "cloud"
    language: str = ""  # empty: follow the system locale
    key_storage: str = KeyStorage.KEYRING.value
    creations_per_second: float = 2.0
    tasks_in_progress: int = 1
    feather: int = 8

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        p = cls.path()
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as e:
            log.warning("settings file %s unreadable (%s); using defaults", p, e)
            return cls()
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def save(self) -> None:
        p = self.path()
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, p)

    def library_path(self) -> Path:
        if os.environ.get("XPAINT_HOME"):
            return default_library_dir()
        return Path(self.library_dir) if self.library_dir else default_library_dir()

    def base_url(self) -> str:
        """`DASHSCOPE_HTTP_BASE_URL` wins, then the region preset or the custom URL."""
        forced = base_url_from_environment()
        if forced:
            return forced
        if self.region == Region.CUSTOM and self.custom_base_url:
            return self.custom_base_url.rstrip("/")
        try:
            return BASE_URLS[Region(self.region)]
        except (ValueError, KeyError):
            return BASE_URLS[Region.BEIJING]


class ApiKeyStore:
    """Reads and writes the API key: environment, keyring, a private file, or this session.

    Every method tolerates a missing keyring backend (`keyring.errors.NoKeyringError` and
    friends) and reports it through `keyring_available()` instead of raising.
    """

    _session_key: str | None = None

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()

    @staticmethod
    def keyring_available() -> bool:
        try:
            import keyring
            from keyring.backends import fail

            return not isinstance(keyring.get_keyring(), fail.Keyring)
        except Exception:  # any import or backend failure means "no keyring"
            return False

    def _file(self) -> Path:
        return key_file_path()

    def get(self) -> str | None:
        key = self._read()
        if key:
            from xpaint_desktop.logs import register_secret

            register_secret(key)
        return key

    def _read(self) -> str | None:
        env = os.environ.get(ENV_API_KEY, "").strip()
        if env:
            return env
        if ApiKeyStore._session_key:
            return ApiKeyStore._session_key
        storage = self.settings.key_storage
        if storage == KeyStorage.FILE:
            try:
                return self._file().read_text(encoding="utf-8").strip() or None
            except OSError:
                return None
        if storage == KeyStorage.KEYRING:
            try:
                import keyring

                return keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or None
            except Exception as e:  # no backend, locked, D-Bus missing
                log.info("keyring unavailable: %s", type(e).__name__)
                return None
        return None

    def source(self) -> str:
        """Where the key in use comes from, for the UI ("environment", "keyring", ...)."""
        if os.environ.get(ENV_API_KEY, "").strip():
            return "environment"
        if ApiKeyStore._session_key:
            return KeyStorage.SESSION.value
        return self.settings.key_storage if self.get() else "none"

    def set(self, key: str, storage: KeyStorage) -> None:
        """Store the key where the person chose. Raises ConfigError if the keyring fails."""
        from xpaint_desktop.errors import ConfigError
        from xpaint_desktop.logs import register_secret

        key = key.strip()
        register_secret(key)
        self.clear()
        if storage == KeyStorage.SESSION:
            ApiKeyStore._session_key = key
        elif storage == KeyStorage.FILE:
            p = self._file()
            p.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(key)
            os.chmod(p, 0o600)
        else:
            try:
                import keyring

                keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key)
            except Exception as e:
                raise ConfigError(
                    "No system keyring is available to store the API key. Keep it for this "
                    "session only, or in a file readable only by you.",
                    code="NoKeyring",
                ) from e
        self.settings.key_storage = storage.value
        self.settings.save()

    def clear(self) -> None:
        ApiKeyStore._session_key = None
        with contextlib.suppress(OSError):
            self._file().unlink()
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
        except Exception:
            pass
