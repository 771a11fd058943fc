"""The API key: read from the environment, the system keyring, a private file or this session.

`DASHSCOPE_API_KEY` wins; otherwise the key is where the person chose to keep it
(`Settings.key_storage`): the system keyring, or, where none exists (a bare Linux session, a
container), a file readable only by them (`api-key` in the config folder, mode 0600) or memory
for this session only. The key is never written to the settings file, and every value read is
registered with the log's redaction first. Reading the keyring can block (a locked keyring, a
slow D-Bus): the window calls `get()` off the UI thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import replace

from xpaint_desktop import APP_NAME, paths
from xpaint_desktop.atomic import write_text_atomic
from xpaint_desktop.errors import ConfigError
from xpaint_desktop.logs import ENV_API_KEY, register_secret
from xpaint_desktop.settings import KeyStorage, Settings, SettingsStore

log = logging.getLogger(__name__)

__all__ = ["ENV_API_KEY", "KEYRING_SERVICE", "KEYRING_USER", "ApiKeyStore", "KeyStorage"]

KEYRING_SERVICE = APP_NAME
KEYRING_USER = "dashscope-api-key"


def _keyring_error(error: Exception) -> ConfigError:
    """The ConfigError for a keyring that did not take the key (its text never has the key)."""
    if not isinstance(error, ImportError):  # keyring imported: its errors can be told apart
        from keyring.errors import NoKeyringError

        if not isinstance(error, NoKeyringError):
            return ConfigError(
                f"The system keyring refused the API key ({type(error).__name__}). Unlock the "
                "keyring and try again, or keep the key for this session only or in a file "
                "readable only by you.",
                code="KeyringRefused",
            )
    return ConfigError(
        "No system keyring is available to store the API key. Keep it for this "
        "session only, or in a file readable only by you.",
        code="NoKeyring",
    )


class ApiKeyStore:
    """Reads and writes the API key: environment, keyring, a private file, or this session.

    Every method tolerates a missing keyring backend (`keyring.errors.NoKeyringError` and
    friends) and reports it through `keyring_available()` instead of raising.
    """

    _session_key: str | None = None

    def __init__(self, settings: SettingsStore | Settings | None = None) -> None:
        """`settings`: the program's store; plain `Settings` get a store of their own."""
        if isinstance(settings, SettingsStore):
            self.store = settings
        else:
            self.store = SettingsStore(settings) if settings is not None else SettingsStore.load()

    @property
    def settings(self) -> Settings:
        return self.store.settings

    @staticmethod
    def keyring_available() -> bool:
        try:
            import keyring
            from keyring.backends import fail

            return not isinstance(keyring.get_keyring(), fail.Keyring)
        except Exception:  # any import or backend failure means "no keyring"
            return False

    def get(self, storage: KeyStorage | None = None) -> str | None:
        """The key in use; with `storage`, as if the key were kept there (blocking: see above)."""
        key = self._read(storage or self.settings.key_storage)
        if key:
            register_secret(key)
        return key

    def _read(self, storage: KeyStorage) -> str | None:
        env = os.environ.get(ENV_API_KEY, "").strip()
        if env:
            return env
        if ApiKeyStore._session_key:
            return ApiKeyStore._session_key
        if storage is KeyStorage.FILE:
            try:
                return paths.key_file_path().read_text(encoding="utf-8").strip() or None
            except OSError:
                return None
        if storage is KeyStorage.KEYRING:
            try:
                import keyring

                return keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or None
            except Exception as e:  # no backend, locked, D-Bus missing
                log.info("keyring unavailable: %s", type(e).__name__)
                return None
        return None

    def source(self, storage: KeyStorage | None = None) -> str:
        """Where the key in use comes from, for the UI ("environment", "keyring", ...); with
        `storage`, as if the key were kept there."""
        if os.environ.get(ENV_API_KEY, "").strip():
            return "environment"
        if ApiKeyStore._session_key:
            return KeyStorage.SESSION.value
        storage = storage or self.settings.key_storage
        return storage.value if self.get(storage) else "none"

    def set(self, key: str, storage: KeyStorage) -> None:
        """Store the key where the person chose and record the choice in the settings.

        Raises ConfigError if the keyring fails, OSError if the key file cannot be written.
        """
        self.put(key, storage)
        self.store.apply(replace(self.store.snapshot(), key_storage=storage))

    def put(self, key: str, storage: KeyStorage) -> None:
        """Store the key in `storage` only (any thread); the settings are left to the caller.

        Raises ConfigError (code "NoKeyring" without a keyring, "KeyringRefused" when it
        refuses, e.g. locked) and OSError when the key file cannot be written. Neither names
        the key (nor does the keyring's own exception, kept as the cause).
        """
        key = key.strip()
        register_secret(key)
        self.clear()
        if storage is KeyStorage.SESSION:
            ApiKeyStore._session_key = key
        elif storage is KeyStorage.FILE:
            p = paths.key_file_path()
            p.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(p, key, mode=0o600)
            os.chmod(p, 0o600)
        else:
            try:
                import keyring

                keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key)
            except Exception as e:
                raise _keyring_error(e) from e

    def clear(self) -> None:
        ApiKeyStore._session_key = None
        with contextlib.suppress(OSError):
            paths.key_file_path().unlink()
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
        except Exception:
            pass
