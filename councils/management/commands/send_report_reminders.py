"""``manage.py send_report_reminders``: run daily (cron) to remind bodies of their report.

A body whose report of an open period is not submitted gets an e-mail when the due date is
``--days`` days away, on the first day after it, and then every ``--every`` days.
The reminders are queued in the outbox and sent at the end of the run; any the mail server
refuses stay queued for ``send_queued_mail`` to retry.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from councils import notifications
from councils.models import AnnualReport, CollaborationBody, ReportingPeriod
from outbox.services import mail_send_pending


class Command(BaseCommand):
    help = "提出されていない年次報告について、期限前と期限後に地域協働体へメールを送ります（毎日実行）。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="期限の何日前に送るか")
        parser.add_argument("--every", type=int, default=7, help="期限後は何日ごとに送るか")

    def handle(self, *args, days, every, **options):
        today = timezone.localdate()
        queued = []
        for period in ReportingPeriod.objects.filter(opens_on__lte=today):
            left = period.days_left(today)
            overdue = left < 0
            if not (left == days or (overdue and (-left - 1) % every == 0)):
                continue
            submitted = AnnualReport.objects.filter(
                fiscal_year=period.fiscal_year, submitted_at__isnull=False
            ).values("body")
            for body in CollaborationBody.objects.active_in(period.fiscal_year).exclude(
                pk__in=submitted
            ):
                mail = notifications.report_reminder(body, period, overdue=overdue)
                if mail is not None:
                    queued.append(mail.pk)
        sent, failed = mail_send_pending(ids=queued)
        self.stdout.write(f"お知らせを{sent}通送りました。")
        if failed:
            self.stderr.write(
                f"{failed}通は送信できませんでした。send_queued_mail が送り直します"
                "（理由は管理画面の「送信メール」で確認できます）。"
            )
