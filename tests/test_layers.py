"""The layering contracts, executable: kiosk/ is plain Python, printing/ never reaches into ui/,
the screen packages do not import each other, and no module imports itself through others.

import-linter checks the layers in scripts/test (with indirect imports); this walks every import
statement, those under ``if TYPE_CHECKING:`` and inside functions included, so the rules also hold
where only pytest runs, and it finds import cycles, which import-linter does not look for.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kiosk", "printing", "ui", "tests")
FORBIDDEN = {
    "kiosk": {"PySide6", "shiboken6", "ui", "printing", "reportlab", "qrcode", "escpos"},
    "printing": {"ui"},
}
SCREENS = ("ui.kiosk", "ui.desk", "ui.observation", "ui.display", "ui.admin")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path | None = None) -> set[str]:
    """Every module ``path`` imports: ``from a.b import c`` names ``a.b.c`` when that is a module
    under ``root``, else ``a.b``; relative imports are resolved (with ``root``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path, root).split(".") if root is not None else []
    is_package = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if root is None:
                    continue
                base = here if is_package else here[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            submodules = set()
            if root is not None:
                for alias in node.names:
                    sub = root.joinpath(*f"{module}.{alias.name}".split("."))
                    if sub.with_suffix(".py").is_file() or (sub / "__init__.py").is_file():
                        submodules.add(f"{module}.{alias.name}")
            names.update(submodules)
            if len(submodules) < len(node.names):  # a name defined in the module itself
                names.add(module)
    return names


def import_graph(root: Path, packages: Iterable[str]) -> dict[str, set[str]]:
    """Module -> the modules of ``packages`` it imports."""
    files = {
        module_name(path, root): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
    }
    return {
        name: {m for m in imported_modules(path, root) if m in files and m != name}
        for name, path in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_forbidden_layers(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_modules(path):
            if name.split(".")[0] in FORBIDDEN[package]:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_screen_packages_do_not_import_each_other() -> None:
    graph = import_graph(ROOT, ["ui"])
    offenders = [
        f"{module} imports {target}"
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        for screen in SCREENS
        if (module == screen or module.startswith(screen + "."))
        and any(
            (target == other or target.startswith(other + "."))
            for other in SCREENS
            if other != screen
        )
    ]
    assert offenders == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph(ROOT, PACKAGES)) == []


def test_the_walker_sees_every_kind_of_import(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a.py").write_text(
        "import os\nfrom PySide6.QtCore import QObject\nfrom . import b\n", encoding="utf-8"
    )
    (pkg / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.c import C\n",
        encoding="utf-8",
    )
    (pkg / "c.py").write_text("def f():\n    from pkg import a\n", encoding="utf-8")
    assert {"os", "PySide6.QtCore"} <= imported_modules(pkg / "a.py")
    graph = import_graph(tmp_path, ["pkg"])
    assert graph["pkg.a"] == {"pkg.b"}
    assert graph["pkg.b"] == {"pkg.c"}
    assert graph["pkg.c"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
