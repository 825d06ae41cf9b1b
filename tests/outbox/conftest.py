import pytest

from tests.outbox.backends import REFUSING


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = REFUSING


@pytest.fixture
def smtp_up(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
