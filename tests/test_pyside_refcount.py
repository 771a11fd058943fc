"""Guards against the PySide6 build that leaks references to None.

PySide6 6.12.0 on Python 3.11 drops a reference to `None` on every Qt call that returns
nothing; after enough calls the count reaches zero and the interpreter aborts with
`Fatal Python error: none_dealloc`. pyproject.toml pins a good version; this test fails if
an installed PySide6 has the bug, long before a person's session would crash. The probe runs
in a child process, since a bad build aborts the interpreter that runs it.
"""

from __future__ import annotations

import subprocess
import sys

CALLS = 2_000

PROBE = f"""
import sys
from PySide6.QtCore import QObject, QPoint
point, obj = QPoint(0, 0), QObject()
before = sys.getrefcount(None)
for i in range({CALLS}):
    point.setX(i)  # Qt calls that return nothing
    obj.setObjectName("x")
print(before, sys.getrefcount(None))
"""


def test_qt_calls_returning_nothing_keep_none_refcount() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, (
        "PySide6 aborted the interpreter during Qt calls (none_dealloc?): install the version "
        f"pinned in pyproject.toml.\n{proc.stderr[-2000:]}"
    )
    before, after = (int(x) for x in proc.stdout.split())
    # Python >= 3.12 makes None immortal (the count is constant); on 3.11 the count may move
    # by a few references from unrelated work, but never by one per call.
    assert abs(after - before) < CALLS // 10, (
        f"None's reference count moved by {after - before} over {2 * CALLS} Qt calls: this "
        "PySide6 build corrupts it; install the version pinned in pyproject.toml"
    )
