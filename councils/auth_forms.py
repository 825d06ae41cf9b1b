"""Forms of the login and password pages that differ from Django's own."""

from django.contrib.auth.forms import PasswordResetForm
from django.template.loader import render_to_string

from outbox.services import mail_queue


class OutboxPasswordResetForm(PasswordResetForm):
    """Password reset whose mail goes through the outbox: a mail server that is down
    delays the mail (``send_queued_mail`` retries it) instead of losing it.

    The mail is plain text from ``DEFAULT_FROM_EMAIL``; an HTML template, or a sender
    given to ``save()``, is not used.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        mail_queue(
            subject=render_to_string(subject_template_name, context),
            body=render_to_string(email_template_name, context),
            recipients=[to_email],
        )
