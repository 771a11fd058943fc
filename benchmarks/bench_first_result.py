"""Time from task creation to the first result file on disk: our client vs the official SDK.

Both run against the DashScope stand-in on loopback with the same uploaded inputs. Ours:
`create_task` + `wait` + `download`. The SDK: `ImageSynthesis.call` (create, then its own
polling) + a `requests.get` of the result written to a file, as in the reference's example.
Both query at once after creating, so with `--task-seconds 0` (the task is done at once) the
difference is plumbing: connection reuse, JSON handling, the download. With `--task-seconds`
between 0.3 and 30 the polling schedules differ (the SDK sleeps 1, 1, 2, 2, 2, 4 ... s). Runs
are spaced by a pause longer than the creation interval (2/s), so each run measures one job's
latency, not the rate limiter.

The stand-in (Python's `http.server`) writes a response's headers and body in two small
segments with Nagle's algorithm on; on a reused keep-alive connection the body then waits for
the client's delayed ACK (~40 ms per request). Real front ends send both at once, and the SDK
opens a new connection per request, so this would unfairly penalise a client that reuses
connections: unless `--keep-nagle` is given, the stand-in's handler gets TCP_NODELAY here.

    .venv/bin/python -m benchmarks.bench_first_result --runs 7
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakeserver import server as stand_in  # noqa: E402
from tests.fakeserver.faults import Faults  # noqa: E402
from tests.fakeserver.server import FakeDashScope  # noqa: E402
from xpaint_desktop.api import DashScopeClient  # noqa: E402

MODEL = "wanx-x-painting"
PROMPT = "a red balloon"
KEY = "sk-bench-0123456789"


def _inputs(client: DashScopeClient) -> tuple[str, str]:
    base = (ROOT / "tests" / "data" / "astronaut.png").read_bytes()
    mask = Image.new("L", (512, 512), 0)
    ImageDraw.Draw(mask).rectangle((100, 100, 300, 260), fill=255)
    buf = io.BytesIO()
    mask.save(buf, format="PNG")
    return client.upload(base, "base.png", MODEL), client.upload(buf.getvalue(), "mask.png", MODEL)


def run_ours(client: DashScopeClient, base: str, mask: str, dest: Path) -> None:
    task = client.create_task(MODEL, PROMPT, base, mask, size="1024*1024")
    done = client.wait(task.task_id)
    url = done.results[0].url
    assert url, done
    client.download(url, dest)


def run_sdk(base: str, mask: str, dest: Path) -> None:
    import requests
    from dashscope import ImageSynthesis

    rsp = ImageSynthesis.call(
        model=MODEL,
        prompt=PROMPT,
        base_image_url=base,
        mask_image_url=mask,
        task="image2image",
        size="1024*1024",
        n=1,
        api_key=KEY,
        headers={"X-DashScope-OssResourceResolve": "enable"},
    )
    assert rsp.status_code == 200 and rsp.output.task_status == "SUCCEEDED", rsp
    dest.write_bytes(requests.get(rsp.output.results[0].url, timeout=30).content)


def _time(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--task-seconds", type=float, default=0.0)
    parser.add_argument("--keep-nagle", action="store_true", help="see the module docstring")
    args = parser.parse_args(argv)
    stand_in._Handler.disable_nagle_algorithm = not args.keep_nagle

    import dashscope

    faults = Faults(task_seconds=args.task_seconds, rate_limit_per_s=None, max_in_progress=4)
    with FakeDashScope(api_key=KEY, faults=faults) as server, tempfile.TemporaryDirectory() as tmp:
        dashscope.base_http_api_url = server.base_url
        out = Path(tmp)
        with DashScopeClient(KEY, server.base_url) as client:
            base, mask = _inputs(client)
            run_ours(client, base, mask, out / "warm-ours.png")  # connections, imports
            run_sdk(base, mask, out / "warm-sdk.png")
            ours: list[float] = []
            sdk: list[float] = []
            for i in range(args.runs):
                time.sleep(0.6)  # outside the timing: let the creation interval pass
                ours.append(_time(lambda i=i: run_ours(client, base, mask, out / f"o{i}.png")))
                sdk.append(_time(lambda i=i: run_sdk(base, mask, out / f"s{i}.png")))
                for name in (f"o{i}.png", f"s{i}.png"):
                    with Image.open(out / name) as img:
                        assert img.size == (1024, 1024), name
    m_ours, m_sdk = statistics.median(ours), statistics.median(sdk)
    nagle = "on" if args.keep_nagle else "off"
    print(
        f"task_seconds={args.task_seconds:g}, runs={args.runs}, stand-in Nagle {nagle}; "
        "create -> file on disk (median)"
    )
    print(f"  xpaint DashScopeClient : {m_ours * 1000:8.1f} ms")
    print(f"  dashscope SDK call+get : {m_sdk * 1000:8.1f} ms")
    print(f"  SDK / ours             : {m_sdk / m_ours:8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
