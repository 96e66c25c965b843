"""Letter numbers are unique per agency (two agencies may share a 文号 prefix), not site-wide."""

import django.db.models.deletion
from django.db import migrations, models


def fill_agency(apps, schema_editor):
    Letter = apps.get_model("applications", "Letter")
    for letter in Letter.objects.select_related("application"):
        letter.agency_id = letter.application.agency_id
        letter.save(update_fields=["agency"])


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial"), ("applications", "0002_seed_calendar")]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="agency",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="agencies.agency"
            ),
        ),
        migrations.RunPython(fill_agency, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="letter",
            name="agency",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="agencies.agency"),
        ),
        migrations.AlterField(
            model_name="letter",
            name="number",
            field=models.CharField(max_length=80, verbose_name="文号"),
        ),
        migrations.AddConstraint(
            model_name="letter",
            constraint=models.UniqueConstraint(fields=("agency", "number"), name="letter_number_unique"),
        ),
    ]
