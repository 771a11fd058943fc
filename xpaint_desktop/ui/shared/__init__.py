"""What the window's packages share: background work, image files, names, helpers."""
