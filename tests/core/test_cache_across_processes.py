"""A change made in one process shows on the next request of every other process.

Two servers (as two gunicorn workers would be) share one SQLite file with the default
settings: no Redis, so each keeps its own page cache. Both cache a page, a third process
changes the data (an import of actuals, a status withdrawn through the publish service),
and both must show the change on their very next request.

The servers and commands always get a SQLite file of their own, whatever database the suite
runs on: what is tested is that the pages' version is shared through the database, which is
the same code on PostgreSQL, and this way the test never writes to the suite's database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"
COMMAND_SECONDS = 180
START_SECONDS = 60
REQUEST_SECONDS = 30
STATUS_TEXT = "二つのサーバーで確かめる取組。"
# Only loopback, never through a proxy the environment may name.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def manage(env, *args, stdin=None):
    done = subprocess.run(  # noqa: S603 - this interpreter running the project's manage.py
        [sys.executable, str(MANAGE), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=COMMAND_SECONDS,
    )
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(base, path) -> str:
    with OPENER.open(base + path, timeout=REQUEST_SECONDS) as response:
        assert response.status == 200
        return response.read().decode("utf-8-sig")


def wait_until_serving(process, base, log):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server at {base} stopped: {log.read_text()[-3000:]}")
        try:
            fetch(base, "/about/")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"the server at {base} did not answer within {START_SECONDS}s")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-servers")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "ichinoseki_kyodo.settings",
        "DJANGO_DEBUG": "1",  # static files from the source tree, as the suite serves them
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_PAGE_CACHE": "1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    # The default deployment: each process caches pages in its own memory.
    env.pop("REDIS_URL", None)
    env.pop("CACHE_URL", None)
    manage(env, "migrate", "--no-input")
    manage(env, "load_plan")
    manage(env, "load_reference_data")
    return env


@pytest.fixture(scope="module")
def servers(env, tmp_path_factory):
    logs = tmp_path_factory.mktemp("server-logs")
    processes, bases = [], []
    try:
        for number in range(2):
            port = free_port()
            with (logs / f"server-{number}.log").open("w") as log:  # the server keeps a copy
                processes.append(
                    subprocess.Popen(  # noqa: S603 - this interpreter running manage.py
                        [
                            sys.executable,
                            str(MANAGE),
                            "runserver",
                            "--noreload",
                            f"127.0.0.1:{port}",
                        ],
                        env=env,
                        cwd=ROOT,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
            bases.append(f"http://127.0.0.1:{port}")
        for number, (process, base) in enumerate(zip(processes, bases, strict=True)):
            wait_until_serving(process, base, logs / f"server-{number}.log")
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def import_actual(env, tmp_path, value):
    csv = tmp_path / f"actuals-{value}.csv"
    csv.write_text(f"指標コード,年度,実績値\r\n1-1,2024,{value}\r\n", encoding="utf-8-sig")
    manage(env, "import", "indicators.resources.IndicatorValueResource", str(csv), "--no-input")


def actual_row(csv_text) -> str:
    return next(
        line for line in csv_text.splitlines() if line.startswith("1-1,") and ",2024," in line
    )


def test_an_imported_actual_shows_in_every_process_at_once(env, servers, tmp_path):
    import_actual(env, tmp_path, 7489)
    for base in servers:
        for _ in range(2):  # the second answer comes from the server's cache
            assert "7489" in actual_row(fetch(base, "/open-data/indicator-values.csv"))
            assert "7,489" in fetch(base, "/indicators/1-1/")

    import_actual(env, tmp_path, 7512)

    for base in servers:
        assert "7512" in actual_row(fetch(base, "/open-data/indicator-values.csv")), base
        assert "7,512" in fetch(base, "/indicators/1-1/"), base


def test_a_withdrawn_status_leaves_every_process_at_once(env, servers):
    manage(
        env, "shell", "-c",
        "from django.contrib.auth import get_user_model\n"
        "from plans.models import Project, ProjectYearStatus\n"
        "from plans.services import statuses_set_published\n"
        "user = get_user_model().objects.create_user('two-servers-editor', is_staff=True)\n"
        "status = ProjectYearStatus.objects.create(project=Project.objects.get(number=5),"
        f" fiscal_year=2024, evaluation='B', activities='{STATUS_TEXT}')\n"
        "statuses_set_published(statuses=[status], published=True, user=user)\n",
    )  # fmt: skip
    for base in servers:
        for _ in range(2):
            assert STATUS_TEXT in fetch(base, "/open-data/project-status.csv")

    manage(
        env, "shell", "-c",
        "from django.contrib.auth import get_user_model\n"
        "from plans.models import ProjectYearStatus\n"
        "from plans.services import statuses_set_published\n"
        "user = get_user_model().objects.get(username='two-servers-editor')\n"
        f"status = ProjectYearStatus.objects.get(activities='{STATUS_TEXT}')\n"
        "statuses_set_published(statuses=[status], published=False, user=user)\n",
    )  # fmt: skip

    for base in servers:
        assert STATUS_TEXT not in fetch(base, "/open-data/project-status.csv"), base
