"""The default database, a SQLite file, lets concurrent writers wait instead of failing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

WRITERS = Path(__file__).with_name("concurrency") / "sqlite_writers.py"

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL lets writers wait by itself"
)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    database = tmp_path_factory.mktemp("sqlite") / "portal.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "ichinoseki_kyodo.settings",
        "DJANGO_PAGE_CACHE": "0",
        "DJANGO_DEBUG": "1",  # static files from the source tree, as the suite serves them
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_MEDIA_ROOT": str(database.parent / "media"),
    }
    done = subprocess.run(  # noqa: S603 - this interpreter running the project's own script
        [sys.executable, str(WRITERS)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_six_first_visits_of_a_new_report_at_once_start_nothing_and_six_first_saves_one(
    results,
):
    assert results["first_visits"] == [200] * 6
    assert results["reports_after_looking"] == 0
    assert results["first_saves"] == [302] * 6
    assert results["first_visit_reports"] == 1
    assert results["first_visit_roles"] == 5  # the plan's five roles, once each
    assert results["first_visit_measures"] == 6


def test_two_sections_saved_at_once_by_two_members_are_both_kept(results):
    assert results["section_saves"] == [302, 302]
    assert results["section_answers"] == ["同時に保存した成果", False]
    assert results["sections_saved"] == ["consent", "results"]


def test_five_bodies_submitting_at_once_all_succeed(results):
    assert results["submits"] == ["ok"] * 5
    assert results["submitted"] == 5


def test_one_report_submitted_five_times_at_once_is_submitted_once(results):
    answers = results["repeated_submits"]
    assert answers.count("ok") == 1
    assert all(a == "ok" or a.startswith("TransitionError") for a in answers), answers
    assert results["repeated_snapshots"] == 1


def test_six_admin_saves_at_once_are_all_saved(results):
    assert results["admin_saves"] == [302] * 6
    assert results["admin_saved"] == 6
