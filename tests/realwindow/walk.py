"""The editing loop walked on a real X display: `python -m tests.realwindow.walk OUT_DIR`.

Runs the editor in this process on Qt's `xcb` platform (DISPLAY must name an X server, e.g. the
Xvfb that `test_editing_loop` starts) with the DashScope stand-in on a loopback port, and drives
it only with real mouse and keyboard events sent through the X server (xdotool). Between events
it waits on the window's state (never on fixed sleeps), so it holds on a slow, loaded machine.

The walk: open a photo through the Open dialog, paint a mask, type a prompt, press Generate
(twice: one billed task), see the result, paint more, generate again, cancel a queued and a
pending job, reopen an older job from the history and compare, then choose the object tool,
drag a box around the cup and generate from the selected cup; last, stop waiting for a job whose
task runs on the service, and see its paid image arrive in the library all the same. It writes
screenshots of the whole screen (`window-<lang>.png`) and `report.json` (what the stand-in saw)
to OUT_DIR and exits 0 when every step held.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from tests.fakeserver.faults import Faults
from tests.fakeserver.server import FakeDashScope
from tests.fakeserver.tasks import PENDING_SHARE
from tests.realwindow.xdisplay import XInput

API_KEY = "sk-walk-0123456789"
PHOTO = Path(__file__).resolve().parents[2] / "resources" / "sample.png"  # = tests/data/coffee.png
CUP_MASK = Path(__file__).resolve().parents[1] / "data" / "coffee-cup-mask.png"  # hand-drawn
CUP_BOX = (70 / 600, 10 / 400, 485 / 600, 395 / 400)  # a box around the cup, as fractions
MIN_CUP_IOU = 0.85
WAIT_S = 45.0
FIRST_TASK_S = 1.0
HELD_TASK_S = 600.0  # long enough for its task to stay PENDING through the cancel step
# The first prompt, typed in the walk's language (the Chinese screenshot shows Chinese only).
PROMPTS = {"en": "a latte with a cat drawn in the foam", "zh": "一杯拿铁，奶泡上画着一只猫"}

T = TypeVar("T")
START = time.monotonic()


class StepFailed(AssertionError):
    pass


class _Bridge(QObject):
    """Runs callables on the UI thread for the walk's thread (nested dialogs included)."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, job: _Call) -> None:
        try:
            job.result = job.fn()
        except BaseException as e:  # handed back to the walk's thread
            job.error = e
        job.done.set()


@dataclass
class _Call:
    fn: Callable[[], Any]
    result: Any = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


def point(widget: QWidget, local: QPoint) -> tuple[int, int]:
    p = widget.mapToGlobal(local)
    return p.x(), p.y()


def centre(widget: QWidget) -> tuple[int, int]:
    return point(widget, widget.rect().center())


@dataclass
class Walk:
    """The walk's thread: real input through xdotool, looks at the window on the UI thread."""

    out: Path
    lang: str
    xin: XInput
    server: FakeDashScope
    bridge: _Bridge
    window: Any = None
    steps: list[dict[str, object]] = field(default_factory=list)
    answers: list[float] = field(default_factory=list)  # s from a Generate click to its row

    def ui(self, fn: Callable[[], T]) -> T:
        """`fn()` run on the UI thread; its result (or its exception, raised here)."""
        job = _Call(fn)
        self.bridge.call.emit(job)
        if not job.done.wait(WAIT_S):
            raise StepFailed("the UI thread did not answer within the time limit")
        if job.error is not None:
            raise job.error
        return job.result  # type: ignore[no-any-return]

    def wait(self, what: str, predicate: Callable[[], bool], timeout_s: float = WAIT_S) -> float:
        """Until `predicate()` (run on the UI thread) holds; the seconds it took."""
        start = time.monotonic()
        while not self.ui(predicate):
            if time.monotonic() - start > timeout_s:
                raise StepFailed(f"timed out after {timeout_s:.0f} s waiting for: {what}")
            time.sleep(0.02)
        return time.monotonic() - start

    def wait_screen(
        self, what: str, xy: tuple[int, int], predicate: Callable[[tuple[int, int, int]], bool]
    ) -> None:
        """Until the screen's pixel at `xy` satisfies `predicate`."""
        start = time.monotonic()
        while not predicate(rgb := screen_pixel(self, xy)):
            if time.monotonic() - start > WAIT_S:
                raise StepFailed(f"timed out waiting for: {what} (pixel {rgb})")
            time.sleep(0.05)

    def step(self, name: str, **facts: object) -> None:
        self.steps.append({"step": name, **facts})
        print(f"walk {time.monotonic() - START:6.1f} s: {name} {facts or ''}", flush=True)

    def shot(self, name: str) -> Path:
        from PIL import ImageGrab

        self.ui(lambda: self.window.repaint())
        path = self.out / name
        ImageGrab.grab(xdisplay=self.xin.display).save(path)
        return path

    def created_tasks(self) -> int:
        return len(self.server.tasks)

    def click(self, widget: Callable[[], QWidget]) -> None:
        self.xin.click(*self.ui(lambda: centre(widget())))


def build_window(library: Path) -> Any:
    from xpaint_desktop.ui.window.main_window import MainWindow

    window = MainWindow(library_dir=library, open_sample_on_first_start=False)
    window.move(0, 0)
    window.resize(1366, 768)
    window.arrange_docks(1366)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def open_photo(w: Walk) -> None:
    window = w.window
    w.xin.key("ctrl+o")

    def dialog_active() -> bool:
        active = QApplication.activeWindow()
        return isinstance(active, QFileDialog) and active.isVisible()

    w.wait("the Open dialog", dialog_active)
    w.xin.type(str(PHOTO))
    w.xin.key("Return")
    w.wait(
        "the photo on the canvas",
        lambda: window.source_name() == PHOTO.name and window.canvas.has_image(),
    )
    w.step("opened", photo=PHOTO.name)


def canvas_point(w: Walk, fx: float, fy: float) -> tuple[int, int]:
    canvas = w.window.canvas

    def at() -> tuple[int, int]:
        image = canvas.image()
        p = canvas.image_to_widget(QPointF(fx * image.width(), fy * image.height()))
        return point(canvas, p.toPoint())

    return w.ui(at)


def paint(w: Walk, box: tuple[float, float, float, float]) -> None:
    """A zig-zag brush stroke over `box` (fractions of the photo) with the real mouse.

    Each move waits until the canvas has seen it: the X server's motion events are merged
    when the program is busy, which would cut the zig-zag's corners."""
    window = w.window
    canvas = window.canvas
    before = w.ui(lambda: canvas.mask_bbox())
    x, y, bw, bh = box
    fractions = []
    rows = 4
    for i in range(rows + 1):
        fy = y + bh * i / rows
        fractions += [(x, fy), (x + bw, fy)]
    first = canvas_point(w, *fractions[0])
    w.xin.move(*first)
    w.xin.button_down()
    try:
        for fx, fy in fractions[1:]:
            w.xin.move(*canvas_point(w, fx, fy))
            w.wait("the canvas following the pointer", lambda f=(fx, fy): _pointer_at(w, f))
    finally:
        w.xin.button_up()
    w.wait(
        "the stroke on the mask",
        lambda: not canvas.is_mask_empty() and canvas.mask_bbox() != before,
    )


def _pointer_at(w: Walk, fraction: tuple[float, float]) -> bool:
    """Whether the status bar's pointer position is at `fraction` of the photo (UI thread)."""
    image = w.window.canvas.image()
    text = w.window.chrome.cursor_label.text().replace(" ", "")
    try:
        px, py = (int(v) for v in text.split(","))
    except ValueError:
        return False
    return (
        abs(px - fraction[0] * image.width()) <= 3 and abs(py - fraction[1] * image.height()) <= 3
    )


def type_prompt(w: Walk, text: str) -> None:
    prompt = w.window.params.prompt
    w.click(lambda: prompt)
    w.wait("the prompt has the focus", prompt.hasFocus)
    w.xin.key("ctrl+a", "BackSpace")
    if text.isascii():
        w.xin.type(text)
    else:  # Xvfb has no input method for Chinese: pasted, as a person without one would
        w.ui(lambda: QApplication.clipboard().setText(text))
        w.xin.key("ctrl+v")
    w.wait("the prompt typed", lambda: prompt.toPlainText() == text)


def job_ids(w: Walk) -> set[int]:
    return w.ui(lambda: job_ids_now(w))


def status_of(w: Walk, job_id: int) -> str:
    def status() -> str:
        row = w.window.jobs.model.job(job_id)
        return "" if row is None else str(row.status.value)

    return w.ui(status)


def generate(w: Walk, *, presses: int = 1) -> int:
    """Press Generate `presses` times; the id of the one new job."""
    before = w.ui(lambda: job_ids_now(w, placeholders=True))
    button = w.window.params.generate_button
    w.wait("Generate enabled", button.isEnabled)
    w.xin.click(*w.ui(lambda: centre(button)), repeat=presses)
    shown = w.wait(
        "a row for the job in the list",
        lambda: bool(job_ids_now(w, placeholders=True) - before),
    )
    w.wait("the new job written", lambda: bool(job_ids_now(w) - before))
    if presses > 1:
        w.wait("the presses handled", lambda: not button.isDown())
        w.ui(lambda: QCoreApplication.processEvents())
    w.answers.append(round(shown, 3))
    new = sorted(job_ids(w) - before)
    if len(new) != 1:
        raise StepFailed(f"{presses} press(es) of Generate made jobs {new}, expected one")
    return new[0]


def job_ids_now(w: Walk, *, placeholders: bool = False) -> set[int]:
    """On the UI thread already; written jobs only, or the rows shown before they are."""
    return {row.job_id for row in w.window.jobs.model.rows() if placeholders or row.job_id > 0}


def wait_status(w: Walk, job_id: int, status: str, timeout_s: float = WAIT_S) -> None:
    def reached() -> bool:
        row = w.window.jobs.model.job(job_id)
        return row is not None and row.status.value == status

    w.wait(f"job #{job_id} {status}", reached, timeout_s)


def click_row(w: Walk, view: Any, job_id: int, *, repeat: int = 1) -> None:
    """Click (or double-click) the row of `job_id` in a list view whose model has `row_of`."""

    def where() -> tuple[int, int]:
        index = view.model().index(view.model().row_of(job_id), 0)
        view.scrollTo(index)
        return point(view.viewport(), view.visualRect(index).center())

    w.xin.click(*w.ui(where), repeat=repeat)


def click_job_row(w: Walk, job_id: int) -> None:
    jobs = w.window.jobs
    click_row(w, jobs.view, job_id)

    def selected() -> bool:
        row = jobs.selected_job()
        return row is not None and row.job_id == job_id

    w.wait(f"job #{job_id} selected", selected)


def cancel_job(w: Walk, job_id: int) -> None:
    click_job_row(w, job_id)
    button = w.window.jobs.cancel_button
    w.wait("Cancel enabled", button.isEnabled)
    w.click(lambda: button)
    wait_status(w, job_id, "cancelled")


def generate_changed(w: Walk, suffix: str) -> int:
    text = w.ui(lambda: w.window.params.prompt.toPlainText()).split(" at ")[0] + suffix
    type_prompt(w, text)
    return generate(w)


def task_of(w: Walk, job_id: int) -> Any:
    library = w.window.library
    task_id = w.ui(lambda: library.get_job(job_id).task_id)
    task = w.server.task(task_id or "")
    if task is None:
        raise StepFailed(f"job #{job_id} has no task on the service")
    return task


def walk_loop(w: Walk) -> None:
    window = w.window
    server = w.server
    w.wait("the window active", lambda: window.isVisible() and window.isActiveWindow())
    w.wait("the job runner", lambda: window.worker.runner() is not None)
    open_photo(w)
    paint(w, (0.36, 0.26, 0.22, 0.18))
    w.step("painted", bbox=w.ui(lambda: window.canvas.mask_bbox().getRect()))
    type_prompt(w, PROMPTS[w.lang])

    first = generate(w, presses=2)  # a double press: one job, one billed task
    wait_status(w, first, "done")
    w.wait("the first result shown", lambda: window.results.job_id() == first)
    w.wait("the result on the canvas", window.canvas.has_result)
    w.step("first result", job=first, tasks=w.created_tasks())
    if w.created_tasks() != 1:
        raise StepFailed(f"two presses of Generate made {w.created_tasks()} tasks")
    check_mask_over_result(w, (0.47, 0.35))
    w.step("mask over the result", canvas_share=canvas_share(w))
    w.ui(window.statusBar().clearMessage)  # the double press's note: not for the README
    w.shot(f"window-{w.lang}.png")

    paint(w, (0.30, 0.50, 0.20, 0.10))  # on the result: the mask grows, visibly
    if not w.ui(window.canvas.has_result):
        raise StepFailed("painting on the result took the result away")
    check_mask_over_result(w, (0.40, 0.55))
    second = generate(w)
    wait_status(w, second, "done")
    w.wait("the second result shown", lambda: window.results.job_id() == second)
    w.step("second result", job=second, tasks=w.created_tasks())

    # Cancel: a job whose task waits PENDING on the service, and one behind it that has no
    # task yet (the account takes one task at a time; the runner may already prepare it).
    server.faults.task_seconds = HELD_TASK_S
    pending = generate_changed(w, " at dusk")
    wait_status(w, pending, "pending")
    queued = generate_changed(w, " at night")
    if status_of(w, queued) not in ("queued", "preparing", "uploading"):
        raise StepFailed(f"job #{queued} is {status_of(w, queued)}, expected it to wait")
    if w.ui(lambda: w.window.library.get_job(queued).task_id) is not None:
        raise StepFailed(f"job #{queued} has a task while another one is pending")
    tasks_before = w.created_tasks()
    cancel_job(w, queued)
    cancel_job(w, pending)
    task = task_of(w, pending)
    w.wait("the pending task cancelled on the service", lambda: task.canceled is not None)
    if w.created_tasks() != tasks_before:
        raise StepFailed("cancelling created a task")
    w.step("cancelled", queued=queued, pending=pending, tasks=w.created_tasks())
    server.faults.task_seconds = FIRST_TASK_S

    reopen_from_gallery(w, first)
    compare(w)
    select_and_generate(w)
    stop_waiting(w)


def stop_waiting(w: Walk) -> None:
    """A job whose task RUNS on the stand-in: "Stop waiting" in the job list; the job list, the
    banner and the history agree, and the paid image is still downloaded into the library."""
    window, server = w.window, w.server
    server.faults.task_seconds = HELD_TASK_S
    job = generate_changed(w, " at noon")
    wait_status(w, job, "pending")
    task = task_of(w, job)
    server.advance_time(HELD_TASK_S * PENDING_SHARE + 1)  # the service starts running it
    wait_status(w, job, "running")
    tasks = w.created_tasks()
    click_job_row(w, job)
    button = window.jobs.cancel_button
    stop_text = w.ui(lambda: QCoreApplication.translate("JobListView", "Stop waiting"))
    w.wait("the button offers to stop waiting", lambda: button.text() == stop_text)
    w.wait("Stop waiting enabled", button.isEnabled)
    w.click(lambda: button)
    w.wait("every place says the job runs on, not waited for", lambda: _agree(w, job, "running"))
    if task.canceled is not None or w.created_tasks() != tasks:
        raise StepFailed("stopping the wait cancelled or created a task")
    w.step("stopped waiting", job=job, status=status_of(w, job), banner=w.ui(window.banner.text))
    server.advance_time(HELD_TASK_S)  # the task ends on the service
    wait_status(w, job, "done", timeout_s=WAIT_S * 2)
    w.wait("every place says the image arrived", lambda: _agree(w, job, "done"))
    paths = w.ui(lambda: [r.path for r in window.library.get_job(job).results])
    if not paths or not all(p is not None and p.exists() for p in paths):
        raise StepFailed(f"job #{job}'s paid image is not in the library: {paths}")
    mine = [t for t in server.tasks if t.request.prompt.endswith(" at noon")]
    if len(mine) != 1 or w.created_tasks() != tasks:
        raise StepFailed(f"job #{job} made {len(mine)} tasks, expected one")
    server.faults.task_seconds = FIRST_TASK_S
    w.step("image arrived", job=job, tasks=w.created_tasks(), file=str(paths[0]))


def _agree(w: Walk, job_id: int, status: str) -> bool:
    """Job list, banner and history show `status` for the job (on the UI thread); the banner
    with the words for a job no longer waited for (running) or for its arrived image (done)."""
    from xpaint_desktop.errors import Cancellation
    from xpaint_desktop.jobs.runner import JobEvent
    from xpaint_desktop.library.models import JobStatus
    from xpaint_desktop.ui.jobs.list import waiting_notice

    window = w.window
    row = window.jobs.model.job(job_id)
    model = window.gallery_dock.gallery.model
    index = model.row_of(job_id)
    record = model.job_at(index) if index is not None else None
    if row is None or record is None or not row.stopped_waiting:
        return False
    stopped = Cancellation.STOPPED_WAITING if status == "running" else None
    said = waiting_notice(row, JobEvent(job_id, JobStatus(status), "", 0.0, cancellation=stopped))
    banner = window.banner
    return (
        row.status.value == status
        and record.status.value == status
        and banner.isVisible()
        and said is not None
        and f"#{job_id}" in said
        and banner.text() == said
    )


def cup_iou(canvas: Any) -> float:
    """How well the canvas's mask matches the cup drawn by hand (UI thread)."""
    import numpy as np
    from PIL import Image

    mask = canvas.mask()
    flat = np.frombuffer(mask.constBits(), np.uint8)
    bits = flat.reshape(mask.height(), mask.bytesPerLine())[:, : mask.width()] != 0
    with Image.open(CUP_MASK) as ref:
        truth = np.asarray(ref.convert("L")) != 0
    return float((bits & truth).sum() / (bits | truth).sum())


def select_and_generate(w: Walk) -> None:
    """The object tool from the tool bar, a box dragged around the cup, Generate."""
    from xpaint_desktop.ui.canvas.tools import Tool

    window = w.window
    canvas = window.canvas
    action = window.editor_actions.tools[Tool.OBJECT]
    w.click(lambda: window.chrome.tool_bar.widgetForAction(action))
    w.wait("the object tool chosen", lambda: canvas.tool() is Tool.OBJECT)
    steps = w.ui(lambda: canvas.undo_stack().count())
    x0, y0, x1, y1 = CUP_BOX
    corners = [canvas_point(w, x0, y0), canvas_point(w, (x0 + x1) / 2, (y0 + y1) / 2)]
    w.xin.drag([*corners, canvas_point(w, x1, y1)])
    w.wait(
        "the cup selected",
        lambda: canvas.undo_stack().count() == steps + 1 and not canvas.is_busy(),
    )
    iou = w.ui(lambda: cup_iou(canvas))
    if iou < MIN_CUP_IOU:
        raise StepFailed(f"the box selected the cup with IoU {iou:.3f} < {MIN_CUP_IOU}")
    w.step("object selected", iou=round(iou, 3))
    type_prompt(w, "a teapot")
    job = generate(w)
    wait_status(w, job, "done")
    w.wait("its result shown", lambda: window.results.job_id() == job)
    w.step("object generated", job=job, tasks=w.created_tasks())


def screen_pixel(w: Walk, xy: tuple[int, int]) -> tuple[int, int, int]:
    from PIL import ImageGrab

    w.ui(lambda: w.window.repaint())
    x, y = xy
    img = ImageGrab.grab(bbox=(x, y, x + 1, y + 1), xdisplay=w.xin.display).convert("RGB")
    r, g, b = img.getpixel((0, 0))  # type: ignore[misc]
    return int(r), int(g), int(b)


def check_mask_over_result(w: Walk, at: tuple[float, float]) -> None:
    """Inside the mask, over the result: the M key hides the mask's colour and brings it back,
    as seen on the screen itself."""
    canvas = w.window.canvas
    w.wait("the mask shown", canvas.mask_visible)
    xy = canvas_point(w, *at)
    shown = stable_pixel(w, xy)
    w.xin.key("m")
    w.wait("the mask hidden with M", lambda: not canvas.mask_visible())
    w.wait_screen("the mask's colour gone", xy, lambda rgb: rgb != shown)
    w.xin.key("m")
    w.wait("the mask shown again with M", canvas.mask_visible)
    w.wait_screen("the mask's colour back", xy, lambda rgb: rgb == shown)


def stable_pixel(w: Walk, xy: tuple[int, int]) -> tuple[int, int, int]:
    """The screen's pixel at `xy` once two looks in a row agree (painting has settled)."""
    last = screen_pixel(w, xy)
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = screen_pixel(w, xy)
        if now == last:
            return now
        last = now
    raise StepFailed(f"the screen at {xy} keeps changing")


def canvas_share(w: Walk) -> float:
    """The canvas's part of the window's area."""

    def share() -> float:
        c, win = w.window.canvas, w.window
        return (c.width() * c.height()) / (win.width() * win.height())

    return round(w.ui(share), 3)


def reopen_from_gallery(w: Walk, job_id: int) -> None:
    window = w.window
    dock = window.gallery_dock
    w.xin.key("F9")  # the history opens beside the canvas (its contents are built now)
    w.wait("the history shown", dock.isVisible)
    gallery = w.ui(lambda: dock.gallery)
    w.wait(f"job #{job_id} in the history", lambda: gallery.model.row_of(job_id) is not None)

    click_row(w, gallery.view, job_id)

    def selected() -> bool:
        job = gallery.current_job()
        return job is not None and job.id == job_id

    w.wait(f"job #{job_id} selected in the history", selected)
    click_row(w, gallery.view, job_id, repeat=2)  # a double-click opens it in the editor
    w.wait(
        f"job #{job_id} in the editor with its results",
        lambda: (
            window.params.prompt.toPlainText() == PROMPTS[w.lang]
            and not window.canvas.is_mask_empty()
            and window.results.job_id() == job_id
            and window.canvas.has_result()
        ),
    )
    w.step("reopened", job=job_id)


def compare(w: Walk) -> None:
    """Hold the compare button (the original shows), then drag the before/after divider."""
    window = w.window
    canvas = window.canvas
    results = window.results
    w.xin.move(*w.ui(lambda: centre(results.compare_button)))
    w.xin.button_down()
    try:
        w.wait("the original shown while compare is held", canvas.is_comparing)
    finally:
        w.xin.button_up()
    w.wait("the result back", lambda: not canvas.is_comparing())
    w.click(lambda: results.split_check)
    w.wait("before/after on", lambda: results.split() == 0.5)
    start = canvas_point(w, 0.5, 0.5)
    end = canvas_point(w, 0.25, 0.5)
    w.xin.drag([start, ((start[0] + end[0]) // 2, start[1]), end])
    w.wait("the divider dragged to a quarter", lambda: abs((results.split() or 0) - 0.25) < 0.03)
    w.step("compared", split=w.ui(results.split))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.realwindow.walk")
    p.add_argument("out", type=Path)
    p.add_argument("--lang", default="en")
    args = p.parse_args(argv)
    if os.environ.get("QT_QPA_PLATFORM") != "xcb" or not os.environ.get("DISPLAY"):
        print("walk: needs QT_QPA_PLATFORM=xcb and DISPLAY", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    faults = Faults(task_seconds=FIRST_TASK_S, rate_limit_per_s=None, max_in_progress=1)
    with FakeDashScope(api_key=API_KEY, faults=faults) as server:
        os.environ["DASHSCOPE_HTTP_BASE_URL"] = server.base_url
        os.environ["DASHSCOPE_API_KEY"] = API_KEY
        from xpaint_desktop.ui.app import ensure_application

        app = ensure_application(None, args.lang)
        print(f"walk {time.monotonic() - START:6.1f} s: started", flush=True)
        walk = Walk(out, args.lang, XInput(os.environ["DISPLAY"]), server, _Bridge())
        walk.window = build_window(out / "library")
        failure: list[BaseException] = []

        def run() -> None:
            try:
                walk_loop(walk)
            except BaseException as e:
                failure.append(e)
                traceback.print_exc()
                walk.shot(f"failure-{args.lang}.png")  # what the screen showed
            finally:
                walk.bridge.call.emit(_Call(app.quit))

        thread = threading.Thread(target=run, name="walk", daemon=True)
        QTimer.singleShot(0, thread.start)
        app.exec()
        thread.join(WAIT_S)
        (out / "report.json").write_text(
            json.dumps(
                {"steps": walk.steps, "tasks": walk.created_tasks(), "answers_s": walk.answers},
                indent=1,
            )
        )
        walk.window.shutdown()
        walk.window.hide()
        walk.step("closed")
    return 1 if failure else 0


if __name__ == "__main__":
    sys.exit(main())
