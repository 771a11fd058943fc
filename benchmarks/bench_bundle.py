"""The bundle: installed size and download archive, against the packages it is made from.

Measures `dist/xpaint-desktop/` (`packaging/build.sh`) and the archive next to it
(`packaging/archive.sh`). The full run makes them when they are missing; `--quick` measures
them only if they are there (building and compressing take minutes). Baseline: what
`pip install xpaint-desktop` puts in site-packages for the runtime dependencies (the closure
of the package's requirements), the same files before the bundle leaves out what it never
loads.
"""

from __future__ import annotations

import re
import subprocess
from importlib import metadata
from pathlib import Path

from benchmarks.core import ROOT, Context, Figure, Target

NAME = "xpaint-desktop"
MB = 1e6


def size_of(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def _requirement_names(dist: metadata.Distribution) -> list[str]:
    names = []
    for req in dist.requires or []:
        if "extra ==" in req:
            continue
        marker = req.split(";", 1)
        if len(marker) == 2 and "python_version" in marker[1]:
            from packaging.markers import Marker

            if not Marker(marker[1]).evaluate():
                continue
        names.append(re.split(r"[ <>=!~;\[(]", marker[0].strip(), maxsplit=1)[0])
    return names


def installed_dependencies() -> int:
    """Bytes in site-packages of the runtime requirement closure (without this package)."""
    seen: set[str] = set()
    todo = _requirement_names(metadata.distribution(NAME))
    total = 0
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for file in dist.files or []:
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                total += path.stat().st_size
        todo.extend(_requirement_names(dist))
    return total


def archives(dist: Path) -> list[Path]:
    return sorted(p for p in dist.glob(f"{NAME}-*.tar.*") if p.is_file())


def run(ctx: Context) -> list[Figure]:
    dist = ROOT / "dist"
    folder = dist / NAME
    if not (folder / NAME).exists() or not archives(dist):
        if ctx.quick:
            return []
        if not (folder / NAME).exists():
            subprocess.run(["bash", "packaging/build.sh"], cwd=ROOT, check=True, timeout=900)
        subprocess.run(["bash", "packaging/archive.sh"], cwd=ROOT, check=True, timeout=1800)
    baseline = installed_dependencies() / MB
    figures = [
        Figure(
            key="bundle.installed",
            title="installed bundle",
            value=size_of(folder) / MB,
            unit="MB",
            baseline=baseline,
            baseline_label="runtime packages as pip installs them",
            target=Target(250),
        )
    ]
    for archive in archives(dist)[:1]:
        figures.append(
            Figure(
                key="bundle.archive",
                title=f"download archive ({archive.name.split('.tar.')[-1]})",
                value=archive.stat().st_size / MB,
                unit="MB",
                baseline=baseline,
                baseline_label="runtime packages as pip installs them",
                target=Target(100),
                note=archive.name,
            )
        )
    return figures
