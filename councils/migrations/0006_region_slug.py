from django.db import migrations, models

from core.slugs import unicode_slug


def fill_region_slugs(apps, schema_editor):
    """Each existing region is named in its URL as the bodies and centres are."""
    Region = apps.get_model("councils", "Region")
    for region in Region.objects.all():
        region.slug = unicode_slug(region.name)
        region.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0005_reporting_period_in_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="region",
            name="slug",
            # No index yet: the unique field below makes its own (an index here as well
            # would give PostgreSQL two indexes of the same name).
            field=models.SlugField(
                allow_unicode=True,
                db_index=False,
                default="",
                max_length=40,
                verbose_name="URL用の名前",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_region_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="region",
            name="slug",
            field=models.SlugField(
                allow_unicode=True, max_length=40, unique=True, verbose_name="URL用の名前"
            ),
        ),
    ]
