"""How passwords are stored: Argon2id with one lane, and older hashes upgraded on sign-in."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
PORTAL_ARGON2 = "argon2$argon2id$v=19$m=47104,t=1,p=1$"


def test_a_new_password_is_stored_with_argon2id_in_one_lane():
    user = get_user_model().objects.create_user(username="mashiba", password=PASSWORD)
    assert user.password.startswith(PORTAL_ARGON2)
    assert user.check_password(PASSWORD)
    assert not user.check_password("wrong horse battery")


@pytest.mark.parametrize(
    "stored",
    [
        lambda: make_password(PASSWORD, hasher="pbkdf2_sha256"),  # the portal's hashes before
        lambda: Argon2PasswordHasher().encode(PASSWORD, "saltsaltsaltsalt"),  # Django's 8 lanes
    ],
    ids=["pbkdf2", "argon2-django-defaults"],
)
def test_a_password_stored_before_still_signs_in_and_is_rehashed(client, stored):
    user = get_user_model().objects.create(username="mashiba", password=stored())
    assert not user.password.startswith(PORTAL_ARGON2)
    login = reverse("councils:login")
    response = client.post(login, {"username": "mashiba", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(PORTAL_ARGON2)
    client.logout()
    response = client.post(login, {"username": "mashiba", "password": PASSWORD})
    assert response.status_code == 302


def test_a_wrong_password_against_an_old_hash_is_refused_and_changes_nothing(client):
    stored = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user = get_user_model().objects.create(username="mashiba", password=stored)
    response = client.post(
        reverse("councils:login"), {"username": "mashiba", "password": "wrong horse battery"}
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == stored
