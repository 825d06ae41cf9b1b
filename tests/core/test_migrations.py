import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_page_version_moves_to_the_base_app_on_an_existing_site():
    """A site migrated before the version row moved from the roof to ``core`` ends with the
    versions in ``core``, the old table gone and no stale permissions in the group admin."""
    MigrationExecutor(connection).migrate(
        [("ichinoseki_kyodo", "0001_public_pages_version"), ("core", None)]
    )
    assert "ichinoseki_kyodo_publicpagesversion" in connection.introspection.table_names()
    old, _ = ContentType.objects.get_or_create(
        app_label="ichinoseki_kyodo", model="publicpagesversion"
    )
    Permission.objects.create(content_type=old, codename="view_publicpagesversion", name="x")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert "ichinoseki_kyodo_publicpagesversion" not in connection.introspection.table_names()
    assert "core_publictableversion" in connection.introspection.table_names()
    assert not ContentType.objects.filter(app_label="ichinoseki_kyodo").exists()
    assert not Permission.objects.filter(codename="view_publicpagesversion", name="x").exists()


@pytest.mark.django_db(transaction=True)
def test_the_regions_of_an_existing_site_get_the_slug_of_their_name():
    """Regions saved before they had a URL are named in it as bodies and centres are."""
    executor = MigrationExecutor(connection)
    executor.migrate([("councils", "0005_reporting_period_in_plan")])
    old = executor.loader.project_state([("councils", "0005_reporting_period_in_plan")]).apps
    old.get_model("councils", "Region").objects.create(name="一関地域", order=1)
    old.get_model("councils", "Region").objects.create(name="花泉地域", order=2)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    Region = apps.get_model("councils", "Region")
    assert dict(Region.objects.values_list("name", "slug")) == {
        "一関地域": "一関地域",
        "花泉地域": "花泉地域",
    }


@pytest.mark.django_db(transaction=True)
def test_staff_may_read_the_reminders_on_a_site_migrated_before_them():
    """A site migrated before ``ReportReminder`` existed gives the staff groups its
    permissions, as a new site's groups get them."""
    from django.contrib.auth.models import Group

    from core.staff_groups import EDITOR_GROUP, VIEWER_GROUP

    executor = MigrationExecutor(connection)
    executor.migrate([("councils", "0007_report_sections_saved")])
    Permission.objects.filter(content_type__model="reportreminder").delete()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    viewer, editor = Group.objects.get(name=VIEWER_GROUP), Group.objects.get(name=EDITOR_GROUP)
    assert set(
        viewer.permissions.filter(content_type__model="reportreminder").values_list(
            "codename", flat=True
        )
    ) == {"view_reportreminder"}
    assert editor.permissions.filter(content_type__model="reportreminder").count() == 4
