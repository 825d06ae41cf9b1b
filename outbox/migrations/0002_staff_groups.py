from django.db import migrations

# The names core.staff_groups gives the city staff groups, as they are when this runs.
# A base app imports no domain app, and a migration keeps the names of its own time.
EDITOR_GROUP = "市職員（編集）"
VIEWER_GROUP = "市職員（閲覧）"

GRANTS = {
    EDITOR_GROUP: ["view_outgoingmail", "change_outgoingmail"],  # change = 今すぐ再送する
    VIEWER_GROUP: ["view_outgoingmail"],
}


def grant(apps, schema_editor):
    """Viewers see the sent and unsent mails; editors may also resend them."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config("outbox"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="outbox", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="outbox")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
