"""Mail backends for tests: what the portal sees when the mail server is down."""

from django.core.mail.backends.base import BaseEmailBackend

REFUSING = "tests.outbox.backends.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """Like SMTP with nothing listening on the port."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")
