from django.db import migrations, models


def create_the_row(apps, schema_editor):
    apps.get_model("core", "PublicPagesVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PublicPagesVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveBigIntegerField(default=1, verbose_name="版")),
            ],
            options={
                "verbose_name": "公開ページの版",
                "verbose_name_plural": "公開ページの版",
                "ordering": ["pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("pk", 1)), name="public_pages_version_one_row"
                    )
                ],
            },
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
