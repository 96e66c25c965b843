"""Take over the calendar the applications app kept until now (its rows as staff left them), or
seed it from chinese-calendar on a new database."""

from django.db import migrations


def take_over(apps, schema_editor):
    OldDay = apps.get_model("applications", "HolidayCalendarDay")
    OldYear = apps.get_model("applications", "CalendarYear")
    Day = apps.get_model("workdays", "HolidayCalendarDay")
    Year = apps.get_model("workdays", "CalendarYear")
    Year.objects.bulk_create(
        [Year(year=y.year, source=y.source, created_at=y.created_at) for y in OldYear.objects.all()]
    )
    Day.objects.bulk_create(
        [
            Day(date=d.date, kind=d.kind, source=d.source, note=d.note, updated_at=d.updated_at)
            for d in OldDay.objects.all()
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial"), ("applications", "0004_alter_application_outcome")]
    operations = [migrations.RunPython(take_over, migrations.RunPython.noop)]
