"""Log files a person can send us, without their API key in them.

Records go to a rotating file in `paths.log_dir()` (the platformdirs log folder, or
`$XPAINT_HOME/logs`), so a crash report survives the crash, and warnings also go to stderr.
Every handler we install carries `RedactingFilter`: whatever a record holds (an httpx URL or
header dump, an exception text, a traceback), the API key is replaced before it is written. The
filter knows the key three ways: values registered with `register_secret()` (the place that reads
the key from its store calls it), the `DASHSCOPE_API_KEY` environment variable, and the shapes
the key takes on the wire (`Bearer ...`, `sk-...`, `api_key=...`).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from xpaint_desktop import APP_NAME
from xpaint_desktop.paths import log_dir

ENV_API_KEY = "DASHSCOPE_API_KEY"  # its value is redacted wherever it shows up
LOG_FILE_NAME = f"{APP_NAME}.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
MASK = "***"
FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"

# The shapes a key takes in text: an Authorization header value, a DashScope key, a parameter.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)(bearer\s+)[^\s'\",;]+"), rf"\g<1>{MASK}"),
    (re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}"), f"sk-{MASK}"),
    (
        re.compile(
            r"(?i)((?:api[_-]?key|x-api-key|access[_-]?token)[\"']?\s*[:=]\s*[\"']?)"
            r"[^\s\"'&,;}]+"
        ),
        rf"\g<1>{MASK}",
    ),
)
_MIN_SECRET_LEN = 4  # shorter values would blank out ordinary words

_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Makes `value` (the API key as read from its store) disappear from every log record."""
    if value and len(value.strip()) >= _MIN_SECRET_LEN:
        with _secrets_lock:
            _secrets.add(value.strip())


def forget_secrets() -> None:
    """Drops the registered values (after the key was cleared)."""
    with _secrets_lock:
        _secrets.clear()


def _known_secrets() -> list[str]:
    with _secrets_lock:
        known = set(_secrets)
    env = os.environ.get(ENV_API_KEY, "").strip()
    if len(env) >= _MIN_SECRET_LEN:
        known.add(env)
    return sorted(known, key=len, reverse=True)  # longest first: a key containing another


def redact(text: str) -> str:
    """`text` with every known key and key-shaped string replaced by `***`."""
    for secret in _known_secrets():
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, exception text and stack in place, then lets it through.

    It sits on handlers, not loggers, because a logger's filters do not see records that
    propagate up from child loggers; a handler's filter sees everything it would write.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


CRASH_REPORT = "crash_report"  # `extra={CRASH_REPORT: True}`: the traceback goes to the file only


class _NoCrashTraceback(logging.Filter):
    """Keeps tracebacks of crash reports off stderr; the crash handler prints one line there."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, CRASH_REPORT, False)


class _OurHandler:
    """Marks the handlers `setup_logging` installed, so calling it again replaces them."""


class _FileHandler(RotatingFileHandler, _OurHandler):
    """Never writes through a symlink planted where the log file should be."""

    def _open(self) -> Any:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


class _ConsoleHandler(logging.StreamHandler, _OurHandler):  # type: ignore[type-arg]
    pass


def _writable_log_dir() -> Path | None:
    """The per-user log folder, made private to the person; None if it cannot be made.

    There is no fallback to a shared folder such as /tmp: whoever made it first would own it.
    """
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        sys.stderr.write(f"warning: no log file: cannot create {folder} ({exc.strerror})\n")
        return None
    return folder


def _has_stderr_handler(root: logging.Logger) -> bool:
    """Whether something (e.g. `logging.basicConfig`) already writes records to stderr."""
    return any(
        isinstance(h, logging.StreamHandler)
        and not isinstance(h, logging.FileHandler)
        and getattr(h, "stream", None) in (sys.stderr, sys.__stderr__)
        for h in root.handlers
    )


def setup_logging(verbose: bool = False) -> Path:
    """Installs the rotating log file and the stderr handler; returns the log file's path.

    The file gets INFO and above (DEBUG when `verbose`), stderr gets WARNING and above (DEBUG
    when `verbose`). Calling it again replaces our handlers; handlers others installed on the
    root logger (e.g. by `logging.basicConfig`) are kept but get the redacting filter too.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(handler)
        handler.close()
    folder = _writable_log_dir()
    path = (folder or log_dir()) / LOG_FILE_NAME
    formatter = logging.Formatter(FORMAT)
    if path.is_symlink():
        sys.stderr.write(f"warning: no log file: {path} is a symbolic link, not followed\n")
        folder = None
    if folder is not None:
        file_handler = _FileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
        )
        file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)
    if not _has_stderr_handler(root):
        console = _ConsoleHandler()
        console.setLevel(logging.DEBUG if verbose else logging.WARNING)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        if not verbose:
            console.addFilter(_NoCrashTraceback())
        root.addHandler(console)
    for installed in root.handlers:
        if not any(isinstance(f, RedactingFilter) for f in installed.filters):
            installed.addFilter(RedactingFilter())
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.captureWarnings(True)
    return path


def current_log_file() -> Path:
    """The log file `setup_logging` writes to (whether or not it has been called)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _FileHandler):
            return Path(handler.baseFilename)
    return log_dir() / LOG_FILE_NAME
