"""`xpaint-desktop history`: past jobs, newest first, as lines or JSON."""

from __future__ import annotations

import argparse
from typing import TextIO

from xpaint_desktop.cli.common import EXIT_OK, open_library, result_json, write_json


def cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    _, library = open_library()
    models = None if args.model is None else [args.model]
    with library:
        jobs = library.list_jobs(search=args.search or None, models=models, limit=args.limit)
    if args.json:
        write_json(out, "ok", f"{len(jobs)} job(s)", jobs=[result_json(j) for j in jobs])
        return EXIT_OK
    if not jobs:
        out.write("no jobs yet\n" if not args.search else f"no job matches {args.search!r}\n")
    for j in jobs:
        when = j.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        ok = sum(1 for r in j.results if r.path)
        out.write(
            f"{j.id:>5}  {when}  {j.status.value:<11} {ok}/{len(j.results) or j.spec.n}  "
            f"{j.spec.engine!s:<5}  {j.spec.model:<17}  {j.spec.prompt}\n"
        )
    return EXIT_OK
