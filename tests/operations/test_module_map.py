"""The module map holds: `articles/` reads as the newsroom's table of contents, its packages
depend one way (the tables ← the domain packages ← the pages, screens and commands), and no two
domain modules import each other, directly or round a longer loop."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "articles"

# The tables: they import nothing above them.
MODELS = "models"
# What the newsroom does, one package (or module) per capability. Each may import the tables
# and other domain packages, never the layer above.
DOMAIN = {
    "accounts",
    "addresses",
    "caching",
    "changes",
    "desk",
    "fronts",
    "images",
    "live",
    "newsletters",
    "planning",
    "search",
    "staff",
    "stories",
    "syndication",
    "taxonomy",
    "wire",
    "workflow",
}
# What readers, staff and operators reach: pages, admin screens, template tags, commands and
# the demo. They may import anything below them.
UPPER = {"public", "admin", "templatetags", "management", "demo"}
# Django's own places: the app config and the migration stream.
DJANGO = {"apps", "migrations"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
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
            # `from articles import changes` imports the module articles.changes.
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return {module for module in found if module.split(".")[0] == "articles"}


def _package(module: str) -> str:
    """The top-level entry of articles/ a module belongs to ("workflow" for
    articles.workflow.step, "changes" for articles.changes)."""
    return module.split(".")[1] if "." in module else ""


def _code():
    for path in ARTICLES.rglob("*.py"):
        if _package(_module_name(path)) not in DJANGO:
            yield path


def test_it_files_every_top_level_entry_in_one_layer():
    entries = {
        path.stem if path.is_file() else path.name
        for path in ARTICLES.iterdir()
        if (path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()))
        and path.name != "__init__.py"
    }
    assert entries == {MODELS} | DOMAIN | UPPER | DJANGO
    # A table of contents, not a drawer: about twenty entries (the house as regrouped, 21), and
    # one more for each capability that earns a package of its own.
    assert len(entries) <= 21 + len(DOMAIN & {"planning", "newsletters", "live", "accounts"})


def test_it_keeps_the_tables_free_of_everything_above_them():
    offenders = {
        _module_name(path): sorted(m for m in _imports(path) if _package(m) not in {MODELS, ""})
        for path in _code()
        if _package(_module_name(path)) == MODELS
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_it_keeps_the_domain_free_of_pages_screens_and_commands():
    offenders = {
        _module_name(path): sorted(m for m in _imports(path) if _package(m) in UPPER)
        for path in _code()
        if _package(_module_name(path)) in DOMAIN
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
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
    return cycles


def test_it_has_no_import_cycle_between_domain_packages():
    graph = {package: set() for package in DOMAIN}
    for path in _code():
        source = _package(_module_name(path))
        if source in DOMAIN:
            graph[source] |= {_package(m) for m in _imports(path)} & DOMAIN - {source}
    assert _cycles(graph) == []


def test_it_has_no_import_cycle_between_domain_modules():
    modules = {
        _module_name(path): path
        for path in _code()
        if _package(_module_name(path)) in DOMAIN | {MODELS}
    }
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    assert _cycles(graph) == []


def test_it_keeps_the_map_in_the_docs_true():
    """Every package the architecture page's map names exists, and every top-level entry of
    articles/ is on the map."""
    page = (ROOT / "docs" / "development" / "architecture.md").read_text()
    table = page.split("| package | owns |", 1)[1].split("\n\n", 1)[0]
    named = {
        name.strip().strip("`").rstrip("/").removesuffix(".py")
        for row in table.splitlines()[2:]
        for name in row.split("|")[1].split(",")
    }
    for name in named:
        assert (ARTICLES / name).is_dir() or (ARTICLES / f"{name}.py").exists(), name
    assert ({MODELS} | DOMAIN | UPPER) - named == set()


def test_it_keeps_the_views_to_the_url_map_the_old_address_fallback_and_the_admin():
    """Feeds, sitemaps, page heads and template tags are built from the domain, never from a
    view; only the URL map, the old-address fallback and the admin (which reuses the preview
    pages) reach into `public/views/`."""
    may_import_views = {"articles.public.urls", "articles.public.middleware"}
    offenders = {
        name: sorted(m for m in _imports(path) if m.startswith("articles.public.views"))
        for path in _code()
        if not (name := _module_name(path)).startswith(("articles.public.views", "articles.admin"))
        and name not in may_import_views
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_it_keeps_the_readme_short_map_true():
    """The README's short map of the tree names only what exists (at the top, in articles/ or
    in tests/), and the two commands."""
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    tree = readme.split("## The tree", 1)[1].split("```", 2)[1]
    named = re.findall(r"(?<![\w/.])([a-z0-9_]+(?:/|\.py))(?=[\s,])", tree)
    assert len(named) > 20
    for name in named:
        found = [base for base in (ROOT, ARTICLES, ROOT / "tests") if (base / name).exists()]
        assert found, name
