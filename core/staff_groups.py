"""The city staff groups and what each may do; kept in step by data migrations."""

EDITOR_GROUP = "市職員（編集）"
VIEWER_GROUP = "市職員（閲覧）"

# Apps whose data city staff maintain in the admin.
STAFF_APPS = ["plans", "indicators", "councils", "centers", "progress_reports"]


def sync_staff_groups(apps, schema_editor=None):
    """Give the editor group every permission of the staff apps, the viewer group only "view"."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for label in STAFF_APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label__in=STAFF_APPS)
    editor, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    viewer, _ = Group.objects.get_or_create(name=VIEWER_GROUP)
    editor.permissions.add(*permissions)
    viewer.permissions.add(*permissions.filter(codename__startswith="view_"))
