"""Failed logins are counted by the client's address: behind a reverse proxy only when the
proxy's header is configured, and never from a header a client could send itself."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.5"
LOCKED = "ログインが一時的に制限されています"

pytestmark = pytest.mark.django_db


@pytest.fixture
def lock_by_address(settings):
    # The portal locks accounts, not addresses; locking by address alone here makes the
    # address django-axes sees decide the outcome.
    settings.AXES_LOCKOUT_PARAMETERS = ["ip_address"]


@pytest.fixture
def behind_proxy(settings):
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1


def fail_logins(client, forwarded_for, times=5):
    for _ in range(times):
        client.post(
            reverse("councils:login"),
            {"username": "someone", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def log_in(client, forwarded_for):
    return client.post(
        reverse("councils:login"),
        {"username": "editor", "password": "correct horse battery"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_two_clients_behind_the_proxy_are_locked_out_separately(
    client, city_editor, lock_by_address, behind_proxy
):
    fail_logins(client, "203.0.113.7")
    assert LOCKED in log_in(client, "203.0.113.7").content.decode()
    assert log_in(client, "198.51.100.20").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_the_proxy_count_picks_the_address_the_trusted_proxy_saw(
    client, city_editor, lock_by_address, behind_proxy, settings
):
    # The left-most entry is whatever the client wrote; the right-most was added by our proxy.
    fail_logins(client, "1.2.3.4, 203.0.113.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert LOCKED in log_in(client, "9.9.9.9, 203.0.113.7").content.decode()


def test_without_configuration_a_spoofed_header_changes_nothing(
    client, city_editor, lock_by_address
):
    for number in range(5):
        fail_logins(client, f"203.0.113.{number}", times=1)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}
    assert LOCKED in log_in(client, "198.51.100.20").content.decode()


def test_a_header_value_that_is_no_address_falls_back_to_the_connection(
    client, city_editor, lock_by_address, behind_proxy
):
    fail_logins(client, "unknown")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


def _settings_with(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(DJANGO_DEBUG="1", **env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import ichinoseki_kyodo.settings as s;"
            "print(s.PORTAL_CLIENT_IP_HEADER, s.PORTAL_TRUSTED_PROXY_COUNT)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_header_and_proxy_count_come_from_the_environment():
    assert _settings_with().stdout.split() == ["1"]  # no header: REMOTE_ADDR only
    result = _settings_with(
        DJANGO_CLIENT_IP_HEADER="X-Forwarded-For", DJANGO_TRUSTED_PROXY_COUNT="2"
    )
    assert result.stdout.split() == ["HTTP_X_FORWARDED_FOR", "2"], result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_CLIENT_IP_HEADER": "X Forwarded For"}, "DJANGO_CLIENT_IP_HEADER must be"),
        ({"DJANGO_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR"}, "DJANGO_CLIENT_IP_HEADER must be"),
        (
            {"DJANGO_CLIENT_IP_HEADER": "X-Forwarded-For", "DJANGO_TRUSTED_PROXY_COUNT": "two"},
            "DJANGO_TRUSTED_PROXY_COUNT must be an integer",
        ),
        (
            {"DJANGO_CLIENT_IP_HEADER": "X-Forwarded-For", "DJANGO_TRUSTED_PROXY_COUNT": "0"},
            "DJANGO_TRUSTED_PROXY_COUNT must be at least 1",
        ),
        (
            {"DJANGO_TRUSTED_PROXY_COUNT": "1"},
            "DJANGO_TRUSTED_PROXY_COUNT needs DJANGO_CLIENT_IP_HEADER",
        ),
    ],
)
def test_a_bad_proxy_setting_stops_the_portal_with_a_message(env, message):
    result = _settings_with(**env)
    assert result.returncode != 0
    assert message in result.stderr
