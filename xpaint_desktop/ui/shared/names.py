"""Readable, translatable names for values that live as data elsewhere.

Job stages (`JobStatus` values), output styles (`limits.Style` slugs) and output sizes are
plain strings in the core; the window shows them in the person's language. The English texts
are marked with `QT_TRANSLATE_NOOP` so the translation tools find them; a value without an
entry here falls back to the core's own text, so a new stage or style never shows up blank.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from xpaint_desktop.imaging.limits import BEIJING, INTERNATIONAL, ModelLimits, Style

_STAGE_CONTEXT = "JobStage"
_STAGES: dict[str, object] = {
    "queued": QT_TRANSLATE_NOOP("JobStage", "Waiting"),
    "preparing": QT_TRANSLATE_NOOP("JobStage", "Preparing"),
    "uploading": QT_TRANSLATE_NOOP("JobStage", "Uploading"),
    "submitting": QT_TRANSLATE_NOOP("JobStage", "Submitting"),
    "pending": QT_TRANSLATE_NOOP("JobStage", "Queued on the service"),
    "running": QT_TRANSLATE_NOOP("JobStage", "Running"),
    "suspended": QT_TRANSLATE_NOOP("JobStage", "Suspended by the service"),
    "downloading": QT_TRANSLATE_NOOP("JobStage", "Downloading"),
    "done": QT_TRANSLATE_NOOP("JobStage", "Done"),
    "partial": QT_TRANSLATE_NOOP("JobStage", "Partly done"),
    "failed": QT_TRANSLATE_NOOP("JobStage", "Failed"),
    "expired": QT_TRANSLATE_NOOP("JobStage", "Expired on the service"),
    "cancelled": QT_TRANSLATE_NOOP("JobStage", "Cancelled"),
    "interrupted": QT_TRANSLATE_NOOP("JobStage", "Interrupted"),
    "uncertain": QT_TRANSLATE_NOOP("JobStage", "Checking with the service"),
    "awaiting_choice": QT_TRANSLATE_NOOP("JobStage", "Needs your choice"),
}

_STYLE_CONTEXT = "Style"
_STYLES: dict[str, object] = {
    "auto": QT_TRANSLATE_NOOP("Style", "Auto"),
    "3d-cartoon": QT_TRANSLATE_NOOP("Style", "3D cartoon"),
    "anime": QT_TRANSLATE_NOOP("Style", "Anime"),
    "oil-painting": QT_TRANSLATE_NOOP("Style", "Oil painting"),
    "watercolor": QT_TRANSLATE_NOOP("Style", "Watercolour"),
    "sketch": QT_TRANSLATE_NOOP("Style", "Sketch"),
    "chinese-painting": QT_TRANSLATE_NOOP("Style", "Chinese painting"),
    "flat-illustration": QT_TRANSLATE_NOOP("Style", "Flat illustration"),
}


def status_value(status: object) -> str:
    """The plain string of a status enum member (or of a string)."""
    return str(getattr(status, "value", status))


def stage_name(status: object) -> str:
    """The translated name of a job stage, e.g. "Queued on the service"."""
    value = status_value(status)
    return QCoreApplication.translate(_STAGE_CONTEXT, str(_STAGES.get(value, value)))


def style_name(style: Style) -> str:
    return QCoreApplication.translate(_STYLE_CONTEXT, str(_STYLES.get(style.slug, style.name)))


def size_name(size: str) -> str:
    """ "1280*720" -> "1280 × 720 (landscape)", translated."""
    w, _, h = size.partition("*")
    try:
        width, height = int(w), int(h)
    except ValueError:
        return size
    if width == height:
        shape = QCoreApplication.translate("OutputSize", "square")
    elif width > height:
        shape = QCoreApplication.translate("OutputSize", "landscape")
    else:
        shape = QCoreApplication.translate("OutputSize", "portrait")
    return f"{width} × {height} ({shape})"


def format_elapsed(seconds: float) -> str:
    """12.4 -> "0:12"; 3723 -> "1:02:03"."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def model_name(limits: ModelLimits) -> str:
    """ "wanx-x-painting (free trial)", "wanx2.1-imageedit (paid per image)", translated."""
    if limits.price is not None:
        return QCoreApplication.translate("Model", "{0} (paid per image)").format(limits.model)
    return QCoreApplication.translate("Model", "{0} (free trial)").format(limits.model)


_REGIONS: dict[str, object] = {
    BEIJING: QT_TRANSLATE_NOOP("Region", "Beijing"),
    INTERNATIONAL: QT_TRANSLATE_NOOP("Region", "International (Singapore)"),
}


def region_name(region: str) -> str:
    return QCoreApplication.translate("Region", str(_REGIONS.get(region, region)))
