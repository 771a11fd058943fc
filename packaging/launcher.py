"""Entry script of the bundled program: the same `main()` as `python -m xpaint_desktop`.

PyInstaller needs a script, not a module path; keeping it this small means the bundle and the
source tree run exactly the same code.
"""

from __future__ import annotations

import sys

from xpaint_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
