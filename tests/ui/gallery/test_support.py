"""Generated libraries for the gallery's tests and benchmark (this module holds no tests).

Jobs go in through the library's public API (`import_jobs`, `set_status`, `save_result`, ...)
with real small images, so the gallery reads exactly what a person's library would hold.
Prompts are a mix of English and Chinese; the i-th job's attributes follow from i, so a test can
count what a filter must return without asking the library.
"""

from __future__ import annotations

import colorsys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps
from PySide6.QtCore import QRunnable, QThreadPool

from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library, NewJob
from xpaint_desktop.spec import EngineKind, JobSpec

# In the order of the photos they are paired with (astronaut, cat, coffee, rocket).
PROMPTS = (
    "an astronaut riding a horse",
    "一只戴着墨镜的橘猫",
    "a cup of coffee with latte art",
    "夜空中的烟花",
    "astronaut holding a bunch of sunflowers",
    "a cat wearing a tiny knitted hat",
    "一杯抹茶拿铁, 拉花是一片叶子",
    "a rocket made of candy",
    "宇航员身后是霓虹城市",
    "水墨画风格的猫",
    "a cup of hot chocolate with marshmallows",
    "aurora over the launch pad",
)
STATUS_CYCLE = (
    JobStatus.DONE,
    JobStatus.DONE,
    JobStatus.DONE,
    JobStatus.DONE,
    JobStatus.DONE,
    JobStatus.DONE,
    JobStatus.PARTIAL,
    JobStatus.FAILED,
    JobStatus.EXPIRED,
    JobStatus.PENDING,
)
START = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
STEP = timedelta(minutes=37)


def prompt_of(i: int) -> str:
    return f"{PROMPTS[i % len(PROMPTS)]} #{i}"


def status_of(i: int) -> JobStatus:
    return STATUS_CYCLE[i % len(STATUS_CYCLE)]


def style_of(i: int) -> str:
    return X_PAINTING.styles[i % len(X_PAINTING.styles)].value


def engine_of(i: int) -> EngineKind:
    return EngineKind.LOCAL if i % 7 == 3 else EngineKind.CLOUD


def is_favourite(i: int) -> bool:
    return i % 13 == 0


def created_of(i: int) -> datetime:
    """Job i is the i-th oldest (10,000 jobs span about eight months)."""
    return START + STEP * i


def swatches(count: int = 16, size: tuple[int, int] = (96, 64)) -> list[Image.Image]:
    """Small distinct pictures: a hue gradient with a circle, one per hue."""
    images = []
    w, h = size
    for k in range(count):
        r, g, b = (int(255 * c) for c in colorsys.hsv_to_rgb(k / count, 0.6, 0.9))
        img = Image.new("RGB", size, (r, g, b))
        draw = ImageDraw.Draw(img)
        for x in range(w):
            shade = int(80 * x / w)
            draw.line([(x, h - 12), (x, h)], fill=(max(0, r - shade), max(0, g - shade), b))
        draw.ellipse([w // 3, h // 5, w // 3 + h // 2, h // 5 + h // 2], fill=(255, 255, 255))
        images.append(img)
    return images


def mask_for(base: Image.Image) -> Image.Image:
    mask = Image.new("L", base.size, 0)
    w, h = base.size
    ImageDraw.Draw(mask).rectangle([w // 4, h // 4, w // 2, h // 2], fill=255)
    return mask


def generate_library(
    root: Path, count: int, *, bases: Sequence[Image.Image] | None = None, results_every: int = 1
) -> Library:
    """A library of `count` jobs; every `results_every`-th finished job gets result files."""
    pictures = list(bases) if bases is not None else swatches()
    masks = [mask_for(p) for p in pictures]
    library = Library(root)
    new = [
        NewJob(
            JobSpec(
                prompt=prompt_of(i),
                style=style_of(i),
                n=1 + i % 4,
                engine=engine_of(i),
                parent_job_id=i if i % 10 == 9 else None,  # job i-1 has id i (fresh library)
            ),
            pictures[i % len(pictures)],
            masks[i % len(pictures)],
            f"photo-{i}.png",
            created_at=created_of(i),
        )
        for i in range(count)
    ]
    jobs = library.import_jobs(new)
    for i, job in enumerate(jobs):
        _finish(library, job.id, i, pictures, results_every)
    return library


def _finish(
    library: Library, job_id: int, i: int, pictures: Sequence[Image.Image], results_every: int
) -> None:
    status = status_of(i)
    if status in (JobStatus.DONE, JobStatus.PARTIAL) and i % results_every == 0:
        n = 1 + i % 4
        for index in range(n):
            if status is JobStatus.PARTIAL and index == n - 1:
                library.save_result_failure(job_id, index, "DataInspectionFailed", "rejected")
            else:
                # a variant of the job's own photo, so thumbnails match the prompts
                base = pictures[i % len(pictures)]
                result = ImageOps.mirror(base) if index % 2 else ImageOps.autocontrast(base)
                library.save_result(job_id, index, result)
    if status in (JobStatus.DONE, JobStatus.PARTIAL) and engine_of(i) is EngineKind.CLOUD:
        library.set_usage(job_id, 1 + i % 4)
    if status is JobStatus.FAILED:
        library.set_status(
            job_id, status, error_code="InvalidParameter", error_message="mask is empty"
        )
    else:
        library.set_status(job_id, status)
    if is_favourite(i):
        library.set_favourite(job_id, True)


class PoolGate(QRunnable):
    """Occupies a one-thread pool until released: no thumbnail can be made meanwhile.

    Tests use it to prove painting does not wait for thumbnails; the benchmark uses it to keep
    pool threads out of Python while tracemalloc runs (CPython 3.11 can crash when
    `tracemalloc.stop()` races with allocations in other threads).
    """

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()

    def run(self) -> None:
        self.started.set()
        self.release.wait(60)

    @classmethod
    def hold(cls, pool: QThreadPool) -> PoolGate:
        """Start a gate on `pool` (max one thread) and return once it holds the thread."""
        pool.setMaxThreadCount(1)
        gate = cls()
        pool.start(gate)
        if not gate.started.wait(10):
            raise RuntimeError("the pool did not start the gate")
        return gate


def photos(data_dir: Path, scale: float = 0.5) -> list[Image.Image]:
    """The test photos (tests/data), scaled down, as job inputs with real content."""
    pictures = []
    for name in ("astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg"):
        with Image.open(data_dir / name) as img:
            size = (round(img.width * scale), round(img.height * scale))
            pictures.append(img.convert("RGB").resize(size, Image.Resampling.LANCZOS))
    return pictures


def save_gallery_screenshot(dest: Path, data_dir: Path, work: Path) -> None:
    """Render the gallery over a library of the test photos (offscreen) and save it."""
    import os

    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QApplication

    from xpaint_desktop.ui.gallery.widget import GalleryWidget

    os.environ["XPAINT_HOME"] = str(work / "home")
    app = QApplication.instance() or QApplication([])
    library = generate_library(work / "library", 48, bases=photos(data_dir))
    widget = GalleryWidget(library)
    widget.resize(1100, 820)
    widget.show()
    widget.view.viewport().grab()
    while widget.model.loader.pending():
        app.processEvents()
    widget.view.selectionModel().setCurrentIndex(
        widget.model.index(1), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    app.processEvents()
    dest.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(dest))
    widget.shutdown()
    library.close()


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        save_gallery_screenshot(Path(sys.argv[1]), Path(__file__).parents[2] / "data", Path(tmp))
