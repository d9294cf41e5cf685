"""Every document the code cites is in the repository, and says what the citation promises.

Comments, docstrings, templates, tests, settings and the README cite the manual by path
(`docs/development/decisions.md, "Public URLs"`, or `docs/editors/workflow.md#roles`): the page
must exist, and so must the heading named. Nothing cites the team's design notes outside the
repository (a `DESIGN.md`, `../shared/`) or a numbered section (`§4`) a reader cannot open; the
README's own sections are cited by their heading. The manual's pages link to each other through
Sphinx, which `make docs` checks (warnings are errors); this test covers everything else.
"""

import re
from pathlib import Path

from myst_parser.slugs import github_slugify

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

# Where citations can hide: the code, its templates and static files, the tests, the benchmark,
# the manual's own scripts, and the files at the top of the tree.
FOLDERS = ["articles", "newsroom", "templates", "static", "tests", "bench", "docs"]
TOP_FILES = ["README.md", "Makefile", ".ci/run", ".env.example", "pyproject.toml"]
TEXT = {".py", ".html", ".txt", ".xml", ".js", ".css", ".md", ".toml", ".yaml", ".yml", ".xsd"}
SKIP = {"_build", "__pycache__", "node_modules", "screenshots", "migrations"}

OUTSIDE = re.compile(r"\b(?:DESIGN|STYLE|STANDARDS|TESTING)\.md\b|\.\./shared/|/work/shared\b")
DOC_CITATION = re.compile(r"\b(docs/[\w/.-]+?\.md)(?:#([\w-]+)|,?\s+\"([^\"\n]+)\")?")
README_CITATION = re.compile(r"\bREADME(?:\.md)?,?\s+\"([^\"\n]+)\"")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)


def _sources():
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in TEXT and path.is_file() and not SKIP & set(path.parts):
                yield path
    for name in TOP_FILES:
        if (ROOT / name).exists():
            yield ROOT / name


def _cited_sources():
    """(path, line number, line) for every line of every source, but this test's own."""
    for path in _sources():
        if path == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            yield path.relative_to(ROOT), number, line


def _headings(page: Path) -> tuple[set[str], set[str]]:
    """A Markdown page's heading texts (markup stripped) and their anchors."""
    titles = {
        re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title).replace("`", "").replace("*", "")
        for title in HEADING.findall(page.read_text())
    }
    return titles, {github_slugify(title) for title in titles}


def _wrong_citation(line: str) -> str | None:
    """What is wrong with the citations on `line`, or None."""
    if found := OUTSIDE.search(line):
        return f"cites {found.group()}, a document outside the repository"
    cited_pages = []
    for path, anchor, heading in DOC_CITATION.findall(line):
        page = ROOT / path
        if not page.is_file():
            return f"cites {path}, which does not exist"
        titles, anchors = _headings(page)
        if anchor and anchor not in anchors:
            return f"cites {path}#{anchor}, a heading {path} does not have"
        if heading and heading not in titles:
            return f'cites {path}, "{heading}", a heading {path} does not have'
        cited_pages.append(page)
    if "§" in line and not cited_pages:
        return "cites a numbered section (§) of no page in docs/"
    for heading in README_CITATION.findall(line):
        if heading not in _headings(ROOT / "README.md")[0]:
            return f'cites README "{heading}", a heading README.md does not have'
    return None


def test_it_cites_only_documents_in_the_repository_and_headings_they_have():
    wrong = [
        f"{path}:{number}: {problem}"
        for path, number, line in _cited_sources()
        if (problem := _wrong_citation(line))
    ]
    assert wrong == []


def test_it_finds_a_wrong_citation_of_every_kind():
    assert "outside" in _wrong_citation("# See DESIGN.md §4 for the URL map.")
    assert "outside" in _wrong_citation("Design and conventions: `../shared/STYLE.md`.")
    assert "numbered section" in _wrong_citation("The scaling path (§7).")
    assert "does not exist" in _wrong_citation("(docs/operations/no-such-page.md)")
    assert "does not have" in _wrong_citation('(docs/development/decisions.md, "No such rule")')
    assert "does not have" in _wrong_citation("docs/editors/workflow.md#no-such-heading")
    assert "README" in _wrong_citation('(README "A section that moved to docs")')


def test_it_accepts_the_citations_the_code_makes():
    assert (
        _wrong_citation('"""Public URLs (docs/development/decisions.md, "Public URLs")."""') is None
    )
    assert _wrong_citation("# docs/editors/workflow.md#roles: editors may merge tags") is None
    assert _wrong_citation("# renditions/* only (docs/operations/several-machines.md).") is None
    assert _wrong_citation('see README "Two commands"') is None
