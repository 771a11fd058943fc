"""The command line's arguments: the options, `inpaint`, `history`, `resume` and `library`.

`build_parser(commands)` adds only the named commands' arguments: starting the window parses
the options alone, `inpaint ...` adds `inpaint`'s, and `--help` lists every command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from xpaint_desktop import APP_NAME, __version__
from xpaint_desktop.cli.common import DEFAULT_TOLERANCE, UsageError


class _Parser(argparse.ArgumentParser):
    """Raises `UsageError` instead of exiting, so `--json` can report it like any outcome."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


if TYPE_CHECKING:
    _Commands = argparse._SubParsersAction[Any]

COMMANDS = ("inpaint", "history", "resume", "library")


def build_parser(commands: Iterable[str] = COMMANDS) -> argparse.ArgumentParser:
    """The options and the arguments of `commands` (all of them unless told)."""
    from xpaint_desktop.cli.library import add_parser as add_library_parser

    p = _Parser(
        prog=APP_NAME,
        usage=f"{APP_NAME} [IMAGE] [options] | {APP_NAME} COMMAND ...",
        description="Paint over part of a photo, say what should be there, get it back.",
    )
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument(
        "--screenshot", metavar="OUT.png", help="save a screenshot of the window and exit"
    )
    p.add_argument(
        "--selftest",
        action="store_true",
        help="open the window offscreen and run one offline job, then exit",
    )
    p.add_argument(
        "--headless",
        action="store_true",
        help="run the sample job without a window and print where the result is",
    )
    p.add_argument("--lang", help="user interface language, e.g. zh_CN or en")
    p.set_defaults(command=None)
    wanted = [c for c in COMMANDS if c in set(commands)]
    if wanted:
        sub = p.add_subparsers(dest="command", metavar="COMMAND")
        adders: dict[str, Callable[[_Commands], None]] = {
            "inpaint": _add_inpaint,
            "history": _add_history,
            "resume": _add_resume,
            "library": add_library_parser,
        }
        for command in wanted:
            adders[command](sub)
    return p


def _add_inpaint(sub: _Commands) -> None:
    from xpaint_desktop.imaging.limits import (
        DEFAULT_MODEL,
        FEATHER_MAX_PX,
        FEATHER_MIN_PX,
        IMAGEEDIT,
        MODELS,
        X_PAINTING,
    )

    sizes = ", ".join(("auto", *X_PAINTING.sizes))
    styles = ", ".join(s.slug for s in X_PAINTING.styles)
    ip = sub.add_parser("inpaint", help="repaint the masked part of an image")
    ip.add_argument("image", help="the photo: a local file or an http(s) URL")
    ip.add_argument(
        "mask",
        nargs="?",
        help="the mask (white = repaint): a local file or an http(s) URL; or select the area "
        "with --select-box or --select-color instead",
    )
    ip.add_argument("-p", "--prompt", required=True, help="what should be in the painted area")
    ip.add_argument(
        "--model",
        choices=tuple(MODELS),
        default=DEFAULT_MODEL,
        help=f"{X_PAINTING.model}: free trial ({X_PAINTING.free_quota_images} images per "
        f"account, prompt up to {X_PAINTING.prompt_max_chars} characters); {IMAGEEDIT.model}: "
        f"its paid successor (prompt up to {IMAGEEDIT.prompt_max_chars} characters, seed, "
        f"watermark); default {DEFAULT_MODEL}",
    )
    ip.add_argument(
        "--style", default="auto", help=f"{X_PAINTING.model} only: {styles} (or <anime> etc.)"
    )
    ip.add_argument("--size", default="auto", help=f"{X_PAINTING.model} only: {sizes}")
    ip.add_argument("-n", type=int, default=1, help="number of images, 1-4")
    low, high = IMAGEEDIT.seed_range or (0, 0)
    ip.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help=f"{IMAGEEDIT.model} only: the same seed ({low}-{high}) repeats a result",
    )
    ip.add_argument(
        "--watermark",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"{IMAGEEDIT.model} only: mark the result as AI-generated (default: off)",
    )
    ip.add_argument(
        "--mask-color",
        action="append",
        default=[],
        metavar="R,G,B",
        help="colour in the mask that marks the area to repaint (repeatable)",
    )
    ip.add_argument(
        "--select-box",
        metavar="X,Y,W,H",
        help="instead of a mask: repaint the object inside this box (left,top,width,height)",
    )
    ip.add_argument(
        "--select-color",
        action="append",
        default=[],
        metavar="R,G,B",
        help="instead of a mask: repaint the pixels of this colour (repeatable)",
    )
    ip.add_argument(
        "--tolerance",
        type=int,
        default=None,
        metavar="T",
        help=f"for --select-color: how far (0-255 in every channel) a colour may be from it; "
        f"default {DEFAULT_TOLERANCE}",
    )
    ip.add_argument(
        "--engine",
        choices=("cloud", "local"),
        help="cloud (DashScope) or local (offline); default: cloud with a key",
    )
    ip.add_argument(
        "--context",
        choices=("auto", "full"),
        default="auto",
        help="auto: send a region around the mask; full: the whole image",
    )
    ip.add_argument(
        "--feather",
        type=int,
        default=None,
        help=f"blend width in px ({FEATHER_MIN_PX}-{FEATHER_MAX_PX})",
    )
    ip.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the result put back into the photo to FILE (PNG, or JPEG by its suffix; "
        "with -n above 1: FILE, FILE-2, ...); the library keeps the result either way",
    )
    ip.add_argument("--json", action="store_true", help="print one JSON object")


def _add_history(sub: _Commands) -> None:
    from xpaint_desktop.imaging.limits import MODELS

    hp = sub.add_parser("history", help="list past jobs")
    hp.add_argument("--search", help="text to find in prompts and notes")
    hp.add_argument("--model", choices=tuple(MODELS), help="only this model's jobs")
    hp.add_argument("--limit", type=int, default=50)
    hp.add_argument("--json", action="store_true")


def _add_resume(sub: _Commands) -> None:
    rp = sub.add_parser(
        "resume",
        help="finish every unfinished job (exit 0 when all are finished, 3 when some wait)",
    )
    rp.add_argument(
        "--adopt",
        metavar="TASK_ID",
        help="the task (named by a job waiting for a choice) that is that job's task",
    )
    rp.add_argument(
        "--send-again",
        metavar="JOB_ID",
        type=int,
        help="send a job waiting for a choice again: none of the listed tasks is its own",
    )
    rp.add_argument("--json", action="store_true")
