"""`python -m xpaint_desktop` runs the same entry point as the `xpaint-desktop` script."""

from __future__ import annotations

import sys

from xpaint_desktop.cli import main

sys.exit(main())
