"""Seed the working-day calendar from chinese-calendar for the years it has official data for."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.workdays import default_calendar

    Day = apps.get_model("applications", "HolidayCalendarDay")
    Year = apps.get_model("applications", "CalendarYear")
    base = default_calendar()
    have = set(Year.objects.values_list("year", flat=True))
    new = sorted(set(base.covered_years) - have)
    source = base.source or "chinese-calendar"
    Day.objects.bulk_create(
        [Day(date=d, kind=k, source=source) for d, k in base.to_rows() if d.year in new], ignore_conflicts=True
    )
    Year.objects.bulk_create([Year(year=y, source=source) for y in new], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
