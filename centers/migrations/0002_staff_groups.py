from django.db import migrations

from core.staff_groups import sync_staff_groups


class Migration(migrations.Migration):
    """Give the staff groups their permissions on bodies, centres, usage and population."""

    dependencies = [
        ("centers", "0001_initial"),
        ("councils", "0001_initial"),
        ("plans", "0004_staff_groups_statuses"),
    ]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
