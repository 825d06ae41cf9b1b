"""Queue e-mails with the action that causes them, and send them after it commits.

``mail_queue()`` writes the mail in the caller's transaction: an action that rolls back
leaves nothing to send, and an action that commits keeps its mail even if the mail server
is down. ``mail_send_pending()`` sends what is queued; it runs once the action commits
(for that one mail) and from ``manage.py send_queued_mail`` (cron, for everything left).

Sending twice is prevented by claiming each mail before sending it, with one conditional
UPDATE::

    UPDATE outbox_outgoingmail SET claimed_at = now, attempts = attempts + 1, ...
    WHERE id = %s AND sent_at IS NULL AND (claimed_at IS NULL OR claimed_at < now - CLAIM_TIMEOUT)

The database runs that statement atomically on SQLite (one writer at a time) and on
PostgreSQL (a second UPDATE of the row waits for the first and re-checks the WHERE clause),
so of two cron runs or workers, exactly one gets the row count 1 and sends; the other skips
the mail. ``select_for_update(skip_locked=True)`` would need a transaction held open for
the whole SMTP conversation, and SQLite has no row locks. Cron and the after-commit hook
run outside any transaction, so the claim is committed before the mail server is
contacted; afterwards ``sent_at`` is set, or the claim is cleared together with
``last_error`` so the next run tries again.

A worker that dies between claiming and finishing leaves a claim behind; after
``CLAIM_TIMEOUT`` another run may take the mail over. Each network step of a send waits at
most ``EMAIL_TIMEOUT`` (or ``SEND_TIMEOUT``) seconds, far below that, so only a worker
killed after the server accepted the mail and before ``sent_at`` was written can cause a
duplicate; marking ``sent_at`` before sending would instead lose such a mail for good.
"""

import datetime
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from outbox.models import OutgoingMail

logger = logging.getLogger("outbox")

CLAIM_TIMEOUT = datetime.timedelta(minutes=15)
# Seconds per network operation when settings.EMAIL_TIMEOUT is not set; SMTP would
# otherwise wait forever for a server that accepts the connection and then says nothing.
SEND_TIMEOUT = 30


def mail_queue(
    *, subject: str, body: str, recipients: Iterable[str], send_on_commit: bool = True
) -> OutgoingMail | None:
    """Store a plain-text mail to be sent once the current transaction commits.

    Returns ``None`` (and stores nothing) when no recipient is left. With
    ``send_on_commit=False`` the caller sends it (``mail_send_pending(ids=…)``), or cron does.
    """
    addresses = list(dict.fromkeys(a.strip() for a in recipients if a and a.strip()))
    if not addresses:
        return None
    mail = OutgoingMail.objects.create(
        # A header is one line: a newline in a subject would make sending fail.
        subject=" ".join(subject.split()),
        body=body,
        recipients=addresses,
    )
    if send_on_commit:
        transaction.on_commit(partial(mail_send_pending, ids=[mail.pk]), robust=True)
    return mail


def mail_send_pending(
    *, limit: int | None = None, ids: Iterable[int] | None = None
) -> tuple[int, int]:
    """Send unsent mails, oldest first; return how many were sent and how many failed.

    Never raises because of the mail server: a failure is logged, counted in ``attempts``
    and kept in ``last_error``, and the mail stays queued. Mails another worker is
    sending are skipped and counted in neither number.
    """
    pending = OutgoingMail.objects.unsent()
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    pks = list(pending.order_by("created_at", "pk").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    for pk in pks:
        mail = _claim(pk)
        if mail is None:
            continue
        if _deliver(mail):
            sent += 1
        else:
            failed += 1
    return sent, failed


def _claim(pk: int) -> OutgoingMail | None:
    now = timezone.now()
    claimed = (
        OutgoingMail.objects.unsent()
        .filter(pk=pk)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(claimed_at=now, attempts=F("attempts") + 1, last_attempt_at=now)
    )
    if not claimed:
        return None  # sent meanwhile, or another worker is sending it
    return OutgoingMail.objects.get(pk=pk)


def _deliver(mail: OutgoingMail) -> bool:
    # Only the claim this worker holds is released: if it expired and another worker
    # took the mail over, that worker's record wins.
    ours = OutgoingMail.objects.filter(pk=mail.pk, claimed_at=mail.claimed_at)
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or SEND_TIMEOUT
    message = EmailMessage(
        mail.subject, mail.body, to=mail.recipients, connection=get_connection(timeout=timeout)
    )
    try:
        message.send()
    except Exception as error:  # SMTPException, OSError, socket timeouts, bad headers…
        logger.warning(
            "Mail %s not sent (attempt %s): %s: %s",
            mail.pk,
            mail.attempts,
            type(error).__name__,
            error,
        )
        ours.update(claimed_at=None, last_error=f"{type(error).__name__}: {error}"[:2000])
        return False
    ours.update(sent_at=timezone.now(), claimed_at=None, last_error="")
    return True
