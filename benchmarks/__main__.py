"""The benchmark runner: every `benchmarks/bench_*.py`, one table.

    .venv/bin/python -m benchmarks                 # everything (several minutes)
    .venv/bin/python -m benchmarks --quick         # fewer repeats, smaller sizes (under 2 min)
    .venv/bin/python -m benchmarks --json          # one JSON document on stdout
    .venv/bin/python -m benchmarks --only startup sdk
    .venv/bin/python -m benchmarks --record        # also write the run into RESULTS.md

Each module runs in a process of its own (a clean interpreter, no Qt state from the one before,
a time limit). The exit status is 1 when a module failed to run; a figure that misses its
target is reported, not an error: wall-clock times depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.core import ROOT, Figure, machine
from benchmarks.report import render_table, write_results

MODULE_TIMEOUT_S = {False: 1200, True: 150}


def discover(only: list[str] | None = None) -> list[str]:
    """The bench modules' short names (`bench_canvas.py` -> `canvas`), sorted."""
    names = sorted(p.stem.removeprefix("bench_") for p in (ROOT / "benchmarks").glob("bench_*.py"))
    if only:
        unknown = sorted(set(only) - set(names))
        if unknown:
            raise SystemExit(f"unknown benchmark(s): {', '.join(unknown)}; known: {names}")
        names = [n for n in names if n in only]
    return names


def run_module(name: str, quick: bool) -> tuple[list[Figure], str | None, float]:
    """Run one module in its own interpreter: its figures, an error text, the seconds it took."""
    with tempfile.TemporaryDirectory(prefix="xpaint-bench-") as tmp:
        out = Path(tmp) / "figures.json"
        cmd = [sys.executable, "-m", "benchmarks._child", name, str(out)]
        if quick:
            cmd.append("--quick")
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                cmd,
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=MODULE_TIMEOUT_S[quick],
            )
        except subprocess.TimeoutExpired:
            took = time.perf_counter() - start
            return [], f"timed out after {MODULE_TIMEOUT_S[quick]} s", took
        took = time.perf_counter() - start
        if proc.returncode != 0 or not out.exists():
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
            return [], f"exit status {proc.returncode}:\n{tail}", took
        docs = json.loads(out.read_text(encoding="utf-8"))
        return [Figure.from_json(d) for d in docs], None, took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sizes")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these modules")
    parser.add_argument(
        "--record", action="store_true", help="write the run into benchmarks/RESULTS.md"
    )
    args = parser.parse_args(argv)
    names = discover(args.only)
    info = machine()
    figures: list[Figure] = []
    errors: dict[str, str] = {}
    seconds: dict[str, float] = {}
    for name in names:
        if not args.json:
            print(f"running {name} ...", file=sys.stderr, flush=True)
        got, error, took = run_module(name, args.quick)
        figures.extend(got)
        seconds[name] = round(took, 2)
        if error:
            errors[name] = error
            print(f"benchmark {name} failed: {error}", file=sys.stderr, flush=True)
    doc: dict[str, Any] = {
        "machine": info,
        "quick": args.quick,
        "seconds": seconds,
        "figures": [f.to_json() for f in figures],
        "errors": errors,
    }
    if args.json:
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        print(render_table(figures))
    missed = sum(1 for f in figures if f.met is False)
    print(
        f"benchmarks: {len(figures)} figures ({missed} missing their target) from "
        f"{len(names)} modules in {sum(seconds.values()):.0f} s",
        file=sys.stderr,
    )
    if args.record:
        write_results(ROOT / "benchmarks" / "RESULTS.md", figures, info, args.quick, errors)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
