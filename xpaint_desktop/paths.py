"""Where things live: the library, settings, cache, logs, the key file and bundled resources.

Every location comes from platformdirs, unless the environment moves it: `XPAINT_HOME` puts the
library, cache and logs in one folder (tests and portable installs use it), `XPAINT_CONFIG_DIR`
the settings and the key file. This module is the only reader of those two variables.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from xpaint_desktop import APP_NAME

ENV_HOME = "XPAINT_HOME"
ENV_CONFIG_DIR = "XPAINT_CONFIG_DIR"
SETTINGS_FILE_NAME = "settings.json"
KEY_FILE_NAME = "api-key"


def home_from_environment() -> Path | None:
    """The folder `XPAINT_HOME` forces for the library, cache and logs, if set."""
    env = os.environ.get(ENV_HOME)
    return Path(env) if env else None


def library_dir_from_environment() -> Path | None:
    """The library folder `XPAINT_HOME` forces (it overrides `Settings.library_dir`), if set."""
    return home_from_environment()


def default_library_dir() -> Path:
    forced = home_from_environment()
    return forced or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    home = home_from_environment()
    if home:
        return home / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = home_from_environment()
    if home:
        return home / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    env = os.environ.get(ENV_CONFIG_DIR)
    return Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    """The JSON file with the person's choices (`settings.Settings`)."""
    return config_dir() / SETTINGS_FILE_NAME


def key_file_path() -> Path:
    """The 0600 file that holds the API key when the person chose a file over the keyring."""
    return config_dir() / KEY_FILE_NAME


def resources_dir() -> Path:
    """The `resources/` folder, in a source tree or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample_image_path() -> Path:
    return resources_dir() / "sample.png"
