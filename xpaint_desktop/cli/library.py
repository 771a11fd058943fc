"""`xpaint-desktop library check|rebuild`: the index measured against the job folders, and made
again from them when it is missing, empty or damaged."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from xpaint_desktop.cli.common import EXIT_FAILED, EXIT_OK

EXIT_PROBLEMS = EXIT_FAILED


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    lp = sub.add_parser("library", help="check the library, or rebuild its index")
    lsub = lp.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    cp = lsub.add_parser("check", help="compare the index with the job folders (reads only)")
    cp.add_argument("--json", action="store_true", help="print one JSON object")
    rp = lsub.add_parser(
        "rebuild", help="make a new index from the job folders, keeping the old one beside it"
    )
    rp.add_argument("--json", action="store_true", help="print one JSON object")


def library_root() -> Path:
    from xpaint_desktop.settings import load_settings

    return load_settings().library_path()


def cmd_library(args: argparse.Namespace, out: TextIO) -> int:
    from xpaint_desktop.library import rebuild as maintenance
    from xpaint_desktop.library.opening import ensure_folder

    root = library_root()
    ensure_folder(root)
    if args.library_command == "check":
        report = maintenance.check(root)
        status = EXIT_OK if report.healthy else EXIT_PROBLEMS
        message = "healthy" if report.healthy else "problems found; see `library rebuild`"
        if args.json:
            doc = {"code": "ok" if report.healthy else "ProblemsFound", "message": message}
            out.write(json.dumps(doc | report.to_json(), ensure_ascii=False) + "\n")
        else:
            out.write("\n".join(report.lines()) + "\n")
        return status
    done = maintenance.rebuild(root)
    if args.json:
        doc = {"code": "ok", "message": done.lines()[0]}
        out.write(json.dumps(doc | done.to_json(), ensure_ascii=False) + "\n")
    else:
        out.write("\n".join(done.lines()) + "\n")
    return EXIT_OK
