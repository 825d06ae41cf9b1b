from django.db import migrations

from core.staff_groups import sync_staff_groups


class Migration(migrations.Migration):
    """Editors may freeze a year's report; editors and viewers may download its XLSX."""

    dependencies = [
        ("progress_reports", "0001_initial"),
        ("plans", "0006_english_titles"),
    ]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
