"""The offline engine: classical OpenCV inpainting, no key and no network needed.

It fills the painted area from its surroundings and cannot follow the prompt; every run says
so. Variants differ by the inpainting radius, so asking for several still gives a choice.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from PIL import Image

from xpaint_desktop.engines.base import EngineContext, EngineResult, EngineRun
from xpaint_desktop.errors import CancelledError
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.library.notes import Note, NoteKind
from xpaint_desktop.spec import EngineKind

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from xpaint_desktop.api.tasklist import TaskSummary
    from xpaint_desktop.imaging.prepare import PreparedImages

PROMPT_NOTICE = Note(NoteKind.OFFLINE_FILL).english()
VARIANT_RADII = (5, 9, 15, 25)


class LocalEngine:
    """Runs jobs on this machine with OpenCV's Telea inpainting."""

    kind = EngineKind.LOCAL

    def can_resume(self, job: JobRecord) -> bool:
        return False

    def warm_up(self) -> None:
        return None

    def run(self, ctx: EngineContext, prepared: PreparedImages) -> EngineRun:
        from xpaint_desktop.imaging.inpaint import local_inpaint  # OpenCV: only when used

        base = _decode(prepared.base_bytes, "RGB")
        mask = _decode(prepared.mask_bytes, "L")
        ctx.report(JobStatus.RUNNING, Note(NoteKind.OFFLINE_FILL))
        results = []
        for i in range(ctx.job.spec.n):
            if ctx.should_stop():
                raise CancelledError("stopped")
            image = local_inpaint(base, mask, VARIANT_RADII[i % len(VARIANT_RADII)])
            results.append(EngineResult(i, image=image))
        return EngineRun(tuple(results), notice=PROMPT_NOTICE)

    def resume(self, ctx: EngineContext) -> EngineRun:
        raise NotImplementedError("local jobs restart from the beginning")

    def settle(self, ctx: EngineContext) -> str | None:
        return None  # nothing is sent, nothing is billed: running it again is always safe

    def candidates(self, job: JobRecord, known: set[str]) -> tuple[TaskSummary, ...]:
        return ()

    def tasks_elsewhere(self, known: Callable[[datetime], set[str]]) -> list[TaskSummary]:
        return []

    def cancel(self, job: JobRecord) -> bool:
        return False

    def close(self) -> None:
        return None


def _decode(data: bytes, mode: str) -> Image.Image:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert(mode)
