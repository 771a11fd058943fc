"""`python -m tests.realwindow DIR`: walk the editing loop in English and Chinese on a private
Xvfb and copy the screenshots (`window-en.png`, `window-zh.png`, 1366x768) into DIR."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.realwindow.session import run_walk


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    dest = Path(argv[0])
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xpaint-walk-") as tmp:
        for lang in ("en", "zh"):
            run = run_walk(Path(tmp) / lang, lang)
            if run.returncode != 0:
                print(run.output, file=sys.stderr)
                return 1
            name = f"window-{lang}.png"
            shutil.copyfile(run.out_dir / name, dest / name)
            print(dest / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
