"""The runner's table (terminal) and the run kept in `benchmarks/RESULTS.md`."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.core import Figure

BEGIN = "<!-- run: written by `python -m benchmarks --record` -->"
END = "<!-- /run -->"


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2 if abs(value) >= 1 else 3
    return f"{value:.{digits}f} {unit}".strip()


def _met(figure: Figure) -> str:
    return {None: "", True: "yes", False: "NO"}[figure.met]


def _cells(f: Figure) -> list[str]:
    baseline = f"{f.baseline_label} {fmt(f.baseline, f.unit)}" if f.baseline is not None else ""
    target = f.target.describe(f.unit) if f.target else ""
    return [f.title, fmt(f.value, f.unit), baseline.strip(), fmt(f.ratio, "x"), target, _met(f)]


HEADER = ["figure", "value", "baseline (same run)", "ratio", "target", "met"]


def render_table(figures: list[Figure]) -> str:
    rows = [HEADER, *(_cells(f) for f in figures)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {f.title}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["", "notes:", *notes] if notes else []))


def render_markdown(
    figures: list[Figure], info: dict[str, str], quick: bool, errors: dict[str, str]
) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [BEGIN, "", f"Run of {when} ({'--quick' if quick else 'full'}), on:", ""]
    out += [f"- {k}: {v}" for k, v in info.items()]
    out += ["", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(c.replace("|", "/") for c in _cells(f)) + " |" for f in figures]
    notes = [f"- {f.title}: {f.note}" for f in figures if f.note]
    if notes:
        out += ["", "Notes of this run:", "", *notes]
    if errors:
        out += ["", "Modules that failed:", ""]
        out += [f"- {name}: {text.splitlines()[0]}" for name, text in errors.items()]
    return "\n".join([*out, "", END])


def write_results(
    path: Path, figures: list[Figure], info: dict[str, str], quick: bool, errors: dict[str, str]
) -> None:
    """Replace the generated section of `path`, keeping what is written around it."""
    block = render_markdown(figures, info, quick, errors)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
