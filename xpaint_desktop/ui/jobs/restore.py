"""Bringing a stored job back into the editor: its image, its exact mask, its parameters.

The gallery's "Open in editor" and a dropped PNG that carries parameters both end here. The
files are decoded in a pool thread (`read_job_inputs` runs anywhere; `QImage` is safe off the UI
thread) and the window applies the result. Parameters taken from another job keep the lineage
of the image being edited: a job's `parent_job_id` says where its *base image* came from, so it
must not follow a prompt onto a different photo.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from xpaint_desktop.library.models import JobRecord
from xpaint_desktop.spec import JobSpec
from xpaint_desktop.ui.shared.image_io import read_image, read_photo


@dataclass(frozen=True)
class JobInputs:
    """A job's stored base image and mask, decoded and ready for the canvas."""

    job: JobRecord
    base: QImage
    mask: QImage


def read_job_inputs(job: JobRecord) -> JobInputs:
    """Decode `job`'s base.png and mask.png (any thread); ValueError names what is wrong."""
    base = read_photo(job.base_path)
    mask = read_image(job.mask_path).convertToFormat(QImage.Format.Format_Grayscale8)
    if mask.size() != base.size():
        raise ValueError(
            QCoreApplication.translate(
                "JobRestore",
                "The mask of job #{0} is {1} × {2} px but its image is {3} × {4} px; the job's "
                "files were changed outside the program.",
            ).format(job.id, mask.width(), mask.height(), base.width(), base.height())
        )
    return JobInputs(job, base, mask)


def keep_lineage(spec: JobSpec, current: JobSpec) -> JobSpec:
    """`spec`'s parameters with `current`'s lineage (the image in the editor stays the same)."""
    return spec.with_changes(
        parent_job_id=current.parent_job_id, parent_result_index=current.parent_result_index
    )
