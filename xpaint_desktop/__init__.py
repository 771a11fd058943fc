"""xpaint-desktop: paint over part of a photo, say what should be there, get it back."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "xpaint-desktop"
