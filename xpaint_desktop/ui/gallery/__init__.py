"""The history gallery: every job of the library, searched, filtered, acted on."""
