"""`xpaint-desktop inpaint`: one job from a photo and a mask (a file, a URL or a selection)."""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from xpaint_desktop import APP_NAME
from xpaint_desktop.cli.common import (
    DEFAULT_TOLERANCE,
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNFINISHED,
    Progress,
    exit_status,
    open_library,
    print_job,
    result_json,
)
from xpaint_desktop.errors import ConfigError, InputError, NetworkError, XPaintError

if TYPE_CHECKING:
    from PIL import Image

    from xpaint_desktop.library.models import JobRecord
    from xpaint_desktop.library.store import Library
    from xpaint_desktop.settings import Settings


def cmd_inpaint(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    check_mask_source(args)
    ahead = _InputsAhead(args)  # decoding while the library opens and the job is checked
    settings, library = open_library()
    with library:
        return _inpaint(args, out, err, settings, library, ahead)


def _inpaint(
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    settings: Settings,
    library: Library,
    ahead: _InputsAhead,
) -> int:
    from xpaint_desktop.imaging.limits import limits_for
    from xpaint_desktop.imaging.loading import load_image, load_mask
    from xpaint_desktop.imaging.validation import (
        check_prompt,
        check_region,
        parse_mask_color,
        validate_spec,
    )
    from xpaint_desktop.keys import ApiKeyStore
    from xpaint_desktop.settings import endpoint_region
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
    # The runner's and the engine's modules (httpx and all) load while the photo decodes:
    # Pillow lets other threads run while it decodes.
    imports = threading.Thread(
        target=_import_runner, args=(engine == EngineKind.CLOUD,), name="xpaint-imports"
    )
    imports.start()
    with tempfile.TemporaryDirectory(prefix="xpaint-") as tmp:
        image_path, source_name = _fetch_input(args.image, "image", Path(tmp))
        given = [(image_path, str(args.image))]
        notes: list[str] = []
        try:
            base = ahead.photo.result() if ahead.photo else load_image(image_path, role="image")
            photo_bytes = image_path.read_bytes()  # kept as they are, not re-encoded
            if args.mask is None:
                mask = _selected_mask(args, base)
            else:
                mask_path, _ = _fetch_input(args.mask, "mask", Path(tmp))
                given.append((mask_path, str(args.mask)))
                read = ahead.mask_at(base.size, notes)
                mask = read or load_mask(
                    mask_path, base.size, colours, image_path=image_path, notes=notes
                )
        except InputError as e:  # name what the person typed, not the temporary download
            for path, typed in given:
                e.message = e.message.replace(str(path), typed).replace(path.name, typed)
            raise
    for note in notes:
        for path, typed in given:
            note = note.replace(str(path), typed)
        err.write(f"note: {note}\n")
    imports.join()
    from xpaint_desktop.jobs.runner import JobRunner

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


class _InputsAhead:
    """A local photo and mask file decoding in threads from the command's start (Pillow lets
    other threads run while it decodes), the mask at the size the photo's header announces.
    Their errors are raised where the files are used (`Future.result`), so they come in the
    usual order."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.photo: Future[Image.Image] | None = None
        self.mask: Future[tuple[Image.Image, list[str]]] | None = None
        self.mask_size: tuple[int, int] | None = None
        if _is_url(args.image):
            return
        pool = ThreadPoolExecutor(2, thread_name_prefix="xpaint-input")
        try:
            self._start(args, Path(args.image), pool)
        finally:
            pool.shutdown(wait=False)  # what was submitted runs on; nothing waits for it here

    def _start(self, args: argparse.Namespace, image: Path, pool: ThreadPoolExecutor) -> None:
        from xpaint_desktop.imaging.loading import load_image, load_mask, upright_size
        from xpaint_desktop.imaging.validation import parse_mask_color

        self.photo = pool.submit(load_image, image, role="image")
        if args.mask is None or _is_url(args.mask):
            return  # a download keeps its place: after the photo, as typed
        try:
            colours = tuple(parse_mask_color(c) for c in args.mask_color)
        except InputError:
            return  # reported when the job's parameters are checked
        size = self.mask_size = upright_size(image)
        if size is None:
            return

        def read_mask() -> tuple[Image.Image, list[str]]:
            notes: list[str] = []
            mask = load_mask(args.mask, size, colours, image_path=image, notes=notes)
            return mask, notes

        self.mask = pool.submit(read_mask)

    def mask_at(self, size: tuple[int, int], notes: list[str]) -> Image.Image | None:
        """The mask, if it was read at `size` (the photo's decoded size); else None."""
        if self.mask is None or size != self.mask_size:
            return None
        mask, read_notes = self.mask.result()
        notes += read_notes
        return mask


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _import_runner(cloud: bool) -> None:
    """Import what running the job needs (an error shows when it is imported for use)."""
    import importlib

    try:
        importlib.import_module("xpaint_desktop.jobs.runner")
        if cloud:
            importlib.import_module("xpaint_desktop.engines.cloud")
    except ImportError:
        pass


def _fetch_input(source: str, role: str, workdir: Path) -> tuple[Path, str]:
    """A local path as it is; an http(s) URL downloaded into `workdir`."""
    if not _is_url(source):
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
    status = exit_status(job)
    if as_json:
        code = {EXIT_OK: "ok", EXIT_UNFINISHED: "Unfinished"}.get(status, job.error_code)
        message = job.error_message or f"job {job.id}: {job.status.value}"
        doc = {"code": code or "Failed", "message": message} | result_json(job, written)
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    else:
        print_job(job, out, written)
    if status == EXIT_UNFINISHED:
        err.write(f"job {job.id} is not finished; `{APP_NAME} resume` continues it.\n")
    return status
