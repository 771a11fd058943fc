"""Writing a file so that a reader never sees half of it, and nothing is left behind on error.

The content goes to a temporary name in the target's own folder (`.name.<random>.tmp`, so a
crash leaves a stray that is never mistaken for the file itself), then is renamed over the
target in one step. If writing fails, the temporary file is removed and the old target stays as
it was. With `durable=True` the data and the rename are flushed to the disk before returning, for
files that must survive a power cut (the library's records).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".tmp"


def temporary_name(path: Path) -> Path:
    """A fresh temporary name next to `path`, hidden, ending in `.tmp`."""
    return path.with_name(f".{path.name}.{os.urandom(4).hex()}{TMP_SUFFIX}")


def fsync_dir(path: Path) -> None:
    """Flushes a folder's entries (a rename) to the disk, where the platform allows it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; its renames are durable enough
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(
    path: Path, write: Callable[[BinaryIO], None], *, durable: bool = False, mode: int = 0o666
) -> None:
    """Calls `write` with a binary file whose content becomes `path` only when it returns.

    `mode` is the new file's permission (before the umask); 0o600 keeps a secret private.
    """
    tmp = temporary_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        with os.fdopen(fd, "wb") as f:
            write(f)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)


def write_bytes_atomic(
    path: Path, data: bytes, *, durable: bool = False, mode: int = 0o666
) -> None:
    """`data` becomes the content of `path` in one step."""

    def write(f: BinaryIO) -> None:
        f.write(data)

    write_atomic(path, write, durable=durable, mode=mode)


def write_text_atomic(path: Path, text: str, *, durable: bool = False, mode: int = 0o666) -> None:
    """`text`, UTF-8 encoded, becomes the content of `path` in one step."""
    write_bytes_atomic(path, text.encode("utf-8"), durable=durable, mode=mode)
