"""The command line, and the entry point that starts the window.

`xpaint-desktop` with no command opens the editor; on a machine with no display it says so and
runs the sample job headless instead. `inpaint`, `history` and `resume` drive the same core as
the window (library, runner, engines), so the two never disagree.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from xpaint_desktop import APP_NAME, __version__
from xpaint_desktop.errors import ConfigError, InputError, NetworkError, XPaintError

if TYPE_CHECKING:  # type names only: the command line imports the core when it runs
    from PIL import Image

    from xpaint_desktop.jobs.runner import JobEvent, JobRunner
    from xpaint_desktop.library.models import JobRecord
    from xpaint_desktop.library.store import Library
    from xpaint_desktop.settings import Settings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_UNFINISHED = 3
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process stopped by SIGPIPE
COMMANDS = ("inpaint", "history", "resume", "library")
DEFAULT_TOLERANCE = 24


class UsageError(InputError):
    """The command line itself is wrong (unknown option, missing argument)."""

    code = "UsageError"


class _Parser(argparse.ArgumentParser):
    """Raises `UsageError` instead of exiting, so `--json` can report it like any outcome."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


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


# -- argument parsing --------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    from xpaint_desktop.cli_library import add_parser as add_library_parser
    from xpaint_desktop.imaging.limits import (
        DEFAULT_MODEL,
        FEATHER_MAX_PX,
        FEATHER_MIN_PX,
        IMAGEEDIT,
        MODELS,
        X_PAINTING,
    )

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
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

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

    hp = sub.add_parser("history", help="list past jobs")
    hp.add_argument("--search", help="text to find in prompts and notes")
    hp.add_argument("--model", choices=tuple(MODELS), help="only this model's jobs")
    hp.add_argument("--limit", type=int, default=50)
    hp.add_argument("--json", action="store_true")

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
    add_library_parser(sub)
    return p


# -- helpers -----------------------------------------------------------------------------
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


def _fetch_input(source: str, role: str, workdir: Path) -> tuple[Path, str]:
    """A local path as it is; an http(s) URL downloaded into `workdir`."""
    if not source.lower().startswith(("http://", "https://")):
        return Path(source), Path(source).name
    import httpx

    name = Path(source.split("?", 1)[0]).name or role
    dest = workdir / f"{role}-{name}"
    try:
        with httpx.stream("GET", source, follow_redirects=True, timeout=30.0) as r:
            if r.status_code != 200:
                raise InputError(f"{role} {source}: the server answered HTTP {r.status_code}.")
            with dest.open("wb") as f:
                for chunk in r.iter_bytes():
                    f.write(chunk)
    except httpx.HTTPError as e:
        raise InputError(f"{role} {source}: could not download it ({type(e).__name__}).") from e
    return dest, source


def check_base_url(url: str) -> None:
    """Refuse at once a service address that no retry can make work (no http(s)://, no host)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"The service address {url!r} is not an http:// or https:// URL; fix "
            "DASHSCOPE_HTTP_BASE_URL or the endpoint in Preferences (for example "
            "https://dashscope.aliyuncs.com/api/v1)."
        )


def _result_json(job: JobRecord, written: dict[int, Path] | None = None) -> dict[str, Any]:
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


def _exit_status(job: JobRecord) -> int:
    if any(r.path for r in job.results):
        return EXIT_OK
    if not job.status.is_finished:  # running, or interrupted: `resume` decides
        return EXIT_UNFINISHED
    return EXIT_FAILED


def _write_json(out: TextIO, code: str, message: str, **more: Any) -> None:
    """One JSON object on one line: every outcome of a `--json` command has this shape."""
    out.write(json.dumps({"code": code, "message": message, **more}, ensure_ascii=False) + "\n")


def _print_job(job: JobRecord, out: TextIO, written: dict[int, Path] | None = None) -> None:
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


def _open_library() -> tuple[Settings, Library]:
    from xpaint_desktop.library.store import Library
    from xpaint_desktop.settings import load_settings

    settings = load_settings()
    return settings, Library(settings.library_path())


# -- commands ----------------------------------------------------------------------------
def cmd_inpaint(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    check_mask_source(args)
    settings, library = _open_library()
    with library:
        return _inpaint(args, out, err, settings, library)


def _inpaint(
    args: argparse.Namespace, out: TextIO, err: TextIO, settings: Settings, library: Library
) -> int:
    from xpaint_desktop.engines.cloud import endpoint_region
    from xpaint_desktop.imaging.limits import limits_for
    from xpaint_desktop.imaging.loading import load_image, load_mask
    from xpaint_desktop.imaging.validation import (
        check_prompt,
        check_region,
        parse_mask_color,
        validate_spec,
    )
    from xpaint_desktop.jobs.runner import JobRunner
    from xpaint_desktop.keys import ApiKeyStore
    from xpaint_desktop.spec import ContextMode, EngineKind, JobSpec

    key_store = ApiKeyStore(settings)
    has_key = key_store.get() is not None
    if args.engine:
        engine = EngineKind(args.engine)
    elif has_key:
        engine = EngineKind.CLOUD
    else:
        engine = EngineKind.LOCAL
        err.write(
            "No DashScope API key (keyring or DASHSCOPE_API_KEY): using the offline engine, "
            "which ignores the prompt.\n"
        )
    if engine == EngineKind.CLOUD and not has_key:
        raise InputError(
            "--engine cloud needs a DashScope API key: set DASHSCOPE_API_KEY or "
            "store one in Preferences."
        )
    colours = tuple(parse_mask_color(c) for c in args.mask_color)
    spec = JobSpec(
        prompt=args.prompt,
        style=args.style,
        size=args.size,
        n=args.n,
        seed=args.seed,
        watermark=args.watermark,
        mask_color=colours,
        engine=engine,
        context=ContextMode(args.context),
        feather=settings.feather if args.feather is None else args.feather,
        model=args.model,
    )
    limits = limits_for(spec.model)
    spec = validate_spec(spec, limits)
    if engine == EngineKind.CLOUD:
        try:
            check_region(limits, endpoint_region(settings))
        except XPaintError as e:
            raise InputError(e.message, code=e.code) from e
        if limits.price is not None:
            price = limits.price
            err.write(
                f"{limits.model} is paid per image: {spec.n} x {price.per_image:g} "
                f"{price.currency} = {price.cost(spec.n):g} {price.currency} (price read "
                f"{price.read_on.isoformat()})\n"
            )
    check = check_prompt(spec.prompt, limits)
    if check.cut and engine == EngineKind.CLOUD:
        err.write(
            f"warning: the prompt is {len(spec.prompt)} characters; the service keeps the "
            f"first {limits.prompt_max_chars} and drops: {check.cut!r}\n"
        )
    if engine == EngineKind.CLOUD:
        check_base_url(settings.base_url())
    with tempfile.TemporaryDirectory(prefix="xpaint-") as tmp:
        image_path, source_name = _fetch_input(args.image, "image", Path(tmp))
        given = [(image_path, str(args.image))]
        try:
            base = load_image(image_path, role="image")
            photo_bytes = image_path.read_bytes()  # kept as they are, not re-encoded
            notes: list[str] = []
            if args.mask is None:
                mask = _selected_mask(args, base)
            else:
                mask_path, _ = _fetch_input(args.mask, "mask", Path(tmp))
                given.append((mask_path, str(args.mask)))
                mask = load_mask(mask_path, base.size, colours, image_path=image_path, notes=notes)
        except InputError as e:  # name what the person typed, not the temporary download
            for path, typed in given:
                e.message = e.message.replace(str(path), typed).replace(path.name, typed)
            raise
    for note in notes:
        for path, typed in given:
            note = note.replace(str(path), typed)
        err.write(f"note: {note}\n")
    runner = JobRunner(library, settings=settings, key_store=key_store, on_event=Progress(err))
    try:
        job_id = runner.submit(spec, base, mask, source_name, base_bytes=photo_bytes)
        runner.run_next()
    finally:
        runner.close()
    job = library.get_job(job_id)
    written = {}
    if args.output is not None:
        from xpaint_desktop.library.composites import save_composites

        written = save_composites(job, args.output)
    status = _report(job, args.json, out, err, written)
    if status == EXIT_FAILED and job.error_code == NetworkError.code:
        # an unreachable service is a setting to fix, like any other bad input
        err.write(
            f"error: cannot reach the DashScope service at {settings.base_url()} "
            f"({job.error_message}); check DASHSCOPE_HTTP_BASE_URL or the endpoint in "
            "Preferences, and the proxy.\n"
        )
        return EXIT_BAD_INPUT
    return status


def check_mask_source(args: argparse.Namespace) -> None:
    """Exactly one of MASK, --select-box and --select-color says what to repaint."""
    given = [
        name
        for name, value in (
            ("a MASK file", args.mask),
            ("--select-box", args.select_box),
            ("--select-color", args.select_color),
        )
        if value
    ]
    if not given:
        raise InputError(
            "say what to repaint: give a MASK file, --select-box X,Y,W,H or --select-color R,G,B"
        )
    if len(given) > 1:
        raise InputError(f"give only one of {' and '.join(given)}: each one says what to repaint")
    if args.tolerance is not None and not args.select_color:
        raise InputError("--tolerance goes with --select-color")
    if args.mask_color and args.mask is None:
        raise InputError("--mask-color reads the colours of a MASK file; there is none")


def _selected_mask(args: argparse.Namespace, base: Image.Image) -> Image.Image:
    """The mask `--select-box` or `--select-color` selects on the photo; never empty."""
    from xpaint_desktop.imaging.masks import mask_is_empty
    from xpaint_desktop.imaging.selection import SelectBox, mask_from_selection
    from xpaint_desktop.imaging.validation import parse_mask_color

    if args.select_box:
        box = SelectBox.parse(args.select_box)
        mask = mask_from_selection(base, box=box)
        if mask_is_empty(mask):
            raise InputError(
                f"--select-box {args.select_box} found no object in the box: draw the box "
                "around one thing that stands out from what surrounds it"
            )
        return mask
    colours = []
    for text in args.select_color:
        try:
            colours.append(parse_mask_color(text))
        except InputError as e:
            raise InputError(f"--select-color {text!r}: {e.message}") from e
    tolerance = DEFAULT_TOLERANCE if args.tolerance is None else args.tolerance
    mask = mask_from_selection(base, colours=colours, tolerance=tolerance)
    if mask_is_empty(mask):
        names = "; ".join(",".join(str(v) for v in c) for c in colours)
        raise InputError(
            f"no pixel of the image is within {tolerance} of the colour {names}: "
            "check the colour or raise --tolerance"
        )
    return mask


def _report(
    job: JobRecord, as_json: bool, out: TextIO, err: TextIO, written: dict[int, Path] | None = None
) -> int:
    status = _exit_status(job)
    if as_json:
        code = {EXIT_OK: "ok", EXIT_UNFINISHED: "Unfinished"}.get(status, job.error_code)
        message = job.error_message or f"job {job.id}: {job.status.value}"
        doc = {"code": code or "Failed", "message": message} | _result_json(job, written)
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    else:
        _print_job(job, out, written)
    if status == EXIT_UNFINISHED:
        err.write(f"job {job.id} is not finished; `{APP_NAME} resume` continues it.\n")
    return status


def cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    _, library = _open_library()
    models = None if args.model is None else [args.model]
    with library:
        jobs = library.list_jobs(search=args.search or None, models=models, limit=args.limit)
    if args.json:
        _write_json(out, "ok", f"{len(jobs)} job(s)", jobs=[_result_json(j) for j in jobs])
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


def cmd_resume(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from xpaint_desktop.jobs.runner import JobRunner

    settings, library = _open_library()
    with library:
        runner = JobRunner(library, settings=settings, on_event=Progress(err))
        try:
            if args.adopt:
                _adopt(runner, args.adopt.strip())
            if args.send_again is not None:
                _send_again(runner, args.send_again)
            ids = runner.resume_unfinished()
            runner.run_until_idle()
        finally:
            runner.close()
        jobs = library.get_jobs(ids)
    if args.json:
        doc = [{**_result_json(j), "resume": _resume_line(j, runner)} for j in jobs]
        _write_json(out, "ok", f"{len(jobs)} job(s) resumed", jobs=doc)
    else:
        if not jobs:
            out.write("nothing to resume\n")
        for j in jobs:
            out.write(f"job {j.id}: {_resume_line(j, runner)}\n")
    return EXIT_UNFINISHED if any(not j.status.is_finished for j in jobs) else EXIT_OK


def _waiting_jobs(runner: JobRunner) -> list[JobRecord]:
    from xpaint_desktop.library.models import JobStatus

    return [j for j in runner.library.unfinished_jobs() if j.status is JobStatus.AWAITING_CHOICE]


def _adopt(runner: JobRunner, task_id: str) -> None:
    for job in _waiting_jobs(runner):
        if any(c.task_id == task_id for c in runner.candidates(job.id)):
            runner.adopt(job.id, task_id)
            return
    raise InputError(
        f"No job waiting for a choice lists task {task_id}. Run `{APP_NAME} resume` to see "
        "the waiting jobs and their candidate tasks."
    )


def _send_again(runner: JobRunner, job_id: int) -> None:
    if job_id not in {j.id for j in _waiting_jobs(runner)}:
        raise InputError(
            f"Job {job_id} is not waiting for a choice; only such a job can be sent again "
            "from here (others are resumed or run again in the window)."
        )
    runner.send_again(job_id)


def _resume_line(job: JobRecord, runner: JobRunner) -> str:
    """What happened to one job, in one line."""
    from xpaint_desktop.library.models import JobStatus

    how = runner.settled(job.id)
    prefix = f"{how} ({job.task_id}), " if how == "adopted" else f"{how}, " if how else ""
    ok = sum(1 for r in job.results if r.path)
    match job.status:
        case JobStatus.DONE:
            return f"{prefix}finished: {ok} image(s)"
        case JobStatus.PARTIAL:
            missing = len(job.missing_downloads)
            tail = f"; {missing} still to download" if missing else ""
            return f"{prefix}partly finished: {ok} of {len(job.results)} image(s){tail}"
        case JobStatus.AWAITING_CHOICE:
            return (
                f"waiting for a choice: {job.error_message} Then run `{APP_NAME} resume "
                f"--adopt TASK_ID` or `{APP_NAME} resume --send-again {job.id}`."
            )
        case JobStatus.EXPIRED:
            return f"{prefix}expired: {job.error_message}"
        case JobStatus.FAILED:
            return f"{prefix}failed: {job.error_message}"
        case JobStatus.CANCELLED:
            return f"{prefix}cancelled"
    return f"{prefix}not finished ({job.status.value}): {job.error_message or 'try again later'}"


def run_sample_headless(out: TextIO, err: TextIO) -> int:
    """The sample job with the offline engine, for machines without a display; the picture
    it makes is written beside the library (`sample-result.png`)."""
    from xpaint_desktop.paths import resources_dir, sample_image_path
    from xpaint_desktop.settings import load_settings

    err.write("No display found: running the sample job headless with the offline engine.\n")
    args = build_parser().parse_args(
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
    except sqlite3.DatabaseError as e:
        from xpaint_desktop.library.opening import REBUILD_HINT

        message = f"the library's index is damaged ({e}). {REBUILD_HINT}."
        _say_error(out, err, as_json, "IndexDamaged", message)
        return EXIT_FAILED
    except XPaintError as e:
        from xpaint_desktop.library.opening import LibraryPathError

        bad_input = isinstance(e, InputError | ConfigError | LibraryPathError)
        _say_error(out, err, as_json, e.code, e.message)
        return EXIT_BAD_INPUT if bad_input else EXIT_FAILED


def _say_error(
    out: TextIO, err: TextIO, as_json: bool, code: str, message: str, prefix: str = ""
) -> None:
    try:
        err.write(f"{prefix}error: {message}\n")
        if as_json:
            _write_json(out, code, message)
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
    try:
        args = build_parser().parse_args(words)
    except SystemExit as e:  # --help and --version
        return int(e.code or 0)
    from xpaint_desktop.crash import install_crash_handler
    from xpaint_desktop.logs import setup_logging

    setup_logging()
    install_crash_handler(err)
    started = time.monotonic()
    try:
        if args.command == "inpaint":
            return cmd_inpaint(args, out, err)
        if args.command == "history":
            return cmd_history(args, out)
        if args.command == "resume":
            return cmd_resume(args, out, err)
        if args.command == "library":
            from xpaint_desktop.cli_library import cmd_library

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
