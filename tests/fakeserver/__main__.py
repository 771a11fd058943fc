"""Run the stand-in service from a shell: `python -m tests.fakeserver --port 0 --api-key KEY`.

The first line on stdout is the base URL (for DASHSCOPE_HTTP_BASE_URL), so scripts can start it
with port 0 and read where it listens. It serves until interrupted.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from tests.fakeserver.faults import DropRule, ErrorBurst, Faults, TaskFailure
from tests.fakeserver.server import FakeDashScope


def _error_burst(text: str) -> ErrorBurst:
    """`N[:STATUS[:CODE]]`, e.g. `3:503:ModelUnavailable`."""
    count, _, rest = text.partition(":")
    status, _, code = rest.partition(":")
    burst = ErrorBurst(count=int(count))
    if status:
        burst.status = int(status)
    if code:
        burst.code = code
    return burst


def _drop_rule(text: str) -> DropRule:
    """`N[:PATH[:after]]`, e.g. `1:image-synthesis:after`."""
    count, _, rest = text.partition(":")
    path, _, when = rest.partition(":")
    return DropRule(count=int(count), path_contains=path, after_processing=when == "after")


def _failure(text: str) -> TaskFailure:
    """`CODE[:MESSAGE]`."""
    code, _, message = text.partition(":")
    return TaskFailure(code=code, message=message) if message else TaskFailure(code=code)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tests.fakeserver", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--api-key", required=True)
    p.add_argument("--task-seconds", type=float, default=5.0, help="creation to SUCCEEDED")
    p.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    p.add_argument("--rate-limit", type=float, default=2.0, help="creations/s; 0 = none")
    p.add_argument(
        "--max-in-progress", type=int, default=None, help="default: each model's own limit"
    )
    p.add_argument("--suspend", action="store_true", help="tasks pass through SUSPENDED")
    p.add_argument("--partial-failures", default="", help="result indices that fail, e.g. 1,3")
    p.add_argument("--fail-tasks", type=_failure, help="CODE[:MESSAGE] for every task")
    p.add_argument("--error-burst", type=_error_burst, help="N[:STATUS[:CODE]]")
    p.add_argument("--drop-next", type=_drop_rule, help="N[:PATH[:after]]")
    p.add_argument("--reject-content", action="append", default=[], help="word to reject")
    p.add_argument("--expire-after", type=float, default=None, help="task data lifetime, s")
    p.add_argument("--list-lag", type=float, default=0.0, help="s before a task is listed")
    p.add_argument(
        "--render-ahead", action="store_true", help="render results before SUCCEEDED is read"
    )
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def faults_from_args(args: argparse.Namespace) -> Faults:
    faults = Faults(
        latency_s=args.latency,
        rate_limit_per_s=args.rate_limit or None,
        max_in_progress=args.max_in_progress,
        error_burst=args.error_burst,
        drop_next=args.drop_next,
        partial_failures=frozenset(int(i) for i in args.partial_failures.split(",") if i.strip()),
        fail_tasks=args.fail_tasks,
        suspend=args.suspend,
        task_seconds=args.task_seconds,
        reject_content=tuple(args.reject_content),
        list_lag_s=args.list_lag,
        render_ahead=args.render_ahead,
    )
    if args.expire_after is not None:
        faults.expire_after_s = args.expire_after
    return faults


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    server = FakeDashScope(
        api_key=args.api_key, host=args.host, port=args.port, faults=faults_from_args(args)
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    server.start()
    sys.stdout.write(server.base_url + "\n")
    sys.stdout.flush()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
