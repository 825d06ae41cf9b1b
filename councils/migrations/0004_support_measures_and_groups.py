from django.db import migrations

from core.staff_groups import sync_staff_groups

# The city's support measures the bodies rate, as the plan names them.
SUPPORT_MEASURES = [
    "情報発信",
    "研修・学習機会",
    "地域づくり交付金",
    "地域担当職員による支援",
    "いちのせき市民活動センターによる中間支援",
    "意見交換の場",
]


def add_support_measures(apps, schema_editor):
    SupportMeasure = apps.get_model("councils", "SupportMeasure")
    for order, name in enumerate(SUPPORT_MEASURES, start=1):
        SupportMeasure.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0003_annual_reports"),
        ("centers", "0003_upload_validation"),
    ]

    operations = [
        migrations.RunPython(add_support_measures, migrations.RunPython.noop),
        migrations.RunPython(sync_staff_groups, migrations.RunPython.noop),
    ]
