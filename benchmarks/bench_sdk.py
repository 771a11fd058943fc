"""Submit to all results on disk: our client against the official `dashscope` SDK.

Both start from the same two local files (a 1024x1024 JPEG cut from the 24-megapixel photo and
its mask), on the same stand-in, with a task that is done at once and four results: upload both
files, create the task, wait for it, write every result to a file. Ours is the path the cloud
engine takes (`upload_many`, `create_task`, `wait`, `fetch_many` of `DashScopeClient`); the SDK's is
`ImageSynthesis.call` with `file://` inputs (it uploads them itself) and a `requests.get` per
result, as in the reference's example. Runs alternate and are spaced by more than the stand-in's
creation interval (2/s), so each measures one job's latency, not the rate limiter.

The stand-in runs in a process of its own (`standin.separate_service`) and renders a task's
results before the task reads SUCCEEDED, as the service has them stored by then: the figure
measures the two clients, not the stand-in rendering PNGs under the measured process's GIL.
Both clients use the same stand-in. Two sittings: on loopback, where an answer takes only the
stand-in's own work (reading and checking the uploads is most of both clients' time), and with
every answer waiting `NETWORK_LATENCY_S` first, as over a network, where what differs between
the clients is how many answers each waits for one after another: ours fetches the upload
policy once, uploads both files at once and downloads the results at once; the SDK does each
of these one after another. The stand-in's handler sets TCP_NODELAY (`http.server` writes a
response's headers and body in two segments; with Nagle's algorithm the body on a reused
connection would wait for the client's delayed ACK, which real front ends never cause).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image

from benchmarks.core import Compare, Context, Figure, Target
from benchmarks.inputs import mask_path, photo_path
from benchmarks.standin import KEY, separate_service
from xpaint_desktop.api import DashScopeClient

MODEL = "wanx-x-painting"
PROMPT = "a red balloon"
N = 4
SIZE = "1024*1024"


def write_inputs(folder: Path) -> tuple[Path, Path]:
    """A 1024x1024 crop of the large photo (JPEG) and of its mask (PNG)."""
    with Image.open(photo_path()) as photo, Image.open(mask_path()) as mask:
        left, top = (photo.width - 1024) // 2, int(photo.height * 0.45) - 512
        box = (left, top, left + 1024, top + 1024)
        base_file, mask_file = folder / "base.jpg", folder / "mask.png"
        photo.crop(box).save(base_file, quality=95)
        mask.crop(box).save(mask_file)
    return base_file, mask_file


def run_ours(client: DashScopeClient, base: Path, mask: Path, out: Path) -> list[Path]:
    base_url, mask_url = client.upload_many(
        [(base.read_bytes(), base.name), (mask.read_bytes(), mask.name)], MODEL
    )
    task = client.create_task(MODEL, PROMPT, base_url, mask_url, size=SIZE, n=N, oss_resolve=True)
    done = client.wait(task.task_id)
    urls = [r.url for r in done.results if r.url]
    assert len(urls) == N, done
    dests = [out / f"ours-{i}.png" for i in range(N)]
    for data, dest in zip(client.fetch_many(urls), dests, strict=True):
        dest.write_bytes(data)
    return dests


def run_sdk(base: Path, mask: Path, out: Path) -> list[Path]:
    import requests
    from dashscope import ImageSynthesis

    rsp = ImageSynthesis.call(
        model=MODEL,
        prompt=PROMPT,
        base_image_url=base.as_uri(),
        mask_image_url=mask.as_uri(),
        task="image2image",
        size=SIZE,
        n=N,
        api_key=KEY,
    )
    assert rsp.status_code == 200 and rsp.output.task_status == "SUCCEEDED", rsp
    dests = []
    for i, result in enumerate(rsp.output.results):
        dest = out / f"sdk-{i}.png"
        dest.write_bytes(requests.get(result.url, timeout=30).content)
        dests.append(dest)
    return dests


def _timed(action, check_size: tuple[int, int]) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    files = action()
    took = time.perf_counter() - start
    assert len(files) == N
    for path in files:
        with Image.open(path) as img:
            assert img.size == check_size, path
    return took


NETWORK_LATENCY_S = 0.03  # one answer's wait over a network: a round trip to the Beijing region


def compare(runs: int, latency_s: float) -> tuple[float, float]:
    """Medians of `runs` alternating runs, ours and the SDK's, on one stand-in."""
    import dashscope

    with (
        separate_service(0.0, latency_s=latency_s) as base_url,
        tempfile.TemporaryDirectory() as tmp,
    ):
        dashscope.base_http_api_url = base_url
        out = Path(tmp)
        base, mask = write_inputs(out)
        ours: list[float] = []
        sdk: list[float] = []
        with DashScopeClient(KEY, base_url) as client:
            run_ours(client, base, mask, out)  # warm: imports, connections
            run_sdk(base, mask, out)
            for _ in range(runs):
                time.sleep(0.6)
                ours.append(_timed(lambda: run_ours(client, base, mask, out), (1024, 1024)))
                sdk.append(_timed(lambda: run_sdk(base, mask, out), (1024, 1024)))
    return statistics.median(ours), statistics.median(sdk)


def run(ctx: Context) -> list[Figure]:
    runs = ctx.runs(9, 3)
    figures = []
    for latency_s in (0.0, NETWORK_LATENCY_S):
        ours, sdk = compare(runs, latency_s)
        where = "loopback" if latency_s == 0 else f"{latency_s * 1000:.0f} ms per answer"
        figures.append(
            Figure(
                key="sdk.submit_to_results" + ("" if latency_s == 0 else "_network"),
                title=f"submit to all {N} results on disk (instant task, local files, {where})",
                value=ours,
                unit="s",
                baseline=sdk,
                baseline_label="official dashscope SDK",
                target=Target(0.5, Compare.RATIO),
                samples=runs,
            )
        )
    return figures
