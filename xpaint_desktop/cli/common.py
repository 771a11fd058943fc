"""What the commands share: exit statuses, the progress line, a job as text or JSON, the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from xpaint_desktop.errors import InputError

if TYPE_CHECKING:  # type names only: the command line imports the core when it runs
    from xpaint_desktop.jobs.runner import JobEvent
    from xpaint_desktop.library.models import JobRecord
    from xpaint_desktop.library.store import Library
    from xpaint_desktop.settings import Settings

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_UNFINISHED = 3
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process stopped by SIGPIPE
DEFAULT_TOLERANCE = 24


class UsageError(InputError):
    """The command line itself is wrong (unknown option, missing argument)."""

    code = "UsageError"


class Progress:
    """One progress line on stderr: rewritten in place on a terminal, a line per stage otherwise."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._last = ""

    def __call__(self, event: JobEvent) -> None:
        text = f"job {event.job_id}: {event.status.value} ({event.elapsed_s:.1f} s) {event.message}"
        if self.tty:
            self.stream.write("\r\033[K" + text)
            if event.status.is_finished:
                self.stream.write("\n")
        elif text != self._last:
            self.stream.write(text + "\n")
        self._last = text
        self.stream.flush()


def result_json(job: JobRecord, written: dict[int, Path] | None = None) -> dict[str, Any]:
    results = []
    for r in job.results:
        if r.path:
            composite = (written or {}).get(r.index, r.composite_path)
            results.append(
                {
                    "index": r.index,
                    "path": str(r.path),
                    "composite": str(composite) if composite else None,
                }
            )
        else:
            results.append({"index": r.index, "code": r.code, "message": r.message})
    return {
        "job_id": job.id,
        "task_id": job.task_id,
        "status": job.status.value,
        "engine": str(job.spec.engine),
        "model": job.spec.model,
        "seed": job.spec.seed,
        "prompt": job.spec.prompt,
        "results": results,
        "usage": {"image_count": job.image_count} if job.image_count is not None else None,
        "error": {"code": job.error_code, "message": job.error_message} if job.error_code else None,
    }


def exit_status(job: JobRecord) -> int:
    if any(r.path for r in job.results):
        return EXIT_OK
    if not job.status.is_finished:  # running, or interrupted: `resume` decides
        return EXIT_UNFINISHED
    return EXIT_FAILED


def write_json(out: TextIO, code: str, message: str, **more: Any) -> None:
    """One JSON object on one line: every outcome of a `--json` command has this shape."""
    out.write(json.dumps({"code": code, "message": message, **more}, ensure_ascii=False) + "\n")


def print_job(job: JobRecord, out: TextIO, written: dict[int, Path] | None = None) -> None:
    out.write(f"job {job.id}: {job.status.value}")
    if job.task_id:
        out.write(f" (task {job.task_id})")
    out.write("\n")
    for r in job.results:
        if r.path:
            shown = (written or {}).get(r.index) or r.composite_path or r.path
            out.write(f"  result {r.index}: {shown}\n")
        else:
            out.write(f"  result {r.index} failed: {r.code}: {r.message}\n")
    if job.error_message:
        out.write(f"  {job.error_code}: {job.error_message}\n")


def open_library() -> tuple[Settings, Library]:
    from xpaint_desktop.library.store import Library
    from xpaint_desktop.settings import load_settings

    settings = load_settings()
    return settings, Library(settings.library_path())
