import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from core.staff_groups import EDITOR_GROUP, VIEWER_GROUP
from plans.models import Plan


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real plan once; every test runs inside a transaction on top of it."""
    with django_db_blocker.unblock():
        call_command("load_plan", stdout=io.StringIO())
        call_command("load_reference_data", stdout=io.StringIO())


@pytest.fixture(scope="session", autouse=True)
def plain_static_files():
    """Serve static files from the source tree: tests do not run collectstatic.

    Set for the whole session, before the live server (browser tests) starts.
    """
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached page."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def japanese():
    """Each test starts in Japanese, whatever language an earlier request switched to."""
    translation.activate("ja")
    yield
    translation.deactivate()


@pytest.fixture
def plan(db):
    return Plan.objects.current()


def _staff_user(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(
        username=username, password="correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def city_editor(db, django_user_model):
    return _staff_user(django_user_model, "editor", EDITOR_GROUP)


@pytest.fixture
def city_viewer(db, django_user_model):
    return _staff_user(django_user_model, "viewer", VIEWER_GROUP)


@pytest.fixture
def editor_client(client, city_editor):
    """The test client, signed in as a city editor."""
    client.force_login(city_editor)
    return client
