"""``manage.py send_queued_mail``: run every few minutes (cron) to send queued e-mails.

Mails are normally sent right after the action that queued them; this command sends
what could not be sent then (mail server down) and retries until it succeeds.

The exit status is 0 even when some mails failed: they stay queued, the next run tries
again, and a down mail server would otherwise make every run an error. Failures are
printed on stderr, logged as warnings (logger "outbox") and listed in the admin
(送信メール, filter 「未送信」).
"""

from django.core.management.base import BaseCommand

from outbox.models import OutgoingMail
from outbox.services import mail_send_pending


class Command(BaseCommand):
    help = "送信待ちのメールを送ります。送れなかったメールは次の実行で送り直します（5分ごとなどに実行）。"

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="1回に送る最大の通数（既定は全部）")

    def handle(self, *args, limit, **options):
        sent, failed = mail_send_pending(limit=limit)
        waiting = OutgoingMail.objects.unsent().count()
        self.stdout.write(f"{sent}通を送信しました（送信待ち {waiting}通）。")
        if failed:
            self.stderr.write(
                f"{failed}通は送信できませんでした。次の実行で送り直します"
                "（理由は管理画面の「送信メール」で確認できます）。"
            )
