"""Guards against the PySide6 build that leaks references to None.

PySide6 6.12.0 on Python 3.11 drops a reference to `None` on every Qt call that returns
nothing; after a million or so calls the count reaches zero and the interpreter aborts with
`Fatal Python error: none_dealloc`. pyproject.toml pins a good version; this test fails if
an installed PySide6 has the bug, long before a person's session would crash.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QPoint

CALLS = 20_000


def _none_refs() -> int:
    return sys.getrefcount(None)


def test_qt_calls_returning_nothing_keep_none_refcount() -> None:
    point = QPoint(0, 0)
    obj = QObject()
    before = _none_refs()
    for i in range(CALLS):
        point.setX(i)  # a Qt call that returns nothing
        obj.setObjectName("x")
    after = _none_refs()
    # Python >= 3.12 makes None immortal (the count is constant); on 3.11 the count may move
    # by a few references from unrelated work, but never by one per call.
    assert abs(after - before) < CALLS // 10, (
        f"None's reference count moved by {after - before} over {CALLS} Qt calls: this "
        "PySide6 build corrupts None's reference count; install the version pinned in "
        "pyproject.toml"
    )
