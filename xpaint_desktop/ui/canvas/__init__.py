"""The mask canvas: the photo, the mask over it, the tools that paint it, undo."""
