"""The layering of ARCHITECTURE.md, checked on the imports: apps import only the apps below them, API modules
never import views, the linkage, command, supervision, field and protection apps do not import each other."""
import ast
from pathlib import Path

import ipenforce

ROOT = Path(ipenforce.__file__).parent
# Lower apps first; an app may import itself and anything before it. The siblings share one level and may not
# import each other; campaigns sit above them (a campaign's figures count transfers and operations).
SIBLINGS = {"linkage", "command", "supervision", "field", "protection"}
ORDER = ["core", "orgs", "workflow", "cases", "evidence", "documents", "linkage", "campaigns", "credit", "programs",
         "stats", "workbench"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n.startswith("ipenforce.")}


def _modules():
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if len(parts) > 1 and "migrations" not in parts:
            yield parts[0], path


def _rank(app: str) -> int:
    return ORDER.index("linkage") if app in SIBLINGS else ORDER.index(app)


def test_apps_import_only_downwards():
    wrong = []
    for app, path in _modules():
        for name in _imports(path):
            other = name.split(".")[1]
            if other == app:
                continue
            if _rank(other) > _rank(app) or (app in SIBLINGS and other in SIBLINGS):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_api_modules_do_not_import_views():
    wrong = [f"{path.relative_to(ROOT)} imports {name}" for _app, path in _modules() if path.name == "api.py"
             for name in _imports(path) if name.endswith(".views") or ".views." in name]
    assert not wrong, "\n".join(wrong)
