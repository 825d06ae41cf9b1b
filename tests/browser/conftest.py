"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

Chromium comes from the system (``apt-get install chromium``; ``.ci/run`` installs it);
no browser is ever downloaded. Without it these tests are skipped, unless
``REQUIRE_BROWSER=1`` (set by CI) makes that a failure.
"""

import io
import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Chromium is required for the browser tests: {CHROMIUM}")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ja-JP"}


@pytest.fixture
def site(live_server):
    """The live server with what migrations and the loaders put in the database: a live
    test flushes the database when it ends, so each one sets it up again."""
    from importlib import import_module

    from django.apps import apps

    from core.staff_groups import sync_staff_groups

    sync_staff_groups(apps)
    import_module("councils.migrations.0004_support_measures_and_groups").add_support_measures(
        apps, None
    )
    call_command("load_plan", stdout=io.StringIO())
    call_command("load_reference_data", stdout=io.StringIO())
    return live_server


def axe_problems(page) -> list[str]:
    """Serious or critical accessibility violations axe-core finds on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])})"
        for violation in results.response["violations"]
        if violation.get("impact") in ("serious", "critical")
    ]
