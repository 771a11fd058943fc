"""The command line, and the entry point that starts the window.

`xpaint-desktop` with no command opens the editor; on a machine with no display it says so and
runs the sample job headless instead. `inpaint`, `history` and `resume` drive the same core as
the window (library, runner, engines), so the two never disagree. Each command lives in its own
module (`inpaint`, `history`, `resume`, `library`), imported when it runs; `parser` holds the
arguments and `common` what the commands share.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from xpaint_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNFINISHED,
    write_json,
)
from xpaint_desktop.cli.parser import COMMANDS
from xpaint_desktop.errors import ConfigError, InputError, XPaintError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_UNFINISHED",
    "gui_main",
    "has_display",
    "main",
]

log = logging.getLogger(__name__)


def has_display() -> bool:
    """Whether a window can be shown (Linux needs an X11 or Wayland display)."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    if os.environ.get("WAYLAND_DISPLAY"):
        return True
    display = os.environ.get("DISPLAY", "")
    if not display:
        return False
    if display.startswith(":"):
        number = display[1:].split(".")[0]
        return Path(f"/tmp/.X11-unix/X{number}").exists()
    return True


def run_sample_headless(out: TextIO, err: TextIO) -> int:
    """The sample job with the offline engine, for machines without a display; the picture
    it makes is written beside the library (`sample-result.png`)."""
    from xpaint_desktop.cli.inpaint import cmd_inpaint
    from xpaint_desktop.cli.parser import build_parser
    from xpaint_desktop.paths import resources_dir, sample_image_path
    from xpaint_desktop.settings import load_settings

    err.write("No display found: running the sample job headless with the offline engine.\n")
    args = build_parser(["inpaint"]).parse_args(
        [
            "inpaint",
            str(sample_image_path()),
            str(resources_dir() / "sample-mask.png"),
            "-p",
            "a latte with a cat drawn in the foam",
            "--engine",
            "local",
            "-o",
            str(load_settings().library_path() / "sample-result.png"),
        ]
    )
    status = cmd_inpaint(args, out, err)
    return status


# -- entry points ------------------------------------------------------------------------
def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    words = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in words
    try:
        return _run(words, out, err)
    except BrokenPipeError:
        _quiet_closed_stdout(out)
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        message = "interrupted; unfinished jobs continue with `resume`"
        _say_error(out, err, as_json, "Interrupted", message, prefix="\n")
        return EXIT_UNFINISHED
    except XPaintError as e:
        from xpaint_desktop.library.opening import LibraryPathError

        bad_input = isinstance(e, InputError | ConfigError | LibraryPathError)
        _say_error(out, err, as_json, e.code, e.message)
        return EXIT_BAD_INPUT if bad_input else EXIT_FAILED
    except Exception as e:
        if not _is_damaged_index(e):
            raise
        from xpaint_desktop.library.opening import REBUILD_HINT

        message = f"the library's index is damaged ({e}). {REBUILD_HINT}."
        _say_error(out, err, as_json, "IndexDamaged", message)
        return EXIT_FAILED


def _is_damaged_index(error: Exception) -> bool:
    """An SQLite database error (sqlite3 is loaded only by what reads the library)."""
    sqlite3 = sys.modules.get("sqlite3")
    return sqlite3 is not None and isinstance(error, sqlite3.DatabaseError)


def _say_error(
    out: TextIO, err: TextIO, as_json: bool, code: str, message: str, prefix: str = ""
) -> None:
    try:
        err.write(f"{prefix}error: {message}\n")
        if as_json:
            write_json(out, code, message)
    except BrokenPipeError:
        _quiet_closed_stdout(out)


def _quiet_closed_stdout(out: TextIO) -> None:
    """The reader went away (`| head -1`): say nothing more, and let exit not complain."""
    if out is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


def _run(words: list[str], out: TextIO, err: TextIO) -> int:
    # `xpaint-desktop photo.jpg` opens the photo in the editor
    open_path = None
    if words and not words[0].startswith("-") and words[0] not in COMMANDS:
        open_path = words.pop(0)
    from xpaint_desktop.cli.parser import build_parser

    # the arguments of the command named (all of them for --help; none to open the window)
    if words and words[0] in COMMANDS:
        commands: tuple[str, ...] = (words[0],)
    else:
        commands = COMMANDS if {"-h", "--help"} & set(words) else ()
    try:
        args = build_parser(commands).parse_args(words)
    except SystemExit as e:  # --help and --version
        return int(e.code or 0)
    from xpaint_desktop.crash import install_crash_handler
    from xpaint_desktop.logs import setup_logging

    setup_logging()
    install_crash_handler(err)
    started = time.monotonic()
    try:
        if args.command == "inpaint":
            from xpaint_desktop.cli.inpaint import cmd_inpaint

            return cmd_inpaint(args, out, err)
        if args.command == "history":
            from xpaint_desktop.cli.history import cmd_history

            return cmd_history(args, out)
        if args.command == "resume":
            from xpaint_desktop.cli.resume import cmd_resume

            return cmd_resume(args, out, err)
        if args.command == "library":
            from xpaint_desktop.cli.library import cmd_library

            return cmd_library(args, out)
        from xpaint_desktop.ui.crash import install_crash_dialog, route_qt_messages

        route_qt_messages()  # only the window's paths below use Qt
        install_crash_dialog()
        if args.selftest:
            from xpaint_desktop.ui.staging import run_selftest

            return run_selftest(out)
        if args.screenshot:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from xpaint_desktop.ui.staging import take_screenshot

            path = take_screenshot(Path(args.screenshot), lang=args.lang)
            out.write(f"{path}\n")
            return EXIT_OK
        if args.headless or not has_display():
            return run_sample_headless(out, err)
        from xpaint_desktop.ui.app import run_gui

        return run_gui(sys.argv[:1] + ([open_path] if open_path else []), lang=args.lang)
    finally:
        log.debug("command took %.2f s", time.monotonic() - started)


def gui_main() -> int:
    return main()
