"""The architecture holds: dependencies point one way, no app outgrows the others, and each rule
lives in one place (docs/ARCHITECTURE.md)."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from articles.signals import article_saved, article_transitioned

ROOT = Path(__file__).resolve().parent.parent
APPS = ["articles", "copydesk", "desk", "images", "jobs", "newsroom", "people", "public", "seed", "translations"]
# Python of the project that is not an app: benchmark tools and CI scripts.
TOOLS = ["bench", "scripts"]


def project_files(folders=APPS, *, migrations: bool = True) -> list[Path]:
    files = [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))]
    return [path for path in files if migrations or "migrations" not in path.parts]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The project's modules ``path`` imports, at the top and inside functions alike."""
    found = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])])
            # "from pkg import module" imports the module; "from module import name", the module.
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names}
    return {name for name in found if name in known}


def import_graph() -> dict[str, set[str]]:
    files = project_files()
    known = {module_name(path) for path in files}
    return {module_name(path): imported_modules(path, known) - {module_name(path)} for path in files}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_is_read_whole():
    """The check below would pass on an empty graph: make sure it sees the imports it must."""
    graph = import_graph()
    assert "desk.workflow" in graph["desk.services"]  # top-level
    assert "articles.signals" in graph["desk.workflow"]
    assert "desk.notifications" in graph["desk.apps"]  # inside AppConfig.ready
    assert "public.fulltext" in graph["articles.migrations.0009_article_fulltext_sqlite"]


def test_no_module_imports_itself_through_others():
    assert cycles(import_graph()) == []


def test_a_circle_would_be_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_layer_contracts_hold():
    """import-linter's contracts (.importlinter): the layers, and the public site never reaching the
    desk. CI runs the same check (.ci/run)."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_no_app_holds_more_than_40_percent_of_the_code():
    lines = {
        folder: sum(len(path.read_text(encoding="utf-8").splitlines()) for path in project_files([folder], migrations=False))
        for folder in APPS + TOOLS
    }
    total = sum(lines.values())
    shares = {folder: round(100 * n / total, 1) for folder, n in lines.items()}
    assert max(shares.values()) <= 40, shares


# --- each rule in one place ------------------------------------------------------------------------

# (what the rule is, a pattern that writes it, the one file allowed to)
ONE_PLACE = [
    ("the direction of a language's text", r"""["']rtl["']\s+if\s+[\w.]*language\b|\bin RTL_LANGUAGES""", "newsroom/languages.py"),
    ("the list of the site's language codes",
     r"\[language\.code for language in EDITIONS\]|for code, _\w* in (settings\.)?LANGUAGES|\[code for code, _",
     "newsroom/languages.py"),
    ("the OpenGraph locales", r"""["']en_GB["']|["']ar_AR["']""", "newsroom/languages.py"),
    ("the PostgreSQL search configurations", r"""["']arabic["']\s*[,}:]|["']english["']\s*[,}:]""", "newsroom/languages.py"),
    ("the JSON escapes of text shown in pages", r"u003[cC]", "public/seo.py"),
    ("a byline names a staff member", r"get_full_name\(\)\)?\s*==|full_name__iexact|normalize_name\(user", "articles/bylines.py"),
    ("which translation requests are open", r"state__in=TranslationRequest\.OPEN", "articles/models.py"),
    ("who may start a translation request", r"request\.translator_id == user\.pk", "translations/services.py"),
    ("keeping a revision", r"(?<!class )\bRevision\(|Revision\.objects\.create", "desk/"),
    ("the workflow fields of a content save", r"WORKFLOW_FIELDS", "desk/"),
]


@pytest.mark.parametrize("rule, pattern, home", ONE_PLACE, ids=[rule for rule, _, _ in ONE_PLACE])
def test_each_rule_is_written_once(rule, pattern, home):
    places = [
        str(path.relative_to(ROOT))
        for path in project_files(APPS + TOOLS, migrations=False)
        if re.search(pattern, path.read_text(encoding="utf-8"))
    ]
    assert places and all(place.startswith(home) for place in places), f"{rule}: {places}"


def test_a_revision_is_kept_only_by_the_content_save_service():
    """Nothing outside desk.services makes a Revision but the one-off baseline of an old article."""
    makers = []
    for path in project_files(migrations=False):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Revision":
                makers.append(str(path.relative_to(ROOT)))
            if isinstance(node, ast.Attribute) and node.attr == "create" and "Revision" in ast.unparse(node.value):
                makers.append(str(path.relative_to(ROOT)))
    assert sorted(set(makers)) == ["desk/revisions.py", "desk/services.py"]


def test_the_parts_that_react_have_registered_their_hooks():
    """Each app connects its receivers in its AppConfig.ready (docs/ARCHITECTURE.md, "Hooks")."""
    def modules(signal):
        receivers = [entry[1] for entry in signal.receivers]  # weak references to the receivers
        return {receiver().__module__ for receiver in receivers if receiver() is not None}

    saved, transitioned = modules(article_saved), modules(article_transitioned)
    assert {"translations.services"} <= saved
    assert {"desk.notifications", "desk.tasks", "translations.services"} <= transitioned
