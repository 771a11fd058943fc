"""The import contract: Qt lives in `ui/` only, and no layer imports one above it.

The contract reads every module's imports from its source (`ast`, so an import inside a
function counts as well), which is what a newcomer reads too. `LAYERS` lists the packages from
the top down; a module may import its own tier and the tiers below it. Running
`python -m tests.test_import_layers` prints the violations, for a quick look after a change.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "xpaint_desktop"

# Top down. The entry points may start the window; the window drives the core; the core's
# packages use only what is beneath them. Names are the first part below `xpaint_desktop`.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"__main__", "cli"}),
    frozenset({"ui"}),
    frozenset({"jobs"}),
    frozenset({"engines"}),
    frozenset({"library", "api"}),
    frozenset({"keys"}),
    frozenset({"settings"}),
    frozenset({"imaging", "spec"}),
    frozenset({"logs", "crash"}),
    frozenset({"paths", "atomic", "errors", "__init__"}),
)
QT_PACKAGES = ("PySide6", "shiboken6")
QT_HOME = "ui"
# Inside the window layer: what the parts of the window may not reach.
UI_PANELS = frozenset({"canvas", "gallery", "jobs", "params", "preferences"})
UI_ROOTS = frozenset({"window", "app", "session", "staging"})  # what builds the parts
UI_FORBIDDEN: dict[str, frozenset[str]] = {
    "shared": UI_PANELS | UI_ROOTS,
    **{panel: UI_ROOTS for panel in UI_PANELS},
}


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    imported: str
    rule: str

    def __str__(self) -> str:
        if self.imported == "-":
            return f"{self.module}: {self.rule}"
        return f"{self.module}:{self.line} imports {self.imported}: {self.rule}"


def _module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, package: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "xpaint_desktop":  # `from xpaint_desktop import config`
                for alias in node.names:
                    sub = package / alias.name
                    is_module = sub.is_dir() or sub.with_suffix(".py").exists()
                    yield node.lineno, f"xpaint_desktop.{alias.name}" if is_module else node.module
            else:
                yield node.lineno, node.module


def _tier(name: str) -> int | None:
    for i, layer in enumerate(LAYERS):
        if name in layer:
            return i
    return None


def violations(package: Path = PACKAGE) -> list[Violation]:
    """Every import in `package` that breaks the contract."""
    found: list[Violation] = []
    for path in sorted(package.rglob("*.py")):
        module = _module_name(path, package)
        parts = module.split(".")
        own = parts[1] if len(parts) > 1 else "__init__"
        if _tier(own) is None:
            found.append(Violation(module, 1, "-", f"{own} is in no layer of LAYERS"))
            continue
        for line, imported in _imports(path, package):
            top = imported.split(".")[0]
            if top in QT_PACKAGES and own != QT_HOME:
                found.append(Violation(module, line, imported, "Qt is imported in ui/ only"))
                continue
            if top != "xpaint_desktop":
                continue
            target_parts = imported.split(".")
            target = target_parts[1] if len(target_parts) > 1 else "__init__"
            own_tier, target_tier = _tier(own), _tier(target)
            if own_tier is None or target_tier is None:
                continue  # a module in no layer is reported once, above
            if target_tier < own_tier:
                found.append(
                    Violation(module, line, imported, f"{own} may not import the higher {target}")
                )
            elif own == "ui" and len(parts) > 2 and len(target_parts) > 2 and target == "ui":
                part, reached = parts[2], target_parts[2]
                if reached in UI_FORBIDDEN.get(part, frozenset()):
                    found.append(
                        Violation(module, line, imported, f"ui.{part} may not import ui.{reached}")
                    )
    return found


def test_the_package_keeps_the_import_contract() -> None:
    broken = violations()
    assert not broken, "import contract broken:\n" + "\n".join(map(str, broken))


def _plant(tmp_path: Path, relative: str, source: str) -> Path:
    """A copy of the package with one extra module in it."""
    import shutil

    copy = tmp_path / "xpaint_desktop"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / relative).write_text(source, encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("relative", "source", "rule"),
    [
        (
            "library/planted.py",
            "from PySide6.QtCore import QObject\n",
            "Qt is imported in ui/ only",
        ),
        ("imaging/planted.py", "def f():\n    import PySide6.QtWidgets\n", "Qt is imported"),
        ("engines/planted.py", "from xpaint_desktop.jobs import runner\n", "higher jobs"),
        ("library/planted.py", "from xpaint_desktop import cli\n", "higher cli"),
        ("paths.py", "from xpaint_desktop.settings import Settings\n", "higher settings"),
        ("settings.py", "from xpaint_desktop.keys import ApiKeyStore\n", "higher keys"),
        ("errors_planted.py", "import os\n", "errors_planted is in no layer"),
        ("ui/shared/planted.py", "from xpaint_desktop.ui.gallery import model\n", "ui.gallery"),
        ("ui/canvas/planted.py", "from xpaint_desktop.ui.window import actions\n", "ui.window"),
    ],
)
def test_a_planted_violation_is_caught(
    tmp_path: Path, relative: str, source: str, rule: str
) -> None:
    copy = _plant(tmp_path, relative, source)
    broken = violations(copy)
    assert len(broken) == 1 and rule in str(broken[0]), broken


@pytest.mark.parametrize(
    "argv",
    [
        ["inpaint", "{photo}", "{mask}", "-p", "sky", "--engine", "local", "--json"],
        ["history"],
        ["resume"],
    ],
    ids=["inpaint", "history", "resume"],
)
def test_the_command_line_never_loads_qt_widgets(
    tmp_path: Path, data_dir: Path, argv: list[str]
) -> None:
    from PIL import Image, ImageDraw

    photo, mask = tmp_path / "photo.png", tmp_path / "mask.png"
    Image.open(data_dir / "chelsea.png").convert("RGB").save(photo)
    drawn = Image.new("L", Image.open(photo).size, 0)
    ImageDraw.Draw(drawn).rectangle((40, 40, 120, 120), fill=255)
    drawn.save(mask)
    words = [w.format(photo=photo, mask=mask) for w in argv]
    script = (
        "import sys\n"
        "from xpaint_desktop.cli import main\n"
        f"code = main({words!r})\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print('QT-MODULES', loaded, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    proc = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=240
    )
    assert proc.returncode == 0, proc.stderr
    [report] = [line for line in proc.stderr.splitlines() if line.startswith("QT-MODULES")]
    assert "PySide6.QtWidgets" not in report
    assert "PySide6.QtGui" not in report


if __name__ == "__main__":
    broken = violations()
    print("\n".join(map(str, broken)) or "import contract kept")
    sys.exit(1 if broken else 0)
