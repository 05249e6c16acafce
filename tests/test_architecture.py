"""The shape of the code, kept by tests rather than by memory (docs/ARCHITECTURE.md describes it).

import-linter (run by scripts/test) keeps the layers and what the UI may import; these tests keep
what it cannot say: module size, no import circles anywhere, the capability packages' parts, and
no import tricks."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import grimp
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "recoverydesk"
SERVICES = SRC / "services"
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _graph() -> grimp.ImportGraph:
    # TYPE_CHECKING imports are annotations only: they never run, so they make no circle.
    return grimp.build_graph("recoverydesk", include_external_packages=True,
                             exclude_type_checking_imports=True)


def _capabilities() -> list[Path]:
    return sorted(p for p in SERVICES.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(SRC)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, "split these by job (docs/ARCHITECTURE.md)"


def test_no_import_circles():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            circle = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                circle.append(member)
                if member == module:
                    break
            if len(circle) > 1:
                circles.append(sorted(circle))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    assert circles == []


@pytest.mark.parametrize("capability", [p.name for p in _capabilities()])
def test_each_capability_has_its_types_and_service(capability):
    package = SERVICES / capability
    assert (package / "types.py").exists(), f"{capability}: DTOs, drafts and rules in types.py"
    assert (package / "service.py").exists(), f"{capability}: use cases in service.py"


@pytest.mark.parametrize("capability", [p.name for p in _capabilities()])
def test_types_modules_are_plain_python(capability):
    """What the window may import reaches no database, no store, no Qt and no use case, not even
    through another module (a pure helper such as goals/smart.py is fine)."""
    module = f"recoverydesk.services.{capability}.types"
    reached = _graph().find_upstream_modules(module)
    wrong = {m for m in reached
             if m.split(".")[0] in ("sqlalchemy", "PySide6")
             or m.startswith(("recoverydesk.models", "recoverydesk.store", "recoverydesk.ui"))
             or m.endswith((".service", ".container", ".overview"))}
    assert wrong == set()


def _calls(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                names.append(f"{func.value.id}.{func.attr}")
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_tricks(path):
    """No module ``__getattr__`` lookups, no swapped ``__import__``, no modules named in
    strings and imported by name, no registering with another module at import time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert "__getattr__" not in top_level
    calls = _calls(tree)
    assert "importlib.import_module" not in calls
    assert "builtins.__import__" not in ast.unparse(tree)
    registering = [ast.unparse(n) for n in tree.body if isinstance(n, ast.Expr)
                   and isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Attribute)
                   and n.value.func.attr in ("append", "register", "setdefault")]
    assert registering == []


def test_the_window_imports_only_the_services_contracts():
    """ui/ names the services' types and nothing else of them: a use case reaches the window as
    the Services object the composition root hands it, never as an import."""
    graph = _graph()
    wrong = set()
    for module in graph.find_descendants("recoverydesk.ui"):
        for imported in graph.find_modules_directly_imported_by(module):
            if (imported.startswith("recoverydesk.services.")
                    and not imported.endswith(".types")):
                wrong.add(f"{module} -> {imported}")
    assert wrong == set()
