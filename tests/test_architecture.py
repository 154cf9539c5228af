"""The arrows between the apps, read from the source: `devtools -> {brochures, imports, partners} ->
partnerships -> checkpoints -> core`, with `config` wiring them all (conventions.md, "The
house"). Every import is read with `ast`, wherever it stands (inside functions, under
`if TYPE_CHECKING:`), and so is `import_module("...")` with a literal name. Tests are not
checked: they may reach into any app.

A second test keeps the partnerships app free of module-level import cycles (the ones a
function-level import hides are what the layout is meant to do without)."""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Higher numbers may import lower ones, never the other way; apps of the same rank not
# each other. config wires everything and may import any app; no app imports config.
RANKS = {
    "core": 1,
    "checkpoints": 2,
    "partnerships": 3,
    "brochures": 4,
    "imports": 4,
    "partners": 4,
    "devtools": 5,
    "config": 6,
}
CHECKED = tuple(RANKS)

# No import against the arrows is allowed; nothing may be added here.
ALLOWED: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    path: str  # relative to the project root
    line: int
    module: str  # the absolute dotted name imported


def _module_name(path: Path, root: Path = ROOT) -> tuple[str, bool]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    base = package
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    return f"{base}.{node.module}" if node.module else base


def _string_import(node: ast.Call) -> str | None:
    """`import_module("x.y")` or `importlib.import_module("x.y")` with a literal name."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name != "import_module" or not node.args:
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def imports_in(path: Path, *, module_level_only: bool = False, root: Path = ROOT) -> list[Import]:
    """Every import in one file: all of them, or those that run when the module is imported
    (top-level statements and those in top-level if/try blocks, but not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module, is_package = _module_name(path, root)
    package = module if is_package else module.rpartition(".")[0]
    rel = str(path.relative_to(root))
    if module_level_only:
        nodes = []
        for statement in tree.body:
            if isinstance(statement, ast.If) and "TYPE_CHECKING" in ast.dump(statement.test):
                continue
            if isinstance(statement, (ast.If, ast.Try)):
                nodes.extend(ast.walk(statement))
            else:
                nodes.append(statement)
    else:
        nodes = list(ast.walk(tree))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [Import(rel, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            # `from pkg import sub` imports the submodule pkg.sub when there is one.
            found += [Import(rel, node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and not module_level_only and (name := _string_import(node)):
            found.append(Import(rel, node.lineno, name))
    return found


def python_files(app: str) -> list[Path]:
    folder = ROOT / app
    return sorted(folder.rglob("*.py")) if folder.is_dir() else []  # imports/, devtools/ may not exist yet


def test_apps_import_only_along_the_arrows():
    wrong = []
    for app in CHECKED:
        for path in python_files(app):
            for found in imports_in(path):
                target = found.module.partition(".")[0]
                if target not in RANKS or target == app or app == "config":
                    continue
                if RANKS[target] < RANKS[app]:
                    continue
                if (found.path, target) in ALLOWED:
                    continue
                wrong.append(f"{found.path}:{found.line}: {app} imports {found.module}")
    assert not wrong, (
        "Imports against devtools -> {brochures, imports, partners} -> partnerships -> checkpoints -> core:\n"
        + ("\n".join(wrong))
    )


def test_the_allow_list_holds_only_violations_that_still_exist():
    # An entry whose import is gone must leave the list, so the list can only shrink.
    present = {
        (found.path, found.module.partition(".")[0])
        for app in CHECKED
        for path in python_files(app)
        for found in imports_in(path)
    }
    assert present >= ALLOWED, f"remove from ALLOWED: {sorted(ALLOWED - present)}"


def _module_graph(app: str) -> dict[str, set[str]]:
    """Module-level imports among one app's modules. Importing a.b.c also runs the packages
    a.b and a; a package a module belongs to is being imported already and is not an edge."""
    modules = {_module_name(path)[0]: path for path in python_files(app) if "migrations" not in path.parts}

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        edges = set()
        for found in imports_in(path, module_level_only=True):
            target = known(found.module)
            while target:
                if target != module and not module.startswith(target + "."):
                    edges.add(target)
                target = target.rpartition(".")[0] or None
        graph[module] = edges
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_partnerships_has_no_module_level_import_cycles():
    graph = _module_graph("partnerships")
    cycles = _cycles(graph)
    described = [
        " <-> ".join(cycle)
        + "\n"
        + "\n".join(f"    {m} imports {sorted(graph[m] & set(cycle))}" for m in cycle)
        for cycle in cycles
    ]
    assert not cycles, "Import cycles among partnerships modules:\n" + "\n".join(described)


def test_the_checks_see_imports_inside_functions_and_string_imports(tmp_path):
    # A test that cannot fail is a defect: the reader must find each kind of import.
    (tmp_path / "core").mkdir()
    sample = tmp_path / "core" / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from brochures.models import Brochure\n"
        "def f():\n    from partnerships import services\n"
        "    from .models import Unit\n"
        "    import importlib\n    importlib.import_module('checkpoints.models')\n"
    )
    modules = {found.module for found in imports_in(sample, root=tmp_path)}
    top = {found.module for found in imports_in(sample, module_level_only=True, root=tmp_path)}
    assert {
        "brochures.models.Brochure",
        "partnerships.services",
        "checkpoints.models",
        "core.models.Unit",
    } <= modules
    assert "brochures.models.Brochure" not in top and "partnerships.services" not in top
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
