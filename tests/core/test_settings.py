"""The settings module refuses unsafe production configurations."""

import os
import subprocess
import sys
from pathlib import Path

from ichinoseki_kyodo.env import env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import ichinoseki_kyodo.settings"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = _import_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_it_starts_in_production_with_a_secret_key():
    result = _import_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_it_starts_in_development_without_a_secret_key():
    assert _import_settings(DJANGO_DEBUG="1").returncode == 0


def test_it_rejects_a_debug_value_it_cannot_read():
    result = _import_settings(DJANGO_DEBUG="maybe", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_env_helpers_parse_strictly(monkeypatch):
    monkeypatch.setenv("PORTAL_FLAG", " Yes ")
    monkeypatch.setenv("PORTAL_HOSTS", "a.example.jp, b.example.jp,")
    assert env_bool("PORTAL_FLAG", default=False) is True
    assert env_list("PORTAL_HOSTS", []) == ["a.example.jp", "b.example.jp"]
    assert env_bool("PORTAL_UNSET", default=True) is True


def test_the_default_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
