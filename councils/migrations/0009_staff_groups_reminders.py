from django.db import migrations

from core.staff_groups import sync_staff_groups


class Migration(migrations.Migration):
    """Staff may read the reminders (``ReportReminder``, added in 0008) in the admin."""

    dependencies = [("councils", "0008_report_reminders")]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
