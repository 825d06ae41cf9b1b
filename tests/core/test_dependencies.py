"""The portal's apps depend one way: each imports only apps below it (README, "Architecture").

Read from the source, not at run time: an import anywhere in an app's modules counts, and
an import inside a function counts as hiding a cycle (only ``AppConfig.ready()`` may import
inside a function, as Django requires for modules that use models).
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

# Lowest first. An app may import the apps of the layers before its own, never those of its
# own layer or above.
LAYERS = [
    ["core"],  # fiscal years, parsing, imports, downloads, charts, cache, admin parts
    ["outbox"],  # the mail queue
    ["indicators"],  # indicators, their actuals and the rules of derived figures
    ["plans"],  # the plan, its projects' yearly status, the plan pages
    ["councils"],  # regions, bodies, annual reports
    ["centers"],  # civic centres, who manages them, their usage
    ["opendata", "search", "progress_reports"],  # read across every domain app
    ["ichinoseki_kyodo"],  # the roof: settings, URLs, sitemap, site-wide commands
]
LAYER = {app: number for number, layer in enumerate(LAYERS) for app in layer}
ROOT = Path(settings.BASE_DIR)


def portal_apps() -> list[str]:
    return sorted(
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT.resolve()
    )


def imports_of(source: str) -> list[tuple[int, str, bool]]:
    """Each import of ``source``: line, module, and whether it sits in a function other
    than ``ready()``."""
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inner = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            if isinstance(child, ast.Import):
                found.extend(
                    (child.lineno, alias.name, inner not in (None, "ready"))
                    for alias in child.names
                )
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.lineno, child.module, inner not in (None, "ready")))
            visit(child, inner)

    visit(ast.parse(source), None)
    return found


def problems(app: str, path: str, source: str) -> list[str]:
    """What is wrong with the imports of one module of ``app``."""
    found = []
    for line, module, in_function in imports_of(source):
        target = module.split(".")[0]
        if target not in LAYER or target == app:
            if target == app and in_function:
                found.append(f"{path}:{line} imports {module} inside a function")
            continue
        where = f"{path}:{line} imports {module}"
        if LAYER[target] >= LAYER[app]:
            found.append(f"{where}: {target} is not below {app}")
        elif in_function:
            found.append(f"{where} inside a function")
        if module.split(".")[1:2] == ["views"]:
            found.append(f"{where}: another app's views (use a selector)")
    return found


def modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def test_every_portal_app_has_a_layer():
    assert sorted(LAYER) == portal_apps()


@pytest.mark.parametrize("app", sorted(LAYER))
def test_an_app_imports_only_apps_below_it(app):
    found = []
    for path in modules(app):
        found += problems(app, str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
    assert found == []


@pytest.mark.parametrize(
    ("app", "source", "expected"),
    [
        ("plans", "from councils.models import AnnualReport\n", "councils is not below plans"),
        ("councils", "from centers import services\n", "centers is not below councils"),
        ("search", "import opendata.datasets\n", "opendata is not below search"),
        ("core", "from plans.models import Plan\n", "plans is not below core"),
        (
            "councils",
            "def f():\n    from plans.models import BodyRole\n",
            "imports plans.models inside a function",
        ),
        (
            "councils",
            "def f():\n    from councils import notifications\n",
            "imports councils inside a function",
        ),
        ("opendata", "from plans.views import home\n", "another app's views"),
    ],
)
def test_the_check_catches(app, source, expected):
    assert any(expected in problem for problem in problems(app, "x.py", source))


def test_the_check_allows_what_the_layers_allow():
    source = (
        "from django.db import models\n"
        "from core.fiscal import current_fiscal_year\n"
        "from plans.models import Plan\n"
        "class Config:\n"
        "    def ready(self):\n"
        "        from councils import derived\n"
    )
    assert problems("councils", "x.py", source) == []
