"""A backup made with dumpdata restores into an empty database with identical open data."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db(transaction=True)

# The backup command documented in the README.
DUMP_ARGS = [
    "--natural-foreign",
    "--natural-primary",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
    "--exclude=admin.logentry",
    "--exclude=axes",
]


def open_data(client) -> dict[str, bytes]:
    urls = ["/open-data/plan.json"]
    urls += [f"/open-data/{slug}.{kind}" for slug in DATASETS for kind in ("csv", "json")]
    return {url: client.get(url).content for url in urls}


def test_dump_flush_load_gives_identical_open_data(client, tmp_path):
    for command in ("load_plan", "load_reference_data", "load_sample_data"):
        call_command(command, stdout=io.StringIO())
    before = open_data(client)

    backup = tmp_path / "backup.json"
    with backup.open("w", encoding="utf-8") as handle:
        call_command("dumpdata", *DUMP_ARGS, stdout=handle)
    call_command("flush", "--no-input")
    cache.clear()  # a restore goes to a fresh database behind freshly started servers
    assert client.get("/open-data/plan.json").status_code == 404  # really empty
    call_command("loaddata", str(backup), stdout=io.StringIO())

    after = open_data(client)
    assert after.keys() == before.keys()
    for url in before:
        assert after[url] == before[url], url
