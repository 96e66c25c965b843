"""The language a visitor chose applies to their request only."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.django_db
def test_a_visitors_language_does_not_outlive_the_request(client):
    translation.activate("zh-hans")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    # work done afterwards in this thread (a task, a command, the next test) is in Chinese again
    assert translation.get_language() == "zh-hans"


@pytest.mark.django_db
def test_without_a_choice_pages_are_chinese(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response["Content-Language"] == "zh-hans"
