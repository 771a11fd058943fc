"""Runs one bench module and writes its figures as JSON: `python -m benchmarks._child NAME OUT`.

The runner starts one of these per module so that each measures in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from benchmarks.core import Context


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("out", type=Path)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    module = importlib.import_module(f"benchmarks.bench_{args.name}")
    figures = module.run(Context(quick=args.quick))
    args.out.write_text(json.dumps([f.to_json() for f in figures]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
