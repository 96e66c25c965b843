"""The calendar is the workdays app's now (its 0002 copied the rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("applications", "0004_alter_application_outcome"), ("workdays", "0002_from_applications")]
    operations = [
        migrations.DeleteModel(name="CalendarYear"),
        migrations.DeleteModel(name="HolidayCalendarDay"),
    ]
