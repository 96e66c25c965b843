# The calendar tables, formerly in the applications app (moved by 0002 and applications 0005).

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="CalendarYear",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="年份")),
                (
                    "source",
                    models.CharField(blank=True, help_text="如 国办发明电〔2025〕7号", max_length=200, verbose_name="依据"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"verbose_name": "日历年份", "verbose_name_plural": "日历年份", "ordering": ["year"]},
        ),
        migrations.CreateModel(
            name="HolidayCalendarDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(unique=True, verbose_name="日期")),
                (
                    "kind",
                    models.CharField(
                        choices=[("holiday", "法定节假日（休息）"), ("makeup_workday", "调休上班日")],
                        max_length=16,
                        verbose_name="类型",
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=200, verbose_name="依据文号")),
                ("note", models.CharField(blank=True, max_length=100, verbose_name="说明")),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name": "节假日安排", "verbose_name_plural": "节假日安排", "ordering": ["date"]},
        ),
    ]
