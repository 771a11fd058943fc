"""Results exported as PNG files that remember how they were made.

An exported picture travels: it is mailed, posted, archived. Like other inpainting tools, we put
the generation parameters in a PNG text chunk named `parameters` (a readable first line with the
prompt, then `Key: value` pairs), which image viewers and other tools show; next to it, an
`xpaint-desktop` chunk holds the complete `JobSpec` as JSON, so dropping the file back on the
window restores every parameter exactly. Text goes in iTXt chunks when it is not Latin-1 (a
Chinese prompt), so nothing is lost. Reading falls back to the `parameters` text alone for files
whose JSON chunk was stripped, and to the prompt alone for other tools' files.
"""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path
from typing import Any

from PIL import Image, PngImagePlugin, UnidentifiedImageError

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.limits import MODELS, X_PAINTING
from xpaint_desktop.library.files import write_atomic
from xpaint_desktop.library.models import JobRecord, ResultRecord
from xpaint_desktop.spec import ContextMode, EngineKind, JobSpec

log = logging.getLogger(__name__)

PARAMETERS_KEY = "parameters"
SPEC_KEY = "xpaint-desktop"
FORMAT_VERSION = 1
_SETTING = re.compile(r"\s*([A-Za-z][A-Za-z ]*):\s*([^,]*)")


def export_name(job_id: int, index: int) -> str:
    """The default file name of an exported result (variants count from 1 for people)."""
    return f"xpaint-{job_id}-{index + 1}.png"


def parameters_text(spec: JobSpec) -> str:
    """The human-readable `parameters` chunk: the prompt, then one line of settings."""
    settings = [
        ("Style", spec.style),
        ("Size", spec.size),
        ("Variants", str(spec.n)),
        ("Engine", str(spec.engine)),
        ("Model", spec.model),
        ("Context", str(spec.context)),
        ("Feather", str(spec.feather)),
    ]
    if spec.seed is not None:
        settings.append(("Seed", str(spec.seed)))
    if spec.watermark is not None:
        settings.append(("Watermark", "on" if spec.watermark else "off"))
    if spec.mask_color:
        colours = " ".join("#{:02x}{:02x}{:02x}".format(*c) for c in spec.mask_color)
        settings.append(("Mask colour", colours))
    return spec.prompt + "\n" + ", ".join(f"{k}: {v}" for k, v in settings)


def _result(job: JobRecord, index: int) -> ResultRecord:
    for result in job.results:
        if result.index == index:
            return result
    raise InputError(
        f"Job {job.id} has no variant {index + 1}; it has {len(job.results)}. "
        "Choose one of the variants shown in the gallery."
    )


def _source(job: JobRecord, result: ResultRecord) -> Path:
    if not result.ok:
        reason = result.message or result.code or "no reason given"
        raise InputError(
            f"Variant {result.index + 1} of job {job.id} failed ({reason}); there is no picture "
            "to export."
        )
    for candidate in (result.composite_path, result.path):
        if candidate is not None and candidate.is_file():
            return candidate
    raise InputError(
        f"The picture of variant {result.index + 1} of job {job.id} is missing from the "
        f"library folder {job.folder}. It may have been moved or deleted outside the app."
    )


def export_png(job: JobRecord, index: int, dest: Path) -> Path:
    """Write variant `index` of `job` as a PNG carrying its parameters; returns the file.

    The full-size composite is exported (made from the result where it is not stored), else,
    for a job recovered without its placement, the downloaded result. `dest` may be a folder
    (the file is named by `export_name`). Raises InputError for a variant that does not
    exist, failed or whose file is gone.
    """
    result = _result(job, index)
    source = _source(job, result)
    target = dest / export_name(job.id, index) if dest.is_dir() else dest
    info = PngImagePlugin.PngInfo()
    info.add_text(PARAMETERS_KEY, parameters_text(job.spec))
    payload: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "spec": json.loads(job.spec.to_json()),
        "job_id": job.id,
        "variant": index,
        "created_at": job.created_at.isoformat(),
    }
    info.add_text(SPEC_KEY, json.dumps(payload, ensure_ascii=False, sort_keys=True))
    buf = io.BytesIO()
    if source == result.path and job.placement_json is not None:
        from xpaint_desktop.library.composites import composite_image

        composite_image(job, result).save(buf, format="PNG", pnginfo=info)
    else:
        with Image.open(source) as opened:
            img: Image.Image = opened
            if img.mode not in ("RGB", "RGBA", "L", "LA"):
                img = img.convert("RGBA" if "A" in img.getbands() else "RGB")
            img.save(buf, format="PNG", pnginfo=info)
    write_atomic(target, buf.getvalue())
    log.info("exported job %d variant %d to %s", job.id, index, target)
    return target


def _png_text(path: Path) -> dict[str, str] | None:
    try:
        with Image.open(path) as img:
            if img.format != "PNG":
                return None
            text = getattr(img, "text", {})  # reads chunks before and after the image data
            return {str(k): str(v) for k, v in text.items()}
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder; drop a PNG file exported by the app.") from None
    except UnidentifiedImageError:
        return None
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc}).") from exc


def _spec_from_json(text: str, path: Path) -> JobSpec | None:
    try:
        payload = json.loads(text)
        return JobSpec.from_json(json.dumps(payload["spec"]))
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("%s: unreadable %s chunk (%s); using the parameters text", path, SPEC_KEY, exc)
        return None


def _settings(line: str) -> dict[str, str]:
    return {m.group(1).strip().lower(): m.group(2).strip() for m in _SETTING.finditer(line)}


def spec_from_parameters(text: str) -> JobSpec | None:
    """A `JobSpec` from a `parameters` text: ours in full, another tool's by its prompt.

    Settings that are unknown or out of range for the model keep their defaults.
    """
    lines = text.strip().splitlines()
    if not lines:
        return None
    settings = _settings(lines[-1]) if len(lines) > 1 else {}
    prompt_lines = lines[:-1] if settings else lines
    prompt_lines = [ln for ln in prompt_lines if not ln.lower().startswith("negative prompt:")]
    prompt = "\n".join(prompt_lines).strip()
    if not prompt:
        return None
    limits = MODELS.get(settings.get("model", ""), X_PAINTING)
    changes: dict[str, Any] = {"model": limits.model}
    style = limits.style_by_any_name(settings.get("style", ""))
    if style is not None:
        changes["style"] = style.value
    if settings.get("size") in limits.sizes:
        changes["size"] = settings["size"]
    if settings.get("variants", "").isdigit():
        n = int(settings["variants"])
        if limits.n_min <= n <= limits.n_max:
            changes["n"] = n
    if settings.get("engine") in {e.value for e in EngineKind}:
        changes["engine"] = EngineKind(settings["engine"])
    if settings.get("context") in {c.value for c in ContextMode}:
        changes["context"] = ContextMode(settings["context"])
    if settings.get("feather", "").isdigit():
        changes["feather"] = int(settings["feather"])
    if limits.seed_range is not None and settings.get("seed", "").isdigit():
        seed = int(settings["seed"])
        if limits.seed_range[0] <= seed <= limits.seed_range[1]:
            changes["seed"] = seed
    if limits.takes_watermark and settings.get("watermark") in ("on", "off"):
        changes["watermark"] = settings["watermark"] == "on"
    colours = re.findall(r"#([0-9a-fA-F]{6})", settings.get("mask colour", ""))
    if colours:
        changes["mask_color"] = tuple(
            (int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)) for c in colours
        )
    return JobSpec(prompt=prompt).with_changes(**changes)


def read_png_parameters(path: Path) -> JobSpec | None:
    """The parameters embedded in a PNG, or None if it carries none (or is not a PNG).

    Raises InputError if the file is missing or unreadable.
    """
    text = _png_text(path)
    if not text:
        return None
    if SPEC_KEY in text:
        spec = _spec_from_json(text[SPEC_KEY], path)
        if spec is not None:
            return spec
    if PARAMETERS_KEY in text:
        return spec_from_parameters(text[PARAMETERS_KEY])
    return None
