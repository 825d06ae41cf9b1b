from django.db import migrations

from core.staff_groups import sync_staff_groups


class Migration(migrations.Migration):
    """Give the staff groups their permissions on yearly statuses and their history."""

    dependencies = [
        ("plans", "0003_project_year_status"),
        ("indicators", "0002_indicator_sources_and_history"),
    ]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
