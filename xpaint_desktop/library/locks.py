"""Locks that coordinate several processes on one library.

Advisory file locks (`flock` on POSIX, `LockFileEx`-style byte locks through `msvcrt` on
Windows) are released by the operating system when their process dies, so a lock never outlives
a crash and nothing has to guess whether its holder is still alive:

- every open `Library` holds the library lock *shared*; clean-up and `library rebuild` take it
  *exclusive* without waiting, so they only run when no other process has the library open;
- a job is run by the process that holds its claim (`JobClaim`), so two processes resuming the
  same library never run one job twice.

Locks are per open file, so two threads of one process that claim the same job also exclude each
other. Windows has no shared lock: there the library lock is never taken exclusively (clean-up
is skipped, rebuild warns), claims work the same.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

LIBRARY_LOCK = ".library.lock"
CLAIMS_DIR = ".claims"

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int, exclusive: bool) -> bool:
        if not exclusive:
            return True
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

    SHARED_LOCKS = False
else:
    import fcntl

    def _try_lock(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    SHARED_LOCKS = True


def _open_lock_file(path: Path, *, create: bool) -> int | None:
    flags = os.O_RDWR | (os.O_CREAT if create else 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(path, flags, 0o644)
    except OSError:
        try:  # a read-only library: a lock file that exists can still be locked shared
            return os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None


class FileLock:
    """One advisory lock on one file.

    There is no in-place change between shared and exclusive (`flock` may drop the old lock
    before failing to take the new one): release, then acquire again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.exclusive = False
        self.unavailable = False  # the lock file could not be opened (not: someone holds it)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, exclusive: bool, wait_s: float = 0.0, create: bool = True) -> bool:
        """Take the lock, retrying for up to `wait_s` seconds; False if it stays taken."""
        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already locked by this object")
        fd = _open_lock_file(self.path, create=create)
        self.unavailable = fd is None
        if fd is None:
            log.warning("cannot open the lock file %s; going on without it", self.path)
            return False
        deadline = time.monotonic() + wait_s
        while not _try_lock(fd, exclusive):
            if time.monotonic() >= deadline:
                os.close(fd)
                return False
            time.sleep(0.05)
        self._fd, self.exclusive = fd, exclusive
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _unlock(fd)
        os.close(fd)
        self.exclusive = False


class JobClaim:
    """The right to run one job in this process; release it when the job stops running."""

    def __init__(self, job_id: int, lock: FileLock) -> None:
        self.job_id = job_id
        self._lock = lock

    @property
    def held(self) -> bool:
        return self._lock.held

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> JobClaim:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def claim_job(root: Path, job_id: int) -> JobClaim | None:
    """The claim on `job_id` if no other process or thread holds it, else None."""
    folder = root / CLAIMS_DIR
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        log.warning("cannot claim job %d in %s: %s", job_id, root, exc)
        return None
    lock = FileLock(folder / f"job-{job_id}.lock")
    if not lock.acquire(exclusive=True):
        return None
    return JobClaim(job_id, lock)
