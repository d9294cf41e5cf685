"""The module map holds: rules live in domain modules that never reach up into pages or screens,
and no two domain modules import each other (directly or round a longer loop)."""

import ast
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
# The web layer and the admin may import the domain; nothing in the domain may import them.
UPPER_LAYERS = ("articles.views", "articles.admin")
NOT_DOMAIN = {"views", "admin", "migrations", "management", "demo", "templatetags", "tests"}
WEB_MODULES = {"feeds.py", "sitemaps.py", "middleware.py", "urls.py", "context_processors.py"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ARTICLES.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every articles.* module `path` imports, anywhere in the file."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = f"{base}.{node.module}" if node.level and node.module else node.module or base
            found.add(module)
            # `from . import changes` imports the module articles.changes.
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return {module for module in found if module.split(".")[0] == "articles"}


def _domain_files():
    for path in ARTICLES.rglob("*.py"):
        relative = path.relative_to(ARTICLES)
        if relative.parts[0] in NOT_DOMAIN or (
            len(relative.parts) == 1 and relative.name in WEB_MODULES
        ):
            continue
        yield path


def test_it_keeps_the_domain_and_models_free_of_views_and_admin_imports():
    offenders = {
        _module_name(path): sorted(m for m in _imports(path) if m.startswith(UPPER_LAYERS))
        for path in _domain_files()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_it_has_no_import_cycle_between_domain_modules():
    modules = {_module_name(path): path for path in _domain_files()}
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    cycles, state = [], {}

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_it_keeps_the_readme_module_map_true():
    """Every module the README's map names exists, and every domain module is on the map."""
    readme = (ARTICLES.parent / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    table = readme.split("| module | owns |", 1)[1].split("\n\n", 1)[0]
    named = {
        name.strip().strip("`").rstrip("/")
        for row in table.splitlines()[2:]
        for name in row.split("|")[1].split(",")
    }
    for name in named:
        assert (ARTICLES / name).exists() or (ARTICLES / f"{name}.py").exists(), name
    top_level = {
        path.stem if path.is_file() else path.name
        for path in ARTICLES.iterdir()
        if (path.suffix == ".py" or path.is_dir())
        and not path.name.startswith("__")
        and path.name not in {"migrations", "management", "demo", "static", "apps.py"}
    }
    on_map = {name.split("/")[0].removesuffix(".py") for name in named}
    assert top_level - on_map == set()
