"""The Preferences dialog and its sections."""
