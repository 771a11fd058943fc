"""What every engine gives the runner, and what the runner gives every engine.

An engine turns a prepared crop (`PreparedImages`) into result images at the crop's output
size; the runner does everything around it (loading inputs, compositing, the library, events).
Engines never write to the library: they tell the runner what happened through the
`EngineContext` (a stage, the moment a creation request goes out, the task id the service
gave), and the runner records it. They check `should_stop` between steps, so the window can
stop a job without losing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # type names only: keeps OpenCV and SQLite out of the window's start-up
    from PIL import Image

    from xpaint_desktop.api.tasklist import TaskSummary
    from xpaint_desktop.imaging.prepare import PreparedImages
    from xpaint_desktop.library.models import JobRecord, JobStatus
    from xpaint_desktop.library.notes import Note
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


def _nothing(*_: object) -> None:
    return None


@dataclass
class EngineContext:
    """The runner's side of the conversation with an engine for one job."""

    job: JobRecord
    report: Callable[[JobStatus, Note], None]  # a stage and what it means (`library.notes`)
    should_stop: Callable[[], bool]
    # The runner records these at once (synced), so a crash right after loses nothing.
    creation_sent: Callable[[datetime], None] = _nothing
    task_created: Callable[[str], None] = _nothing
    # Task ids the library already owns, stored since the given moment.
    known_task_ids: Callable[[datetime], set[str]] = field(default=lambda _since: set())


class Engine(Protocol):
    """An inpainting back end."""

    kind: EngineKind

    def run(self, ctx: EngineContext, prepared: PreparedImages) -> EngineRun:
        """Execute a job from the start."""
        ...

    def resume(self, ctx: EngineContext) -> EngineRun:
        """Continue a job whose task id is known (`can_resume`)."""
        ...

    def can_resume(self, job: JobRecord) -> bool:
        """Whether `resume` applies (e.g. the cloud engine needs a task id)."""
        ...

    def warm_up(self) -> None:
        """Start in the background what `run` needs first (the cloud engine's connection
        set-up), while the image is prepared; sends nothing and never raises."""
        ...

    def settle(self, ctx: EngineContext) -> str | None:
        """For a job whose creation request may have been sent: the task it made, or None
        when sending it again is safe. Raises `ChoiceNeededError` when a person must choose."""
        ...

    def candidates(self, job: JobRecord, known: set[str]) -> tuple[TaskSummary, ...]:
        """The tasks a person may choose from for a job waiting for that choice."""
        ...

    def tasks_elsewhere(self, known: Callable[[datetime], set[str]]) -> list[TaskSummary]:
        """Tasks in progress on the back end that no job of the library owns."""
        ...

    def cancel(self, job: JobRecord) -> bool:
        """Ask the back end to drop the job; True when it did."""
        ...

    def close(self) -> None:
        """Release connections; the engine may be used again afterwards."""
        ...
