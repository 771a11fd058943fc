"""The modules the bundle leaves out (the spec's `excludes`) are not used by the program.

A module left out of the bundle imports fine from the sources and fails only in the bundled
program, so this reads the program's source: an `import` of a left-out module, or an attribute
of numpy that is one (`np.ma`, `np.random.default_rng`), fails here naming the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.packaging.scripts import ROOT

SPEC = ROOT / "packaging" / "xpaint-desktop.spec"
SOURCE = ROOT / "xpaint_desktop"


def left_out() -> list[str]:
    """The names in the spec's `excludes = ... + [...]` list."""
    for node in ast.walk(ast.parse(SPEC.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "excludes" for t in node.targets
        ):
            return [
                c.value
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            ]
    raise AssertionError(f"no `excludes` list in {SPEC}")


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def used_modules(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, dotted name) of every import and every attribute chain of an imported numpy."""
    numpy_names = {"numpy"}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((node.lineno, alias.name))
                if alias.name == "numpy":
                    numpy_names.add(alias.asname or "numpy")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            name = _dotted(node)
            if name and name.split(".")[0] in numpy_names:
                found.append((node.lineno, "numpy" + name[len(name.split(".")[0]) :]))
    return found


def uses_of(excluded: list[str], source: Path) -> list[str]:
    uses = []
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in used_modules(tree):
            hit = next((e for e in excluded if name == e or name.startswith(e + ".")), None)
            if hit:
                uses.append(f"{path.relative_to(source.parent)}:{line}: {name} ({hit})")
    return sorted(set(uses))


def test_the_program_uses_no_module_the_bundle_leaves_out() -> None:
    excluded = left_out()
    assert {"numpy.ma", "numpy.random", "httpx._main", "anyio", "unittest"} <= set(excluded)
    uses = uses_of(excluded, SOURCE)
    assert not uses, (
        "left out of the bundle by packaging/xpaint-desktop.spec, but used:\n" + "\n".join(uses)
    )


def test_the_scan_finds_imports_and_numpy_attributes(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text(
        "import numpy as np\n"
        "from numpy.ma import masked_array\n"
        "def f(x):\n"
        "    return np.random.default_rng(0), np.asarray(x)\n",
        encoding="utf-8",
    )
    assert uses_of(["numpy.ma", "numpy.random"], package) == [
        "pkg/a.py:2: numpy.ma.masked_array (numpy.ma)",
        "pkg/a.py:4: numpy.random (numpy.random)",
        "pkg/a.py:4: numpy.random.default_rng (numpy.random)",
    ]
