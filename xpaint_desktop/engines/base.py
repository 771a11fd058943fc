"""What every engine gives the runner, and what the runner gives every engine.

An engine turns a prepared crop (`PreparedImages`) into result images at the crop's output
size; the runner does everything around it (loading inputs, compositing, the library, events).
Engines report their stage through `EngineContext.report` and check `should_stop` between
steps, so the window can stop a job without losing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # type names only: keeps OpenCV and SQLite out of the window's start-up
    from PIL import Image

    from xpaint_desktop.imaging.prepare import PreparedImages
    from xpaint_desktop.library.models import JobRecord, JobStatus
    from xpaint_desktop.library.store import Library
    from xpaint_desktop.spec import EngineKind


@dataclass(frozen=True)
class EngineResult:
    """One variant: an image at the prepared output size, or the reason it failed."""

    index: int
    image: Image.Image | None = None
    data: bytes | None = None  # the encoded file as the back end sent it, kept verbatim
    code: str | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.image is not None


@dataclass(frozen=True)
class EngineRun:
    """Everything an engine produced for one job."""

    results: tuple[EngineResult, ...]
    image_count: int | None = None  # the service's usage.image_count, when known
    notice: str | None = None  # something a person should know (e.g. "prompt ignored")


@dataclass
class EngineContext:
    """The runner's side of the conversation with an engine for one job."""

    library: Library
    job: JobRecord
    report: Callable[[JobStatus, str], None]
    should_stop: Callable[[], bool]


class Engine(Protocol):
    """An inpainting back end."""

    kind: EngineKind

    def run(self, ctx: EngineContext, prepared: PreparedImages) -> EngineRun:
        """Execute a job from the start."""
        ...

    def resume(self, ctx: EngineContext) -> EngineRun:
        """Continue a job that was interrupted after it was handed to the back end."""
        ...

    def can_resume(self, job: JobRecord) -> bool:
        """Whether `resume` applies (e.g. the cloud engine needs a task id)."""
        ...

    def cancel(self, job: JobRecord) -> bool:
        """Ask the back end to drop the job; True when it did."""
        ...
