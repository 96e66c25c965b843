"""Applicants' ID numbers and phones are encrypted at rest; the same-applicant count uses the keyed
hash; keys rotate; the migration encrypts rows written before it."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from gongkai import fieldcrypt
from gongkai.applications import queries
from gongkai.applications.models import Application
from gongkai.applications.testing import PERSON_ID, PHONE, make_application, resident_id

pytestmark = pytest.mark.django_db

OLD_KEY = "old-key-" + "o" * 40
NEW_KEY = "new-key-" + "n" * 40


def raw_row(pk: int) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, id_number_hash FROM applications_application WHERE id = %s", [pk]
        )
        return cursor.fetchone()


def test_the_database_holds_no_plain_id_number_or_phone(world):
    app = make_application(world.a, actor=world.clerk_a)
    id_number, phone, digest = raw_row(app.pk)
    assert PERSON_ID not in id_number and PHONE not in phone
    assert PERSON_ID[-6:] not in id_number and PHONE[-4:] not in phone
    assert id_number.startswith(fieldcrypt.TOKEN_PREFIX) and phone.startswith(fieldcrypt.TOKEN_PREFIX)
    assert len(digest) == 64 and PERSON_ID not in digest
    # … and the application reads them back as they were entered
    app = Application.objects.get(pk=app.pk)
    assert (app.id_number, app.phone) == (PERSON_ID, PHONE)
    # nor does any other column of the row carry them (e.g. a search vector)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM applications_application WHERE id = %s", [app.pk])
        assert not [c for c in cursor.fetchone() if isinstance(c, str) and (PERSON_ID in c or PHONE in c)]


def test_same_applicant_count_works_through_the_keyed_hash(world):
    make_application(world.a, received=date(2026, 3, 2), actor=world.clerk_a)
    make_application(world.a, received=date(2026, 3, 3), actor=world.clerk_a)
    other = make_application(
        world.a, received=date(2026, 3, 3), actor=world.clerk_a, id_number=resident_id("11010519800101001")
    )
    third = make_application(world.a, received=date(2026, 3, 4), actor=world.clerk_a)
    assert queries.earlier_items_this_month(third) == 2
    assert queries.earlier_items_this_month(other) == 0


def test_rotation_re_encrypts_under_the_new_key(world, settings):
    settings.GONGKAI_FIELD_KEYS = [OLD_KEY]
    app = make_application(world.a, received=date(2026, 3, 2), actor=world.clerk_a)
    before = raw_row(app.pk)
    # the new key goes first: old rows still read, and are still found by the old keyed hash
    settings.GONGKAI_FIELD_KEYS = [NEW_KEY, OLD_KEY]
    later = make_application(world.a, received=date(2026, 3, 5), actor=world.clerk_a)
    assert Application.objects.get(pk=app.pk).id_number == PERSON_ID
    assert queries.earlier_items_this_month(later) == 1
    call_command("rotate_keys", stdout=io.StringIO())
    after = raw_row(app.pk)
    assert after[0] != before[0] and after[2] != before[2]
    # then the old key can go
    settings.GONGKAI_FIELD_KEYS = [NEW_KEY]
    assert Application.objects.get(pk=app.pk).phone == PHONE
    assert queries.earlier_items_this_month(later) == 1


def test_a_missing_key_is_a_loud_error_not_garbage(world, settings):
    settings.GONGKAI_FIELD_KEYS = [OLD_KEY]
    app = make_application(world.a, actor=world.clerk_a)
    settings.GONGKAI_FIELD_KEYS = [NEW_KEY]
    with pytest.raises(Exception, match="GONGKAI_FIELD_KEYS"):
        Application.objects.get(pk=app.pk)


def test_the_migration_encrypts_existing_rows(transactional_db, world):
    executor = MigrationExecutor(connection)
    before = [("applications", "0006_correction_token")]
    latest = executor.loader.graph.leaf_nodes("applications")
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("applications", "Application")
    try:
        row = old.objects.create(
            agency_id=world.a.pk,
            tracking_no="T-1",
            query_code_hash="x",
            channel="in_person",
            name="王建华",
            id_type="resident_id",
            id_number=PERSON_ID,
            phone=PHONE,
            description="x",
            delivery_form="paper",
            delivery_channel="post",
            state="received",
            submitted_at=timezone.now(),
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT id_number FROM applications_application WHERE id = %s", [row.pk])
            assert cursor.fetchone()[0] == PERSON_ID  # plain before
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    id_number, phone, digest = raw_row(row.pk)
    assert PERSON_ID not in id_number and PHONE not in phone
    assert digest == fieldcrypt.blind_index(PERSON_ID)
    assert Application.objects.get(pk=row.pk).id_number == PERSON_ID


def test_the_case_page_still_shows_the_full_number_to_the_clerk_and_logs_it(client, world):
    from gongkai.events.models import Event

    app = make_application(world.a, actor=world.clerk_a)
    client.force_login(world.clerk_a)
    page = client.get(f"/staff/applications/{world.a.code}/{app.pk}/").content.decode()
    assert PERSON_ID in page
    assert Event.objects.filter(action__contains="personal").exists()
