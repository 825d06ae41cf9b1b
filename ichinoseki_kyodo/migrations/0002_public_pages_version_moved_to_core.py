from django.db import migrations


def remove_stale_permissions(apps, schema_editor):
    """The model's content type and its four permissions go with it (as
    ``remove_stale_contenttypes`` would), so the group admin lists only the new ones."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="ichinoseki_kyodo", model="publicpagesversion").delete()


class Migration(migrations.Migration):
    """The version of the public pages now lives in the base app (``core``), which starts
    its own row: a version is never below the current time, so no number is reused."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("ichinoseki_kyodo", "0001_public_pages_version"),
    ]

    operations = [
        migrations.DeleteModel(name="PublicPagesVersion"),
        migrations.RunPython(remove_stale_permissions, migrations.RunPython.noop),
    ]
